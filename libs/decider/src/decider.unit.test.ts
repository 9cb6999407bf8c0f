import { describe, expect, it } from 'vitest';
import { type Decider, type Decision, type DomainError, accept, fold, refuse } from './index.ts';
import { given } from './testing/index.ts';

type CounterEvent = { type: 'Added'; data: { amount: number } } | { type: 'Reset'; data: Record<string, never> };
type CounterCommand = { type: 'Add'; amount: number } | { type: 'Reset' };

const counter: Decider<CounterCommand, number, CounterEvent> = {
  initialState: 0,
  evolve: (total, event) => (event.type === 'Added' ? total + event.data.amount : 0),
  decide(command, total): Decision<CounterEvent> {
    if (command.type === 'Reset') return total === 0 ? accept() : accept({ type: 'Reset', data: {} });
    if (command.amount <= 0) return refuse('rule', 'amount-not-positive', 'Only a positive amount can be added.', 'amount');
    return accept({ type: 'Added', data: { amount: command.amount } });
  },
};

const added = (amount: number): CounterEvent => ({ type: 'Added', data: { amount } });

describe('the decider core', () => {
  it('folds { type, data } events, ignoring whatever else a recorded event carries', () => {
    const recorded = [
      { ...added(2), position: 7, streamVersion: 0 },
      { ...added(3), position: 9, streamVersion: 1 },
    ];
    expect(fold(counter, recorded)).toBe(5);
    expect(fold(counter, [])).toBe(0);
  });

  it('accepts with the events given and refuses with a typed error naming the field', () => {
    expect(accept(added(1))).toEqual({ ok: true, events: [added(1)] });
    const refused = refuse('conflict', 'already-done', 'It was already done.');
    expect(refused).toEqual({ ok: false, error: { kind: 'conflict', code: 'already-done', message: 'It was already done.' } });
    expect('field' in refused.error).toBe(false);
    expect(refuse('rule', 'bad', 'Bad.', 'amount').error.field).toBe('amount');
    const checked: DomainError = { kind: 'rule', code: 'bad', message: 'Bad.', field: 'amount' };
    expect(refuse(checked)).toEqual({ ok: false, error: checked });
  });
});

describe('given / when / then', () => {
  it('decides on the state the given events fold to, and answers the state the new events lead to', () => {
    const scenario = given(counter, added(2), added(3));
    expect(scenario.state).toBe(5);
    expect(scenario.when({ type: 'Add', amount: 4 }).thenEvents(added(4))).toBe(9);
    given(counter, added(2)).when({ type: 'Reset' }).thenEvents({ type: 'Reset', data: {} });
    given(counter).when({ type: 'Reset' }).thenNothing();
  });

  it('matches a refusal exactly, with any non-empty message unless one is given', () => {
    const refused = given(counter).when({ type: 'Add', amount: 0 });
    refused.thenError({ kind: 'rule', code: 'amount-not-positive', field: 'amount' });
    refused.thenError({ kind: 'rule', code: 'amount-not-positive', field: 'amount', message: 'Only a positive amount can be added.' });
  });

  it('fails a test whose decider answers otherwise', () => {
    const accepted = given(counter).when({ type: 'Add', amount: 1 });
    expect(() => accepted.thenError({ kind: 'rule', code: 'amount-not-positive', field: 'amount' })).toThrow(/expected a refusal/);
    expect(() => accepted.thenEvents(added(2))).toThrow();
    expect(() => accepted.thenNothing()).toThrow();
    const refused = given(counter).when({ type: 'Add', amount: -1 });
    expect(() => refused.thenError({ kind: 'rule', code: 'amount-not-positive' } as Omit<DomainError, 'message'>)).toThrow();
    expect(() => refused.thenEvents()).toThrow();
  });
});
