import canonicalize from 'canonicalize';

/**
 * RFC 8785 canonical JSON, fast for what a feed holds: plain objects, arrays, strings, finite numbers, booleans
 * and null (what JSON.parse gives). Keys sorted by UTF-16 code units, strings and numbers as ECMAScript's
 * JSON.stringify writes them, as RFC 8785 defines. Anything else (toJSON, boxed primitives, class instances,
 * undefined or function members, very deep nesting, which may be a cycle) goes to the reference implementation
 * (`canonicalize`) whole, so the two always answer the same text or the same error.
 */
export function canonicalJson(value: unknown): string | undefined {
  const text = plain(value, 0);
  return text === undefined ? canonicalize(value) : text;
}

const maxDepth = 64;

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
}

/**
 * The canonical order of a key list, remembered by the list: a feed has few shapes (every event has the same
 * envelope, every event of a type the same data), so sorting and quoting the keys is done once per shape.
 */
const orders = new Map<string, KeyOrder>();
const maxOrders = 4096;

function orderOf(keys: string[]): KeyOrder | undefined {
  const shape = keys.join('\u0000');
  let order = orders.get(shape);
  if (order) return order;
  for (const key of keys) if (!key.isWellFormed()) return undefined;
  const sorted = keys.toSorted();
  order = { keys: sorted, quoted: sorted.map((key) => JSON.stringify(key)) };
  if (orders.size >= maxOrders) orders.clear();
  orders.set(shape, order);
  return order;
}
