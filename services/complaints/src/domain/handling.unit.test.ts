import { describe, expect, it } from 'vitest';
import {
  accepted,
  appealed,
  assigned,
  closed,
  complaintId,
  expectError,
  expectEvents,
  filed,
  filedWithoutPerson,
  found,
  given,
  receivedAt,
} from './scenario.testkit.ts';

describe('assigning an investigator', () => {
  it('records the assignment and keeps the deadline counted from receipt', () => {
    const history = given(filed, accepted());
    expectEvents(history.when({ type: 'AssignInvestigator', investigatorId: 'inv-li', at: '2026-03-04T09:00:00+08:00' }), [
      { type: 'ComplaintAssigned', data: { complaintId, investigatorId: 'inv-li', at: '2026-03-04T09:00:00+08:00' } },
    ]);
  });

  it('may be repeated while the finding is awaited; passing it on never restarts the clock', () => {
    const history = given(filed, accepted(), assigned('inv-li', '2026-03-04T09:00:00+08:00'));
    const decision = history.when({ type: 'AssignInvestigator', investigatorId: 'inv-zhao', at: '2026-03-06T09:00:00+08:00' });
    expect(decision.ok).toBe(true);
    const after = given(filed, accepted(), assigned('inv-li', '2026-03-04T09:00:00+08:00'), ...(decision.ok ? decision.events : []));
    expect(after.state?.investigators.map((assignment) => assignment.investigatorId)).toEqual(['inv-li', 'inv-zhao']);
    expect(after.state?.dueAt).toBe(history.state?.dueAt);
  });

  it('is refused to the investigator already assigned', () => {
    expectError(
      given(filed, accepted(), assigned('inv-li', '2026-03-04T09:00:00+08:00')).when({
        type: 'AssignInvestigator',
        investigatorId: 'inv-li',
        at: '2026-03-05T09:00:00+08:00',
      }),
      { kind: 'conflict', code: 'already-assigned' },
    );
  });

  it('is refused before acceptance and once a finding is recorded', () => {
    expectError(given(filed).when({ type: 'AssignInvestigator', investigatorId: 'inv-li', at: '2026-03-04T09:00:00+08:00' }), {
      kind: 'conflict',
      code: 'assign-before-acceptance',
    });
    expectError(
      given(filed, accepted(), found('valid')).when({ type: 'AssignInvestigator', investigatorId: 'inv-li', at: '2026-03-11T09:00:00+08:00' }),
      { kind: 'conflict', code: 'assign-after-finding' },
    );
  });

  it('refuses an at before the previous step', () => {
    expectError(
      given(filed, accepted('2026-03-05T10:00:00+08:00')).when({
        type: 'AssignInvestigator',
        investigatorId: 'inv-li',
        at: '2026-03-04T10:00:00+08:00',
      }),
      { kind: 'rule', code: 'before-previous-step', field: 'at' },
    );
  });
});

describe('recording a finding', () => {
  const at = '2026-03-10T15:00:00+08:00';

  it('defaults the responsible person to the respondent and the departments at fault to none', () => {
    expectEvents(given(filed, accepted()).when({ type: 'RecordFinding', outcome: 'valid', at }), [found('valid', at)]);
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
    expectEvents(decision, [
      {
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
      },
    ]);
  });

  it('refuses a valid finding that names no one', () => {
    const anonymous = given(filedWithoutPerson, accepted());
    for (const outcome of ['valid', 'valid-violation'] as const) {
      expectError(anonymous.when({ type: 'RecordFinding', outcome, at }), {
        kind: 'rule',
        code: 'finding-names-no-one',
        field: 'personId',
      });
    }
    expect(anonymous.when({ type: 'RecordFinding', outcome: 'valid', departmentsAtFault: ['dept-permits'], at }).ok).toBe(true);
    expect(anonymous.when({ type: 'RecordFinding', outcome: 'invalid', at }).ok).toBe(true);
  });

  it('refuses a department named twice', () => {
    expectError(
      given(filed, accepted()).when({ type: 'RecordFinding', outcome: 'valid', departmentsAtFault: ['dept-a', 'dept-a'], at }),
      { kind: 'rule', code: 'duplicate-department', field: 'departmentsAtFault' },
    );
  });

  it('is refused before acceptance, a second time, while appealed and once closed', () => {
    expectError(given(filed).when({ type: 'RecordFinding', outcome: 'valid', at }), {
      kind: 'conflict',
      code: 'finding-before-acceptance',
    });
    const later = '2026-03-20T10:00:00+08:00';
    expectError(given(filed, accepted(), found('valid')).when({ type: 'RecordFinding', outcome: 'invalid', at: later }), {
      kind: 'conflict',
      code: 'finding-already-recorded',
    });
    expectError(
      given(filed, accepted(), found('valid'), appealed('2026-03-11T09:00:00+08:00')).when({
        type: 'RecordFinding',
        outcome: 'invalid',
        at: later,
      }),
      { kind: 'conflict', code: 'appeal-pending' },
    );
    expectError(given(filed, accepted(), found('valid'), closed(4)).when({ type: 'RecordFinding', outcome: 'invalid', at: later }), {
      kind: 'conflict',
      code: 'already-closed',
    });
  });

  it('refuses a future at', () => {
    expectError(given(filed, accepted()).when({ type: 'RecordFinding', outcome: 'valid', at: '2027-01-01T00:00:00+08:00' }), {
      kind: 'rule',
      code: 'future-business-time',
      field: 'at',
    });
  });
});

describe('closing a complaint', () => {
  const at = '2026-03-12T11:00:00+08:00';

  it('records the satisfaction when given, and closes without one too', () => {
    expectEvents(given(filed, accepted(), found('valid')).when({ type: 'CloseComplaint', satisfaction: 2, at }), [closed(2, at)]);
    expectEvents(given(filed, accepted(), found('valid')).when({ type: 'CloseComplaint', at }), [closed(undefined, at)]);
  });

  it('is refused twice', () => {
    expectError(given(filed, accepted(), found('valid'), closed(4)).when({ type: 'CloseComplaint', at: '2026-03-14T11:00:00+08:00' }), {
      kind: 'conflict',
      code: 'already-closed',
    });
  });

  it('is refused without a finding and while an appeal is pending', () => {
    expectError(given(filed, accepted()).when({ type: 'CloseComplaint', at }), { kind: 'conflict', code: 'close-without-finding' });
    expectError(given(filed).when({ type: 'CloseComplaint', at }), { kind: 'conflict', code: 'close-without-finding' });
    expectError(given(filed, accepted(), found('valid'), appealed('2026-03-11T09:00:00+08:00')).when({ type: 'CloseComplaint', at }), {
      kind: 'conflict',
      code: 'appeal-pending',
    });
  });

  it('refuses a satisfaction outside 1 to 5', () => {
    for (const satisfaction of [0, 6, 3.5]) {
      expectError(given(filed, accepted(), found('valid')).when({ type: 'CloseComplaint', satisfaction, at }), {
        kind: 'rule',
        code: 'invalid-satisfaction',
        field: 'satisfaction',
      });
    }
  });
});
