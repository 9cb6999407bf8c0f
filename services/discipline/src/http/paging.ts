import { safeText } from '@ledger/events';
import { z } from 'zod';

/** Keyset paging of list routes: `limit` items after the id `after`; `next` is the `after` of the next page. */
export const pagingQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  after: safeText().min(1).max(600).optional(),
};

export function pageOf<Doc extends { id: string }, Item>(found: readonly Doc[], limit: number, view: (doc: Doc) => Item): { items: Item[]; next?: string } {
  const items = found.slice(0, limit);
  return { items: items.map(view), ...(found.length > limit ? { next: items.at(-1)!.id } : {}) };
}
