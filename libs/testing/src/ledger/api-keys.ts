import { type ApiKey, type Role, roles } from '@ledger/platform';

/** The department the test department liaison acts for (register it to use the liaison's key). */
export const testLiaisonDepartmentId = 'liaison-department';

/** The other departments the test keys have a liaison for: `asLiaisonOf('liaison-a')`. */
export const testLiaisonDepartments = ['liaison-a', 'liaison-b', 'rect-a', 'rect-b'] as const;

/** One API key per role, for tests and benchmarks: `as('intake-clerk')` gives its headers. */
export const testApiKeys: ApiKey[] = [
  ...roles.map((role) => ({
    key: `test-key-for-${role}-0123456789`,
    role,
    id: `test-${role}`,
    ...(role === 'department-liaison' ? { departmentId: testLiaisonDepartmentId } : {}),
  })),
  ...testLiaisonDepartments.map((departmentId) => ({
    key: `test-key-for-liaison-of-${departmentId}-0123456789`,
    role: 'department-liaison' as const,
    id: `test-liaison-${departmentId}`,
    departmentId,
  })),
];

export function as(role: Role, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${testApiKeys.find((key) => key.role === role)!.key}`, ...extra };
}

/** A department liaison's headers; the department must be one of `testLiaisonDepartments`. */
export function asLiaisonOf(departmentId: string, extra: Record<string, string> = {}): Record<string, string> {
  const key = testApiKeys.find((candidate) => candidate.role === 'department-liaison' && candidate.departmentId === departmentId);
  if (!key) throw new Error(`no test liaison key for ${departmentId}; add it to testLiaisonDepartments`);
  return { authorization: `Bearer ${key.key}`, ...extra };
}
