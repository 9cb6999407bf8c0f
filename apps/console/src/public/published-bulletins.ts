import { useEffect, useState } from 'react';
import { answer, api } from '../api/client.ts';
import { ApiError, type ProblemDetails } from '../api/problem.ts';
import { problemFromError } from '../shared/api-form.ts';
import { type Bulletin, type ShownBulletin, withCorrections } from './bulletin-corrections.ts';

export type { ShownBulletin } from './bulletin-corrections.ts';

const pageSize = 200;
/** 5,000 bulletins, years of them; the pages come oldest first, so past that the newest are missing (a later round pages from the newest). */
const maxPages = 25;

/** The published bulletins, newest first, page after page as the API gives them (oldest first). */
export function usePublishedBulletins(): { bulletins?: ShownBulletin[]; problem?: ProblemDetails } {
  const [state, setState] = useState<{ bulletins?: ShownBulletin[]; problem?: ProblemDetails }>({});
  useEffect(() => {
    let current = true;
    (async () => {
      const all: Bulletin[] = [];
      let after: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const answered = answer(
          'GET /v1/public/bulletins',
          await api.GET('/v1/public/bulletins', { params: { query: { limit: pageSize, ...(after ? { after } : {}) } } }),
        );
        all.push(...answered.items);
        after = answered.next;
        if (!after) break;
      }
      return withCorrections(all).toReversed();
    })().then(
      (bulletins) => current && setState({ bulletins }),
      (error: unknown) => current && setState({ problem: problemFromError(error) }),
    );
    return () => {
      current = false;
    };
  }, []);
  return state;
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
