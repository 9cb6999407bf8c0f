import { describe, expect, it } from 'vitest';
import type { Principal } from './auth.ts';
import { ensureOwnDepartment, listDepartment } from './department-scope.ts';
import { ProblemError } from './problem.ts';

const liaison: Principal = { role: 'department-liaison', id: 'p-1', departmentId: 'water' };
const clerk: Principal = { role: 'intake-clerk', id: 'p-2' };
const refusal = (act: () => unknown) => {
  try {
    act();
  } catch (error) {
    return error instanceof ProblemError ? error.problem : error;
  }
  return undefined;
};

describe("a department liaison's own department (SPEC 1)", () => {
  it("lets a liaison act on their own department's records only, with a 403 problem naming both departments", () => {
    expect(refusal(() => ensureOwnDepartment(liaison, 'water'))).toBeUndefined();
    expect(refusal(() => ensureOwnDepartment(liaison, 'roads'))).toMatchObject({ status: 403, type: '/problems/forbidden', detail: expect.stringMatching(/water.*roads/) });
    expect(refusal(() => ensureOwnDepartment({ role: 'department-liaison', id: 'p-3' }, 'water'))).toMatchObject({ status: 403, detail: expect.stringContaining('names no department') });
    expect(refusal(() => ensureOwnDepartment(clerk, 'roads'))).toBeUndefined();
  });

  it("answers a liaison's list for their own department, asked for it or for none, and refuses another", () => {
    expect(listDepartment(liaison, undefined)).toBe('water');
    expect(listDepartment(liaison, 'water')).toBe('water');
    expect(refusal(() => listDepartment(liaison, 'roads'))).toMatchObject({ status: 403 });
    expect(listDepartment(clerk, undefined)).toBeUndefined();
    expect(listDepartment(clerk, 'roads')).toBe('roads');
  });
});
