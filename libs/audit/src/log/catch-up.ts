import type { EventStore } from '@ledger/eventstore';
import type { SqlMerkleLog } from './sql-merkle-log.ts';

/**
 * Brings the log up to the event store's head: every event after the last one logged becomes the
 * next leaf, in global order. Safe to run from several processes at once (appends are idempotent
 * by index). Returns the log size reached.
 */
export async function catchUpWithStore(log: SqlMerkleLog, store: Pick<EventStore, 'readAll'>, options: { batchSize?: number } = {}): Promise<number> {
  const batchSize = options.batchSize ?? 1000;
  for (;;) {
    const { size, lastPosition } = await log.resumePoint();
    const events = await store.readAll({ after: lastPosition, limit: batchSize });
    if (events.length === 0) return size;
    await log.appendEvents(size, events);
  }
}
