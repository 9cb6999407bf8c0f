import { type RecordedEvent, complaintEvents } from '@ledger/events';
import { type AppliedVersions, type Document, type Filter, type Projection, type ReadStore, alreadyApplied, appliedVersionsWith } from '@ledger/readstore';
import { instantMs, utcInstant } from '@ledger/rules-kit';
import type { ComplaintState } from '../domain/index.ts';
import { complaintStreamPrefix } from '../streams.ts';
import { foldComplaintEvent } from './complaint-fold.ts';

export const complaintFactsCollection = 'complaint_statistics_facts';

/**
 * One complaint as SPEC 12's statistics count it, filed under its department, channel and receipt instant.
 * A complaint counts in the local month it was received (as it counts in the year it was received, SPEC 4): the
 * route turns a local month into its instants with the ledger's calendar, so the facts need no zone and stay
 * right across a recorded zone change. Counting facts at read time keeps the model idempotent under redelivery.
 */
export interface ComplaintFact extends Document, AppliedVersions {
  id: string;
  departmentId: string;
  channel: string;
  /** UTC ISO text, so that a local month's range compares as text. */
  receivedAt: string;
  accepted: boolean;
  rejected: boolean;
  closed: boolean;
  closedOnTime: boolean;
  /** Marked overdue at least once (a reopen's fresh deadline does not undo it). */
  overdue: boolean;
  /** The rating counted: the complainant's own (SPEC 3.5), else the call-back's recorded with the close. */
  rating?: number;
  /** 1 when the rating counted is 4 or 5, else 0; absent without a rating. */
  satisfied?: number;
  state: ComplaintState;
}

// Every complaint event but the erasure of personal data, which changes no count.
const eventTypes: readonly string[] = complaintEvents.map((definition) => definition.type).filter((type) => type !== 'ComplainantDataErased');

/** The fact of a complaint after `event`, the event marked applied. */
function factOf(id: string, state: ComplaintState, earlier: ComplaintFact | undefined, event: RecordedEvent): ComplaintFact {
  const closed = state.closedAt !== undefined;
  // On time: before the deadline as extended (SPEC 3.2), which is due at the first instant after its last day.
  // A commitment made once overdue (SPEC 3.7) does not make the close on time.
  const due = state.extendedDueAt ?? state.dueAt;
  const closedOnTime = closed && due !== undefined && instantMs(state.closedAt!) < instantMs(due);
  const rating = state.complainantRating?.satisfaction ?? state.satisfaction;
  return {
    id,
    departmentId: state.departmentId,
    channel: state.channel,
    receivedAt: utcInstant(state.receivedAt),
    accepted: state.acceptedAt !== undefined,
    rejected: state.status === 'rejected',
    closed,
    closedOnTime,
    overdue: (earlier?.overdue ?? false) || event.type === 'ComplaintOverdue',
    ...(rating === undefined ? {} : { rating, satisfied: rating >= 4 ? 1 : 0 }),
    state,
    _applied: appliedVersionsWith(earlier?._applied, event),
  };
}

/** SPEC 12 complaint statistics per department, channel and month: one fact per complaint. */
export const complaintStatisticsProjection: Projection = {
  name: 'complaints.statistics',
  services: ['complaints'],
  eventTypes: [...eventTypes],
  collections: [complaintFactsCollection],
  async setup(store: ReadStore) {
    const facts = store.collection(complaintFactsCollection);
    for (const field of ['departmentId', 'channel', 'receivedAt']) await facts.ensureIndex(field);
  },
  documentsOf: (event) =>
    event.streamId.startsWith(complaintStreamPrefix) && eventTypes.includes(event.type)
      ? [{ collection: complaintFactsCollection, id: event.streamId.slice(complaintStreamPrefix.length) }]
      : [],
  async apply(event, store) {
    // Erasures and any other type leave the facts as they are (the replay offers every type of the service).
    if (!event.streamId.startsWith(complaintStreamPrefix) || !eventTypes.includes(event.type)) return;
    const facts = store.collection<ComplaintFact>(complaintFactsCollection);
    const id = event.streamId.slice(complaintStreamPrefix.length);
    const existing = await facts.get(id);
    if (alreadyApplied(existing, event)) return;
    const state = foldComplaintEvent(existing?.state, event);
    if (!state) return;
    await facts.put(factOf(id, state, existing, event));
  },
};

export interface ComplaintStatistics {
  received: number;
  accepted: number;
  rejected: number;
  closed: number;
  closedOnTime: number;
  overdue: number;
  /** closed / accepted; null without an accepted complaint. */
  completionRate: number | null;
  /** closed on time / closed; null without a closed complaint. */
  onTimeRate: number | null;
  /** Ratings 4-5 over all ratings; null without a rating. */
  satisfactionRate: number | null;
  meanSatisfaction: number | null;
  ratings: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** The counts of the complaints received in `[start, end)` (a local month's instants), of a department and channel when given. */
export async function complaintStatistics(
  store: ReadStore,
  scope: { departmentId?: string; channel?: string; period?: { start: string; end: string } },
): Promise<ComplaintStatistics> {
  const facts = store.collection<ComplaintFact>(complaintFactsCollection);
  const filter: Filter = {
    ...(scope.departmentId ? { departmentId: scope.departmentId } : {}),
    ...(scope.channel ? { channel: scope.channel } : {}),
    ...(scope.period ? { receivedAt: { $gte: new Date(scope.period.start).toISOString(), $lt: new Date(scope.period.end).toISOString() } } : {}),
  };
  const count = (extra: Filter = {}) => facts.count({ ...filter, ...extra });
  const [received, accepted, rejected, closed, closedOnTime, overdue, satisfied, rated] = await Promise.all([
    count(),
    count({ accepted: true }),
    count({ rejected: true }),
    count({ closed: true }),
    count({ closedOnTime: true }),
    count({ overdue: true }),
    count({ satisfied: 1 }),
    facts.find({ ...filter, rating: { $exists: true } }, { limit: 1_000_000 }),
  ]);
  const sum = rated.reduce((total, fact) => total + (fact.rating ?? 0), 0);
  return {
    received,
    accepted,
    rejected,
    closed,
    closedOnTime,
    overdue,
    completionRate: ratio(closed, accepted),
    onTimeRate: ratio(closedOnTime, closed),
    satisfactionRate: ratio(satisfied, rated.length),
    meanSatisfaction: ratio(sum, rated.length),
    ratings: rated.length,
  };
}
