import { randomBytes } from 'node:crypto';
import { createLogger } from '@ledger/platform';
import { connectPostgres } from '@ledger/sql';
import { freshPostgresDatabase, sqlEngines } from '@ledger/testing';
import { testApiKeys } from '@ledger/testing/ledger';
import { type LedgerHost, type LedgerHostOptions, startLedgerHost } from './host.ts';

/**
 * Where test ledgers keep their data: embedded PGlite (the default), or, once `testLedgersOnPostgres` is called
 * with a server, a fresh database of that server per ledger (per data folder, so that a restart finds its data),
 * as `LEDGER_POSTGRES_URL` runs the one-process host.
 */
let postgresServer: string | undefined;
const databases = new Map<string, { url: string; drop(): Promise<void> }>();

/**
 * Until `backToPglite`: end-to-end files share their worker's modules (vitest.config.ts), so this setting would
 * otherwise reach the files the worker runs next.
 */
export function testLedgersOnPostgres(serverUrl: string): { backToPglite(): Promise<void> } {
  postgresServer = serverUrl;
  return {
    async backToPglite() {
      postgresServer = undefined;
      for (const database of databases.values()) await database.drop();
      databases.clear();
    },
  };
}

/** An embedded ledger on in-memory PGlite (or a folder), with the deadline watcher driven by hand. */
export async function startTestLedger(options: Partial<LedgerHostOptions> = {}): Promise<LedgerHost> {
  let sql = options.sql;
  let dropOnStop: (() => Promise<void>) | undefined;
  if (!sql && postgresServer) {
    const known = options.dataDir ? databases.get(options.dataDir) : undefined;
    const database = known ?? (await freshPostgresDatabase(postgresServer));
    if (options.dataDir) databases.set(options.dataDir, database);
    else dropOnStop = () => database.drop();
    sql = connectPostgres({ connectionString: database.url, maxConnections: 4 });
  }
  const host = await startLedgerHost({
    apiKeys: testApiKeys,
    vaultKey: randomBytes(32),
    logger: createLogger({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    deadlineCheckIntervalMs: 0,
    idlePollMs: 20,
    ...options,
    ...(sql ? { sql } : {}),
  });
  if (!dropOnStop) return host;
  const stop = host.stop.bind(host);
  return Object.assign(host, {
    async stop() {
      await stop();
      await dropOnStop!();
    },
  });
}

export type TestLedgerEngine = [name: string, start: () => Promise<{ ledger: LedgerHost; drop(): Promise<void> }>];

/**
 * The engines a test of concurrency runs on (`sqlEngines`): the embedded host on PGlite, and on a fresh database of the
 * PostgreSQL server when one answers (`onPostgres`: options of that host only).
 */
export async function testLedgerEngines(options: { onPostgres?: Partial<LedgerHostOptions> } = {}): Promise<TestLedgerEngine[]> {
  return (await sqlEngines(8)).map(([name, open]): TestLedgerEngine => [
    name === 'PGlite' ? 'embedded PGlite' : name,
    async () => {
      const { sql, dispose } = await open();
      const ledger = await startTestLedger({ sql, ...(name === 'PostgreSQL' ? options.onPostgres : {}) });
      return { ledger, drop: dispose };
    },
  ]);
}
