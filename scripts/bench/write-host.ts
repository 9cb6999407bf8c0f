// The ledger under load for scripts/bench/writes.ts: the embedded host (every service in one process) in a child
// process of its own, so that its CPU time is the server's alone. It counts every SQL statement it runs and answers
// its parent over IPC: `{ ask: 'usage' }` → CPU time and statements so far, `{ ask: 'settle' }` → once every
// consumer has caught up, `{ ask: 'stop' }`. On PostgreSQL when BENCH_POSTGRES_URL names a database, else on
// PGlite in BENCH_DATA_DIR (a folder, as `npm start` keeps it).
import { join } from 'node:path';
import { createLogger } from '@ledger/platform';
import { connectPostgres, openPglite } from '@ledger/sql';
import { countingSqlClient } from '@ledger/testing';
import { startLedgerHost } from '../../apps/ledger/src/host.ts';
import { testApiKeys } from '@ledger/testing/ledger';

const postgresUrl = process.env.BENCH_POSTGRES_URL;
const dataDir = process.env.BENCH_DATA_DIR;
const raw = postgresUrl ? connectPostgres({ connectionString: postgresUrl, applicationName: 'ledger-bench' }) : await openPglite(dataDir ? join(dataDir, 'pglite') : undefined);
// With BENCH_SQL_TALLY=1 it keeps the statements (answered by `{ ask: 'tally' }`): which ones a request costs.
const tally = process.env.BENCH_SQL_TALLY === '1';
const sql = countingSqlClient(raw, { keepLog: tally });
const host = await startLedgerHost({
  sql,
  apiKeys: testApiKeys,
  vaultKey: Buffer.alloc(32, 7),
  logger: createLogger({ level: 'silent' }),
  deadlineCheckIntervalMs: 0,
  checkpointIntervalMs: 0,
});
const address = await host.app.listen({ host: '127.0.0.1', port: 0 });

type Ask = { ask: 'usage' | 'settle' | 'stop' | 'tally'; id: number };
process.on('message', (message: Ask) => {
  const answer = (body: Record<string, unknown>) => process.send!({ id: message.id, ...body });
  void (async () => {
    switch (message.ask) {
      case 'usage': {
        const { user, system } = process.cpuUsage();
        answer({ cpuMicros: user + system, statements: sql.statements });
        return;
      }
      case 'tally': {
        const counts = new Map<string, number>();
        for (const { text, params } of sql.log) {
          // A stream's read names its kind of stream (the id up to its first '-'), so that the tally tells which reads a request costs.
          const stream = text.includes('where stream_id = $1') ? ` [${String(params[0]).split('-')[0]}]` : '';
          const short = text.replace(/\s+/g, ' ').trim().slice(0, 260) + stream;
          counts.set(short, (counts.get(short) ?? 0) + 1);
        }
        sql.reset();
        answer({ tally: [...counts].toSorted((a, b) => b[1] - a[1]) });
        return;
      }
      case 'settle':
        // Looks seldom, so that its own statements hardly count.
        await host.settled({ pollMs: 250 });
        answer({});
        return;
      case 'stop':
        await host.stop();
        answer({});
        process.exit(0);
    }
  })().catch((error: unknown) => answer({ error: String(error) }));
});
process.send!({ ready: address });
