import { calendarIn } from '@ledger/calendar';
import { describe, expect, it } from 'vitest';
import type { FileComplaint } from './commands.ts';
import { decide } from './decide.ts';
import {
  accepted,
  closed,
  complaintId,
  dueAt,
  explained,
  extended,
  filed,
  found,
  given,
  overdue,
  receivedAt,
} from './scenario.testkit.ts';

const filing = {
  type: 'FileComplaint',
  complaintId,
  trackingCodeDigest: 'hmac-sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc',
  channel: 'hotline-12345',
  departmentId: 'dept-permits',
  category: 'delay',
  summary: 'The permit desk kept sending me to another window for three weeks.',
  receivedAt,
} as const;

describe('the deadline, set at filing from receipt (SPEC "Local time", 3.2)', () => {
  it('received 3 March 10:00 +08:00, 15 days: due 19 March 00:00 +08:00 (the start day not counted)', () => {
    const command: FileComplaint = { ...filing, now: '2026-03-03T10:00:00+08:00', receivedAt: '2026-03-03T10:00:00+08:00', handlingDays: 15, calendar: calendarIn('Asia/Shanghai') };
    const decision = decide(command, undefined);
    expect(decision.ok && decision.events[0]?.data).toMatchObject({ handlingDays: 15, dueAt: '2026-03-19T00:00:00+08:00' });
  });

  it('counts local days: received at 07:00 on 1 January in Beijing (still 31 December in UTC)', () => {
    const { decision } = given().when({ ...filing, receivedAt: '2026-01-01T07:00:00+08:00', handlingDays: 1 });
    expect(decision.ok && decision.events[0]?.data).toMatchObject({ handlingDays: 1, dueAt: '2026-01-03T00:00:00+08:00' });
  });

  it("uses the channel's days and records them on the filing", () => {
    const { decision } = given().when({ ...filing, handlingDays: 5 });
    expect(decision.ok && decision.events[0]?.data).toMatchObject({ handlingDays: 5, dueAt: '2026-03-08T00:00:00+08:00' });
  });
});

describe('extending the deadline (SPEC 3.2)', () => {
  const extendAt = '2026-03-10T10:00:00+08:00';
  const reason = 'Site inspection needs the surveyor back from leave.';

  it("once, with a reason, by at most the channel's days: due at the end of the N-th day after the last one", () => {
    given(filed, accepted())
      .when({ type: 'ExtendDeadline', days: 15, reason, at: extendAt })
      .thenEvents(extended(15, dueAt, '2026-04-02T00:00:00+08:00', extendAt));
  });

  it('also before acceptance: the deadline runs from receipt', () => {
    given(filed).when({ type: 'ExtendDeadline', days: 3, reason, at: extendAt }).thenEvents(extended(3, dueAt, '2026-03-21T00:00:00+08:00', extendAt));
  });

  it('is refused a second time', () => {
    given(filed, accepted(), extended(3, dueAt, '2026-03-21T00:00:00+08:00', extendAt))
      .when({ type: 'ExtendDeadline', days: 1, reason, at: '2026-03-11T10:00:00+08:00' })
      .thenError({ kind: 'rule', code: 'already-extended' });
  });

  it("is refused for more days than the channel's, or not a whole number of days, naming days", () => {
    given(filed, accepted()).when({ type: 'ExtendDeadline', days: 16, reason, at: extendAt }).thenError({ kind: 'rule', code: 'extension-too-long', field: 'days' });
    given(filed, accepted()).when({ type: 'ExtendDeadline', days: 6, maxDays: 5, reason, at: extendAt }).thenError({ kind: 'rule', code: 'extension-too-long', field: 'days' });
    given(filed, accepted()).when({ type: 'ExtendDeadline', days: 0, reason, at: extendAt }).thenError({ kind: 'rule', code: 'invalid-extension-days', field: 'days' });
  });

  it('is refused without a reason, naming reason', () => {
    given(filed, accepted()).when({ type: 'ExtendDeadline', days: 3, reason: '  ', at: extendAt }).thenError({ kind: 'rule', code: 'blank-field', field: 'reason' });
  });

  it('is refused once the deadline was missed (that calls for an explanation), and once closed', () => {
    given(filed, accepted()).when({ type: 'ExtendDeadline', days: 3, reason, at: dueAt }).thenError({ kind: 'conflict', code: 'deadline-already-missed' });
    given(filed, accepted(), found('valid'), closed(4)).when({ type: 'ExtendDeadline', days: 3, reason, at: '2026-03-13T10:00:00+08:00' }).thenError({
      kind: 'conflict',
      code: 'already-closed',
    });
  });
});

describe('explaining an overdue complaint with a commitment (SPEC 3.7)', () => {
  const explanation = 'The archive was closed for a move; the file is back.';
  const explainAt = '2026-03-18T10:00:00+08:00';
  const commitmentAt = '2026-03-25T00:00:00+08:00';

  it('records the explanation and the commitment once overdue, accepted or not', () => {
    given(filed, accepted(), overdue(dueAt, dueAt))
      .when({ type: 'ExplainOverdue', explanation, commitmentAt, at: explainAt })
      .thenEvents(explained(commitmentAt, explainAt));
    given(filed).when({ type: 'ExplainOverdue', explanation, commitmentAt, at: explainAt }).thenEvents(explained(commitmentAt, explainAt));
  });

  it('is refused unless overdue (409), also again before the commitment is missed', () => {
    given(filed, accepted()).when({ type: 'ExplainOverdue', explanation, commitmentAt, at: '2026-03-17T10:00:00+08:00' }).thenError({
      kind: 'conflict',
      code: 'not-overdue',
    });
    given(filed, accepted(), explained(commitmentAt, explainAt))
      .when({ type: 'ExplainOverdue', explanation, commitmentAt: '2026-03-30T00:00:00+08:00', at: '2026-03-19T10:00:00+08:00' })
      .thenError({ kind: 'conflict', code: 'not-overdue' });
  });

  it('may be given again once the commitment was missed', () => {
    given(filed, accepted(), explained(commitmentAt, explainAt), overdue(commitmentAt, commitmentAt, 'commitment'))
      .when({ type: 'ExplainOverdue', explanation, commitmentAt: '2026-03-30T00:00:00+08:00', at: '2026-03-25T10:00:00+08:00' })
      .thenEvents(explained('2026-03-30T00:00:00+08:00', '2026-03-25T10:00:00+08:00'));
  });

  it('refuses a commitment that is not after the explanation, naming commitmentAt', () => {
    given(filed, accepted()).when({ type: 'ExplainOverdue', explanation, commitmentAt: explainAt, at: explainAt }).thenError({
      kind: 'rule',
      code: 'commitment-not-ahead',
      field: 'commitmentAt',
    });
  });

  it('is refused once closed', () => {
    given(filed, accepted(), found('valid', '2026-03-18T09:00:00+08:00'), closed(4, '2026-03-18T09:30:00+08:00'))
      .when({ type: 'ExplainOverdue', explanation, commitmentAt, at: explainAt })
      .thenError({ kind: 'conflict', code: 'already-closed' });
  });
});
