import { randomBytes } from 'node:crypto';
import { createLogger } from '@ledger/platform';
import { testApiKeys } from '@ledger/testing/ledger';
import { type LedgerHost, type LedgerHostOptions, startLedgerHost } from './host.ts';

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
