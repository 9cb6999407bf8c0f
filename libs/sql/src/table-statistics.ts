import type { Logger } from 'pino';
import type { SqlQueryable } from './client.ts';

/**
 * What autovacuum's analyze gives a PostgreSQL server, for embedded PGlite: PGlite runs PostgreSQL in single-user
 * mode, where no autovacuum runs, so nothing would ever refresh the planner's statistics (`pg_class.reltuples`,
 * column histograms) and a ledger of millions of rows would be planned as the handful it held at its first start.
 *
 * A pass takes the tables autovacuum would analyze (its own rule and settings: `n_mod_since_analyze` over
 * `autovacuum_analyze_threshold` + `autovacuum_analyze_scale_factor` × `reltuples`; PGlite keeps these counters, but
 * flushes a backend's pending counts only every second or so, hence the forced flush first, and loses them at every
 * start, hence a growth rule beside it) and runs ANALYZE on each,
 * one at a time, through the same single connection: writers queue between two tables, and an ANALYZE reads a
 * bounded sample (30,000 rows at the default statistics target), whatever the table's size.
 * No VACUUM here: it reads a whole table and its indexes, and would hold the one connection for as long
 * (docs/performance.md, "Embedded: planner statistics").
 *
 * Not for a PostgreSQL server: its autovacuum does this already.
 */
export interface TableStatisticsKeeper {
  /** One pass now: analyzes the tables that changed enough since their last analyze, and names them. */
  checkNow(): Promise<string[]>;
  /** No statement after it resolves: clears the timer and waits for a pass in progress to end (between two tables). */
  stop(): Promise<void>;
}

export interface TableStatisticsOptions {
  logger: Pick<Logger, 'info' | 'debug' | 'warn'>;
  /** How long between two passes (one pass ends before the next is timed). */
  intervalMs: number;
  /** When the first pass runs after the start (default: 10 s, or `intervalMs` when shorter). */
  firstCheckMs?: number;
}

/**
 * The tables due, the most changed first: autovacuum's rule, or a table grown a tenth (and 8 pages) past the size its
 * last ANALYZE saw. The second because PGlite loses its statistics counters at every start (`n_mod_since_analyze` is
 * 0 again after a reopen of the data folder), whereas `relpages` is kept in `pg_class`: a ledger restarted more often
 * than a tenth of a table changes would otherwise never analyze it again. The file's size is one `lseek` a table.
 */
const tablesDueForAnalyze = `
  select s.relid::regclass::text as "table", s.n_mod_since_analyze::float8 as "modified", c.reltuples::float8 as "estimatedRows"
  from pg_stat_user_tables s join pg_class c on c.oid = s.relid
  where s.n_mod_since_analyze > current_setting('autovacuum_analyze_threshold')::float8
      + current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0)
    or pg_relation_size(s.relid) / current_setting('block_size')::float8 > 1.1 * greatest(c.relpages, 0) + 8
  order by s.n_mod_since_analyze desc, pg_relation_size(s.relid) desc`;

interface DueTable {
  table: string;
  modified: number;
  estimatedRows: number;
}

/** Starts the passes (timers unref'd: they never keep the process alive). */
export function keepTableStatistics(sql: SqlQueryable, options: TableStatisticsOptions): TableStatisticsKeeper {
  const { logger, intervalMs } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const pass = async (): Promise<string[]> => {
    const analyzed: string[] = [];
    // This backend's counts reach pg_stat_user_tables when it is next idle; forced, that is after this statement.
    await sql.query('select pg_stat_force_next_flush()');
    if (stopped) return analyzed;
    const due = (await sql.query<DueTable>(tablesDueForAnalyze)).rows;
    for (const { table, modified, estimatedRows } of due) {
      if (stopped) break;
      const started = performance.now();
      // `table` is regclass text: already quoted where it needs to be.
      await sql.query(`analyze ${table}`);
      const durationMs = Math.round((performance.now() - started) * 10) / 10;
      const rows = (await sql.query<{ rows: number }>('select reltuples::float8 as rows from pg_class where oid = $1::regclass', [table])).rows[0]?.rows;
      logger.info({ table, durationMs, modifiedRows: modified, estimatedRowsBefore: estimatedRows, estimatedRows: rows }, 'table statistics refreshed (ANALYZE)');
      analyzed.push(table);
    }
    if (due.length === 0) logger.debug('table statistics: no table changed enough to analyze');
    return analyzed;
  };

  const checkNow = (): Promise<string[]> => {
    const run = running.then(() => (stopped ? [] : pass()));
    running = run.catch(() => undefined);
    return run;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      void checkNow()
        .catch((error: unknown) => logger.warn({ err: error }, 'table statistics: a pass failed; trying again at the next one'))
        .finally(() => schedule(intervalMs));
    }, delayMs);
    timer.unref();
  };
  schedule(options.firstCheckMs ?? Math.min(10_000, intervalMs));

  return {
    checkNow,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
