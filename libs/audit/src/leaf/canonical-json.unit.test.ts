import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.ts';

const answer = (encode: (value: unknown) => string | undefined, value: unknown) => {
  try {
    return { text: encode(value) };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

/** The fast encoder must answer exactly what the reference implementation answers, text or error. */
describe('canonical JSON', () => {
  const cases: Array<[string, unknown]> = [
    ['a feed event', { specversion: '1.0', id: 'x', position: 7, data: { b: [1, 2.5, -0, 1e21, 1e-7, 'é', '许可', null, true], a: { z: {}, y: [] } } }],
    ['keys in UTF-16 order, not code point order', { '\u{1F600}': 1, '\uFFFF': 2, é: 3, a: 4, A: 5, '': 6 }],
    ['escapes', { s: 'quote " backslash \\ newline \n tab \t nul \u0000 del \u007f ls \u2028' }],
    ['two objects of one shape and key order', [{ b: 1, a: 2 }, { b: 3, a: 4 }, { a: 5, b: 6 }]],
    ['undefined members and holes', { a: undefined, b: [undefined, () => 1], c: 1 }],
    ['toJSON and dates', { at: new Date(0), custom: { toJSON: () => ({ z: 1, a: 2 }) } }],
    ['boxed primitives', { n: Object(1), s: Object('s'), b: Object(false) }],
    ['a lone surrogate in a value', { s: 'bad \uD800 surrogate' }],
    ['a lone surrogate in a key', { ['\uDC00']: 1 }],
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['deep nesting', JSON.parse(`${'['.repeat(200)}1${']'.repeat(200)}`)],
    ['an object without a prototype', Object.assign(Object.create(null), { b: 1, a: 2 })],
  ];
  for (const [name, value] of cases) {
    it(`answers as the reference does: ${name}`, () => {
      expect(answer(canonicalJson, value)).toEqual(answer(canonicalize, value));
    });
  }

  it('answers as the reference does for a cycle (an error, not a stack overflow)', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/Circular/);
  });
});

describe('canonical JSON of objects whose keys an engine would reorder', () => {
  for (const [name, value] of [
    ['integer-like keys', { b: 1, '10': 2, '9': 3, a: 4, '01': 5 }],
    ['a __proto__ key', JSON.parse('{"z":1,"__proto__":{"x":1},"a":2}')],
  ] as Array<[string, unknown]>) {
    it(`answers as the reference does: ${name}`, () => {
      expect(canonicalJson(value)).toBe(canonicalize(value));
    });
  }
});
