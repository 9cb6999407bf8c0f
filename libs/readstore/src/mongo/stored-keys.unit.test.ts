import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromStored, storedKey, toStored } from './stored-keys.ts';

const jsonObject = fc.dictionary(fc.string(), fc.jsonValue()).map((fields) => JSON.parse(JSON.stringify(fields)) as Record<string, unknown>);

describe('keys as MongoDB stores them', () => {
  it('gives back every JSON document it stored, whatever its keys', () => {
    fc.assert(
      fc.property(fc.string(), jsonObject, (id, fields) => {
        const doc = { ...fields, id };
        expect(fromStored(toStored(doc))).toEqual(doc);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a key named __proto__ as a key', () => {
    const doc = JSON.parse('{"id":"p","m":{"__proto__":{"polluted":true}}}') as { id: string };
    const back = fromStored<{ m: object }>(toStored(doc));
    expect(Object.keys(back.m)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stores no key MongoDB would read as a path, an operator or the primary key', () => {
    fc.assert(
      fc.property(fc.string(), fc.boolean(), (key, topLevel) => {
        const stored = storedKey(key, topLevel);
        expect(stored).not.toMatch(/[.\0]|^\$/);
        if (topLevel) expect(stored).not.toBe('_id');
      }),
    );
  });

  it('leaves plain identifiers alone, so that filters can name them', () => {
    expect(storedKey('departmentId', true)).toBe('departmentId');
    expect(storedKey('_applied', true)).toBe('_applied');
    expect(storedKey('_id', false)).toBe('_id');
    expect(toStored({ id: 'a', x: { 'a.b': 1, $set: 2, '%': 3 } })).toEqual({ _id: 'a', x: { 'a%2Eb': 1, '%24set': 2, '%25': 3 } });
  });
});
