import type { Decision, DomainError } from './decision.ts';

/** What a decider emits and folds: an event's type and data, before the store gives it a place. */
export interface DomainEvent {
  type: string;
  data: unknown;
}

/** A pure decider (ARCHITECTURE: decide(command, state) -> events | error; evolve(state, event) -> state). */
export interface Decider<Command, State, Event extends DomainEvent = DomainEvent, Error = DomainError> {
  initialState: State;
  evolve(state: State, event: Event): State;
  decide(command: Command, state: State): Decision<Event, Error>;
}

/**
 * The state after `events`, from the decider's initial state. Takes any `{ type, data }` events (a recorded
 * event is one: its place in the store does not matter to the domain) and hands `evolve` only those two fields.
 */
export function fold<State, Event extends DomainEvent>(
  decider: Pick<Decider<never, State, Event, unknown>, 'initialState' | 'evolve'>,
  events: readonly DomainEvent[],
): State {
  return events.reduce((state, event) => decider.evolve(state, { type: event.type, data: event.data } as Event), decider.initialState);
}
