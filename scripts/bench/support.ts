// What every bench does alike: its flags (with --no-progress and --help), its integer sizes checked before any
// work starts, optional progress bars, timing, latency percentiles, and the SQL engines a bench runs on.
import { readFileSync } from 'node:fs';
import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';
import { type ProgressBar, progressBar } from '@ledger/audit';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import { freshPostgresDatabase } from '@ledger/testing';

const commonOptions = { progress: { type: 'boolean', default: true }, help: { type: 'boolean' } } as const;

/** The bench's flags; `--help` prints `usage` and exits 0. */
export function benchFlags<Options extends ParseArgsOptionsConfig>(usage: string, options: Options) {
  const { values } = parseArgs({ options: { ...options, ...commonOptions }, allowNegative: true });
  // The options are generic here, so the type of `values` is not resolved to show `help`; at call sites it is.
  if ((values as { help?: boolean }).help) {
    console.log(usage);
    process.exit(0);
  }
  return values;
}

/** Flag `--name` as an integer from `least` (to `most`), or exit 2 saying what it must be: a bad size is no run. */
export function integerFlag(name: string, value: string | undefined, least: number, most = Number.MAX_SAFE_INTEGER): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed) || parsed < least || parsed > most) {
    const range = most === Number.MAX_SAFE_INTEGER ? `of at least ${least}` : `from ${least} to ${most}`;
    console.error(`--${name} must be an integer ${range}, got ${value}`);
    process.exit(2);
  }
  return parsed;
}

/** A maker of progress bars, labels padded to one width; with --no-progress it makes none. */
export const progressBars =
  (enabled: boolean, labelWidth = 8) =>
  (label: string, unit: string): ProgressBar | undefined =>
    enabled ? progressBar({ label: label.padEnd(labelWidth), unit }) : undefined;

/** What `work` answers and how long it took. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

export const elapsedMs = async (work: () => Promise<unknown>): Promise<number> => (await timed(work)).ms;

/** The mean time of `rounds` calls of `read`, after one call that warms caches and plans up. */
export async function meanReadMs(read: () => Promise<unknown>, rounds: number): Promise<number> {
  await read();
  return (await elapsedMs(async () => {
    for (let round = 0; round < rounds; round += 1) await read();
  })) / rounds;
}

/** The value below which `share` of the sorted samples fall (nearest rank). */
const percentile = (sorted: readonly number[], share: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;

export interface LatencySummary {
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

export function latencySummary(samples: readonly number[]): LatencySummary {
  const sorted = samples.toSorted((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p90: percentile(sorted, 0.9), p99: percentile(sorted, 0.99), max: sorted.at(-1)! };
}

/** Runs `bench` on embedded PGlite, then on PostgreSQL in a fresh database of its own (dropped after) when a server is named. */
export async function onEachSqlEngine(postgresUrl: string | undefined, bench: (engine: string, sql: SqlClient) => Promise<void>): Promise<void> {
  const pglite = await openPglite();
  try {
    await bench('embedded PGlite', pglite);
  } finally {
    await pglite.close();
  }
  if (!postgresUrl) return;
  const database = await freshPostgresDatabase(postgresUrl);
  const sql = connectPostgres({ connectionString: database.url, maxConnections: 2 });
  try {
    await bench('PostgreSQL', sql);
  } finally {
    await sql.close();
    await database.drop();
  }
}

/** Clock ticks a second of /proc's CPU times (USER_HZ, 100 on Linux). */
export const cpuTicksPerSecond = 100;

/**
 * The CPU time a process of this machine has used so far, in ticks (utime + stime of /proc/<pid>/stat): a PostgreSQL
 * server backend's share of the work, when the server runs here. Undefined when no such process is here (a server
 * elsewhere, or a backend that has just ended).
 */
export function processCpuTicks(pid: number): number | undefined {
  try {
    // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th of them.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}
