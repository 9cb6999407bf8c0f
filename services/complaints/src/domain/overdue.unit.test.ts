import { describe, expect, it } from 'vitest';
import { accepted, appealed, closed, complaintId, filed, found, given, overdue, reopened } from './scenario.testkit.ts';
import { isOverdueAt } from './state.ts';

// accepted() puts the deadline at 2026-03-17T09:00:00+08:00 (15 days from receipt).
const dueAt = '2026-03-17T09:00:00+08:00';
const late = '2026-03-17T09:00:01+08:00';

describe('the deadline watcher marking a complaint overdue', () => {
  it('records the missed deadline once it has passed', () => {
    given(filed, accepted()).when({ type: 'MarkOverdue', at: late }).thenEvents(overdue(dueAt, late));
  });

  it('also when found but not closed, and while a finding that was not closed is appealed', () => {
    expect(given(filed, accepted(), found('valid')).when({ type: 'MarkOverdue', at: late }).decision.ok).toBe(true);
    expect(
      given(filed, accepted(), found('valid'), appealed('2026-03-11T09:00:00+08:00')).when({ type: 'MarkOverdue', at: late }).decision.ok,
    ).toBe(true);
  });

  it('refuses a time not past the deadline, naming at', () => {
    given(filed, accepted()).when({ type: 'MarkOverdue', at: dueAt }).thenError({ kind: 'rule', code: 'not-yet-due', field: 'at' });
  });

  it('refuses a time after the caller clock', () => {
    given(filed, accepted()).when({ type: 'MarkOverdue', at: late, now: dueAt }).thenError({
      kind: 'rule',
      code: 'future-business-time',
      field: 'at',
    });
  });

  it('marks each missed deadline once', () => {
    given(filed, accepted(), overdue(dueAt, late)).when({ type: 'MarkOverdue', at: '2026-03-18T09:00:00+08:00' }).thenError({
      kind: 'conflict',
      code: 'already-marked-overdue',
    });
  });

  it("marks a reopened complaint's new deadline again", () => {
    const history = given(
      filed,
      accepted(),
      overdue(dueAt, late),
      found('valid', '2026-03-18T10:00:00+08:00'),
      closed(1, '2026-03-19T10:00:00+08:00'),
      reopened('2026-03-20T09:00:00+08:00', 10, '2026-03-30T09:00:00+08:00'),
    );
    expect(history.state?.overdue).toBe(false);
    history
      .when({ type: 'MarkOverdue', at: '2026-03-31T00:00:00+08:00' })
      .thenEvents(overdue('2026-03-30T09:00:00+08:00', '2026-03-31T00:00:00+08:00'));
  });

  it('is refused before acceptance and once closed, also while a closed complaint is appealed', () => {
    given(filed).when({ type: 'MarkOverdue', at: late }).thenError({ kind: 'conflict', code: 'overdue-before-acceptance' });
    given(filed, accepted(), found('valid'), closed(4)).when({ type: 'MarkOverdue', at: late }).thenError({
      kind: 'conflict',
      code: 'already-closed',
    });
    given(filed, accepted(), found('valid'), closed(4), appealed('2026-03-13T09:00:00+08:00'))
      .when({ type: 'MarkOverdue', at: late })
      .thenError({ kind: 'conflict', code: 'already-closed' });
  });

  it('does not move the business time of the last step: a finding dated before the watcher ran is accepted', () => {
    const history = given(filed, accepted(), overdue(dueAt, '2026-03-18T00:00:00+08:00'));
    expect(history.when({ type: 'RecordFinding', outcome: 'valid', at: '2026-03-17T20:00:00+08:00' }).decision.ok).toBe(true);
  });
});

describe('isOverdueAt, the overdue=true filter', () => {
  it('is true only for a complaint under handling past its deadline', () => {
    expect(isOverdueAt(given(filed, accepted()).state, late)).toBe(true);
    expect(isOverdueAt(given(filed, accepted()).state, dueAt)).toBe(false);
    expect(isOverdueAt(given(filed, accepted(), found('valid')).state, late)).toBe(true);
  });

  it('is false before acceptance, after rejection, once closed and for no complaint', () => {
    const rejected = { type: 'ComplaintRejected', data: { complaintId, reason: 'duplicate', at: '2026-03-03T10:00:00+08:00' } } as const;
    expect(isOverdueAt(given(filed).state, late)).toBe(false);
    expect(isOverdueAt(given(filed, rejected).state, late)).toBe(false);
    expect(isOverdueAt(given(filed, accepted(), found('valid'), closed(3)).state, late)).toBe(false);
    expect(isOverdueAt(undefined, late)).toBe(false);
  });

  it('follows the new deadline after a reopen', () => {
    const state = given(filed, accepted(), found('valid'), closed(2), reopened()).state;
    expect(isOverdueAt(state, '2026-03-22T09:00:00+08:00')).toBe(false);
    expect(isOverdueAt(state, '2026-03-23T09:00:01+08:00')).toBe(true);
  });
});
