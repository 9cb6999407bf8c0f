import { useCallback, useEffect, useState } from 'react';
import type { ProblemDetails } from '../api/problem.ts';
import { problemFromError } from './api-form.ts';

export interface ListPage<Item> {
  items: Item[];
  next?: string;
}

/** Which page to fetch: the overdue records (`overdue: true`) or the others, after a cursor, so many at a time. */
export interface PageRequest {
  overdue: boolean;
  after?: string;
  limit: number;
}

interface OverdueFirstListOptions<Item> {
  /** One page of the list; a new function (new filters) loads the list anew. */
  fetchPage(request: PageRequest): Promise<ListPage<Item>>;
  idOf(item: Item): string;
  /** When an overdue record fell due: the overdue ones are shown earliest first. */
  dueOf(item: Item): string;
  /** Only the overdue records, without the others. */
  overdueOnly: boolean | undefined;
  /** More to load once the list is in (the same load: its problem is the list's problem). */
  afterLoad?(shown: readonly Item[]): Promise<void>;
}

const pageSize = 50;
/** Overdue records are all loaded at once (they are what a desk is for); this many a call. */
const overduePageSize = 500;

/**
 * A desk's list (complaints, rectification items): the overdue records first, all of them, earliest due first; then
 * the others page by page (`loadMore` while `next` is set). A record overdue and also among the others shows once.
 */
export function useOverdueFirstList<Item>({ fetchPage, idOf, dueOf, overdueOnly, afterLoad }: OverdueFirstListOptions<Item>) {
  const [overdue, setOverdue] = useState<Item[]>([]);
  const [others, setOthers] = useState<Item[]>([]);
  const [next, setNext] = useState<string | undefined>();
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<ProblemDetails | undefined>();

  const load = useCallback(async () => {
    setLoading(true);
    setProblem(undefined);
    try {
      const late: Item[] = [];
      for (let after: string | undefined; ; ) {
        const page = await fetchPage({ overdue: true, limit: overduePageSize, ...(after ? { after } : {}) });
        late.push(...page.items);
        if (!page.next) break;
        after = page.next;
      }
      // Both parts are set together, so the list shows once, whole, rather than the overdue part first.
      const page = overdueOnly ? { items: [] } : await fetchPage({ overdue: false, limit: pageSize });
      setOverdue(late);
      setOthers(page.items);
      setNext(page.next);
      const shown = [...late, ...page.items];
      await afterLoad?.(shown);
    } catch (error) {
      setProblem(problemFromError(error));
    } finally {
      setLoading(false);
    }
  }, [fetchPage, overdueOnly, afterLoad]);

  const loadMore = async () => {
    if (!next) return;
    try {
      const page = await fetchPage({ overdue: false, limit: pageSize, after: next });
      setOthers((shown) => [...shown, ...page.items]);
      setNext(page.next);
    } catch (error) {
      setProblem(problemFromError(error));
    }
  };

  useEffect(() => {
    void load();
  }, [load]);

  const lateIds = new Set(overdue.map(idOf));
  const rows = [...overdue.toSorted((a, b) => Date.parse(dueOf(a)) - Date.parse(dueOf(b))), ...others.filter((item) => !lateIds.has(idOf(item)))];
  return { rows, next, loading, problem, load, loadMore };
}
