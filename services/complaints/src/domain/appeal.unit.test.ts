import type { ComplaintEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import {
  accepted,
  appealed,
  closed,
  complaintId,
  filed,
  filedWithoutPerson,
  found,
  given,
  receivedAt,
  reopened,
} from './scenario.testkit.ts';

const appealAt = '2026-03-11T09:00:00+08:00';
const decidedAt = '2026-03-16T09:00:00+08:00';
const facts = { complaintId, receivedAt, respondentDepartmentId: 'dept-permits' } as const;

describe('filing an appeal', () => {
  it('against a finding, whether or not the complaint is closed', () => {
    const appeal = { type: 'FileAppeal', reason: 'The respondent disputes the finding.', at: appealAt } as const;
    given(filed, accepted(), found('valid')).when(appeal).thenEvents(appealed(appealAt));
    const afterClosing = { ...appeal, at: '2026-03-13T09:00:00+08:00' };
    given(filed, accepted(), found('valid'), closed(4)).when(afterClosing).thenEvents(appealed(afterClosing.at));
  });

  it('is refused with no finding in force, also while a reopened complaint awaits its new finding', () => {
    const appeal = { type: 'FileAppeal', reason: 'unfair', at: '2026-03-14T09:00:00+08:00' } as const;
    given(filed).when(appeal).thenError({ kind: 'conflict', code: 'appeal-without-finding' });
    given(filed, accepted()).when(appeal).thenError({ kind: 'conflict', code: 'appeal-without-finding' });
    given(filed, accepted(), found('valid'), closed(1), reopened()).when(appeal).thenError({
      kind: 'conflict',
      code: 'appeal-without-finding',
    });
  });

  it('is refused while another is pending, and a second time on the same finding', () => {
    const appeal = { type: 'FileAppeal', reason: 'again', at: '2026-03-20T09:00:00+08:00' } as const;
    given(filed, accepted(), found('valid'), appealed(appealAt)).when(appeal).thenError({ kind: 'conflict', code: 'appeal-pending' });
    const upheld = decision('upheld', 'valid', 'valid');
    given(filed, accepted(), found('valid'), appealed(appealAt), upheld).when(appeal).thenError({
      kind: 'rule',
      code: 'finding-already-appealed',
    });
  });

  it('is allowed again on the new finding after a reopen', () => {
    const history = given(
      filed,
      accepted(),
      found('valid'),
      appealed(appealAt),
      decision('upheld', 'valid', 'valid'),
      closed(1, '2026-03-17T09:00:00+08:00'),
      reopened('2026-03-18T09:00:00+08:00', 10, '2026-03-28T09:00:00+08:00'),
      found('invalid', '2026-03-20T09:00:00+08:00'),
    );
    expect(history.when({ type: 'FileAppeal', reason: 'the redo was wrong', at: '2026-03-21T09:00:00+08:00' }).decision.ok).toBe(true);
  });

  it('refuses a blank reason', () => {
    given(filed, accepted(), found('valid')).when({ type: 'FileAppeal', reason: '', at: appealAt }).thenError({
      kind: 'rule',
      code: 'blank-field',
      field: 'reason',
    });
  });
});

describe('deciding an appeal', () => {
  const pending: ComplaintEvent[] = [filed, accepted(), found('valid', undefined, ['dept-permits']), appealed(appealAt)];
  const inForce = { outcome: 'valid' as const, personId: 'person-wang', departmentsAtFault: ['dept-permits'] };

  it('upheld: the finding stays, and the status returns to found', () => {
    const history = given(...pending);
    const decided = history.when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'upheld', at: decidedAt });
    decided.thenEvents({
      type: 'AppealDecided',
      data: { ...facts, decision: 'upheld', finding: inForce, previousFinding: inForce, reason: 'the evidence was re-examined', at: decidedAt },
    });
    const after = given(...pending, ...(decided.decision.ok ? decided.decision.events : []));
    expect(after.state?.status).toBe('found');
    expect(after.state?.finding?.outcome).toBe('valid');
  });

  it('overturned: the outcome is replaced for the same person and departments', () => {
    given(...pending)
      .when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'overturned', outcome: 'invalid', at: decidedAt })
      .thenEvents({
        type: 'AppealDecided',
        data: { ...facts, decision: 'overturned', finding: { ...inForce, outcome: 'invalid' }, previousFinding: inForce, reason: 'the evidence was re-examined', at: decidedAt },
      });
  });

  it('overturned onto another responsible person: the outcome stays, the person changes, with the reason (SPEC 3.6)', () => {
    given(...pending)
      .when({ type: 'DecideAppeal', reason: 'the counter log shows Li handled it', decision: 'overturned', personId: 'person-li', at: decidedAt })
      .thenEvents({
        type: 'AppealDecided',
        data: {
          ...facts,
          decision: 'overturned',
          finding: { ...inForce, personId: 'person-li' },
          previousFinding: inForce,
          reason: 'the counter log shows Li handled it',
          at: decidedAt,
        },
      });
  });

  it('refuses a decision without its reason', () => {
    given(...pending).when({ type: 'DecideAppeal', reason: '  ', decision: 'upheld', at: decidedAt }).thenError({
      kind: 'rule',
      code: 'appeal-decision-needs-reason',
      field: 'reason',
    });
  });

  it('refuses an upheld decision that names another person', () => {
    given(...pending).when({ type: 'DecideAppeal', reason: 'stands', decision: 'upheld', personId: 'person-li', at: decidedAt }).thenError({
      kind: 'rule',
      code: 'upheld-with-different-person',
      field: 'personId',
    });
  });

  it('returns a closed complaint to closed, with the replaced finding in force', () => {
    const history: ComplaintEvent[] = [filed, accepted(), found('valid'), closed(5), appealed('2026-03-13T09:00:00+08:00')];
    const decided = given(...history).when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'overturned', outcome: 'invalid', at: decidedAt });
    const after = given(...history, ...(decided.decision.ok ? decided.decision.events : []));
    expect(after.state?.status).toBe('closed');
    expect(after.state?.finding).toMatchObject({ outcome: 'invalid', decidedOnAppeal: true, at: decidedAt });
  });

  it('refuses an overturn without an outcome or with the outcome in force', () => {
    given(...pending)
      .when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'overturned', at: decidedAt })
      .thenError({
        kind: 'rule',
        code: 'overturn-needs-outcome',
        field: 'outcome',
      });
    given(...pending)
      .when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'overturned', outcome: 'valid', at: decidedAt })
      .thenError({
        kind: 'rule',
        code: 'overturn-same-outcome',
        field: 'outcome',
      });
  });

  it('refuses an upheld decision that names a different outcome', () => {
    given(...pending)
      .when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'upheld', outcome: 'invalid', at: decidedAt })
      .thenError({
        kind: 'rule',
        code: 'upheld-with-different-outcome',
        field: 'outcome',
      });
    expect(given(...pending).when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'upheld', outcome: 'valid', at: decidedAt }).decision.ok).toBe(true);
  });

  it('refuses to turn a finding that names no one into a valid one', () => {
    const anonymous = given(filedWithoutPerson, accepted(), invalidAgainstNoOne(), appealed(appealAt));
    anonymous.when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'overturned', outcome: 'valid', at: decidedAt }).thenError({
      kind: 'rule',
      code: 'finding-names-no-one',
      field: 'outcome',
    });
  });

  it('is refused when no appeal is pending', () => {
    given(filed, accepted(), found('valid')).when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'upheld', at: decidedAt }).thenError({
      kind: 'conflict',
      code: 'no-pending-appeal',
    });
    given(...pending, decision('upheld', 'valid', 'valid'))
      .when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'upheld', at: '2026-03-17T09:00:00+08:00' })
      .thenError({ kind: 'conflict', code: 'no-pending-appeal' });
  });

  it('refuses a decision dated before the appeal', () => {
    given(...pending)
      .when({ type: 'DecideAppeal', reason: 'the evidence was re-examined', decision: 'upheld', at: '2026-03-10T16:00:00+08:00' })
      .thenError({
        kind: 'rule',
        code: 'before-previous-step',
        field: 'at',
      });
  });
});

function decision(kind: 'upheld' | 'overturned', from: 'valid' | 'invalid', to: 'valid' | 'invalid'): ComplaintEvent {
  return {
    type: 'AppealDecided',
    data: {
      ...facts,
      decision: kind,
      finding: { outcome: to, personId: 'person-wang', departmentsAtFault: [] },
      previousFinding: { outcome: from, personId: 'person-wang', departmentsAtFault: [] },
      at: decidedAt,
    },
  };
}

function invalidAgainstNoOne(): ComplaintEvent {
  return {
    type: 'FindingRecorded',
    data: { ...facts, outcome: 'invalid', departmentsAtFault: [], at: '2026-03-10T15:00:00+08:00' },
  };
}
