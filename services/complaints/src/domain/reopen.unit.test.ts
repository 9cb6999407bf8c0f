import { describe, expect, it } from 'vitest';
import { accepted, closed, complaintId, filed, found, given, receivedAt, reopened } from './scenario.testkit.ts';

const reopenAt = '2026-03-13T09:00:00+08:00';
const reopen = { type: 'ReopenComplaint', reason: 'The complainant says nothing changed.', handlingDays: 10, at: reopenAt } as const;

describe('reopening a complaint', () => {
  it('after satisfaction 1 or 2: back to accepted with a deadline counted from the reopening', () => {
    for (const satisfaction of [1, 2]) {
      const history = given(filed, accepted(), found('valid'), closed(satisfaction));
      history.when(reopen).thenEvents(reopened(reopenAt, 10, '2026-03-24T00:00:00+08:00'));
    }
  });

  it('is refused a second time', () => {
    const secondClose = closed(1, '2026-03-20T11:00:00+08:00');
    const history = given(
      filed,
      accepted(),
      found('valid'),
      closed(1),
      reopened(),
      found('invalid', '2026-03-18T10:00:00+08:00'),
      secondClose,
    );
    history.when({ ...reopen, at: '2026-03-21T09:00:00+08:00' }).thenError({ kind: 'rule', code: 'already-reopened' });
  });

  it('is refused after satisfaction 3 or better, or without a rating', () => {
    for (const satisfaction of [3, 4, 5, undefined]) {
      given(filed, accepted(), found('valid'), closed(satisfaction)).when(reopen).thenError({
        kind: 'rule',
        code: 'reopen-needs-dissatisfaction',
      });
    }
  });

  it('is refused (422, not 409) when the complaint is not closed', () => {
    given(filed, accepted(), found('valid')).when(reopen).thenError({ kind: 'rule', code: 'reopen-not-allowed' });
    given(filed).when(reopen).thenError({ kind: 'rule', code: 'reopen-not-allowed' });
  });

  it('refuses invalid handling days, a blank reason and a time before the closing', () => {
    const history = given(filed, accepted(), found('valid'), closed(1));
    history.when({ ...reopen, handlingDays: 0 }).thenError({ kind: 'rule', code: 'invalid-handling-days', field: 'handlingDays' });
    history.when({ ...reopen, reason: ' ' }).thenError({ kind: 'rule', code: 'blank-field', field: 'reason' });
    history.when({ ...reopen, at: '2026-03-12T10:59:00+08:00' }).thenError({
      kind: 'rule',
      code: 'before-previous-step',
      field: 'at',
    });
  });

  it('needs a new finding, which replaces the one in force', () => {
    const history = given(filed, accepted(), found('valid', undefined, ['dept-permits']), closed(2), reopened());
    expect(history.state?.status).toBe('accepted');
    history.when({ type: 'CloseComplaint', at: '2026-03-14T09:00:00+08:00' }).thenError({
      kind: 'conflict',
      code: 'close-without-finding',
    });
    history.when({ type: 'RecordFinding', outcome: 'invalid', at: '2026-03-15T09:00:00+08:00' }).thenEvents({
      type: 'FindingRecorded',
      data: {
        complaintId,
        receivedAt,
        respondentDepartmentId: 'dept-permits',
        outcome: 'invalid',
        personId: 'person-wang',
        departmentsAtFault: [],
        replacesFinding: { outcome: 'valid', personId: 'person-wang', departmentsAtFault: ['dept-permits'] },
        at: '2026-03-15T09:00:00+08:00',
      },
    });
  });

  it('allows investigators to be assigned again for the redo', () => {
    const history = given(filed, accepted(), found('valid'), closed(1), reopened());
    expect(history.when({ type: 'AssignInvestigator', investigatorId: 'inv-zhao', at: '2026-03-14T09:00:00+08:00' }).decision.ok).toBe(
      true,
    );
  });
});
