import type { paths } from '../api/schema';

export type Bulletin = paths['/v1/public/bulletins']['get']['responses'][200]['content']['application/json']['items'][number];

/** A published bulletin with the later bulletins that correct it (published bulletins never change, SPEC 12). */
export interface ShownBulletin extends Bulletin {
  correctedBy: string[];
}

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
