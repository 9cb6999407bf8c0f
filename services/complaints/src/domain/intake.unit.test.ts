import { describe, expect, it } from 'vitest';
import { accepted, complaintId, filed, given, now, receivedAt } from './scenario.testkit.ts';

const filing = {
  type: 'FileComplaint',
  complaintId,
  trackingCodeDigest: 'hmac-sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  channel: 'hotline-12345',
  departmentId: 'dept-permits',
  personId: 'person-wang',
  category: 'delay',
  summary: 'The permit desk kept sending me to another window for three weeks.',
  occurredAt: '2026-02-20T10:00:00+08:00',
  receivedAt,
} as const;

describe('filing a complaint', () => {
  it('records every field of the filing', () => {
    given().when(filing).thenEvents(filed);
  });

  it('leaves out the optional respondent person, occurrence time and complainant when not given', () => {
    const { personId: _p, occurredAt: _o, ...minimal } = filing;
    const { decision } = given().when(minimal);
    expect(decision.ok && decision.events[0]?.data).toEqual({
      complaintId,
      trackingCodeDigest: filing.trackingCodeDigest,
      channel: filing.channel,
      departmentId: filing.departmentId,
      category: filing.category,
      summary: filing.summary,
      receivedAt,
      handlingDays: 15,
      dueAt: '2026-03-18T00:00:00+08:00',
    });
  });

  it('carries the sealed complainant data unchanged', () => {
    const complainant = {
      complainantRef: 'cp-1',
      alg: 'A256GCM',
      iv: 'AAAAAAAAAAAAAAAA',
      ciphertext: 'c2VhbGVk',
      tag: 'AAAAAAAAAAAAAAAAAAAAAA==',
    } as const;
    const { decision } = given().when({ ...filing, complainant });
    expect(decision.ok && decision.events[0]?.type === 'ComplaintFiled' && decision.events[0].data.complainant).toEqual(complainant);
  });

  it('is refused when the complaint id was already filed', () => {
    given(filed).when(filing).thenError({ kind: 'already-exists', code: 'complaint-already-filed' });
  });

  it('refuses a receivedAt in the future, naming the field', () => {
    given()
      .when({ ...filing, receivedAt: '2026-07-01T09:00:00+08:00' })
      .thenError({
        kind: 'rule',
        code: 'future-business-time',
        field: 'receivedAt',
      });
  });

  it('compares times across offsets: one second after now in UTC is still the future', () => {
    given()
      .when({ ...filing, receivedAt: '2026-06-30T10:00:01Z' })
      .thenError({
        kind: 'rule',
        code: 'future-business-time',
        field: 'receivedAt',
      });
    expect(given().when({ ...filing, receivedAt: '2026-06-30T10:00:00Z', occurredAt: undefined }).decision.ok).toBe(true);
  });

  it('refuses an occurredAt in the future', () => {
    given()
      .when({ ...filing, occurredAt: '2026-07-02T00:00:00+08:00' })
      .thenError({
        kind: 'rule',
        code: 'future-business-time',
        field: 'occurredAt',
      });
  });

  it('refuses an occurredAt after receivedAt', () => {
    given()
      .when({ ...filing, occurredAt: '2026-03-02T09:00:01+08:00' })
      .thenError({
        kind: 'rule',
        code: 'occurred-after-received',
        field: 'occurredAt',
      });
  });

  it('refuses a blank summary and a time without offset', () => {
    given()
      .when({ ...filing, summary: '  ' })
      .thenError({ kind: 'rule', code: 'blank-field', field: 'summary' });
    given()
      .when({ ...filing, receivedAt: '2026-03-02T09:00:00' })
      .thenError({
        kind: 'rule',
        code: 'invalid-time',
        field: 'receivedAt',
      });
  });

  it('refuses what the event schema refuses, naming the field', () => {
    given()
      .when({ ...filing, trackingCodeDigest: 'sha256:short' })
      .thenError({ kind: 'rule', code: 'invalid-field', field: 'trackingCodeDigest' });
  });
});

describe('accepting a complaint', () => {
  it('leaves the deadline set at filing as it is, however late (SPEC 3.2)', () => {
    const decision = given(filed).when({ type: 'AcceptComplaint', at: '2026-03-05T16:30:00+08:00' });
    const state = decision.thenEvents({ type: 'ComplaintAccepted', data: { complaintId, at: '2026-03-05T16:30:00+08:00' } });
    expect(state?.dueAt).toBe('2026-03-18T00:00:00+08:00');
  });

  it('is refused for an unknown complaint', () => {
    given().when({ type: 'AcceptComplaint', at: receivedAt }).thenError({
      kind: 'not-found',
      code: 'complaint-not-found',
    });
  });

  it('is refused twice, and after a rejection', () => {
    given(filed, accepted()).when({ type: 'AcceptComplaint', at: now }).thenError({
      kind: 'conflict',
      code: 'already-accepted',
    });
    const rejected = { type: 'ComplaintRejected', data: { complaintId, reason: 'duplicate', at: '2026-03-03T10:00:00+08:00' } } as const;
    given(filed, rejected).when({ type: 'AcceptComplaint', at: now }).thenError({
      kind: 'conflict',
      code: 'already-rejected',
    });
  });

  it("refuses a channel's handling days that are not a positive whole number at filing", () => {
    for (const handlingDays of [0, -3, 2.5]) {
      given().when({ ...filing, handlingDays }).thenError({
        kind: 'rule',
        code: 'invalid-handling-days',
        field: 'handlingDays',
      });
    }
  });

  it('refuses an at in the future or before the complaint was received', () => {
    given(filed).when({ type: 'AcceptComplaint', at: '2026-07-01T00:00:00+08:00' }).thenError({
      kind: 'rule',
      code: 'future-business-time',
      field: 'at',
    });
    given(filed).when({ type: 'AcceptComplaint', at: '2026-03-02T08:59:59+08:00' }).thenError({
      kind: 'rule',
      code: 'before-received',
      field: 'at',
    });
  });
});

describe('rejecting a complaint', () => {
  it('records the reason', () => {
    given(filed)
      .when({ type: 'RejectComplaint', reason: 'out-of-scope', at: '2026-03-03T10:00:00+08:00' })
      .thenEvents({ type: 'ComplaintRejected', data: { complaintId, reason: 'out-of-scope', at: '2026-03-03T10:00:00+08:00' } });
  });

  it('is refused once accepted, without a reason, or with a future time', () => {
    given(filed, accepted()).when({ type: 'RejectComplaint', reason: 'duplicate', at: now }).thenError({
      kind: 'conflict',
      code: 'already-accepted',
    });
    given(filed).when({ type: 'RejectComplaint', reason: '', at: now }).thenError({
      kind: 'rule',
      code: 'blank-field',
      field: 'reason',
    });
    given(filed).when({ type: 'RejectComplaint', reason: 'duplicate', at: '2026-06-30T18:00:01+08:00' }).thenError({
      kind: 'rule',
      code: 'future-business-time',
      field: 'at',
    });
  });

  it('refuses every later step on a rejected complaint', () => {
    const rejected = { type: 'ComplaintRejected', data: { complaintId, reason: 'duplicate', at: '2026-03-03T10:00:00+08:00' } } as const;
    const history = given(filed, rejected);
    history.when({ type: 'RecordFinding', outcome: 'valid', at: now }).thenError({
      kind: 'conflict',
      code: 'finding-on-rejected-complaint',
    });
    history.when({ type: 'AssignInvestigator', investigatorId: 'inv-1', at: now }).thenError({
      kind: 'conflict',
      code: 'assign-on-rejected-complaint',
    });
    history.when({ type: 'CloseComplaint', at: now }).thenError({ kind: 'conflict', code: 'close-on-rejected-complaint' });
    history.when({ type: 'FileAppeal', reason: 'unfair', at: now }).thenError({
      kind: 'conflict',
      code: 'appeal-on-rejected-complaint',
    });
    history.when({ type: 'MarkOverdue', at: now }).thenError({ kind: 'conflict', code: 'overdue-on-rejected-complaint' });
  });
});
