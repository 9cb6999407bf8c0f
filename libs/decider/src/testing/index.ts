import { expect } from 'vitest';
import type { Decider, DomainEvent } from '../decider.ts';
import { fold } from '../decider.ts';
import type { Decision } from '../decision.ts';

/**
 * Given events / when command / then events or error, for any decider:
 *
 *   given(complaintDecider, filed, accepted()).when(closeCommand).thenEvents(closedEvent);
 *   given(complaintDecider).when(closeCommand).thenError({ kind: 'not-found', code: 'complaint-not-found' });
 *
 * The history is folded with the decider's own `evolve`, so a test states facts as events, never as a
 * hand-built state.
 */
export function given<Command, State, Event extends DomainEvent, Error>(
  decider: Decider<Command, State, Event, Error>,
  ...history: Event[]
): Given<Command, State, Event, Error> {
  const state = fold(decider, history);
  return {
    state,
    when(command) {
      return outcomeOf(decider, state, decider.decide(command, state));
    },
  };
}

export interface Given<Command, State, Event, Error> {
  /** The state the history folds to. */
  readonly state: State;
  when(command: Command): Then<State, Event, Error>;
}

export interface Then<State, Event, Error> {
  readonly decision: Decision<Event, Error>;
  /** Accepted with exactly these events, in this order; answers the state they lead to. */
  thenEvents(...events: Event[]): State;
  /** Accepted, and nothing to record (a repeat that changes nothing). */
  thenNothing(): void;
  /** Refused with exactly this error (any non-empty message unless one is given). */
  thenError(error: ErrorWithoutMessage<Error>): void;
}

type ErrorWithoutMessage<Error> = Error extends { message: string } ? Omit<Error, 'message'> & { message?: string } : Error;

function outcomeOf<State, Event extends DomainEvent, Error>(
  decider: Pick<Decider<never, State, Event, unknown>, 'initialState' | 'evolve'>,
  state: State,
  decision: Decision<Event, Error>,
): Then<State, Event, Error> {
  return {
    decision,
    thenEvents(...events) {
      expect(decision).toEqual({ ok: true, events });
      return events.reduce(decider.evolve, state);
    },
    thenNothing() {
      expect(decision).toEqual({ ok: true, events: [] });
    },
    thenError(error) {
      expect(decision.ok, 'the command was accepted, expected a refusal').toBe(false);
      if (decision.ok) return;
      const expected = error as Record<string, unknown>;
      if (typeof decision.error === 'object' && decision.error !== null && 'message' in decision.error && !('message' in expected)) {
        expect(decision.error).toEqual({ ...expected, message: expect.any(String) });
        expect(String(decision.error.message).trim()).not.toBe('');
      } else {
        expect(decision.error).toEqual(expected);
      }
    },
  };
}
