import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON, fast for what a feed holds: plain objects, arrays, strings, finite numbers, booleans
 * and null (what JSON.parse gives). Keys sorted by UTF-16 code units, strings and numbers as ECMAScript's
 * JSON.stringify writes them, as RFC 8785 defines. Anything else (toJSON, boxed primitives, class instances,
 * undefined or function members, very deep nesting, which may be a cycle) goes to the reference implementation
 * (`canonicalize`) whole, so the two always answer the same text or the same error.
 */
export function canonicalJson(value: unknown): string | undefined {
  // Fastest: a copy with the keys inserted in canonical order, written by JSON.stringify (the same text for plain
  // data: RFC 8785 writes strings and numbers as it does); then the same text built piece by piece (objects with
  // integer-like keys, which engines order first); then the reference implementation.
  const copy = sortedCopy(value, 0);
  if (copy !== invalid) return JSON.stringify(copy);
  const text = plain(value, 0);
  return text === undefined ? canonicalize(value) : text;
}

const maxDepth = 64;

/** Copy of `value` with every object's keys inserted in canonical order, or undefined when not plain JSON data. */
function sortedCopy(value: unknown, depth: number): unknown {
  if (typeof value !== 'object') {
    if (typeof value === 'string') return value.isWellFormed() ? value : invalid;
    if (typeof value === 'number') return Number.isFinite(value) ? value : invalid;
    if (typeof value === 'boolean') return value;
    return invalid;
  }
  if (value === null) return null;
  if (depth >= maxDepth) return invalid;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return invalid;
    const copy: unknown[] = [];
    for (const element of value as unknown[]) {
      const item = sortedCopy(element, depth + 1);
      if (item === invalid) return invalid;
      copy.push(item);
    }
    return copy;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return invalid;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return invalid;
  const order = orderOf(Object.keys(value));
  if (order === undefined || !order.insertable) return invalid;
  const copy: Record<string, unknown> = {};
  for (const key of order.keys) {
    const member = sortedCopy((value as Record<string, unknown>)[key], depth + 1);
    if (member === invalid) return invalid;
    copy[key] = member;
  }
  return copy;
}
const invalid: unique symbol = Symbol('not plain JSON data');

/** The canonical text, or undefined when the value is not plain JSON data (the caller falls back). */
function plain(value: unknown, depth: number): string | undefined {
  switch (typeof value) {
    case 'string':
      if (!value.isWellFormed()) return undefined;
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : undefined;
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (value === null) return 'null';
      if (depth >= maxDepth) return undefined;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
        let text = '[';
        for (let i = 0; i < value.length; i++) {
          const item = plain(value[i], depth + 1);
          if (item === undefined) return undefined;
          text += i === 0 ? item : `,${item}`;
        }
        return `${text}]`;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return undefined;
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return undefined;
      const order = orderOf(Object.keys(value));
      if (order === undefined) return undefined;
      let text = '{';
      for (let i = 0; i < order.keys.length; i++) {
        const member = plain((value as Record<string, unknown>)[order.keys[i]!], depth + 1);
        if (member === undefined) return undefined;
        text += i === 0 ? `${order.quoted[i]}:${member}` : `,${order.quoted[i]}:${member}`;
      }
      return `${text}}`;
    }
    default:
      return undefined;
  }
}

/** An object's keys in canonical order, each also as its JSON text. */
interface KeyOrder {
  keys: string[];
  quoted: string[];
  /** Whether an object built by inserting `keys` in order keeps that order (no integer-like key, no `__proto__`). */
  insertable: boolean;
}

const integerLike = /^(?:0|[1-9]\d*)$/;

/** A node of the trie of key lists seen: the list that ends here has `order` (null: a key is not well-formed). */
interface Shape {
  next: Map<string, Shape>;
  order?: KeyOrder | null;
}

/**
 * The canonical order of a key list, remembered by the list: a feed has few shapes (every event has the same
 * envelope, every event of a type the same data), so sorting and quoting the keys is done once per shape. The
 * lists are looked up key by key in a trie (one Map lookup a key, on strings whose hash is already known), not by
 * a joined string, which cost an allocation and a hash per object (10 % of a verification, issue 9).
 */
let shapes: Shape = { next: new Map() };
let shapeNodes = 0;
const maxShapeNodes = 65_536;

function orderOf(keys: string[]): KeyOrder | undefined {
  let node = shapes;
  for (const key of keys) {
    let child = node.next.get(key);
    if (child === undefined) {
      if (++shapeNodes > maxShapeNodes) {
        shapes = { next: new Map() };
        shapeNodes = 0;
      }
      child = { next: new Map() };
      node.next.set(key, child);
    }
    node = child;
  }
  if (node.order === undefined) node.order = sortedOrder(keys);
  return node.order ?? undefined;
}

function sortedOrder(keys: string[]): KeyOrder | null {
  for (const key of keys) if (!key.isWellFormed()) return null;
  const sorted = keys.toSorted();
  return { keys: sorted, quoted: sorted.map((key) => JSON.stringify(key)), insertable: sorted.every((key) => key !== '__proto__' && !integerLike.test(key)) };
}
