import { given } from '@ledger/decider/testing';
import { describe, expect, it } from 'vitest';
import { type DepartmentEvent, type PersonEvent, departmentDecider, personDecider } from './registry.ts';

const at = '2026-03-01T09:00:00.000Z';
const later = '2026-04-01T09:00:00.000Z';

describe('registry: departments', () => {
  const put = { departmentId: 'd1', name: 'Housing Bureau', category: 'service-facing' as const, leaderIsRegistered: false, at };
  const registered: DepartmentEvent = { type: 'DepartmentRegistered', data: { departmentId: 'd1', name: 'Housing Bureau', category: 'service-facing', at } };

  it('registers a new department, then records only real changes', () => {
    given(departmentDecider).when(put).thenEvents(registered);
    given(departmentDecider, registered).when({ ...put, at: later }).thenNothing();
    const renamed = given(departmentDecider, registered).when({ ...put, name: 'Housing and Land Bureau', leaderPersonId: 'p1', leaderIsRegistered: true, at: later });
    expect(renamed.decision.ok && renamed.decision.events.map((event) => event.type)).toEqual(['DepartmentChanged']);
    const after = given(departmentDecider, registered, ...(renamed.decision.ok ? renamed.decision.events : [])).state;
    expect(after).toMatchObject({ name: 'Housing and Land Bureau', leaderPersonId: 'p1', registeredAt: at, changedAt: later });
  });

  it('refuses a leader who is not a registered person, naming the field', () => {
    given(departmentDecider).when({ ...put, leaderPersonId: 'ghost' }).thenError({ kind: 'rule', code: 'unknown-leader', field: 'leaderPersonId' });
  });
});

describe('registry: people', () => {
  const put = { personId: 'p1', name: 'Li Wei', departmentId: 'd1', post: 'clerk', departmentIsRegistered: true, at };
  const registered: PersonEvent = { type: 'PersonRegistered', data: { personId: 'p1', name: 'Li Wei', departmentId: 'd1', post: 'clerk', at } };
  const moved: PersonEvent = { type: 'PersonChanged', data: { personId: 'p1', name: 'Li Wei', departmentId: 'd2', post: 'clerk', at: later, previousDepartmentId: 'd1' } };

  it('registers a person and follows them across departments', () => {
    given(personDecider).when(put).thenEvents(registered);
    const state = given(personDecider, registered).when({ ...put, departmentId: 'd2', at: later }).thenEvents(moved);
    expect(state?.departmentHistory).toEqual([
      { departmentId: 'd1', from: at },
      { departmentId: 'd2', from: later },
    ]);
    given(personDecider, registered, moved).when({ ...put, departmentId: 'd2', at: later }).thenNothing();
  });

  it('refuses an unknown department', () => {
    given(personDecider).when({ ...put, departmentIsRegistered: false }).thenError({ kind: 'rule', code: 'unknown-department', field: 'departmentId' });
  });
});
