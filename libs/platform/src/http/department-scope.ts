import type { Principal } from './auth.ts';
import { ProblemError } from './problem.ts';

/**
 * SPEC 1: a department liaison acts for their own department only; any other role passes. A record of another
 * department (or a liaison key naming none) is a 403 problem.
 */
export function ensureOwnDepartment(principal: Principal | undefined, departmentId: string | undefined): void {
  if (principal?.role !== 'department-liaison') return;
  if (departmentId !== undefined && principal.departmentId === departmentId) return;
  throw new ProblemError({
    slug: 'forbidden',
    title: 'Not allowed for this role',
    status: 403,
    detail: principal.departmentId
      ? `the liaison of ${principal.departmentId} acts for that department only${departmentId ? `, not for ${departmentId}` : ''}`
      : 'this liaison key names no department (SPEC 1: a liaison acts for their own department only)',
  });
}

/**
 * The department a list is filtered by: a liaison's list is their own department's (asked for none, it is answered
 * for their own; asked for another, refused with 403); any other role's is the one asked for, if any.
 */
export function listDepartment(principal: Principal | undefined, departmentId: string | undefined): string | undefined {
  if (principal?.role !== 'department-liaison') return departmentId;
  ensureOwnDepartment(principal, departmentId ?? principal.departmentId);
  return principal.departmentId;
}
