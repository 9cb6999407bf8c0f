import { describe, expect, it } from 'vitest';
import { type DepartmentEvent, type PersonEvent, departmentDecider, personDecider } from './registry.ts';

const at = '2026-03-01T09:00:00.000Z';
const later = '2026-04-01T09:00:00.000Z';
const foldDepartment = (events: DepartmentEvent[]) => events.reduce(departmentDecider.evolve, departmentDecider.initialState);
const foldPerson = (events: PersonEvent[]) => events.reduce(personDecider.evolve, personDecider.initialState);

describe('registry: departments', () => {
  const put = { departmentId: 'd1', name: 'Housing Bureau', category: 'service-facing' as const, leaderIsRegistered: false, at };

  it('registers a new department, then records only real changes', () => {
    const first = departmentDecider.decide(put, undefined);
    expect(first).toEqual({ ok: true, events: [{ type: 'DepartmentRegistered', data: { departmentId: 'd1', name: 'Housing Bureau', category: 'service-facing', at } }] });
    const state = foldDepartment(first.ok ? first.events : []);
    expect(departmentDecider.decide({ ...put, at: later }, state)).toEqual({ ok: true, events: [] });
    const renamed = departmentDecider.decide({ ...put, name: 'Housing and Land Bureau', leaderPersonId: 'p1', leaderIsRegistered: true, at: later }, state);
    expect(renamed.ok && renamed.events.map((event) => event.type)).toEqual(['DepartmentChanged']);
    const after = foldDepartment([...(first.ok ? first.events : []), ...(renamed.ok ? renamed.events : [])]);
    expect(after).toMatchObject({ name: 'Housing and Land Bureau', leaderPersonId: 'p1', registeredAt: at, changedAt: later });
  });

  it('refuses a leader who is not a registered person, naming the field', () => {
    expect(departmentDecider.decide({ ...put, leaderPersonId: 'ghost' }, undefined)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'unknown-leader', field: 'leaderPersonId' }),
    });
  });
});

describe('registry: people', () => {
  const put = { personId: 'p1', name: 'Li Wei', departmentId: 'd1', post: 'clerk', departmentIsRegistered: true, at };

  it('registers a person and follows them across departments', () => {
    const first = personDecider.decide(put, undefined);
    const registered = first.ok ? first.events : [];
    const moved = personDecider.decide({ ...put, departmentId: 'd2', at: later }, foldPerson(registered));
    expect(moved.ok && moved.events).toEqual([
      { type: 'PersonChanged', data: { personId: 'p1', name: 'Li Wei', departmentId: 'd2', post: 'clerk', at: later, previousDepartmentId: 'd1' } },
    ]);
    const state = foldPerson([...registered, ...(moved.ok ? moved.events : [])]);
    expect(state?.departmentHistory).toEqual([
      { departmentId: 'd1', from: at },
      { departmentId: 'd2', from: later },
    ]);
    expect(personDecider.decide({ ...put, departmentId: 'd2', at: later }, state)).toEqual({ ok: true, events: [] });
  });

  it('refuses an unknown department', () => {
    expect(personDecider.decide({ ...put, departmentIsRegistered: false }, undefined)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'unknown-department', field: 'departmentId' }),
    });
  });
});
