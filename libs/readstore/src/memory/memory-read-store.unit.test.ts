import { readStoreContract } from '@ledger/testing';
import { describe, expect, it } from 'vitest';
import { type AppliedVersions, type Document, markApplied } from '../port.ts';
import { compareCodePoints, memoryReadStore } from './memory-read-store.ts';

// The same behaviour as the jsonb and MongoDB adapters: a replay into memory reads back what it would read from them.
readStoreContract('in memory', async () => {
  const store = memoryReadStore();
  return { store, dispose: () => store.close() };
});

// Frozen documents (the replay's target): the same contract, read back as the same frozen objects.
readStoreContract('in memory, frozen documents', async () => {
  const store = memoryReadStore('frozen');
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

  it('holds frozen documents exactly as a JSON round trip gives them back, refusing what jsonb refuses', async () => {
    const documents = memoryReadStore('frozen').collection('odd');
    const odd = {
      id: 'odd',
      gone: undefined,
      when: new Date('2026-03-01T01:02:03.004Z'),
      numbers: [1, -0, Number.NaN, Number.POSITIVE_INFINITY, undefined],
      nested: { deep: [{ a: 1, b: undefined }], map: new Map([['k', 1]]) },
      ['__proto__']: 'a member, not a prototype',
      plain: { kept: 'as it is', list: ['a', 'b'] },
    };
    const plain = odd.plain;
    await documents.put(odd);
    const held = await documents.get('odd');
    expect(JSON.stringify(held)).toBe(JSON.stringify(odd));
    expect(held).toEqual(JSON.parse(JSON.stringify(odd)));
    expect(Object.isFrozen(held) && Object.isFrozen((held as typeof odd).plain.list)).toBe(true);
    expect(await documents.get('odd')).toBe(held);
    await expect(documents.put({ id: 'nul', text: { deep: ['a\u0000b'] } })).rejects.toThrow(/jsonb refuses/);
    await expect(documents.put({ id: 'lone', when: new Date(0), text: '\uD800' })).rejects.toThrow(/jsonb refuses/);
    // A document built from one read back keeps the parts it did not change, and cannot be changed in place.
    const next = { ...(held as typeof odd), count: 1 };
    await documents.put(next);
    expect((await documents.get('odd') as typeof odd & { count: number }).count).toBe(1);
    expect(() => {
      (held as unknown as { plain: { kept: string } }).plain.kept = 'changed';
    }).toThrow(TypeError);
    expect(plain.kept).toBe('as it is');
    // What JSON changes in a document built from a held one is changed, whatever it shares.
    await documents.put({ ...next, extra: undefined, later: new Date(0), plain: { ...next.plain, list: [...next.plain.list, undefined] } });
    expect(await documents.get('odd')).toEqual({ ...JSON.parse(JSON.stringify(next)), later: '1970-01-01T00:00:00.000Z', plain: { kept: 'as it is', list: ['a', 'b', null] } });
  });

  it('holds a part two documents share as one object, and still changes what JSON changes in a part frozen elsewhere', async () => {
    const store = memoryReadStore('frozen');
    const shared = { status: 'closed', finding: { outcome: 'valid', departments: ['d-1'] } };
    await store.collection('list').put({ id: 'c-1', state: shared });
    await store.collection('facts').put({ id: 'c-1', closed: true, state: shared });
    const listed = (await store.collection<Document & { state: typeof shared }>('list').get('c-1'))!;
    const fact = (await store.collection<Document & { state: typeof shared }>('facts').get('c-1'))!;
    expect(fact.state).toBe(listed.state);
    expect(Object.isFrozen(fact.state.finding.departments)).toBe(true);
    // Frozen by its maker, never checked here: a frozen object is not taken as checked for being frozen.
    const frozenElsewhere = Object.freeze({ when: new Date(0), gone: undefined, count: -0 });
    await store.collection('facts').put({ id: 'c-2', part: frozenElsewhere });
    expect(await store.collection('facts').get('c-2')).toEqual({ id: 'c-2', part: { when: '1970-01-01T00:00:00.000Z', count: 0 } });
  });

  it("holds markApplied's tables (no prototype) checked as JSON but unfrozen, the rest of the document frozen", async () => {
    type Named = Document & AppliedVersions & { name: string };
    const documents = memoryReadStore('frozen').collection<Named>('applied');
    const tableOf = (doc: Named | undefined) => Reflect.get(doc ?? {}, '_applied') as Record<string, number>;
    await documents.put(markApplied<Named>({ id: 'a', name: 'first' }, { streamId: 'complaint-1', streamVersion: 1 }));
    const held = (await documents.get('a'))!;
    expect(JSON.parse(JSON.stringify(held))).toEqual({ id: 'a', name: 'first', ['_applied']: { 'complaint-1': 1 } });
    expect(Object.isFrozen(held) && !Object.isFrozen(tableOf(held))).toBe(true);
    // markApplied makes a new table: the held one stays as it was.
    await documents.put(markApplied(held, { streamId: 'complaint-1', streamVersion: 2 }));
    expect(tableOf(held)['complaint-1']).toBe(1);
    expect(tableOf(await documents.get('a'))['complaint-1']).toBe(2);
    // Checked as any other part: a stream id jsonb refuses is refused.
    await expect(documents.put(markApplied<Named>({ id: 'b', name: 'bad' }, { streamId: 'a\u0000b', streamVersion: 1 }))).rejects.toThrow(/jsonb refuses/);
    // A document holding a table is checked again when put elsewhere: its table may have changed since.
    const changedAfter = markApplied<Named>({ id: 'c', name: 'shared' }, { streamId: 'complaint-1', streamVersion: 1 });
    await documents.put(changedAfter);
    Reflect.set(tableOf(changedAfter), 'complaint-1', Number.NaN);
    const elsewhere = memoryReadStore('frozen').collection<Named>('applied');
    await elsewhere.put(changedAfter);
    expect(tableOf(await elsewhere.get('c'))['complaint-1']).toBeNull();
  });

  it("markApplied keeps every other stream's version, streams named like prototype members too, and leaves the old table as it was", () => {
    type Tracked = Document & AppliedVersions;
    let doc: Tracked = { id: 'p' };
    for (const [streamId, streamVersion] of [['complaint-1', 0], ['constructor', 3], ['__proto__', 2], ['complaint-1', 1]] as const) {
      doc = markApplied(doc, { streamId, streamVersion });
    }
    const tableOf = (tracked: Tracked) => Reflect.get(tracked, '_applied') as Record<string, number>;
    const before = tableOf(doc);
    const after = tableOf(markApplied(doc, { streamId: 'complaint-2', streamVersion: 5 }));
    expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse('{"complaint-1":1,"constructor":3,"__proto__":2,"complaint-2":5}'));
    expect(Object.getPrototypeOf(after)).toBeNull();
    expect(Object.keys(before)).toEqual(['complaint-1', 'constructor', '__proto__']);
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
