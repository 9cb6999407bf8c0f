import { type EventStore, executeCommand } from '@ledger/eventstore';
import { type Clock, type Logger, type PeriodicWork, periodicWork } from '@ledger/platform';
import { type ReadStore, everyDocument } from '@ledger/readstore';
import { complaintDecider, isOverdueAt } from './domain/index.ts';
import { type ComplaintDocument, complaintsCollection } from './projections/complaint-list.ts';
import { complaintStream } from './streams.ts';

/** `runOnce` records one overdue event for each complaint that is late now and not yet marked, and answers how many. */
export type DeadlineWatcher = PeriodicWork<number>;

/**
 * SPEC 3.7: finds complaints neither rejected nor closed, accepted or not, past the date in force (the
 * deadline as extended, or the commitment of an explanation) in the complaint list and records
 * ComplaintOverdue, once per missed date. The decider refuses a second mark, and the idempotency key (complaint and
 * deadline) makes two watchers racing on one complaint write one event.
 */
export function deadlineWatcher(deps: { store: EventStore; readStore: ReadStore; clock: Clock; logger: Logger }): DeadlineWatcher {
  const runOnce = async () => {
    const now = deps.clock.now().toISOString();
    const late = await everyDocument(deps.readStore.collection<ComplaintDocument>(complaintsCollection), {
      status: { $in: ['filed', 'accepted', 'found', 'appealed'] },
      dueAt: { $lte: now },
    });
    let marked = 0;
    for (const doc of late) {
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
    if (marked > 0) deps.logger.info({ marked }, 'deadline watcher marked overdue complaints');
    return marked;
  };
  return periodicWork('deadline watcher', runOnce, deps.logger);
}
