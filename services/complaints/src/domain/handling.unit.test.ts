import { describe, expect, it } from 'vitest';
import {
  accepted,
  appealed,
  assigned,
  closed,
  complaintId,
  filed,
  filedWithoutPerson,
  found,
  given,
  receivedAt,
} from './scenario.testkit.ts';

describe('assigning an investigator', () => {
  it('records the assignment and keeps the deadline counted from receipt', () => {
    const history = given(filed, accepted());
    history
      .when({ type: 'AssignInvestigator', investigatorId: 'inv-li', at: '2026-03-04T09:00:00+08:00' })
      .thenEvents({ type: 'ComplaintAssigned', data: { complaintId, investigatorId: 'inv-li', at: '2026-03-04T09:00:00+08:00' } });
  });

  it('may be repeated while the finding is awaited; passing it on never restarts the clock', () => {
    const history = given(filed, accepted(), assigned('inv-li', '2026-03-04T09:00:00+08:00'));
    const { decision } = history.when({ type: 'AssignInvestigator', investigatorId: 'inv-zhao', at: '2026-03-06T09:00:00+08:00' });
    expect(decision.ok).toBe(true);
    const after = given(filed, accepted(), assigned('inv-li', '2026-03-04T09:00:00+08:00'), ...(decision.ok ? decision.events : []));
    expect(after.state?.investigators.map((assignment) => assignment.investigatorId)).toEqual(['inv-li', 'inv-zhao']);
    expect(after.state?.dueAt).toBe(history.state?.dueAt);
  });

  it('is refused to the investigator already assigned', () => {
    given(filed, accepted(), assigned('inv-li', '2026-03-04T09:00:00+08:00'))
      .when({
        type: 'AssignInvestigator',
        investigatorId: 'inv-li',
        at: '2026-03-05T09:00:00+08:00',
      })
      .thenError({ kind: 'conflict', code: 'already-assigned' });
  });

  it('is refused before acceptance and once a finding is recorded', () => {
    given(filed).when({ type: 'AssignInvestigator', investigatorId: 'inv-li', at: '2026-03-04T09:00:00+08:00' }).thenError({
      kind: 'conflict',
      code: 'assign-before-acceptance',
    });
    given(filed, accepted(), found('valid'))
      .when({ type: 'AssignInvestigator', investigatorId: 'inv-li', at: '2026-03-11T09:00:00+08:00' })
      .thenError({ kind: 'conflict', code: 'assign-after-finding' });
  });

  it('refuses an at before the previous step', () => {
    given(filed, accepted('2026-03-05T10:00:00+08:00'))
      .when({
        type: 'AssignInvestigator',
        investigatorId: 'inv-li',
        at: '2026-03-04T10:00:00+08:00',
      })
      .thenError({ kind: 'rule', code: 'before-previous-step', field: 'at' });
  });
});

describe('recording a finding', () => {
  const at = '2026-03-10T15:00:00+08:00';

  it('defaults the responsible person to the respondent and the departments at fault to none', () => {
    given(filed, accepted()).when({ type: 'RecordFinding', outcome: 'valid', at }).thenEvents(found('valid', at));
  });

  it('records the named person, departments at fault and note, with the facts consumers count by', () => {
    const decision = given(filed, accepted()).when({
      type: 'RecordFinding',
      outcome: 'valid-violation',
      personId: 'person-zhou',
      departmentsAtFault: ['dept-permits', 'dept-housing'],
      note: 'Both desks refused to take the file.',
      at,
    });
    decision.thenEvents({
      type: 'FindingRecorded',
      data: {
        complaintId,
        receivedAt,
        respondentDepartmentId: 'dept-permits',
        outcome: 'valid-violation',
        personId: 'person-zhou',
        departmentsAtFault: ['dept-permits', 'dept-housing'],
        note: 'Both desks refused to take the file.',
        at,
      },
    });
  });

  it('refuses a valid finding that names no one', () => {
    const anonymous = given(filedWithoutPerson, accepted());
    for (const outcome of ['valid', 'valid-violation'] as const) {
      anonymous.when({ type: 'RecordFinding', outcome, at }).thenError({
        kind: 'rule',
        code: 'finding-names-no-one',
        field: 'personId',
      });
    }
    expect(anonymous.when({ type: 'RecordFinding', outcome: 'valid', departmentsAtFault: ['dept-permits'], at }).decision.ok).toBe(true);
    expect(anonymous.when({ type: 'RecordFinding', outcome: 'invalid', at }).decision.ok).toBe(true);
  });

  it('refuses a department named twice', () => {
    given(filed, accepted())
      .when({ type: 'RecordFinding', outcome: 'valid', departmentsAtFault: ['dept-a', 'dept-a'], at })
      .thenError({ kind: 'rule', code: 'duplicate-department', field: 'departmentsAtFault' });
  });

  it('is refused before acceptance, a second time, while appealed and once closed', () => {
    given(filed).when({ type: 'RecordFinding', outcome: 'valid', at }).thenError({
      kind: 'conflict',
      code: 'finding-before-acceptance',
    });
    const later = '2026-03-20T10:00:00+08:00';
    given(filed, accepted(), found('valid')).when({ type: 'RecordFinding', outcome: 'invalid', at: later }).thenError({
      kind: 'conflict',
      code: 'finding-already-recorded',
    });
    given(filed, accepted(), found('valid'), appealed('2026-03-11T09:00:00+08:00'))
      .when({
        type: 'RecordFinding',
        outcome: 'invalid',
        at: later,
      })
      .thenError({ kind: 'conflict', code: 'appeal-pending' });
    given(filed, accepted(), found('valid'), closed(4)).when({ type: 'RecordFinding', outcome: 'invalid', at: later }).thenError({
      kind: 'conflict',
      code: 'already-closed',
    });
  });

  it('refuses a future at', () => {
    given(filed, accepted()).when({ type: 'RecordFinding', outcome: 'valid', at: '2027-01-01T00:00:00+08:00' }).thenError({
      kind: 'rule',
      code: 'future-business-time',
      field: 'at',
    });
  });
});

describe('closing a complaint', () => {
  const at = '2026-03-12T11:00:00+08:00';

  it('records the satisfaction when given, and closes without one too', () => {
    given(filed, accepted(), found('valid')).when({ type: 'CloseComplaint', satisfaction: 2, at }).thenEvents(closed(2, at));
    given(filed, accepted(), found('valid')).when({ type: 'CloseComplaint', at }).thenEvents(closed(undefined, at));
  });

  it('is refused twice', () => {
    given(filed, accepted(), found('valid'), closed(4)).when({ type: 'CloseComplaint', at: '2026-03-14T11:00:00+08:00' }).thenError({
      kind: 'conflict',
      code: 'already-closed',
    });
  });

  it('is refused without a finding and while an appeal is pending', () => {
    given(filed, accepted()).when({ type: 'CloseComplaint', at }).thenError({ kind: 'conflict', code: 'close-without-finding' });
    given(filed).when({ type: 'CloseComplaint', at }).thenError({ kind: 'conflict', code: 'close-without-finding' });
    given(filed, accepted(), found('valid'), appealed('2026-03-11T09:00:00+08:00')).when({ type: 'CloseComplaint', at }).thenError({
      kind: 'conflict',
      code: 'appeal-pending',
    });
  });

  it('refuses a satisfaction outside 1 to 5', () => {
    for (const satisfaction of [0, 6, 3.5]) {
      given(filed, accepted(), found('valid')).when({ type: 'CloseComplaint', satisfaction, at }).thenError({
        kind: 'rule',
        code: 'invalid-satisfaction',
        field: 'satisfaction',
      });
    }
  });
});
