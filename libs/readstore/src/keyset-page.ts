import type { Collection, Document, Filter } from './port.ts';

/**
 * One page of a list route, in the default order (by id): at most `limit` documents after the id `after`, and `next`
 * (the last id shown) when more follow, which the caller passes as `after` for the next page. One more document than
 * the page is read to know whether more follow.
 */
export async function keysetPage<Doc extends Document>(collection: Collection<Doc>, filter: Filter, { after, limit }: { after?: string; limit: number }): Promise<{ items: Doc[]; next?: string }> {
  const found = await collection.find(filter, { limit: limit + 1, ...(after ? { afterId: after } : {}) });
  const items = found.slice(0, limit);
  return found.length > limit ? { items, next: items.at(-1)!.id } : { items };
}
