import { readStoreContract } from '@ledger/testing';
import { describe, expect, it } from 'vitest';
import { compareCodePoints, memoryReadStore } from './memory-read-store.ts';

// The same behaviour as the jsonb and MongoDB adapters: a replay into memory reads back what it would read from them.
readStoreContract('in memory', async () => {
  const store = memoryReadStore();
  return { store, dispose: () => store.close() };
});

describe('the in-memory read store', () => {
  it('orders text by code point, as UTF-8 bytes do, where UTF-16 order differs (a surrogate against U+E000–U+FFFF)', () => {
    const texts = ['\u{1F600}', '\uFF21', 'a', 'é', '\uE000'];
    const byBytes = texts.toSorted((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
    expect(texts.toSorted(compareCodePoints)).toEqual(byBytes);
    expect(byBytes).not.toEqual(texts.toSorted());
  });

  it('refuses what jsonb refuses (NUL, a lone surrogate) and keeps a backslash followed by "u0000" as text', async () => {
    const documents = memoryReadStore().collection('texts');
    await expect(documents.put({ id: 'nul', text: 'a\u0000b' })).rejects.toThrow(/jsonb refuses/);
    await expect(documents.put({ id: 'lone', text: '\uD800' })).rejects.toThrow(/jsonb refuses/);
    await documents.put({ id: 'slash', text: '\\u0000 and \\ud800' });
    expect(await documents.get('slash')).toEqual({ id: 'slash', text: '\\u0000 and \\ud800' });
  });

  it('keeps an equality index up to date as documents change field, leave and come back', async () => {
    const documents = memoryReadStore().collection<{ id: string; status?: string }>('indexed');
    await documents.ensureIndex('status');
    await documents.putMany([{ id: 'a', status: 'open' }, { id: 'b', status: 'open' }, { id: 'c' }]);
    await documents.put({ id: 'a', status: 'closed' });
    await documents.delete('b');
    await documents.put({ id: 'c', status: 'open' });
    expect((await documents.find({ status: 'open' })).map((doc) => doc.id)).toEqual(['c']);
    expect(await documents.count({ status: { $in: ['open', 'closed'] } })).toBe(2);
    // An index made after the documents (on first use) knows them too.
    expect((await documents.find({ id: 'a' })).map((doc) => doc.status)).toEqual(['closed']);
  });
});
