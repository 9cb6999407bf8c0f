import { AsyncLocalStorage } from 'node:async_hooks';
import type { EventStore } from './port.ts';

/**
 * Since when the store must be asked for changes: a reading of `performance.now()`. By default the moment of the
 * call; an HTTP request (or a consumer's batch) sets its own beginning, so that every cache it reads is answered by
 * one probe begun after it started (a change recorded before the request began holds for the whole request).
 */
const freshness = new AsyncLocalStorage<number>();

/** Runs `work` with every stream-state cache answering as of a probe begun at or after `since` (performance.now()). */
export function runWithFreshnessSince<Result>(since: number, work: () => Result): Result {
  return freshness.run(since, work);
}

/** What a watcher is told: the streams of its prefix that changed, or 'all' when changes may have gone untold. */
export type StreamChanges = readonly string[] | 'all';

export interface StreamChangeProbe {
  /** `onChanged` hears of every change to a stream whose id starts with `streamPrefix`, before any probe answers. */
  watch(streamPrefix: string, onChanged: (changes: StreamChanges) => void): void;
  /**
   * Resolves once a probe begun at or after `since` (default: the one of the request, else now) has told every watcher
   * what changed: a state its watcher still keeps then is the state of the store at the start of the call (or request).
   */
  fresh(since?: number): Promise<void>;
}

interface Watcher {
  streamPrefix: string;
  onChanged: (changes: StreamChanges) => void;
}

interface Probing {
  startedAt: number;
  done: Promise<void>;
}

const probes = new WeakMap<EventStore, StreamChangeProbe>();

/**
 * The one probe of a store shared by every stream-state cache on it (issue 9): a single statement tells the streams of
 * every watched prefix that got events since the last probe (EventStore.streamChanges), instead of one version query
 * per cache and call. Calls that need a fresh answer while a probe is out wait for it if it began late enough, else
 * for the next one, which all of them share: at most one probe is out at a time.
 */
export function streamChangeProbe(store: EventStore & Required<Pick<EventStore, 'streamChanges'>>): StreamChangeProbe {
  let probe = probes.get(store);
  if (!probe) {
    probe = newProbe(store);
    probes.set(store, probe);
  }
  return probe;
}

function newProbe(store: EventStore & Required<Pick<EventStore, 'streamChanges'>>): StreamChangeProbe {
  const watchers: Watcher[] = [];
  /** The head position up to which every change was told; none before the first probe. */
  let cursor: number | undefined;
  /** When the last probe that answered began. */
  let answeredSince = Number.NEGATIVE_INFINITY;
  let probing: Probing | undefined;
  let next: Promise<void> | undefined;

  const tell = (changes: StreamChanges) => {
    for (const watcher of watchers) {
      if (changes === 'all') watcher.onChanged('all');
      else {
        const mine = changes.filter((streamId) => streamId.startsWith(watcher.streamPrefix));
        if (mine.length > 0) watcher.onChanged(mine);
      }
    }
  };

  const probeNow = (): Promise<void> => {
    const startedAt = performance.now();
    const done = (async () => {
      if (cursor === undefined) {
        // Nothing told yet: whatever a watcher read before may be older than this head.
        const head = await store.headPosition();
        tell('all');
        cursor = head;
      } else {
        const { head, streamIds } = await store.streamChanges(cursor, [...new Set(watchers.map((watcher) => watcher.streamPrefix))]);
        tell(streamIds);
        cursor = Math.max(cursor, head);
      }
      answeredSince = Math.max(answeredSince, startedAt);
    })();
    probing = { startedAt, done };
    void done.then(
      () => (probing = probing?.done === done ? undefined : probing),
      () => (probing = probing?.done === done ? undefined : probing),
    );
    return done;
  };

  return {
    watch(streamPrefix, onChanged) {
      watchers.push({ streamPrefix, onChanged });
    },
    fresh(since = freshness.getStore() ?? performance.now()) {
      if (answeredSince >= since) return Promise.resolve();
      if (probing && probing.startedAt >= since) return probing.done;
      if (next) return next;
      if (!probing) return probeNow();
      // The probe out began too early for this call: the next one, after it, serves every call waiting meanwhile.
      next ??= probing.done
        .catch(() => {})
        .then(() => {
          next = undefined;
          return probeNow();
        });
      return next;
    },
  };
}
