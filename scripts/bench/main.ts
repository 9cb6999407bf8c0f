// `npm run bench`: every section of scripts/bench/sections/ in one run, one table of rates beside their baselines.
//   npm run bench -- [--only store,http] [--seconds 3] [--rounds 3] [--postgres-url URL] [--no-progress]
// PostgreSQL rows run on POSTGRES_URL (or --postgres-url) in fresh databases made and dropped by the run; without
// a server they are skipped and said so. Progress goes to stderr, the table to stdout.
import { readdirSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { connectPostgres } from '@ledger/sql';
import { freshPostgresDatabase } from '@ledger/testing';
import type { BenchContext, BenchRow, BenchSection, Measured } from './section.ts';
import { benchFlags, integerFlag, progressBars } from './support.ts';

const flags = benchFlags(
  'npm run bench -- [--only NAME,…] [--seconds S (each measurement, default 3)] [--rounds N (default 3)] [--postgres-url URL (default POSTGRES_URL)] [--no-progress]',
  {
    only: { type: 'string' },
    seconds: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '3' },
    'postgres-url': { type: 'string' },
  },
);
const seconds = integerFlag('seconds', flags.seconds, 1, 600);
const rounds = integerFlag('rounds', flags.rounds, 1, 99);
const postgresUrl = flags['postgres-url'] ?? process.env.POSTGRES_URL;

const sectionsFolder = join(import.meta.dirname, 'sections');
const sections: BenchSection[] = [];
for (const file of readdirSync(sectionsFolder).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts')).toSorted()) {
  const loaded = (await import(pathToFileURL(join(sectionsFolder, file)).href)) as { default?: BenchSection };
  if (!loaded.default?.run) throw new Error(`scripts/bench/sections/${file} has no default export of a BenchSection`);
  sections.push(loaded.default);
}
const only = flags.only?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !sections.some((section) => section.name === name)) ?? [];
if (unknown.length > 0) {
  console.error(`--only: no section named ${unknown.join(', ')}; there are ${sections.map((section) => section.name).join(', ')}`);
  process.exit(2);
}
const chosen = sections.filter((section) => !only || only.includes(section.name)).toSorted((a, b) => a.order - b.order);

const bar = progressBars(flags.progress, 34);
const releases: Array<() => Promise<void>> = [];
const notes: string[] = [];
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** `concurrency` loops calling `step` for `seconds`; answers units per second. */
async function timedRun(measured: Measured, round: number): Promise<number> {
  await measured.prepare?.();
  const progress = bar(`${measured.label} (${round}/${rounds})`, measured.unit);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let units = 0;
  // The bar runs over the measurement's time (in tenths of a second); the rate is of what `step` counts.
  const tenths = seconds * 10;
  const ticker = setInterval(() => progress?.update(Math.min(Math.floor((performance.now() - started) / 100), tenths), tenths, units), 200);
  try {
    await Promise.all(
      Array.from({ length: measured.concurrency }, async (_, worker) => {
        while (performance.now() < deadline) {
          // Not `units += await …`: that reads `units` before the await, and concurrent workers would undo each other.
          const done = await measured.step(worker);
          units += done;
        }
      }),
    );
  } finally {
    clearInterval(ticker);
    progress?.update(tenths, tenths, units);
    progress?.stop();
  }
  const rate = (units * 1000) / (performance.now() - started);
  await measured.finish?.();
  return rate;
}

const context: BenchContext = {
  flags: { seconds, rounds, postgresUrl, progress: flags.progress },
  async postgresDatabase() {
    if (!postgresUrl) return undefined;
    const database = await freshPostgresDatabase(postgresUrl);
    releases.push(() => database.drop());
    return database.url;
  },
  async measureAlternating(measured) {
    const keys = Object.keys(measured) as Array<keyof typeof measured>;
    const rates = new Map(keys.map((key) => [key, [] as number[]]));
    for (let round = 1; round <= rounds; round += 1) {
      for (const key of keys) rates.get(key)!.push(await timedRun(measured[key], round));
    }
    return Object.fromEntries(keys.map((key) => [key, median(rates.get(key)!)])) as never;
  },
  note: (text) => notes.push(text),
  defer: (release) => releases.push(release),
};

async function postgresVersion(): Promise<string> {
  if (!postgresUrl) return 'no PostgreSQL server given';
  const sql = connectPostgres({ connectionString: postgresUrl, maxConnections: 1 });
  try {
    const { rows } = await sql.query<{ server_version: string }>('show server_version');
    return `PostgreSQL ${rows[0]!.server_version}`;
  } catch (error) {
    return `PostgreSQL unreachable (${(error as Error).message})`;
  } finally {
    await sql.close();
  }
}

const startedAt = new Date();
const load = os.loadavg().map((value) => value.toFixed(1)).join(' ');
const rows: Array<BenchRow & { section: string }> = [];
try {
  for (const section of chosen) {
    console.error(`— ${section.title}`);
    for (const row of await section.run(context)) rows.push({ ...row, section: section.title });
  }
} finally {
  for (const release of releases.toReversed()) await release().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
}

const format = (rate: number) => (rate >= 100 ? Math.round(rate).toLocaleString('en-US') : rate.toPrecision(3));
const table = [
  ['section', 'what', 'rate', 'baseline', 'ratio', 'goal'],
  ...rows.map((row) => {
    const ratio = row.baseline ? row.rate / row.baseline.rate : undefined;
    const missed = ratio !== undefined && row.goal !== undefined && ratio < row.goal;
    return [
      row.section,
      row.what,
      `${format(row.rate)} ${row.unit}`,
      row.baseline ? `${row.baseline.what}: ${format(row.baseline.rate)}` : '',
      ratio === undefined ? '' : ratio.toFixed(2),
      row.goal === undefined ? '' : `≥ ${row.goal}${missed ? ' (missed)' : ''}`,
    ];
  }),
];
const widths = table[0]!.map((_, column) => Math.max(...table.map((line) => line[column]!.length)));
const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`;

console.log(`Benchmark of ${startedAt.toISOString().slice(0, 16).replace('T', ' ')} (local ${startedAt.toString().slice(0, 24)})`);
console.log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB; load before the run ${load}`);
console.log(`Node ${process.versions.node}; ${await postgresVersion()}; ${seconds} s a measurement, median of ${rounds} alternating rounds`);
console.log('');
console.log(line(table[0]!));
console.log(`|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`);
for (const cells of table.slice(1)) console.log(line(cells));
for (const text of notes) console.log(`\n${text}`);
