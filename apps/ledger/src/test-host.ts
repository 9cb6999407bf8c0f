import { randomBytes } from 'node:crypto';
import type { ApiKey, Role } from '@ledger/platform';
import { createLogger, roles } from '@ledger/platform';
import { type LedgerHost, type LedgerHostOptions, startLedgerHost } from './host.ts';

/** One API key per role, for tests: `as('intake-clerk')` gives its headers. */
export const testApiKeys: ApiKey[] = roles.map((role) => ({ key: `test-key-for-${role}-0123456789`, role, id: `test-${role}` }));

export function as(role: Role, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${testApiKeys.find((key) => key.role === role)!.key}`, ...extra };
}

/** An embedded ledger on in-memory PGlite (or a folder), with the deadline watcher driven by hand. */
export async function startTestLedger(options: Partial<LedgerHostOptions> = {}): Promise<LedgerHost> {
  return startLedgerHost({
    apiKeys: testApiKeys,
    vaultKey: randomBytes(32),
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    deadlineCheckIntervalMs: 0,
    idlePollMs: 20,
    ...options,
  });
}
