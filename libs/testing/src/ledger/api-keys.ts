import { type ApiKey, type Role, roles } from '@ledger/platform';

/** One API key per role, for tests and benchmarks: `as('intake-clerk')` gives its headers. */
export const testApiKeys: ApiKey[] = roles.map((role) => ({
  key: `test-key-for-${role}-0123456789`,
  role,
  id: `test-${role}`,
  // A liaison acts for one department (SPEC 1): the test ledger's is d-liaison.
  ...(role === 'department-liaison' ? { departmentId: 'd-liaison' } : {}),
}));

export function as(role: Role, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${testApiKeys.find((key) => key.role === role)!.key}`, ...extra };
}
