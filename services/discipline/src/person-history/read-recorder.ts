import type { NewEvent } from '@ledger/events';
import type { AppendResult, EventStore } from '@ledger/eventstore';

/** Appends recorded reads (SPEC 8) to the store, those of concurrent requests together. */
export interface ReadRecorder {
  /** Resolves once the read is committed (its own append, `any` version); rejects when it is not. */
  record(streamId: string, events: readonly NewEvent[]): Promise<AppendResult>;
}

interface Waiting {
  streamId: string;
  events: readonly NewEvent[];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The reads asked for during one turn of the event loop are handed to the store on the next turn (setImmediate),
 * all in the same synchronous step, so that the store's group commit writes them as one batch. Without the wait,
 * on embedded PGlite (whose statements run synchronously) a request goes from its socket to its answer without
 * giving the event loop back: each read was a commit of its own, written before the next request was even parsed
 * (issue 9: a history read at 16 clients cost one append and one projection write each). On PostgreSQL the wait
 * costs a turn of the loop; the reads of the other requests parsed in that turn join the batch.
 * Each caller still waits for its own append's commit: an answer is never given for a read not recorded.
 */
export function readRecorder(store: EventStore): ReadRecorder {
  let waiting: Waiting[] = [];
  let scheduled = false;
  const handOver = () => {
    scheduled = false;
    const batch = waiting;
    waiting = [];
    for (const read of batch) store.append(read.streamId, read.events, 'any').then(read.resolve, read.reject);
  };
  return {
    record(streamId, events) {
      const recorded = new Promise<AppendResult>((resolve, reject) => waiting.push({ streamId, events, resolve, reject }));
      if (!scheduled) {
        scheduled = true;
        setImmediate(handOver);
      }
      return recorded;
    },
  };
}
