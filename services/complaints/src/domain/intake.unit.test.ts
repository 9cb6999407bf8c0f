import { describe, expect, it } from 'vitest';
import { accepted, complaintId, expectError, expectEvents, filed, given, now, receivedAt } from './scenario.testkit.ts';

const filing = {
  type: 'FileComplaint',
  complaintId,
  trackingCode: 'TRK-7Q4M-2K9X',
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
    expectEvents(given().when(filing), [filed]);
  });

  it('leaves out the optional respondent person, occurrence time and complainant when not given', () => {
    const { personId: _p, occurredAt: _o, ...minimal } = filing;
    const decision = given().when(minimal);
    expect(decision.ok && decision.events[0]?.data).toEqual({
      complaintId,
      trackingCode: filing.trackingCode,
      channel: filing.channel,
      departmentId: filing.departmentId,
      category: filing.category,
      summary: filing.summary,
      receivedAt,
    });
  });

  it('carries the sealed complainant data unchanged', () => {
    const complainant = { complainantRef: 'cp-1', alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'c2VhbGVk', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' } as const;
    const decision = given().when({ ...filing, complainant });
    expect(decision.ok && decision.events[0]?.type === 'ComplaintFiled' && decision.events[0].data.complainant).toEqual(complainant);
  });

  it('is refused when the complaint id was already filed', () => {
    expectError(given(filed).when(filing), { kind: 'already-exists', code: 'complaint-already-filed' });
  });

  it('refuses a receivedAt in the future, naming the field', () => {
    expectError(given().when({ ...filing, receivedAt: '2026-07-01T09:00:00+08:00' }), {
      kind: 'rule',
      code: 'future-business-time',
      field: 'receivedAt',
    });
  });

  it('compares times across offsets: one second after now in UTC is still the future', () => {
    expectError(given().when({ ...filing, receivedAt: '2026-06-30T10:00:01Z' }), {
      kind: 'rule',
      code: 'future-business-time',
      field: 'receivedAt',
    });
    expect(given().when({ ...filing, receivedAt: '2026-06-30T10:00:00Z', occurredAt: undefined }).ok).toBe(true);
  });

  it('refuses an occurredAt in the future', () => {
    expectError(given().when({ ...filing, occurredAt: '2026-07-02T00:00:00+08:00' }), {
      kind: 'rule',
      code: 'future-business-time',
      field: 'occurredAt',
    });
  });

  it('refuses an occurredAt after receivedAt', () => {
    expectError(given().when({ ...filing, occurredAt: '2026-03-02T09:00:01+08:00' }), {
      kind: 'rule',
      code: 'occurred-after-received',
      field: 'occurredAt',
    });
  });

  it('refuses a blank summary and a time without offset', () => {
    expectError(given().when({ ...filing, summary: '  ' }), { kind: 'rule', code: 'blank-field', field: 'summary' });
    expectError(given().when({ ...filing, receivedAt: '2026-03-02T09:00:00' }), {
      kind: 'rule',
      code: 'invalid-instant',
      field: 'receivedAt',
    });
  });

  it('refuses what the event schema refuses, naming the field', () => {
    expectError(given().when({ ...filing, trackingCode: 'short' }), { kind: 'rule', code: 'invalid-field', field: 'trackingCode' });
  });
});

describe('accepting a complaint', () => {
  it('sets the deadline in calendar days from receipt, not from acceptance', () => {
    const decision = given(filed).when({ type: 'AcceptComplaint', handlingDays: 15, at: '2026-03-05T16:30:00+08:00' });
    expectEvents(decision, [
      {
        type: 'ComplaintAccepted',
        data: { complaintId, handlingDays: 15, dueAt: '2026-03-17T09:00:00+08:00', at: '2026-03-05T16:30:00+08:00' },
      },
    ]);
  });

  it('is refused for an unknown complaint', () => {
    expectError(given().when({ type: 'AcceptComplaint', handlingDays: 15, at: receivedAt }), {
      kind: 'not-found',
      code: 'complaint-not-found',
    });
  });

  it('is refused twice, and after a rejection', () => {
    expectError(given(filed, accepted()).when({ type: 'AcceptComplaint', handlingDays: 15, at: now }), {
      kind: 'conflict',
      code: 'already-accepted',
    });
    const rejected = { type: 'ComplaintRejected', data: { complaintId, reason: 'duplicate', at: '2026-03-03T10:00:00+08:00' } } as const;
    expectError(given(filed, rejected).when({ type: 'AcceptComplaint', handlingDays: 15, at: now }), {
      kind: 'conflict',
      code: 'already-rejected',
    });
  });

  it('refuses handling days that are not a positive whole number', () => {
    for (const handlingDays of [0, -3, 2.5]) {
      expectError(given(filed).when({ type: 'AcceptComplaint', handlingDays, at: now }), {
        kind: 'rule',
        code: 'invalid-handling-days',
        field: 'handlingDays',
      });
    }
  });

  it('refuses an at in the future or before the complaint was received', () => {
    expectError(given(filed).when({ type: 'AcceptComplaint', handlingDays: 15, at: '2026-07-01T00:00:00+08:00' }), {
      kind: 'rule',
      code: 'future-business-time',
      field: 'at',
    });
    expectError(given(filed).when({ type: 'AcceptComplaint', handlingDays: 15, at: '2026-03-02T08:59:59+08:00' }), {
      kind: 'rule',
      code: 'before-received',
      field: 'at',
    });
  });
});

describe('rejecting a complaint', () => {
  it('records the reason', () => {
    expectEvents(given(filed).when({ type: 'RejectComplaint', reason: 'out-of-scope', at: '2026-03-03T10:00:00+08:00' }), [
      { type: 'ComplaintRejected', data: { complaintId, reason: 'out-of-scope', at: '2026-03-03T10:00:00+08:00' } },
    ]);
  });

  it('is refused once accepted, without a reason, or with a future time', () => {
    expectError(given(filed, accepted()).when({ type: 'RejectComplaint', reason: 'duplicate', at: now }), {
      kind: 'conflict',
      code: 'already-accepted',
    });
    expectError(given(filed).when({ type: 'RejectComplaint', reason: '', at: now }), {
      kind: 'rule',
      code: 'blank-field',
      field: 'reason',
    });
    expectError(given(filed).when({ type: 'RejectComplaint', reason: 'duplicate', at: '2026-06-30T18:00:01+08:00' }), {
      kind: 'rule',
      code: 'future-business-time',
      field: 'at',
    });
  });

  it('refuses every later step on a rejected complaint', () => {
    const rejected = { type: 'ComplaintRejected', data: { complaintId, reason: 'duplicate', at: '2026-03-03T10:00:00+08:00' } } as const;
    const history = given(filed, rejected);
    expectError(history.when({ type: 'RecordFinding', outcome: 'valid', at: now }), {
      kind: 'conflict',
      code: 'finding-on-rejected-complaint',
    });
    expectError(history.when({ type: 'AssignInvestigator', investigatorId: 'inv-1', at: now }), {
      kind: 'conflict',
      code: 'assign-on-rejected-complaint',
    });
    expectError(history.when({ type: 'CloseComplaint', at: now }), { kind: 'conflict', code: 'close-on-rejected-complaint' });
    expectError(history.when({ type: 'FileAppeal', reason: 'unfair', at: now }), {
      kind: 'conflict',
      code: 'appeal-on-rejected-complaint',
    });
    expectError(history.when({ type: 'MarkOverdue', at: now }), { kind: 'conflict', code: 'overdue-on-rejected-complaint' });
  });
});
