import { checkedField } from '../field-name.ts';
import type { Filter } from '../port.ts';
import { storedKey } from './stored-keys.ts';

/**
 * Translates the port's filters and sorts into MongoDB queries with the semantics of the jsonb adapter,
 * which differ from MongoDB's own in two ways that matter:
 * - a scalar condition never matches an array field (MongoDB would match arrays holding the value);
 * - comparisons are bracketed by type: a number compares with numbers, anything else as text with strings.
 */
export type MongoQuery = Record<string, unknown>;

export function storedField(field: string): string {
  const checked = checkedField(field);
  return checked === 'id' ? '_id' : storedKey(checked, true);
}

const notArray = (field: string): MongoQuery => ({ [field]: { $not: { $type: 'array' } } });
const isArray = (field: string): MongoQuery => ({ [field]: { $type: 'array' } });
const ranges = new Set(['$lt', '$lte', '$gt', '$gte']);

function clausesOf(field: string, operator: string, value: unknown): MongoQuery[] {
  if (operator === '$eq') return [{ [field]: value }, notArray(field)];
  if (operator === '$in') return [{ [field]: { $in: value } }, notArray(field)];
  if (operator === '$exists') return [{ [field]: { $exists: Boolean(value) } }];
  if (operator === '$ne') {
    // "Not null" means present and not null; "not v" keeps missing fields and arrays, as `is distinct from` does.
    const scalarOtherThanValue = value === null ? { [field]: { $exists: true, $not: { $type: 'null' } } } : { [field]: { $ne: value } };
    return [{ $or: [scalarOtherThanValue, isArray(field)] }];
  }
  if (ranges.has(operator)) {
    return [{ [field]: { [operator]: typeof value === 'number' ? value : String(value) } }, notArray(field)];
  }
  throw new Error(`read store: unsupported operator ${operator}`);
}

export function queryOf(filter: Filter, afterId?: string): MongoQuery {
  const clauses: MongoQuery[] = [];
  for (const [field, condition] of Object.entries(filter)) {
    const stored = storedField(field);
    const conditions: Array<[string, unknown]> =
      condition !== null && typeof condition === 'object' ? Object.entries(condition) : [['$eq', condition]];
    for (const [operator, value] of conditions) clauses.push(...clausesOf(stored, operator, value));
  }
  if (afterId !== undefined) clauses.push({ _id: { $gt: afterId } });
  return clauses.length === 0 ? {} : { $and: clauses };
}

/**
 * MongoDB orders mixed types by its own type order (null first, then numbers, strings, objects, …); the
 * jsonb adapter puts numbers first, then every other value by its text, then null and missing fields last.
 * A sorted find therefore reads these brackets one after the other (in reverse for descending order),
 * each sorted by the field and then by id. Within the middle brackets strings come before booleans,
 * objects and arrays, where jsonb would interleave them by their text.
 */
export function sortBrackets(field: string, direction: 'asc' | 'desc'): MongoQuery[] {
  const ascending = [
    { $and: [{ [field]: { $type: 'number' } }, notArray(field)] },
    { $and: [{ [field]: { $type: 'string' } }, notArray(field)] },
    { $or: [isArray(field), { [field]: { $type: ['bool', 'object'] } }] },
    { $and: [{ [field]: null }, notArray(field)] },
  ];
  return direction === 'asc' ? ascending : ascending.toReversed();
}
