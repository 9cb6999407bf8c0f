import { type EventStore, executeCommand } from '@ledger/eventstore';
import type { Clock, Logger } from '@ledger/platform';
import type { ReadStore } from '@ledger/readstore';
import { complaintDecider, isOverdueAt } from './domain/index.ts';
import { type ComplaintDocument, complaintsCollection } from './projections/complaint-list.ts';
import { complaintStream } from './streams.ts';

export interface DeadlineWatcher {
  /** Records one overdue event for each complaint that is late now and not yet marked; returns how many. */
  runOnce(): Promise<number>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

/**
 * SPEC 3.7: finds complaints neither rejected nor closed, accepted or not, past the date in force (the
 * deadline as extended, or the commitment of an explanation) in the complaint list and records
 * ComplaintOverdue, once per missed date. The decider refuses a second mark, and the idempotency key (complaint and
 * deadline) makes two watchers racing on one complaint write one event.
 */
export function deadlineWatcher(deps: { store: EventStore; readStore: ReadStore; clock: Clock; logger: Logger }): DeadlineWatcher {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const runOnce = async () => {
    const now = deps.clock.now().toISOString();
    const complaints = deps.readStore.collection<ComplaintDocument>(complaintsCollection);
    let marked = 0;
    let afterId: string | undefined;
    for (;;) {
      const page = await complaints.find(
        { status: { $in: ['filed', 'accepted', 'found', 'appealed'] }, dueAt: { $lte: now } },
        { limit: 200, ...(afterId ? { afterId } : {}) },
      );
      for (const doc of page) {
        if (doc.state.overdue || !isOverdueAt(doc.state, now)) continue;
        const result = await executeCommand(
          deps.store,
          complaintStream(doc.id),
          complaintDecider,
          { type: 'MarkOverdue', now, at: now },
          { idempotencyKey: `overdue:${doc.dueAt}`, actor: 'service:deadline-watcher' },
        );
        if (result.ok && !result.replayed && result.events.length > 0) marked += 1;
      }
      if (page.length < 200) break;
      afterId = page.at(-1)!.id;
    }
    if (marked > 0) deps.logger.info({ marked }, 'deadline watcher marked overdue complaints');
    return marked;
  };

  return {
    runOnce,
    start(intervalMs) {
      timer = setInterval(() => {
        running = runOnce().catch((error: unknown) => deps.logger.error({ err: error }, 'deadline watcher failed; will retry'));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
