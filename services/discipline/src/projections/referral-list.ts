import { type AppliedVersions, type Document, type Projection, type ReadStore, alreadyApplied, markApplied } from '@ledger/readstore';
import { type PersonEvent, type ReferralRecord, evolveLadder, initialLadderState } from '../domain/index.ts';

export const referralsCollection = 'discipline-referrals';

/** One referral as GET /v1/referrals lists it, and as the outcome route finds its person's stream. */
export interface ReferralDocument extends Document, AppliedVersions, ReferralRecord {
  /** The referral id. */
  id: string;
}

const handled = new Set<string>(['ReferralOpened', 'ReferralDecided']);

/** Every referral to the disciplinary inspection process (SPEC 4.7), by id; filters on person and status. */
export const referralListProjection: Projection = {
  name: 'discipline.referral-list',
  services: ['discipline'],
  eventTypes: [...handled],
  collections: [referralsCollection],
  async setup(store: ReadStore) {
    const referrals = store.collection(referralsCollection);
    for (const field of ['personId', 'status']) await referrals.ensureIndex(field);
  },
  async apply(event, store) {
    if (!handled.has(event.type)) return;
    const referrals = store.collection<ReferralDocument>(referralsCollection);
    const referralEvent = { type: event.type, data: event.data } as Extract<PersonEvent, { type: 'ReferralOpened' | 'ReferralDecided' }>;
    const existing = await referrals.get(referralEvent.data.referralId);
    if (alreadyApplied(existing, event)) return;
    // The ladder's own evolve, over this one referral: the list and the person history agree by construction.
    const state = evolveLadder({ ...initialLadderState, referrals: existing ? [existing] : [] }, referralEvent);
    const next = state.referrals.find((referral) => referral.referralId === referralEvent.data.referralId);
    if (next) await referrals.put(markApplied<ReferralDocument>({ ...next, id: next.referralId, ...(existing?._applied ? { _applied: existing._applied } : {}) }, event));
  },
};

/** A referral as the API shows it. */
export function referralView(doc: ReferralDocument): ReferralRecord {
  const { id: _id, _applied, ...referral } = doc;
  return referral;
}
