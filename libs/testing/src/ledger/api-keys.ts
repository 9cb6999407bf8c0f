import { type ApiKey, type Role, roles } from '@ledger/platform';

/** The department the test department liaison acts for (register it to use the liaison's key). */
export const testLiaisonDepartmentId = 'liaison-department';

/** One API key per role, for tests and benchmarks: `as('intake-clerk')` gives its headers. */
export const testApiKeys: ApiKey[] = roles.map((role) => ({
  key: `test-key-for-${role}-0123456789`,
  role,
  id: `test-${role}`,
  ...(role === 'department-liaison' ? { departmentId: testLiaisonDepartmentId } : {}),
}));

export function as(role: Role, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${testApiKeys.find((key) => key.role === role)!.key}`, ...extra };
}
