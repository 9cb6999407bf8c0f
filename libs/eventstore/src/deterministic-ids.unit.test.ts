import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { deterministicId } from './deterministic-ids.ts';

describe('deterministicId', () => {
  it('is the UUID v5 of the parts joined, in the ledger namespace, for every kind of text', () => {
    const names = [[''], ['complaint', 'clerk-1', 'call-0001'], ['complainant', '5f0c…'], ['王伟', '住房保障局'], ['emoji 🎉', 'é', '\u0000'], ['a'.repeat(5000)]];
    for (const parts of names) expect(deterministicId(...parts)).toBe(uuidv5(parts.join('\u001f'), '6f1b0c1e-52a4-4d4e-9a55-3d4a9c1f7e10'));
  });

  it('gives the same id for the same parts, another for other parts', () => {
    expect(deterministicId('x', 'y')).toBe(deterministicId('x', 'y'));
    expect(deterministicId('x', 'y')).not.toBe(deterministicId('xy'));
    expect(deterministicId('x', 'y')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('refuses a name with a lone surrogate, as the package does, rather than give it the id of U+FFFD', () => {
    for (const name of ['\uD800', 'a\uDC00b']) {
      expect(() => uuidv5(name, '6f1b0c1e-52a4-4d4e-9a55-3d4a9c1f7e10')).toThrow(URIError);
      expect(() => deterministicId(name)).toThrow(URIError);
    }
    expect(deterministicId('\uFFFD')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
