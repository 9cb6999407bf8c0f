import { fold } from '@ledger/decider';
import { accessKeyStream } from '@ledger/events';
import { type EventStore, streamStateCache } from '@ledger/eventstore';
import { type KeyEvent, type KeyState, keyDecider } from './key-decider.ts';

export interface KeyStateCache {
  /** The key's state as its stream says now: a revocation recorded in any process before this call is seen. */
  stateOf(keyId: string): Promise<KeyState>;
}

/**
 * Each key's folded state, kept so that a keyed request does not read its key's stream every time (issue 9: about
 * 11 ms a request on PGlite under load), while a revocation recorded in any process holds from the next request on
 * (how: streamStateCache).
 */
export function keyStateCache(store: EventStore): KeyStateCache {
  const states = streamStateCache(store, { streamPrefix: accessKeyStream(''), fold: (events) => fold<KeyState, KeyEvent>(keyDecider, events) });
  return { stateOf: (keyId) => states.stateOf(accessKeyStream(keyId)) };
}
