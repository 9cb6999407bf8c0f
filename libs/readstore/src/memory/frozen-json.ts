/** A string jsonb stores: no NUL, no lone surrogate (the database adapters refuse both, so this store does too). */
const storable = (text: string) => !text.includes('\u0000') && text.isWellFormed();

/**
 * The same, in JSON text: characters jsonb refuses (NUL, a lone surrogate) as `JSON.stringify` escapes them. Only an
 * escape preceded by an even number of backslashes is one.
 */
export const refusedEscape = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f])/i;

/** Thrown from deep inside a document; `frozenJson` names the document (made only then, not on every put). */
class RefusedText extends Error {}

function refuse(): never {
  throw new RefusedText();
}

/** A scalar as a JSON round trip gives it back, or `changed` when it gives back something else (or nothing). */
const changed = Symbol('changed by JSON');

const plainPrototype = (prototype: unknown) => prototype === Object.prototype || prototype === null;

function sameScalar(value: unknown): unknown {
  switch (typeof value) {
    case 'string':
      return storable(value) ? value : refuse();
    case 'number':
      // -0 comes back as 0, NaN and the infinities as null.
      return Number.isFinite(value) && !Object.is(value, -0) ? value : changed;
    case 'boolean':
      return value;
    default:
      return value === null ? null : changed;
  }
}

/**
 * True when JSON gives the object back as it is: a plain object (or array) of such values, no undefined field, no
 * `toJSON`, no `__proto__` key. Freezes it (and what it holds) when so, since it is then held as it is.
 * `before` is the object at the same place in the document this one replaces: held already, so taken as it is.
 */
function freezeIfPlain(value: object, before: unknown): boolean {
  if (value === before || (Object.isFrozen(value) && checkedLately(value))) return true;
  const array = Array.isArray(value);
  // Without a prototype too (markApplied's `_applied`): JSON writes it as any object, and reads see the same fields.
  if (!array && !plainPrototype(Object.getPrototypeOf(value))) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const keys = Object.keys(value);
  if (array && keys.length !== (value as unknown[]).length) return false;
  const beforeFields = before !== null && typeof before === 'object' ? (before as Record<string, unknown>) : undefined;
  const unfrozenTablesBefore = unfrozenTablesMet;
  for (const key of keys) {
    const field = (value as Record<string, unknown>)[key];
    // The same value under the same key as in the held document: checked when that was put.
    if (beforeFields !== undefined && field === beforeFields[key] && field !== undefined && Object.hasOwn(beforeFields, key)) continue;
    if (!array && (key === '__proto__' || !storable(key))) return false;
    if (field !== null && typeof field === 'object') {
      if (!freezeIfPlain(field, beforeFields?.[key])) return false;
    } else if (sameScalar(field) === changed) return false;
  }
  // An object without a prototype is a `_applied` table (markApplied, appliedVersionsWith), written only there, which
  // always make a new one. V8 holds such an object as a dictionary, and freezing a dictionary makes a hidden class for
  // that one object: it was a seventh of a replay's CPU (issue 9). It is held as it is, checked but not frozen.
  if (array || Object.getPrototypeOf(value) !== null) {
    Object.freeze(value);
    // Only an object with no unfrozen table inside is remembered: a table could change after this check.
    if (unfrozenTablesMet === unfrozenTablesBefore) remember(value);
  } else unfrozenTablesMet++;
  return true;
}

/** How many unfrozen tables (objects without a prototype) the walks have passed: a change within a walk means one is inside. */
let unfrozenTablesMet = 0;

/**
 * The objects this module checked and froze last, whatever document they went into. Read models that share a part
 * put it twice in a row: the complaint list and the statistics put the one complaint state both fold (complaint-fold),
 * and the second walk of it was over a quarter of the keys walked (issue 9). Frozen, such an object is still what was
 * checked, so it is taken as it is. A few suffice (what one event's models put), and they cost the collector nothing:
 * a ring, not a weak set of every object held.
 */
const lately: object[] = [];
const latelySize = 16;
let latelyNext = 0;

function remember(value: object): void {
  lately[latelyNext] = value;
  latelyNext = (latelyNext + 1) % latelySize;
}

function checkedLately(value: object): boolean {
  for (let i = 0; i < lately.length; i++) if (lately[i] === value) return true;
  return false;
}

/** What `JSON.parse(JSON.stringify(value))` answers, deep-frozen (the slow way: only for what JSON changes). */
function roundTripCopy(value: unknown): unknown {
  const json = JSON.stringify(value);
  if (json.includes('\\u') && refusedEscape.test(json)) refuse();
  return deepFreeze(JSON.parse(json));
}

function deepFreeze(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  for (const field of Object.values(value)) deepFreeze(field);
  return Object.freeze(value);
}

/**
 * What `JSON.parse(JSON.stringify(doc))` answers, deep-frozen, for the in-memory store's frozen documents. A document
 * that JSON would give back as it is (plain objects and arrays of strings, finite numbers, booleans and null), as
 * read models build them, is frozen in place and held as it is, with no copy: the parts it shares with the
 * document it replaces (`{ ...existing, count: 1 }`) are not even walked. Anything else (an undefined field, a
 * date, a class instance) goes through the JSON text. The caller must not change a document after it put it;
 * frozen, it cannot (nor the plain parts of one that went through the text: they may be frozen already), except
 * for the objects without a prototype in it (`_applied` tables), which are left unfrozen (see freezeIfPlain).
 */
export function frozenJson<Doc extends { id: string }>(doc: Doc, before: Doc | undefined, collection: string): Doc {
  try {
    if (freezeIfPlain(doc, before)) return doc;
    return roundTripCopy(doc) as Doc;
  } catch (error) {
    if (error instanceof RefusedText) throw new Error(`read store: ${collection}/${doc.id} holds a character jsonb refuses (NUL or a lone surrogate)`, { cause: error });
    throw error;
  }
}
