import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SqlMerkleLog, httpLedger } from '@ledger/audit';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type CheckpointStore, sqlCheckpointStore } from '@ledger/messaging';
import { type ReadStore, sqlReadStore } from '@ledger/readstore';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import { UsageError } from './io.ts';

/** The flags that say where the ledger is. */
export interface LocationFlags {
  'data-dir'?: string;
  'postgres-url'?: string;
  url?: string;
  'api-key'?: string;
}

/** A ledger's database, opened by the CLI: a stopped embedded ledger's folder, or PostgreSQL. */
export interface LedgerDatabase {
  readonly name: string;
  /** The data folder, for an embedded ledger. */
  readonly dataDir?: string;
  sql: SqlClient;
  store: SqlEventStore;
  log: SqlMerkleLog;
  /** The live read models. */
  readStore: ReadStore;
  /** Where each live consumer stands. */
  positions: CheckpointStore;
  close(): Promise<void>;
}

export type LedgerLocation =
  | { kind: 'http'; ledger: ReturnType<typeof httpLedger> }
  | { kind: 'database'; name: string; dataDir?: string; open(): Promise<LedgerDatabase> };

async function openDatabase(name: string, sql: SqlClient, dataDir?: string): Promise<LedgerDatabase> {
  try {
    return {
      name,
      ...(dataDir ? { dataDir } : {}),
      sql,
      store: await SqlEventStore.open(sql),
      log: await SqlMerkleLog.open(sql),
      readStore: await sqlReadStore(sql),
      positions: await sqlCheckpointStore(sql),
      close: () => sql.close(),
    };
  } catch (error) {
    await sql.close();
    throw error;
  }
}

/**
 * One of --url, --postgres-url, --data-dir; with none, the embedded ledger's data folder from
 * LEDGER_DATA_DIR (default ./data). An embedded database admits one process at a time: the ledger
 * must be stopped (or use --url).
 */
export function ledgerLocation(flags: LocationFlags, env: NodeJS.ProcessEnv): LedgerLocation {
  const given = (['url', 'postgres-url', 'data-dir'] as const).filter((flag) => flags[flag] !== undefined);
  if (given.length > 1) throw new UsageError(`give one of --url, --postgres-url, --data-dir, not ${given.map((flag) => `--${flag}`).join(' and ')}`);
  if (flags.url !== undefined) {
    if (!/^https?:\/\/[^\s]+$/.test(flags.url)) throw new UsageError(`--url must be an http(s) URL, got ${JSON.stringify(flags.url)}`);
    const apiKey = flags['api-key'] ?? env.LEDGER_API_KEY;
    return { kind: 'http', ledger: httpLedger({ baseUrl: flags.url, ...(apiKey ? { apiKey } : {}) }) };
  }
  const postgresUrl = flags['postgres-url'];
  if (postgresUrl !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(postgresUrl)) throw new UsageError('--postgres-url must be a postgres:// URL');
    const shown = new URL(postgresUrl);
    shown.password = '';
    return { kind: 'database', name: shown.toString(), open: () => openDatabase(shown.toString(), connectPostgres({ connectionString: postgresUrl, maxConnections: 4 })) };
  }
  const dataDir = resolve(flags['data-dir'] ?? env.LEDGER_DATA_DIR ?? './data');
  const folder = join(dataDir, 'pglite');
  return {
    kind: 'database',
    name: dataDir,
    dataDir,
    async open() {
      if (!existsSync(folder)) throw new UsageError(`no embedded ledger in ${dataDir} (no pglite folder): give --data-dir, --postgres-url or --url`);
      return openDatabase(dataDir, await openPglite(folder), dataDir);
    },
  };
}
