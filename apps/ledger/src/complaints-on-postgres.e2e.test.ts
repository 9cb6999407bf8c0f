import { findEngine } from '@ledger/testing';
import { afterAll, describe, it } from 'vitest';
import { testLedgersOnPostgres } from './test-ledger.testkit.ts';

// Issue 11 item 7: the one-process host on a real PostgreSQL server (LEDGER_POSTGRES_URL), with the same tests as
// on PGlite: the complaints e2e runs here unchanged, each of its ledgers on a fresh database of the shared server.
const postgres = await findEngine('postgres');

if (postgres.available) {
  const ledgers = testLedgersOnPostgres(postgres.url);
  afterAll(() => ledgers.backToPglite());
  // A module of its own (the query): the worker may already hold complaints.e2e.test.ts, run before this file,
  // and importing that again would declare no test here.
  const complaintsTests = './complaints.e2e.test.ts?on-postgres';
  await import(complaintsTests);
} else {
  describe('the complaints e2e on PostgreSQL', () => {
    it.skip(`needs PostgreSQL: ${postgres.reason}`, () => {});
  });
}
