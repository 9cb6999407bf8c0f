import { describeProjectionOnEveryReadStore } from '@ledger/testing/projection-read-stores';
import { expect, it } from 'vitest';
import { type PublicDepartmentDocument, publicDepartmentsCollection, publicDepartmentsProjection } from './public-departments.ts';
import { recorded } from './recorded.testkit.ts';

const departmentEvent = (type: 'DepartmentRegistered' | 'DepartmentChanged', streamVersion: number, departmentId: string, name: string, leaderPersonId?: string) => ({
  ...recorded(`department-${departmentId}`, type, {
    departmentId,
    name,
    category: 'service-facing',
    ...(leaderPersonId ? { leaderPersonId } : {}),
    at: '2026-05-01T09:00:00+08:00',
  }),
  streamVersion,
});

/** The same behaviour on every read store the ledger runs on: embedded PGlite, PostgreSQL, MongoDB. */
await describeProjectionOnEveryReadStore('public departments', publicDepartmentsProjection, (under) => {
  const shown = async () =>
    (await under.store.collection<PublicDepartmentDocument>(publicDepartmentsCollection).find({})).map(({ departmentId, name, category }) => ({ departmentId, name, category }));

  it('keeps each department by id with its latest name and category, and nothing of its leader', async () => {
    await under.apply(departmentEvent('DepartmentRegistered', 0, 'tax', '税务局', 'leader-1'), departmentEvent('DepartmentRegistered', 0, 'housing', '住房局'));
    await under.apply(departmentEvent('DepartmentChanged', 1, 'housing', '住房保障局'));
    expect(await shown()).toEqual([
      { departmentId: 'housing', name: '住房保障局', category: 'service-facing' },
      { departmentId: 'tax', name: '税务局', category: 'service-facing' },
    ]);
    const stored = await under.store.collection(publicDepartmentsCollection).get('tax');
    expect(JSON.stringify(stored)).not.toContain('leader-1');
  });

  it('keeps the later name when an earlier event of the department is delivered again', async () => {
    const registered = departmentEvent('DepartmentRegistered', 0, 'water', '水务局');
    await under.apply(registered, departmentEvent('DepartmentChanged', 1, 'water', '市水务局'), registered);
    expect((await shown()).find((department) => department.departmentId === 'water')).toEqual({ departmentId: 'water', name: '市水务局', category: 'service-facing' });
  });
});
