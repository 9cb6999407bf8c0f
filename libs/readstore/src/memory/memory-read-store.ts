import { checkedField } from '../field-name.ts';
import { frozenJson, refusedEscape } from './frozen-json.ts';
import type { Collection, Document, FieldCondition, Filter, FindOptions, ReadStore } from '../port.ts';

type Scalar = string | number | boolean | null;

/**
 * Code-point order of two strings: the byte order of their UTF-8 (collation "C" on PostgreSQL, MongoDB's binary
 * order), which differs from JavaScript's UTF-16 order only where a surrogate meets U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x - y;
  }
  return a.length - b.length;
}

/** JSON equality as jsonb has it for the scalars a filter names: same type, same value; a scalar never equals an array. */
const sameScalar = (value: unknown, scalar: Scalar) => value === scalar;

/** `doc->>'field'` on PostgreSQL: a string as it is, null and missing as SQL NULL, anything else as jsonb text. */
function fieldText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value !== 'object') return String(value);
  return jsonbText(value);
}

/** jsonb's output form: object keys shorter first, then by bytes; ", " and ": " between items. */
function jsonbText(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => jsonbText(item)).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).toSorted((a, b) => Buffer.byteLength(a) - Buffer.byteLength(b) || compareCodePoints(a, b));
    return `{${keys.map((key) => `${JSON.stringify(key)}: ${jsonbText((value as Record<string, unknown>)[key])}`).join(', ')}}`;
  }
  return JSON.stringify(value);
}

/** One condition of a filter on a field's value (undefined when missing), with the jsonb adapter's meaning. */
function matchesCondition(value: unknown, present: boolean, condition: FieldCondition): boolean {
  if (condition === null || typeof condition !== 'object') {
    return condition === null ? value === undefined || value === null : sameScalar(value, condition);
  }
  for (const [operator, operand] of Object.entries(condition)) {
    switch (operator) {
      case '$eq':
        if (!matchesCondition(value, present, operand as Scalar)) return false;
        break;
      case '$ne':
        // Null and missing are one value to equality, so "not null" means present and not null.
        if (operand === null ? value === undefined || value === null : present && sameScalar(value, operand as Scalar)) return false;
        break;
      case '$in': {
        const list = operand as Scalar[];
        if (!(value === undefined ? list.includes(null) : list.some((item) => sameScalar(value, item)))) return false;
        break;
      }
      case '$exists':
        if (present !== Boolean(operand)) return false;
        break;
      case '$lt':
      case '$lte':
      case '$gt':
      case '$gte': {
        // Within a type only: a number with numbers, anything else as text with strings (by code point).
        let order: number;
        if (typeof operand === 'number') {
          if (typeof value !== 'number') return false;
          order = value - operand;
        } else {
          if (typeof value !== 'string') return false;
          order = compareCodePoints(value, String(operand));
        }
        const kept = operator === '$lt' ? order < 0 : operator === '$lte' ? order <= 0 : operator === '$gt' ? order > 0 : order >= 0;
        if (!kept) return false;
        break;
      }
      default:
        throw new Error(`read store: unsupported operator ${operator}`);
    }
  }
  return true;
}

/** The key of a scalar in an equality index; undefined for what no equality filter on a scalar can match. */
const indexKey = (value: unknown): string | undefined =>
  typeof value === 'string' ? `s${value}` : typeof value === 'number' ? `n${value}` : typeof value === 'boolean' ? `b${value}` : undefined;


/** An equality index of one field: the ids of each scalar key, and the key each id is filed under. */
interface EqualityIndex {
  ids: Map<string, Set<string>>;
  keyOf: Map<string, string>;
}

/**
 * How the documents are held. `copies`: as JSON text, each read a fresh copy (a caller may change what it reads).
 * `frozen`: as deep-frozen objects that every read hands out as they are, with what a JSON round trip would make
 * of them (see frozenJson); a caller that changes one fails loudly instead of changing the store.
 */
export type MemoryDocuments = 'copies' | 'frozen';

/** A document as held: its JSON text, or (frozen) the object itself. */
type Held = string | Document;

class MemoryCollection<Doc extends Document> implements Collection<Doc> {
  readonly name: string;
  /** Every document as it is held. */
  readonly documents = new Map<string, Held>();
  /** Documents held as text, parsed for a query, kept until they change: a collection nobody queries is never parsed. */
  private readonly values = new Map<string, Record<string, unknown>>();
  private readonly frozen: boolean;
  /** Field → its equality index: for every field an equality filter named or `ensureIndex` asked for. */
  private readonly indexes = new Map<string, EqualityIndex>();
  /** Ids written since the indexes were last brought up to date (at the next query). */
  private readonly unindexed = new Set<string>();
  /** Every id in code-point order, kept until an id comes or goes. */
  private sortedIds: string[] | undefined;

  constructor(name: string, held: MemoryDocuments) {
    this.name = name;
    this.frozen = held === 'frozen';
  }

  async get(id: string): Promise<Doc | undefined> {
    const held = this.documents.get(id);
    return held === undefined ? undefined : this.handedOut(held);
  }

  /** What a read hands out of a held document: a parsed copy, or the frozen object. */
  private handedOut(held: Held): Doc {
    return (typeof held === 'string' ? JSON.parse(held) : held) as Doc;
  }

  async put(doc: Doc): Promise<void> {
    this.store(doc);
  }

  async putMany(docs: Doc[]): Promise<void> {
    for (const doc of docs) this.store(doc);
  }

  /** Stores what a database adapter would read back of a document (no undefined fields, dates as text). */
  private store(doc: Document): void {
    const before = this.documents.get(doc.id);
    let held: Held;
    if (this.frozen) held = frozenJson(doc, before as Document | undefined, this.name);
    else {
      held = JSON.stringify(doc);
      if (held.includes('\\u') && refusedEscape.test(held)) throw new Error(`read store: ${this.name}/${doc.id} holds a character jsonb refuses (NUL or a lone surrogate)`);
    }
    if (before === undefined) this.sortedIds = undefined;
    this.documents.set(doc.id, held);
    this.changed(doc.id);
  }

  private changed(id: string): void {
    // Frozen documents are their own parsed values.
    if (!this.frozen) this.values.delete(id);
    if (this.indexes.size > 0) this.unindexed.add(id);
  }

  /** Forgets every document (and what the indexes know of them). */
  clear(): void {
    this.documents.clear();
    this.values.clear();
    this.unindexed.clear();
    for (const index of this.indexes.values()) {
      index.ids.clear();
      index.keyOf.clear();
    }
    this.sortedIds = undefined;
  }

  async delete(id: string): Promise<void> {
    if (!this.documents.delete(id)) return;
    this.sortedIds = undefined;
    this.changed(id);
  }

  private valueOf(id: string): Record<string, unknown> {
    const held = this.documents.get(id)!;
    if (typeof held !== 'string') return held;
    let value = this.values.get(id);
    if (value === undefined) this.values.set(id, (value = JSON.parse(held) as Record<string, unknown>));
    return value;
  }

  /** Files the documents written since the last query under their keys in every index. */
  private reindex(): void {
    for (const id of this.unindexed) {
      const value = this.documents.has(id) ? this.valueOf(id) : undefined;
      for (const [field, index] of this.indexes) {
        const before = index.keyOf.get(id);
        const after = value === undefined ? undefined : indexKey(value[field]);
        if (before === after) continue;
        if (before !== undefined) index.ids.get(before)!.delete(id);
        if (after === undefined) index.keyOf.delete(id);
        else {
          index.keyOf.set(id, after);
          addTo(index.ids, after, id);
        }
      }
    }
    this.unindexed.clear();
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<Doc[]> {
    const limit = options.limit ?? 100;
    const conditions = this.conditionsOf(filter);
    const sort = options.sort ? { field: checkedField(options.sort.field), descending: options.sort.direction === 'desc' } : undefined;
    if (limit <= 0) return [];
    const afterId = options.afterId;
    const found: string[] = [];
    if (sort === undefined) {
      const candidates = this.candidates(conditions);
      if (candidates === undefined) {
        // The whole collection in id order: from the first id past `afterId`, until the page is full.
        const ids = this.idsInOrder();
        for (let i = afterId === undefined ? 0 : firstAfter(ids, afterId); i < ids.length && found.length < limit; i++) {
          if (conditions.length === 0 || matches(this.valueOf(ids[i]!), conditions)) found.push(ids[i]!);
        }
      } else {
        const ids = [...candidates].filter((id) => afterId === undefined || compareCodePoints(id, afterId) > 0).toSorted(compareCodePoints);
        for (const id of ids) {
          if (found.length >= limit) break;
          if (matches(this.valueOf(id), conditions)) found.push(id);
        }
      }
    } else {
      for (const id of this.candidates(conditions) ?? this.documents.keys()) {
        if (afterId !== undefined && compareCodePoints(id, afterId) <= 0) continue;
        if (matches(this.valueOf(id), conditions)) found.push(id);
      }
      found.sort((a, b) => compareBy(this.valueOf(a)[sort.field], this.valueOf(b)[sort.field], sort.descending) || compareCodePoints(a, b));
      found.length = Math.min(found.length, limit);
    }
    return found.map((id) => this.handedOut(this.documents.get(id)!));
  }

  async count(filter: Filter = {}): Promise<number> {
    const conditions = this.conditionsOf(filter);
    if (conditions.length === 0) return this.documents.size;
    let count = 0;
    for (const id of this.candidates(conditions) ?? this.documents.keys()) if (matches(this.valueOf(id), conditions)) count += 1;
    return count;
  }

  async ensureIndex(field: string): Promise<void> {
    this.indexOf(checkedField(field));
  }

  private conditionsOf(filter: Filter): Array<[string, FieldCondition]> {
    return Object.entries(filter).map(([field, condition]) => [checkedField(field), condition]);
  }

  /**
   * The ids a filter can match, from the equality index of its first field compared with a scalar (made on first
   * use, so that no read model's query walks the whole collection per event); undefined when none narrows it.
   */
  private candidates(conditions: ReadonlyArray<[string, FieldCondition]>): Iterable<string> | undefined {
    for (const [field, condition] of conditions) {
      const key = condition !== null && typeof condition === 'object' ? undefined : indexKey(condition);
      if (key !== undefined) return this.indexOf(field).ids.get(key) ?? [];
      if (condition !== null && typeof condition === 'object' && Array.isArray(condition.$in) && !condition.$in.includes(null)) {
        const keys = condition.$in.map(indexKey);
        if (keys.every((each) => each !== undefined)) {
          const index = this.indexOf(field);
          return new Set(keys.flatMap((each) => [...(index.ids.get(each!) ?? [])]));
        }
      }
    }
    return undefined;
  }

  /** The field's index, brought up to date (made from every document on first use). */
  private indexOf(field: string): EqualityIndex {
    this.reindex();
    let index = this.indexes.get(field);
    if (index) return index;
    index = { ids: new Map(), keyOf: new Map() };
    for (const id of this.documents.keys()) {
      const key = indexKey(this.valueOf(id)[field]);
      if (key === undefined) continue;
      index.keyOf.set(id, key);
      addTo(index.ids, key, id);
    }
    this.indexes.set(field, index);
    return index;
  }

  private idsInOrder(): string[] {
    this.sortedIds ??= [...this.documents.keys()].toSorted(compareCodePoints);
    return this.sortedIds;
  }
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}

function matches(value: Record<string, unknown>, conditions: ReadonlyArray<[string, FieldCondition]>): boolean {
  for (const [field, condition] of conditions) {
    if (!matchesCondition(value[field], Object.hasOwn(value, field), condition)) return false;
  }
  return true;
}

/** The first index of `ids` (sorted) whose id comes after `afterId`. */
function firstAfter(ids: readonly string[], afterId: string): number {
  let low = 0;
  let high = ids.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareCodePoints(ids[middle]!, afterId) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The jsonb adapter's sort: numbers by value, then everything else by its text (code points), null and missing
 * last; all of it reversed when descending (so null and missing first). Ties go to the caller (by id).
 */
function compareBy(a: unknown, b: unknown, descending: boolean): number {
  const numberA = typeof a === 'number' ? a : undefined;
  const numberB = typeof b === 'number' ? b : undefined;
  const direction = descending ? -1 : 1;
  if (numberA !== undefined || numberB !== undefined) {
    if (numberA === undefined) return direction;
    if (numberB === undefined) return -direction;
    return (numberA - numberB) * direction;
  }
  const textA = fieldText(a);
  const textB = fieldText(b);
  if (textA === undefined || textB === undefined) return textA === textB ? 0 : textA === undefined ? direction : -direction;
  return compareCodePoints(textA, textB) * direction;
}

/**
 * Read models held in this process's memory, with the jsonb adapter's meaning for every filter, sort and page,
 * and the same JSON round trip (a document read back is what JSON keeps of it: a fresh copy, or with `'frozen'` the
 * same deep-frozen object each time). For a store that lives as long as one job and is thrown away after, such as
 * the auditor's replay target: nothing to boot, no statement to run. Equality filters use an index per field, made
 * on first use.
 */
export class MemoryReadStore implements ReadStore {
  private readonly held = new Map<string, MemoryCollection<Document>>();
  private readonly documents: MemoryDocuments;

  constructor(documents: MemoryDocuments = 'copies') {
    this.documents = documents;
  }

  collection<Doc extends Document = Document>(name: string): Collection<Doc> {
    let collection = this.held.get(name);
    if (!collection) this.held.set(name, (collection = new MemoryCollection(name, this.documents)));
    return collection as unknown as Collection<Doc>;
  }

  async collections(): Promise<string[]> {
    return [...this.held.values()]
      .filter((collection) => collection.documents.size > 0)
      .map((collection) => collection.name)
      .toSorted(compareCodePoints);
  }

  async drop(names: readonly string[]): Promise<void> {
    for (const name of names) this.held.get(name)?.clear();
  }

  async close(): Promise<void> {
    this.held.clear();
  }
}

export const memoryReadStore = (documents: MemoryDocuments = 'copies'): MemoryReadStore => new MemoryReadStore(documents);
