import { randomUUID } from 'node:crypto';
import type { NewEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { type AppendPlan, type BatchFacts, DuplicateEventIdError, type PendingAppend, type StoredEventFact, eventIdKey, planBatch } from './append-plan.ts';
import { PartialDuplicateAppendError, WrongExpectedVersionError } from './port.ts';

const event = (eventId: string = randomUUID()): NewEvent => ({ eventId, type: 'Tick', schemaVersion: 1, data: {} });
const append = (streamId: string, expected: PendingAppend['expected'], events = [event()]): PendingAppend => ({ streamId, events, expected });
const facts = (versions: Record<string, number> = {}, stored: StoredEventFact[] = []): BatchFacts => ({
  versions: new Map(Object.entries(versions)),
  stored: new Map(stored.map((fact) => [eventIdKey(fact.eventId), fact])),
});

const refusal = (plan: AppendPlan | undefined) => (plan as Extract<AppendPlan, { kind: 'refused' }>).error;
const actualOf = (plan: AppendPlan | undefined) => (refusal(plan) as WrongExpectedVersionError).actual;

describe('planBatch: each append decided as if alone, in arrival order', () => {
  it('refuses only the append whose expected version does not hold; the others are written', () => {
    const plans = planBatch([append('a', 'no-stream'), append('b', 'no-stream'), append('c', 4)], facts({ b: 0, c: 4 }));
    expect(plans[0]).toEqual({ kind: 'insert', firstVersion: 0 });
    expect(plans[1]).toMatchObject({ kind: 'refused', error: expect.any(WrongExpectedVersionError) });
    expect(actualOf(plans[1])).toBe(0);
    expect(plans[2]).toEqual({ kind: 'insert', firstVersion: 5 });
  });

  it('checks two appends to one stream against each other, in order', () => {
    const plans = planBatch(
      [append('s', 'no-stream', [event(), event()]), append('s', 1), append('s', 1), append('s', 'any'), append('s', 'no-stream')],
      facts(),
    );
    expect(plans.map((plan) => plan.kind)).toEqual(['insert', 'insert', 'refused', 'insert', 'refused']);
    expect(plans[1]).toEqual({ kind: 'insert', firstVersion: 2 });
    // The third expected 1 too, but the second already moved the stream to 2.
    expect(actualOf(plans[2])).toBe(2);
    expect(plans[3]).toEqual({ kind: 'insert', firstVersion: 3 });
  });

  it('answers an append whose ids are all stored as the first time, whatever version it expects', () => {
    const ids = [randomUUID(), randomUUID()];
    const stored = [
      { eventId: ids[1]!, streamId: 's', streamVersion: 4, position: 41 },
      { eventId: ids[0]!, streamId: 's', streamVersion: 3, position: 40 },
    ];
    const [plan] = planBatch([append('s', 'no-stream', ids.map((id) => event(id.toUpperCase())))], facts({ s: 9 }, stored));
    expect(plan).toEqual({ kind: 'stored', result: { streamId: 's', nextExpectedVersion: 4, positions: [40, 41], alreadyStored: true } });
  });

  it('refuses an append of which only some ids are stored, or stored in another stream', () => {
    const storedId = randomUUID();
    const elsewhere = randomUUID();
    const plans = planBatch(
      [append('s', 'any', [event(storedId), event()]), append('s', 'any', [event(elsewhere)])],
      facts({ s: 0 }, [
        { eventId: storedId, streamId: 's', streamVersion: 0, position: 1 },
        { eventId: elsewhere, streamId: 'other', streamVersion: 0, position: 2 },
      ]),
    );
    expect(plans.map((plan) => plan.kind)).toEqual(['refused', 'refused']);
    expect((plans[0] as { error: Error }).error).toBeInstanceOf(PartialDuplicateAppendError);
    expect((plans[0] as { error: Error }).error.message).toContain(storedId);
    expect((plans[1] as { error: Error }).error).toBeInstanceOf(PartialDuplicateAppendError);
  });

  it('answers a repeat of an append written earlier in the same batch with that append, and refuses a partial one', () => {
    const first = [event(), event()];
    const plans = planBatch(
      [append('s', 'no-stream', first), append('s', 'no-stream', first), append('s', 'any', [first[0]!, event()])],
      facts(),
    );
    expect(plans[0]).toEqual({ kind: 'insert', firstVersion: 0 });
    expect(plans[1]).toEqual({ kind: 'same-as', appendIndex: 0 });
    expect((plans[2] as { error: Error }).error).toBeInstanceOf(PartialDuplicateAppendError);
  });

  it('refuses an append that names one id twice, alone', () => {
    const id = randomUUID();
    const plans = planBatch([append('s', 'no-stream', [event(id), event(id)]), append('s', 'no-stream')], facts());
    expect((plans[0] as { error: Error }).error).toBeInstanceOf(DuplicateEventIdError);
    // The refused append did not move the stream: the next one still finds it new.
    expect(plans[1]).toEqual({ kind: 'insert', firstVersion: 0 });
  });
});
