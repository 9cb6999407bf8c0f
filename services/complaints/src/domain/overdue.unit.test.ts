import { describe, expect, it } from 'vitest';
import {
  accepted,
  acceptedWithDeadline,
  appealed,
  closed,
  complaintId,
  dueAt,
  explained,
  filed,
  filedBeforeDeadlines,
  found,
  given,
  overdue,
  reopened,
} from './scenario.testkit.ts';
import { isOverdueAt } from './state.ts';

// filed is received 2 March 09:00 +08:00 with 15 days: due at the end of 17 March, 2026-03-18T00:00:00+08:00.
const late = dueAt;
const lastMinute = '2026-03-17T23:59:59+08:00';
const rejected = { type: 'ComplaintRejected', data: { complaintId, reason: 'duplicate', at: '2026-03-03T10:00:00+08:00' } } as const;

describe('the deadline watcher marking a complaint overdue (SPEC 3.7)', () => {
  it('records the missed deadline from the first instant after its last day', () => {
    given(filed, accepted()).when({ type: 'MarkOverdue', at: late }).thenEvents(overdue(dueAt, late));
  });

  it('also when never accepted: the deadline ran from receipt', () => {
    given(filed).when({ type: 'MarkOverdue', at: late }).thenEvents(overdue(dueAt, late));
  });

  it('also when found but not closed, and while a finding that was not closed is appealed', () => {
    expect(given(filed, accepted(), found('valid')).when({ type: 'MarkOverdue', at: late }).decision.ok).toBe(true);
    expect(
      given(filed, accepted(), found('valid'), appealed('2026-03-11T09:00:00+08:00')).when({ type: 'MarkOverdue', at: late }).decision.ok,
    ).toBe(true);
  });

  it('refuses a time within the last day, naming at', () => {
    given(filed, accepted()).when({ type: 'MarkOverdue', at: lastMinute }).thenError({ kind: 'rule', code: 'not-yet-due', field: 'at' });
  });

  it('refuses a time after the caller clock', () => {
    given(filed, accepted()).when({ type: 'MarkOverdue', at: late, now: lastMinute }).thenError({
      kind: 'rule',
      code: 'future-business-time',
      field: 'at',
    });
  });

  it('marks each missed date once', () => {
    given(filed, accepted(), overdue(dueAt, late)).when({ type: 'MarkOverdue', at: '2026-03-19T09:00:00+08:00' }).thenError({
      kind: 'conflict',
      code: 'already-marked-overdue',
    });
  });

  it('marks a missed commitment as overdue again', () => {
    const commitment = '2026-03-25T00:00:00+08:00';
    const history = given(filed, accepted(), overdue(dueAt, late), explained(commitment, '2026-03-18T10:00:00+08:00'));
    expect(history.state?.overdue).toBe(false);
    history.when({ type: 'MarkOverdue', at: '2026-03-24T23:00:00+08:00' }).thenError({ kind: 'rule', code: 'not-yet-due', field: 'at' });
    history.when({ type: 'MarkOverdue', at: commitment }).thenEvents(overdue(commitment, commitment, 'commitment'));
  });

  it("marks a reopened complaint's new deadline again", () => {
    const history = given(
      filed,
      accepted(),
      overdue(dueAt, late),
      found('valid', '2026-03-18T10:00:00+08:00'),
      closed(1, '2026-03-19T10:00:00+08:00'),
      reopened('2026-03-20T09:00:00+08:00', 10, '2026-03-31T00:00:00+08:00'),
    );
    expect(history.state?.overdue).toBe(false);
    history
      .when({ type: 'MarkOverdue', at: '2026-03-31T00:00:00+08:00' })
      .thenEvents(overdue('2026-03-31T00:00:00+08:00', '2026-03-31T00:00:00+08:00'));
  });

  it('is refused once rejected or closed, also while a closed complaint is appealed', () => {
    given(filed, rejected).when({ type: 'MarkOverdue', at: late }).thenError({ kind: 'conflict', code: 'overdue-on-rejected-complaint' });
    given(filed, accepted(), found('valid'), closed(4)).when({ type: 'MarkOverdue', at: late }).thenError({
      kind: 'conflict',
      code: 'already-closed',
    });
    given(filed, accepted(), found('valid'), closed(4), appealed('2026-03-13T09:00:00+08:00'))
      .when({ type: 'MarkOverdue', at: late })
      .thenError({ kind: 'conflict', code: 'already-closed' });
  });

  it('keeps the meaning of events stored before deadlines were set at filing', () => {
    // A v1 filing set no deadline: never accepted, it has none to miss.
    given(filedBeforeDeadlines).when({ type: 'MarkOverdue', at: late }).thenError({ kind: 'conflict', code: 'no-deadline' });
    // Its v1 acceptance set one, received plus 15 times 24 hours, and that one stays.
    given(filedBeforeDeadlines, acceptedWithDeadline())
      .when({ type: 'MarkOverdue', at: '2026-03-17T09:00:00+08:00' })
      .thenEvents(overdue('2026-03-17T09:00:00+08:00', '2026-03-17T09:00:00+08:00'));
  });

  it('does not move the business time of the last step: a finding dated before the watcher ran is accepted', () => {
    const history = given(filed, accepted(), overdue(dueAt, '2026-03-19T00:00:00+08:00'));
    expect(history.when({ type: 'RecordFinding', outcome: 'valid', at: '2026-03-18T20:00:00+08:00' }).decision.ok).toBe(true);
  });
});

describe('isOverdueAt, the overdue flag and the overdue=true filter', () => {
  it('is true for a complaint neither rejected nor closed, at or past the date in force', () => {
    expect(isOverdueAt(given(filed, accepted()).state, late)).toBe(true);
    expect(isOverdueAt(given(filed, accepted()).state, lastMinute)).toBe(false);
    expect(isOverdueAt(given(filed, accepted(), found('valid')).state, late)).toBe(true);
    expect(isOverdueAt(given(filed).state, late)).toBe(true);
  });

  it('is false after rejection, once closed and for no complaint', () => {
    expect(isOverdueAt(given(filed, rejected).state, late)).toBe(false);
    expect(isOverdueAt(given(filed, accepted(), found('valid'), closed(3)).state, late)).toBe(false);
    expect(isOverdueAt(undefined, late)).toBe(false);
  });

  it('follows the commitment once explained, and the new deadline after a reopen', () => {
    const explainedState = given(filed, accepted(), explained('2026-03-25T00:00:00+08:00', '2026-03-18T10:00:00+08:00')).state;
    expect(isOverdueAt(explainedState, '2026-03-24T12:00:00+08:00')).toBe(false);
    expect(isOverdueAt(explainedState, '2026-03-25T00:00:00+08:00')).toBe(true);
    const state = given(filed, accepted(), found('valid'), closed(2), reopened()).state;
    expect(isOverdueAt(state, '2026-03-23T23:00:00+08:00')).toBe(false);
    expect(isOverdueAt(state, '2026-03-24T00:00:00+08:00')).toBe(true);
  });
});
