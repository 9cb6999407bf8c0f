import type { LedgerCalendar } from '@ledger/calendar';
import { type EventStore, executeCommand } from '@ledger/eventstore';
import { type Clock, type Logger, type PeriodicWork, periodicWork } from '@ledger/platform';
import { type ReadStore, everyDocument } from '@ledger/readstore';
import { badReviewDecider, itemDecider } from './domain/index.ts';
import { type BadReviewDocument, type RectificationDocument, badReviewsCollection, rectificationsCollection } from './projections/rectification-lists.ts';
import { catchUpCaseDeadline, catchUpItemDeadline } from './processors.ts';
import { badReviewStream, rectificationStream } from './streams.ts';

/** `runOnce` records one overdue event for each item and case late now and not yet marked, and answers how many. */
export type RectificationDeadlineWatcher = PeriodicWork<number>;

/**
 * SPEC 10, 11: an item not verified by its deadline, and a bad review not verified by its deadline, are overdue
 * once. The deciders refuse a second mark; the idempotency key makes two watchers racing write one event.
 */
export function rectificationDeadlineWatcher(deps: { store: EventStore; readStore: ReadStore; clock: Clock; logger: Logger; calendar: LedgerCalendar }): RectificationDeadlineWatcher {
  const context = { idempotencyKey: 'overdue', actor: 'service:rectification-deadline-watcher' };

  const runOnce = async () => {
    const now = deps.clock.now().toISOString();
    let marked = 0;
    const items = deps.readStore.collection<RectificationDocument>(rectificationsCollection);
    for (const doc of await everyDocument(items, { status: { $in: ['open', 'in-progress', 'completed'] }, overdue: false, deadline: { $lt: now } })) {
      // A deadline counted in working days may have been moved past now by a calendar recorded since it was set.
      if (doc.state.workingDays !== undefined) await catchUpItemDeadline(deps, doc.id, now);
      const result = await executeCommand(deps.store, rectificationStream(doc.id), itemDecider, { type: 'MarkOverdue', now }, context);
      if (result.ok && !result.replayed && result.events.length > 0) marked += 1;
    }
    const cases = deps.readStore.collection<BadReviewDocument>(badReviewsCollection);
    for (const doc of await everyDocument(cases, { status: 'open', overdue: false, verifyBy: { $lt: now } })) {
      // A calendar recorded since the case's deadline was set may have moved it past now.
      await catchUpCaseDeadline(deps, doc.id, now);
      const result = await executeCommand(deps.store, badReviewStream(doc.id), badReviewDecider, { type: 'MarkOverdue', now }, context);
      if (result.ok && !result.replayed && result.events.length > 0) marked += 1;
    }
    if (marked > 0) deps.logger.info({ marked }, 'rectification deadline watcher marked overdue items and cases');
    return marked;
  };
  return periodicWork('rectification deadline watcher', runOnce, deps.logger);
}
