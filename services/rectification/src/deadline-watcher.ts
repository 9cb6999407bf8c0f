import type { LedgerCalendar } from '@ledger/calendar';
import { type EventStore, executeCommand } from '@ledger/eventstore';
import type { Clock, Logger } from '@ledger/platform';
import type { ReadStore } from '@ledger/readstore';
import { badReviewDecider, itemDecider } from './domain/index.ts';
import { type BadReviewDocument, type RectificationDocument, badReviewsCollection, rectificationsCollection } from './projections/rectification-lists.ts';
import { catchUpCaseDeadline } from './processors.ts';
import { badReviewStream, rectificationStream } from './streams.ts';

export interface RectificationDeadlineWatcher {
  /** Records one overdue event for each item and case late now and not yet marked; returns how many. */
  runOnce(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

const page = 200;

/**
 * SPEC 10, 11: an item not verified by its deadline, and a bad review not verified by its deadline, are overdue
 * once. The deciders refuse a second mark; the idempotency key makes two watchers racing write one event.
 */
export function rectificationDeadlineWatcher(deps: { store: EventStore; readStore: ReadStore; clock: Clock; logger: Logger; calendar: LedgerCalendar }): RectificationDeadlineWatcher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const context = { idempotencyKey: 'overdue', actor: 'service:rectification-deadline-watcher' };

  const runOnce = async () => {
    const now = deps.clock.now().toISOString();
    let marked = 0;
    const items = deps.readStore.collection<RectificationDocument>(rectificationsCollection);
    for (let afterId: string | undefined; ; ) {
      const found = await items.find({ status: { $in: ['open', 'in-progress', 'completed'] }, overdue: false, deadline: { $lt: now } }, { limit: page, ...(afterId ? { afterId } : {}) });
      for (const doc of found) {
        const result = await executeCommand(deps.store, rectificationStream(doc.id), itemDecider, { type: 'MarkOverdue', now }, context);
        if (result.ok && !result.replayed && result.events.length > 0) marked += 1;
      }
      if (found.length < page) break;
      afterId = found.at(-1)!.id;
    }
    const cases = deps.readStore.collection<BadReviewDocument>(badReviewsCollection);
    for (let afterId: string | undefined; ; ) {
      const found = await cases.find({ status: 'open', overdue: false, verifyBy: { $lt: now } }, { limit: page, ...(afterId ? { afterId } : {}) });
      for (const doc of found) {
        // A calendar recorded since the case's deadline was set may have moved it past now.
        await catchUpCaseDeadline(deps, doc.id, now);
        const result = await executeCommand(deps.store, badReviewStream(doc.id), badReviewDecider, { type: 'MarkOverdue', now }, context);
        if (result.ok && !result.replayed && result.events.length > 0) marked += 1;
      }
      if (found.length < page) break;
      afterId = found.at(-1)!.id;
    }
    if (marked > 0) deps.logger.info({ marked }, 'rectification deadline watcher marked overdue items and cases');
    return marked;
  };

  return {
    runOnce,
    start(intervalMs) {
      timer = setInterval(() => {
        running = runOnce().catch((error: unknown) => deps.logger.error({ err: error }, 'rectification deadline watcher failed; will retry'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
