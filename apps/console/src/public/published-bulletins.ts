import { useEffect, useState } from 'react';
import { answer, api } from '../api/client.ts';
import type { ProblemDetails } from '../api/problem.ts';
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
