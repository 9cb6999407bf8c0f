import { validateEvent } from '@ledger/events';
import { calendarIn } from '@ledger/calendar';
import { describe, expect, it } from 'vitest';
import type { Decision } from '@ledger/decider';
import type { DepartmentAccountabilityEvent } from '../events.ts';
import { type CarryOutApology, decideCarryOutApology } from './carry-out.ts';
import { type CountDepartmentFault, decideCountDepartmentFault } from './count-fault.ts';
import { apologiesInForce, faultCountsByYear } from './read.ts';
import { decideRecordIncident, type RecordIncident } from './record-incident.ts';
import { type DepartmentAccountabilityState, foldDepartmentAccountability, initialDepartmentAccountabilityState } from './state.ts';

const calendar = calendarIn('Asia/Shanghai');
const leaders = { 'd-a': 'leader-a', 'd-b': 'leader-b', 'd-c': 'leader-c' };
let revision = 0;

const fault = (departmentId: string, complaintId: string, receivedAt: string, overrides: Partial<CountDepartmentFault> = {}): CountDepartmentFault => ({
  departmentId,
  complaintId,
  receivedAt,
  outcome: 'valid',
  departmentsAtFault: [departmentId],
  calendar,
  foundAt: new Date(Date.parse(receivedAt) + 86_400_000).toISOString(),
  sourceEventId: `e-${(revision += 1)}`,
  complaintRevision: revision,
  leaders,
  ...overrides,
});

const eventsOf = (decision: Decision<DepartmentAccountabilityEvent>): DepartmentAccountabilityEvent[] => {
  if (!decision.ok) throw new Error(`refused: ${decision.error.code} ${decision.error.message}`);
  for (const event of decision.events) validateEvent(event.type, 1, event.data);
  return decision.events;
};

function play(commands: CountDepartmentFault[], state: DepartmentAccountabilityState = initialDepartmentAccountabilityState) {
  const steps: DepartmentAccountabilityEvent[][] = [];
  for (const command of commands) {
    const events = eventsOf(decideCountDepartmentFault(command, state));
    steps.push(events);
    state = foldDepartmentAccountability(events, state);
  }
  return { state, steps };
}

const required = (events: DepartmentAccountabilityEvent[]) =>
  events.flatMap((event) => (event.type === 'ApologyRequired' ? [event.data] : []));
const rescinded = (events: DepartmentAccountabilityEvent[]) =>
  events.flatMap((event) => (event.type === 'ApologyRescinded' ? [event.data] : []));

describe('apologies for valid at-fault complaints', () => {
  it('requires a direct apology for the 1st of the year, then public ones', () => {
    const { steps } = play([
      fault('d-a', 'c-1', '2026-02-01T00:00:00.000Z'),
      fault('d-a', 'c-2', '2026-03-01T00:00:00.000Z', { outcome: 'valid-violation' }),
      fault('d-a', 'c-3', '2026-04-01T00:00:00.000Z'),
    ]);
    expect(steps[0]).toEqual([
      {
        type: 'DepartmentFaultCounted',
        data: {
          departmentId: 'd-a',
          complaintId: 'c-1',
          receivedAt: '2026-02-01T00:00:00.000Z',
          outcome: 'valid',
          departmentsAtFault: ['d-a'],
          foundAt: '2026-02-02T00:00:00.000Z',
          sourceEventId: expect.any(String),
          complaintRevision: expect.any(Number),
        },
      },
      {
        type: 'ApologyRequired',
        data: {
          apologyId: 'apology:d-a:complaint:c-1:1',
          kind: 'direct',
          departments: [{ departmentId: 'd-a', leaderPersonId: 'leader-a' }],
          year: 2026,
          cause: { type: 'complaint', complaintId: 'c-1' },
          reason: '1st valid complaint with department d-a at fault received in 2026 (complaint c-1): the leader apologises directly to the complainant',
          at: '2026-02-02T00:00:00.000Z',
        },
      },
    ]);
    expect(required(steps[1]!).map((apology) => [apology.kind, apology.reason])).toEqual([
      ['public', '2nd valid complaint with department d-a at fault received in 2026 (complaint c-2): a public apology in the media'],
    ]);
    expect(required(steps[2]!).map((apology) => apology.kind)).toEqual(['public']);
  });

  it('starts again with a direct apology in a new local calendar year of receipt', () => {
    const { steps, state } = play([
      fault('d-a', 'c-1', '2025-12-31T15:59:59.000Z'),
      // 1 January 2026, 00:00 in Beijing: the new year, although UTC still says 31 December.
      fault('d-a', 'c-2', '2025-12-31T16:00:00.000Z'),
    ]);
    expect(steps.map((events) => required(events).map((apology) => [apology.year, apology.kind]))).toEqual([[[2025, 'direct']], [[2026, 'direct']]]);
    expect(faultCountsByYear(state, calendar)).toEqual({ '2025': 1, '2026': 1 });
  });

  it('requires nothing for an invalid finding, and omits an unknown leader', () => {
    const { steps } = play([
      fault('d-a', 'c-1', '2026-02-01T00:00:00.000Z', { outcome: 'invalid', departmentsAtFault: [] }),
      fault('d-a', 'c-2', '2026-02-02T00:00:00.000Z', { leaders: {} }),
    ]);
    expect(steps[0]!.map((event) => event.type)).toEqual(['DepartmentFaultCounted']);
    expect(required(steps[1]!)[0]?.departments).toEqual([{ departmentId: 'd-a' }]);
  });
});

const joint = (departmentId: string, overrides: Partial<CountDepartmentFault> = {}) =>
  fault(departmentId, 'c-9', '2026-05-01T00:00:00.000Z', { departmentsAtFault: ['d-b', 'd-a'], sourceEventId: 'e-joint', complaintRevision: 50, ...overrides });

describe('joint faults', () => {
  it('records one joint apology by all leaders, in the first department’s stream only', () => {
    const lead = play([joint('d-a')]);
    const other = play([joint('d-b')]);
    expect(required(lead.steps[0]!)).toEqual([
      {
        apologyId: 'apology:d-a:complaint:c-9:1',
        kind: 'joint',
        departments: [
          { departmentId: 'd-a', leaderPersonId: 'leader-a' },
          { departmentId: 'd-b', leaderPersonId: 'leader-b' },
        ],
        year: 2026,
        cause: { type: 'complaint', complaintId: 'c-9' },
        reason: 'complaint c-9 faults departments d-a, d-b: one joint apology by their leaders',
        at: '2026-05-02T00:00:00.000Z',
      },
    ]);
    expect(other.steps[0]!.map((event) => event.type)).toEqual(['DepartmentFaultCounted']);
  });

  it('still counts toward each department’s yearly count', () => {
    const { steps, state } = play([joint('d-b'), fault('d-b', 'c-10', '2026-06-01T00:00:00.000Z')]);
    expect(required(steps[1]!).map((apology) => apology.kind)).toEqual(['public']);
    expect(faultCountsByYear(state, calendar)).toEqual({ '2026': 2 });
  });

  it('never doubles on redelivery', () => {
    const command = joint('d-a');
    const { state } = play([command]);
    expect(eventsOf(decideCountDepartmentFault(command, state))).toEqual([]);
    expect(eventsOf(decideCountDepartmentFault({ ...command, sourceEventId: 'another', complaintRevision: 51 }, state))).toEqual([]);
  });

  it('replaces the joint apology when the departments at fault change', () => {
    const { steps, state } = play([
      joint('d-a'),
      joint('d-a', { departmentsAtFault: ['d-a', 'd-c'], sourceEventId: 'e-redo', complaintRevision: 60, change: 'redo-finding' }),
    ]);
    expect(rescinded(steps[1]!)).toEqual([
      expect.objectContaining({
        apologyId: 'apology:d-a:complaint:c-9:1',
        complaintId: 'c-9',
        reason: expect.stringContaining('the departments at fault in complaint c-9 are now d-a, d-c'),
      }),
    ]);
    expect(required(steps[1]!).map((apology) => [apology.apologyId, apology.departments.map((d) => d.departmentId)])).toEqual([
      ['apology:d-a:complaint:c-9:2', ['d-a', 'd-c']],
    ]);
    expect(apologiesInForce(state).map((apology) => apology.apologyId)).toEqual(['apology:d-a:complaint:c-9:2']);
  });
});

describe('withdrawn findings', () => {
  const first = fault('d-a', 'c-1', '2026-02-01T00:00:00.000Z');
  const overturned = { ...first, outcome: 'invalid' as const, departmentsAtFault: ['d-a'], foundAt: '2026-04-01T00:00:00.000Z', sourceEventId: 'e-appeal', complaintRevision: 99, change: 'appeal-overturned' as const };

  it('rescinds the apology of an overturned finding, naming the complaint and why, and keeps it on record', () => {
    const { steps, state } = play([first, overturned]);
    expect(rescinded(steps[1]!)).toEqual([
      {
        apologyId: 'apology:d-a:complaint:c-1:1',
        departmentId: 'd-a',
        complaintId: 'c-1',
        reason: 'complaint c-1 was overturned on appeal: now invalid (2026-04-01T00:00:00.000Z)',
        at: '2026-04-01T00:00:00.000Z',
      },
    ]);
    expect(state.apologies.map((apology) => apology.status)).toEqual(['rescinded']);
    expect(faultCountsByYear(state, calendar)).toEqual({});
  });

  it('rescinds when the department is no longer at fault, and requires afresh when it is again', () => {
    const withdrawn = { ...first, outcome: 'withdrawn' as const, departmentsAtFault: ['d-b'], sourceEventId: 'e-w', complaintRevision: 100 };
    const again = { ...first, sourceEventId: 'e-again', complaintRevision: 101, foundAt: '2026-06-01T00:00:00.000Z' };
    const { steps } = play([first, withdrawn, again]);
    expect(rescinded(steps[1]!)[0]?.reason).toBe(`complaint c-1 no longer finds department d-a at fault (${withdrawn.foundAt})`);
    expect(required(steps[2]!).map((apology) => [apology.apologyId, apology.kind])).toEqual([['apology:d-a:complaint:c-1:2', 'direct']]);
  });

  it('ignores an older event of the complaint replayed after a newer one', () => {
    const { state } = play([first, overturned]);
    expect(eventsOf(decideCountDepartmentFault(first, state))).toEqual([]);
  });
});

describe('refusals when counting', () => {
  it('refuses a valid finding for a department not at fault, and a foreign department', () => {
    expect(decideCountDepartmentFault(fault('d-a', 'c-1', '2026-02-01T00:00:00.000Z', { departmentsAtFault: ['d-b'] }), initialDepartmentAccountabilityState)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'department-not-at-fault', field: 'departmentsAtFault' }),
    });
    const { state } = play([fault('d-a', 'c-1', '2026-02-01T00:00:00.000Z')]);
    expect(decideCountDepartmentFault(fault('d-b', 'c-2', '2026-02-01T00:00:00.000Z'), state)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'wrong-department', field: 'departmentId' }),
    });
  });
});

describe('incidents', () => {
  const incident: RecordIncident = {
    incidentId: 'i-1',
    departmentId: 'd-a',
    kind: 'media-exposure',
    calendar,
    note: 'evening news',
    at: '2026-03-05T10:00:00.000Z',
    now: '2026-03-05T10:00:01.000Z',
    leaderPersonId: 'leader-a',
  };

  it('records the incident and requires a public apology, even before any complaint', () => {
    const events = eventsOf(decideRecordIncident(incident, initialDepartmentAccountabilityState));
    expect(events).toEqual([
      { type: 'IncidentRecorded', data: { incidentId: 'i-1', departmentId: 'd-a', kind: 'media-exposure', note: 'evening news', at: incident.at } },
      {
        type: 'ApologyRequired',
        data: {
          apologyId: 'apology:d-a:incident:i-1:1',
          kind: 'public',
          departments: [{ departmentId: 'd-a', leaderPersonId: 'leader-a' }],
          year: 2026,
          cause: { type: 'incident', incidentId: 'i-1', kind: 'media-exposure' },
          reason: 'media exposure (incident i-1): a public apology in the media',
          at: incident.at,
        },
      },
    ]);
  });

  it('does not count an incident as a complaint: the next complaint still gets a direct apology', () => {
    const state = foldDepartmentAccountability(eventsOf(decideRecordIncident(incident, initialDepartmentAccountabilityState)));
    const { steps } = play([fault('d-a', 'c-1', '2026-04-01T00:00:00.000Z')], state);
    expect(required(steps[0]!).map((apology) => apology.kind)).toEqual(['direct']);
  });

  it('treats the same incident again as a no-op and a reused id with other details as a conflict', () => {
    const state = foldDepartmentAccountability(eventsOf(decideRecordIncident(incident, initialDepartmentAccountabilityState)));
    expect(decideRecordIncident({ ...incident, now: '2026-04-01T00:00:00.000Z' }, state)).toEqual({ ok: true, events: [] });
    expect(decideRecordIncident({ ...incident, kind: 'inspection' }, state)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'conflict', code: 'incident-id-reused', field: 'incidentId' }),
    });
  });

  it.each([
    ['a future time', { at: '2026-03-06T00:00:00.000Z' }, 'future-business-time', 'at'],
    ['an unknown kind', { kind: 'rumour' }, 'invalid-incident-kind', 'kind'],
    ['an empty id', { incidentId: ' ' }, 'invalid-incident-id', 'incidentId'],
  ] as const)('refuses %s', (_name, change, code, field) => {
    expect(decideRecordIncident({ ...incident, ...change } as RecordIncident, initialDepartmentAccountabilityState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code, field }),
    });
  });
});

describe('carrying out an apology', () => {
  const { state } = play([fault('d-a', 'c-1', '2026-02-01T00:00:00.000Z')]);
  const command: CarryOutApology = { apologyId: 'apology:d-a:complaint:c-1:1', by: 'official-1', at: '2026-02-10T00:00:00.000Z', now: '2026-02-10T00:00:00.000Z' };

  it('records it against the department that holds it', () => {
    expect(eventsOf(decideCarryOutApology(command, state))).toEqual([
      { type: 'ApologyCarriedOut', data: { apologyId: command.apologyId, departmentId: 'd-a', by: 'official-1', at: command.at } },
    ]);
  });

  it('refuses unknown, carried-out and rescinded apologies', () => {
    const carried = foldDepartmentAccountability(eventsOf(decideCarryOutApology(command, state)), state);
    const withdrawnState = play(
      [{ ...fault('d-a', 'c-1', '2026-02-01T00:00:00.000Z'), outcome: 'withdrawn', departmentsAtFault: [], complaintRevision: 1_000, sourceEventId: 'e-w' }],
      state,
    ).state;
    expect(decideCarryOutApology({ ...command, apologyId: 'nope' }, state)).toMatchObject({ ok: false, error: { kind: 'not-found', code: 'apology-not-found' } });
    expect(decideCarryOutApology(command, carried)).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'apology-already-carried-out' } });
    expect(decideCarryOutApology(command, withdrawnState)).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'apology-rescinded' } });
    expect(decideCarryOutApology({ ...command, at: '2026-01-01T00:00:00.000Z' }, state)).toMatchObject({
      ok: false,
      error: { code: 'carried-out-before-decided', field: 'at' },
    });
  });
});
