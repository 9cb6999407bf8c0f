import type { paths } from '../api/schema';

export type Bulletin = paths['/v1/public/bulletins']['get']['responses'][200]['content']['application/json']['items'][number];

/** A published bulletin with the later bulletins that correct it (published bulletins never change, SPEC 12). */
export interface ShownBulletin extends Omit<Bulletin, 'correctedBy'> {
  correctedBy: string[];
}

/**
 * Every bulletin's corrections: the ledger's `correctedBy`, and the `corrects` of the bulletins on the page (a list
 * fetched before the ledger's projection caught up still shows a correction it holds).
 */
export function withCorrections(bulletins: readonly Bulletin[]): ShownBulletin[] {
  const corrections = new Map<string, Set<string>>();
  const note = (corrected: string, by: string) => corrections.set(corrected, (corrections.get(corrected) ?? new Set()).add(by));
  for (const bulletin of bulletins) {
    if (bulletin.corrects) note(bulletin.corrects, bulletin.bulletinId);
    for (const by of bulletin.correctedBy ?? []) note(bulletin.bulletinId, by);
  }
  return bulletins.map((bulletin) => ({ ...bulletin, correctedBy: [...(corrections.get(bulletin.bulletinId) ?? [])] }));
}
