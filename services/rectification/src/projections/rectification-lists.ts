import type { BadReviewEvent, RectificationItemEvent, RecordedEvent } from '@ledger/events';
import { type AppliedVersions, type Document, type Projection, type ReadStore, alreadyApplied, markApplied } from '@ledger/readstore';
import { type BadReviewState, type ItemState, badReviewDecider, itemDecider } from '../domain/index.ts';
import { badReviewStreamPrefix, rectificationStreamPrefix } from '../streams.ts';

export const rectificationsCollection = 'rectification-items';
export const badReviewsCollection = 'rectification-bad-reviews';

/** One step of an item's or a case's history, as GET by id shows it. */
interface HistoryStep {
  type: string;
  at: string;
  [field: string]: unknown;
}

/** One rectification item as lists, statistics and the deadline watcher need it; `state` is the decider's fold. */
export interface RectificationDocument extends Document, AppliedVersions {
  id: string;
  departmentId: string;
  status: ItemState['status'];
  sourceKind: string;
  /** Instants in UTC so that range filters compare them as text. */
  deadline: string;
  openedAt: string;
  overdue: boolean;
  problem: string;
  measure: string;
  target: string;
  verifiedAt?: string;
  verifiedOnTime?: boolean;
  state: ItemState;
  history: HistoryStep[];
}

export interface BadReviewDocument extends Document, AppliedVersions {
  id: string;
  departmentId: string;
  status: BadReviewState['status'];
  verifyBy: string;
  ratedAt: string;
  overdue: boolean;
  state: BadReviewState;
  history: HistoryStep[];
}

const utc = (instant: string) => new Date(instant).toISOString();
const step = (event: RecordedEvent): HistoryStep => {
  const { at, issuedAt, ...rest } = event.data as { at?: string; issuedAt?: string };
  return { type: event.type, at: at ?? issuedAt ?? event.recordedAt, ...rest };
};

/**
 * Rectification items and bad-review cases (SPEC 10, 11): GET /v1/rectifications, /v1/bad-reviews, the
 * statistics per department, and the deadline watcher. Rebuilt by replay from the service's own events.
 */
export const rectificationListsProjection: Projection = {
  name: 'rectification.lists',
  services: ['rectification'],
  eventTypes: [
    'RectificationOpened',
    'RectificationProgressed',
    'RectificationCompleted',
    'RectificationVerified',
    'RectificationSentBack',
    'RectificationOverdue',
    'RectificationDeadlineMoved',
    'EfficiencyWarningIssued',
    'BadReviewOpened',
    'BadReviewVerified',
    'BadReviewRectified',
    'BadReviewCalledBack',
    'BadReviewOverdue',
    'BadReviewDeadlineMoved',
  ],
  collections: [rectificationsCollection, badReviewsCollection],
  async setup(store: ReadStore) {
    const items = store.collection(rectificationsCollection);
    for (const field of ['departmentId', 'status', 'sourceKind', 'deadline', 'overdue']) await items.ensureIndex(field);
    const cases = store.collection(badReviewsCollection);
    for (const field of ['departmentId', 'status', 'verifyBy', 'overdue']) await cases.ensureIndex(field);
  },
  // The item or case of the event's stream: a batch reads those of all its events at once.
  documentsOf: (event) =>
    event.streamId.startsWith(rectificationStreamPrefix)
      ? [{ collection: rectificationsCollection, id: event.streamId.slice(rectificationStreamPrefix.length) }]
      : event.streamId.startsWith(badReviewStreamPrefix)
        ? [{ collection: badReviewsCollection, id: event.streamId.slice(badReviewStreamPrefix.length) }]
        : [],
  async apply(event, store) {
    if (event.streamId.startsWith(rectificationStreamPrefix)) await applyItem(event, store);
    else if (event.streamId.startsWith(badReviewStreamPrefix)) await applyCase(event, store);
  },
};

async function applyItem(event: RecordedEvent, store: ReadStore) {
  const items = store.collection<RectificationDocument>(rectificationsCollection);
  const id = event.streamId.slice(rectificationStreamPrefix.length);
  const existing = await items.get(id);
  if (alreadyApplied(existing, event)) return;
  const domainEvent = { type: event.type, data: event.data } as RectificationItemEvent;
  const state = itemDecider.evolve(existing?.state, domainEvent);
  if (!state) return;
  const opened = domainEvent.type === 'RectificationOpened' ? domainEvent.data : undefined;
  const verified = domainEvent.type === 'RectificationVerified' ? domainEvent.data : undefined;
  await items.put(
    markApplied(
      {
        id,
        departmentId: state.departmentId,
        status: state.status,
        sourceKind: state.source.kind,
        deadline: utc(state.deadline),
        openedAt: state.openedAt,
        overdue: state.overdue,
        problem: opened?.problem ?? existing!.problem,
        measure: opened?.measure ?? existing!.measure,
        target: opened?.target ?? existing!.target,
        ...(verified ? { verifiedAt: verified.at, verifiedOnTime: verified.onTime } : existing?.verifiedAt ? { verifiedAt: existing.verifiedAt, verifiedOnTime: existing.verifiedOnTime! } : {}),
        state,
        history: [...(existing?.history ?? []), step(event)],
        ...(existing?._applied ? { _applied: existing._applied } : {}),
      },
      event,
    ),
  );
}

async function applyCase(event: RecordedEvent, store: ReadStore) {
  const cases = store.collection<BadReviewDocument>(badReviewsCollection);
  const id = event.streamId.slice(badReviewStreamPrefix.length);
  const existing = await cases.get(id);
  if (alreadyApplied(existing, event)) return;
  const state = badReviewDecider.evolve(existing?.state, { type: event.type, data: event.data } as BadReviewEvent);
  if (!state) return;
  await cases.put(
    markApplied(
      {
        id,
        departmentId: state.departmentId,
        status: state.status,
        verifyBy: utc(state.verifyBy),
        ratedAt: state.ratedAt,
        overdue: state.overdue,
        state,
        history: [...(existing?.history ?? []), step(event)],
        ...(existing?._applied ? { _applied: existing._applied } : {}),
      },
      event,
    ),
  );
}
