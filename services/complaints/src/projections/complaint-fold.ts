import type { ComplaintEvent, RecordedEvent } from '@ledger/events';
import { type ComplaintState, evolve } from '../domain/index.ts';

/** The last fold made, for the next read model that folds the same state with the same event. */
let lastFold: { state: ComplaintState | undefined; event: RecordedEvent; folded: ComplaintState | undefined } | undefined;

/**
 * The complaint decider's fold of one recorded event, shared between the read models that keep the complaint's state
 * (the list and the statistics). A replay hands every model the one event object, and their documents hold the one
 * state they folded last: the second model gets the first one's result, the same object, instead of a fold of its
 * own. Both documents then hold one state between them, not two alike (a replay holds every document in memory:
 * less to hold and for the collector to mark). `evolve` is pure, so an identical state and event fold alike;
 * anywhere else (a live consumer reads its own copy of the state) the look-up misses and it folds as before.
 */
export function foldComplaintEvent(state: ComplaintState | undefined, event: RecordedEvent): ComplaintState | undefined {
  if (lastFold !== undefined && lastFold.event === event && lastFold.state === state) return lastFold.folded;
  const folded = evolve(state, { type: event.type, data: event.data } as ComplaintEvent);
  lastFold = { state, event, folded };
  return folded;
}
