import type { RecordedEvent } from '@ledger/events';
import { loadStream } from './command-handler.ts';
import type { EventStore } from './port.ts';

export interface StreamStateCache<State> {
  /** The stream's state as the store holds it now: an append recorded by any process before this call is seen. */
  stateOf(streamId: string): Promise<State>;
}

interface Checked<State> {
  state: State;
  /** The stream's version the state was folded from. */
  version: number;
  /** The count of appends to watched streams seen when the read began (sole-writer stores only). */
  generation: number;
}

/**
 * Keeps the folded state of streams whose ids start with `streamPrefix` (keys, departments, people: read on every
 * request, seldom written), so that a request does not read and fold the stream each time (issue 9), while a change
 * still holds from the next request on, whichever process recorded it:
 * - on a store this process alone writes to (embedded PGlite), the store tells of every append before it answers
 *   (EventStore.watchAppends): a state is kept until an append to a watched stream, and a hit asks the store nothing;
 * - elsewhere (PostgreSQL or EventStoreDB shared by processes), each call asks the store for the stream's version
 *   only (an index probe) and reads the stream again when it moved.
 * At most `maxEntries` states are kept (the oldest kept goes first).
 */
export function streamStateCache<State>(
  store: EventStore,
  options: { streamPrefix: string; fold: (events: RecordedEvent[]) => State; maxEntries?: number },
): StreamStateCache<State> {
  const { streamPrefix, fold } = options;
  const maxEntries = options.maxEntries ?? 10_000;
  const checked = new Map<string, Checked<State>>();
  /** Appends to watched streams so far: a read that began before one is not kept (it may predate that append). */
  let generation = 0;
  const watching = store.watchAppends?.((streamIds) => {
    for (const streamId of streamIds) {
      if (!streamId.startsWith(streamPrefix)) continue;
      generation += 1;
      checked.delete(streamId);
    }
  });

  const keep = (streamId: string, entry: Checked<State>) => {
    checked.delete(streamId);
    if (checked.size >= maxEntries) checked.delete(checked.keys().next().value!);
    checked.set(streamId, entry);
  };

  const read = async (streamId: string): Promise<State> => {
    const began = generation;
    const events = await loadStream(store, streamId);
    const state = fold(events);
    if (!watching || generation === began) keep(streamId, { state, version: events.at(-1)?.streamVersion ?? -1, generation: began });
    return state;
  };

  return {
    async stateOf(streamId) {
      if (!streamId.startsWith(streamPrefix)) throw new Error(`stream ${streamId} is not one of ${streamPrefix}*`);
      const cached = checked.get(streamId);
      if (watching) return cached && cached.generation === generation ? cached.state : read(streamId);
      const version = await store.streamVersion(streamId);
      return cached && cached.version === version ? cached.state : read(streamId);
    },
  };
}
