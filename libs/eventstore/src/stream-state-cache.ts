import type { RecordedEvent } from '@ledger/events';
import { loadStream } from './command-handler.ts';
import type { EventStore } from './port.ts';
import { type StreamChanges, streamChangeProbe } from './stream-change-probe.ts';

export interface StreamStateCache<State> {
  /** The stream's state as the store holds it now: an append recorded by any process before this call is seen. */
  stateOf(streamId: string): Promise<State>;
}

interface Checked<State> {
  state: State;
  /** The stream's version the state was folded from. */
  version: number;
  /** The count of changes to watched streams seen when the read began (sole-writer stores and probed ones). */
  generation: number;
}

/**
 * Keeps the folded state of streams whose ids start with `streamPrefix` (keys, departments, people: read on every
 * request, seldom written), so that a request does not read and fold the stream each time (issue 9), while a change
 * still holds from the next request on, whichever process recorded it:
 * - on a store this process alone writes to (embedded PGlite), the store tells of every append before it answers
 *   (EventStore.watchAppends): a state is kept until an append to a watched stream, and a hit asks the store nothing;
 * - on a store shared by processes that tells what changed since a position (PostgreSQL: EventStore.streamChanges),
 *   the one probe of the store (streamChangeProbe) tells every cache on it which of its streams changed: a call waits
 *   for a probe begun after the call (or the request it serves) began, shared by every cache and concurrent call;
 * - elsewhere (EventStoreDB), each call asks the store for the stream's version only and reads the stream again when
 *   it moved.
 * At most `maxEntries` states are kept (the oldest kept goes first).
 */
export function streamStateCache<State>(
  store: EventStore,
  options: { streamPrefix: string; fold: (events: RecordedEvent[]) => State; maxEntries?: number },
): StreamStateCache<State> {
  const { streamPrefix, fold } = options;
  const maxEntries = options.maxEntries ?? 10_000;
  const checked = new Map<string, Checked<State>>();
  /** Changes to watched streams so far: a read that began before one is not kept (it may predate that change). */
  let generation = 0;
  const drop = (changes: StreamChanges) => {
    generation += 1;
    if (changes === 'all') checked.clear();
    else for (const streamId of changes) checked.delete(streamId);
  };
  const watching = store.watchAppends?.((streamIds) => {
    const mine = streamIds.filter((streamId) => streamId.startsWith(streamPrefix));
    if (mine.length > 0) drop(mine);
  });
  const probe = watching || !store.streamChanges ? undefined : streamChangeProbe(store as EventStore & Required<Pick<EventStore, 'streamChanges'>>);
  probe?.watch(streamPrefix, drop);

  const keep = (streamId: string, entry: Checked<State>) => {
    checked.delete(streamId);
    if (checked.size >= maxEntries) checked.delete(checked.keys().next().value!);
    checked.set(streamId, entry);
  };

  const read = async (streamId: string): Promise<State> => {
    const began = generation;
    const events = await loadStream(store, streamId);
    const state = fold(events);
    if ((!watching && !probe) || generation === began) keep(streamId, { state, version: events.at(-1)?.streamVersion ?? -1, generation: began });
    return state;
  };

  return {
    async stateOf(streamId) {
      if (!streamId.startsWith(streamPrefix)) throw new Error(`stream ${streamId} is not one of ${streamPrefix}*`);
      const cached = checked.get(streamId);
      if (watching) return cached && cached.generation === generation ? cached.state : read(streamId);
      if (probe) {
        await probe.fresh();
        // What the probe did not drop is the stream as it stands (a read kept meanwhile began after the probe told).
        const kept = checked.get(streamId);
        return kept ? kept.state : read(streamId);
      }
      const version = await store.streamVersion(streamId);
      return cached && cached.version === version ? cached.state : read(streamId);
    },
  };
}
