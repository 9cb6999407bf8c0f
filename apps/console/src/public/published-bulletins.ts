import { useEffect, useState } from 'react';
import { type Answer, answer, api } from '../api/client.ts';
import type { ProblemDetails } from '../api/problem.ts';
import { problemFromError } from '../shared/api-form.ts';

export type Bulletin = Answer<'GET /v1/public/bulletins'>['items'][number];

/** A published bulletin with the later bulletins that correct it (published bulletins never change, SPEC 12). */
export interface ShownBulletin extends Bulletin {
  correctedBy: string[];
}

const pageSize = 200;
/** 5,000 bulletins, years of them; the pages come oldest first, so past that the newest are missing (a later round pages from the newest). */
const maxPages = 25;

/** `correctedBy` as the ledger may send it (one id or a list); older ledgers do not, and the list gives it anyway. */
function sentCorrectedBy(bulletin: Bulletin): string[] {
  const sent = (bulletin as Bulletin & { correctedBy?: unknown }).correctedBy;
  if (typeof sent === 'string') return [sent];
  return Array.isArray(sent) ? sent.filter((id): id is string => typeof id === 'string') : [];
}

/** Every bulletin's corrections, from what the ledger sends and from the `corrects` of the bulletins themselves. */
export function withCorrections(bulletins: readonly Bulletin[]): ShownBulletin[] {
  const corrections = new Map<string, Set<string>>();
  const note = (corrected: string, by: string) => corrections.set(corrected, (corrections.get(corrected) ?? new Set()).add(by));
  for (const bulletin of bulletins) {
    if (bulletin.corrects) note(bulletin.corrects, bulletin.bulletinId);
    for (const by of sentCorrectedBy(bulletin)) note(bulletin.bulletinId, by);
  }
  return bulletins.map((bulletin) => ({ ...bulletin, correctedBy: [...(corrections.get(bulletin.bulletinId) ?? [])] }));
}

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
