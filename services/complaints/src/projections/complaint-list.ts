import { complaintEvents } from '@ledger/events';
import { type AppliedVersions, type Document, type Projection, type ReadStore, alreadyApplied, appliedVersionsWith } from '@ledger/readstore';
import { utcInstant } from '@ledger/rules-kit';
import { type ComplaintState, type ComplaintStatus, dueInForce } from '../domain/index.ts';
import { complaintStreamPrefix } from '../streams.ts';
import { foldComplaintEvent } from './complaint-fold.ts';

export const complaintsCollection = 'complaints';

/** One complaint as lists and look-ups need it; `state` is the decider's own fold, kept whole. */
export interface ComplaintDocument extends Document, AppliedVersions {
  id: string;
  /** The keyed digest of the tracking code (SPEC 8): /v1/track finds the complaint by it. */
  trackingCodeDigest: string;
  status: ComplaintStatus;
  departmentId: string;
  /** The person the complaint is against: the finding's responsible person, else the respondent named at filing. */
  personId?: string;
  receivedAt: string;
  /** The date to meet now (the commitment, else the extended deadline, else the deadline), in UTC. */
  dueAt?: string;
  complainantRef?: string;
  state: ComplaintState;
}

/** Complaints by department, person, status, deadline and tracking code (GET /v1/complaints, /v1/track, the deadline watcher). */
export const complaintListProjection: Projection = {
  name: 'complaints.complaint-list',
  services: ['complaints'],
  // Every complaint event is folded into its complaint (each marks the document applied).
  eventTypes: complaintEvents.map((definition) => definition.type),
  collections: [complaintsCollection],
  async setup(store: ReadStore) {
    const complaints = store.collection(complaintsCollection);
    for (const field of ['trackingCodeDigest', 'departmentId', 'personId', 'status', 'dueAt', 'complainantRef']) await complaints.ensureIndex(field);
  },
  documentsOf: (event) =>
    event.streamId.startsWith(complaintStreamPrefix) ? [{ collection: complaintsCollection, id: event.streamId.slice(complaintStreamPrefix.length) }] : [],
  async apply(event, store) {
    if (!event.streamId.startsWith(complaintStreamPrefix)) return;
    const complaints = store.collection<ComplaintDocument>(complaintsCollection);
    const id = event.streamId.slice(complaintStreamPrefix.length);
    const existing = await complaints.get(id);
    if (alreadyApplied(existing, event)) return;
    const state = foldComplaintEvent(existing?.state, event);
    if (!state) return;
    const personId = state.finding?.personId ?? state.personId;
    const due = dueInForce(state);
    await complaints.put({
      id,
      trackingCodeDigest: state.trackingCodeDigest,
      status: state.status,
      departmentId: state.departmentId,
      ...(personId ? { personId } : {}),
      // Instants in UTC so that range filters compare them as text (callers may give any offset).
      receivedAt: utcInstant(state.receivedAt),
      ...(due ? { dueAt: utcInstant(due) } : {}),
      ...(state.complainant ? { complainantRef: state.complainant.complainantRef } : {}),
      state,
      _applied: appliedVersionsWith(existing?._applied, event),
    });
  },
};
