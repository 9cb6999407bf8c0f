import type { Collection, Document, Filter } from './port.ts';

/**
 * One page of a list route by id: at most `limit` documents after the id `after` in the page's direction (ascending
 * by default; descending reads the last ids first), and `next` (the last id shown) when more follow, which the caller
 * passes as `after` for the next page in the same direction. One more document than the page is read to know whether
 * more follow.
 */
export async function keysetPage<Doc extends Document>(
  collection: Collection<Doc>,
  filter: Filter,
  { after, limit, direction = 'asc' }: { after?: string; limit: number; direction?: 'asc' | 'desc' },
): Promise<{ items: Doc[]; next?: string }> {
  const found =
    direction === 'desc'
      ? await collection.find(after ? { ...filter, id: { $lt: after } } : filter, { limit: limit + 1, sort: { field: 'id', direction: 'desc' } })
      : await collection.find(filter, { limit: limit + 1, ...(after ? { afterId: after } : {}) });
  const items = found.slice(0, limit);
  return found.length > limit ? { items, next: items.at(-1)!.id } : { items };
}
