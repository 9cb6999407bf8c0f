import { useEffect, useState } from 'react';
import { answer, api } from '../api/client.ts';
import { ApiError, type ProblemDetails } from '../api/problem.ts';
import { problemFromError } from '../shared/api-form.ts';
import { type Bulletin, type ShownBulletin, withCorrections } from './bulletin-corrections.ts';

export type { ShownBulletin } from './bulletin-corrections.ts';

const pageSize = 50;

export interface PublishedBulletins {
  /** Absent until the first page is read. */
  bulletins?: ShownBulletin[];
  /** Set while older bulletins follow the ones shown. */
  more: boolean;
  loading: boolean;
  problem?: ProblemDetails;
  /** Reads the next page of older bulletins. */
  loadMore(): Promise<void>;
}

const readPage = async (after?: string) =>
  answer('GET /v1/public/bulletins', await api.GET('/v1/public/bulletins', { params: { query: { order: 'newest', limit: pageSize, ...(after ? { after } : {}) } } }));

/** The published bulletins, newest first: one page, then older ones page by page on demand (`loadMore`). */
export function usePublishedBulletins(): PublishedBulletins {
  const [state, setState] = useState<{ read: Bulletin[]; loaded: boolean; next?: string; loading: boolean; problem?: ProblemDetails }>({ read: [], loaded: false, loading: true });
  useEffect(() => {
    let current = true;
    readPage().then(
      (page) => current && setState({ read: page.items, loaded: true, loading: false, ...(page.next ? { next: page.next } : {}) }),
      (error: unknown) => current && setState({ read: [], loaded: false, loading: false, problem: problemFromError(error) }),
    );
    return () => {
      current = false;
    };
  }, []);
  const loadMore = async () => {
    if (!state.next || state.loading) return;
    setState((before) => ({ ...before, loading: true }));
    try {
      const page = await readPage(state.next);
      setState((before) => {
        const { next: _read, problem: _gone, ...rest } = before;
        return { ...rest, read: [...before.read, ...page.items], loading: false, ...(page.next ? { next: page.next } : {}) };
      });
    } catch (error) {
      setState((before) => ({ ...before, loading: false, problem: problemFromError(error) }));
    }
  };
  return {
    ...(state.loaded ? { bulletins: withCorrections(state.read) } : {}),
    more: state.next !== undefined,
    loading: state.loading,
    ...(state.problem ? { problem: state.problem } : {}),
    loadMore,
  };
}

export interface OneBulletin {
  /** Absent while loading, and when the ledger has no such bulletin (`unknown`). */
  bulletin?: ShownBulletin;
  unknown?: boolean;
  /** The titles of the bulletins it corrects or is corrected by, for the links to them (an id until known). */
  titles: ReadonlyMap<string, string>;
  problem?: ProblemDetails;
}

const readBulletin = async (bulletinId: string) =>
  answer('GET /v1/public/bulletins/{bulletinId}', await api.GET('/v1/public/bulletins/{bulletinId}', { params: { path: { bulletinId } } }));

/** One published bulletin (`GET /v1/public/bulletins/{bulletinId}`), and the titles of the bulletins it links to. */
export function usePublishedBulletin(bulletinId: string): OneBulletin {
  const [state, setState] = useState<OneBulletin>({ titles: new Map() });
  useEffect(() => {
    let current = true;
    setState({ titles: new Map() });
    (async (): Promise<OneBulletin> => {
      let bulletin: Bulletin;
      try {
        bulletin = await readBulletin(bulletinId);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return { unknown: true, titles: new Map() };
        throw error;
      }
      const [shown] = withCorrections([bulletin]);
      const linked = [...(shown!.corrects ? [shown!.corrects] : []), ...shown!.correctedBy];
      // A linked bulletin that cannot be read is linked by its id.
      const titles = await Promise.all(linked.map((id) => readBulletin(id).then((other) => [id, other.title] as const, () => [id, id] as const)));
      return { bulletin: shown!, titles: new Map(titles) };
    })().then(
      (loaded) => current && setState(loaded),
      (error: unknown) => current && setState({ titles: new Map(), problem: problemFromError(error) }),
    );
    return () => {
      current = false;
    };
  }, [bulletinId]);
  return state;
}
