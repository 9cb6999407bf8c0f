import { type AppliedVersions, type Document, type Projection, type ReadStore, alreadyApplied, markApplied } from '@ledger/readstore';
import { type SanctionEvent, type SanctionRecord, evolveSanction } from '../domain/index.ts';

export const sanctionsCollection = 'discipline-sanctions';

/** One sanction as GET /v1/sanctions lists it, and as the carry-out route finds its person's stream. */
export interface SanctionDocument extends Document, AppliedVersions, SanctionRecord {
  /** The sanction id. */
  id: string;
}
const handled = new Set<string>(['SanctionDecided', 'SanctionCarriedOut', 'SanctionRescinded', 'SanctionSupportChanged']);

/** Every sanction with its status, by id; filters on person and status. */
export const sanctionListProjection: Projection = {
  name: 'discipline.sanction-list',
  services: ['discipline'],
  eventTypes: [...handled],
  collections: [sanctionsCollection],
  async setup(store: ReadStore) {
    const sanctions = store.collection(sanctionsCollection);
    for (const field of ['personId', 'status']) await sanctions.ensureIndex(field);
  },
  async apply(event, store) {
    if (!handled.has(event.type)) return;
    const sanctions = store.collection<SanctionDocument>(sanctionsCollection);
    const sanctionEvent = { type: event.type, data: event.data } as SanctionEvent;
    const existing = await sanctions.get(sanctionEvent.data.sanctionId);
    if (alreadyApplied(existing, event)) return;
    const next = evolveSanction(existing, sanctionEvent);
    if (next) await sanctions.put(markApplied<SanctionDocument>({ id: next.sanctionId, ...next }, event));
  },
};

/** A sanction as the API shows it. */
export function sanctionView(doc: SanctionDocument) {
  const { id: _id, _applied, rescinded, ...sanction } = doc;
  return { ...sanction, ...(rescinded ? { rescindedReason: rescinded.reason, rescindedAt: rescinded.at } : {}) };
}
