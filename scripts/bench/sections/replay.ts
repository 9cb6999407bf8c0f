// Replay beside the raw rate that bounds it, alternating in one run (issue 9.3; verification: sections/verify.ts):
//   replay of every read model into a fresh store   vs  raw sequential read of the same store (readAll, pages)
// on an embedded ledger (PGlite in memory) of BENCH_REPLAY_EVENTS complaint events (default 20,000), and on
// PostgreSQL when a server is given. Each measurement is one whole pass; the median of `--rounds` counts.
// For big ledgers: BENCH_REPLAY_ENGINES=postgresql (or pglite) measures on one engine only; above 100,000 events
// the ledger is written straight into the store's table (bulkLoadComplaintLedger) instead of appended.
import { inMemoryReplayTarget, replayReadModels } from '@ledger/audit';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import { ledgerReadModels } from '../../../apps/ledger/src/cli/replay-command.ts';
import { bulkLoadComplaintLedger, loadComplaintLedger } from '../complaint-ledger.ts';
import type { BenchContext, BenchRow, BenchSection } from '../section.ts';
import { progressBars, timed } from '../support.ts';

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function rawRead(store: SqlEventStore, pageSize: number): Promise<number> {
  let count = 0;
  for (let after = 0; ; ) {
    const events = await store.readAll({ after, limit: pageSize });
    count += events.length;
    if (events.length < pageSize) return count;
    after = events.at(-1)!.position;
  }
}

/**
 * `rounds` alternating passes of each; answers the median rate of each, in units a second, by wall time, by this
 * process's CPU time (on a machine shared with busy neighbours the wall time is mostly waiting for a core; the CPU
 * time is not, though it leaves out what a database server does for the pass), and by the CPU time of the calling
 * thread alone (the same as the process's unless a pass runs work on worker threads).
 */
export async function alternate<Key extends string>(
  rounds: number,
  passes: Record<Key, () => Promise<number>>,
  progress: (label: string) => void,
): Promise<{ wall: Record<Key, number>; cpu: Record<Key, number>; thread: Record<Key, number> }> {
  const keys = Object.keys(passes) as Key[];
  const noRates = () => Object.fromEntries(keys.map((key) => [key, [] as number[]])) as unknown as Record<Key, number[]>;
  const wall = noRates();
  const cpu = noRates();
  const thread = noRates();
  for (let round = 1; round <= rounds; round++) {
    for (const key of keys) {
      progress(`${key} (${round}/${rounds})`);
      const before = process.cpuUsage();
      const threadBefore = process.threadCpuUsage();
      const { result, ms } = await timed(passes[key]);
      const used = process.cpuUsage(before);
      const threadUsed = process.threadCpuUsage(threadBefore);
      wall[key].push((result * 1000) / ms);
      cpu[key].push((result * 1e6) / Math.max(1, used.user + used.system));
      thread[key].push((result * 1e6) / Math.max(1, threadUsed.user + threadUsed.system));
    }
  }
  const medians = (rates: Record<Key, number[]>) => Object.fromEntries(keys.map((key) => [key, median(rates[key])])) as Record<Key, number>;
  return { wall: medians(wall), cpu: medians(cpu), thread: medians(thread) };
}

const bulkAbove = 100_000;

export const ratio = (part: number, whole: number) => (whole > 0 ? (part / whole).toFixed(2) : 'n/a');

async function onEngine(context: BenchContext, engine: string, sql: SqlClient, events: number): Promise<BenchRow[]> {
  const bar = progressBars(context.flags.progress, 34);
  const store = await SqlEventStore.open(sql);
  const loadBar = bar(`load ${engine}`, 'events');
  const loaded = events > bulkAbove ? await bulkLoadComplaintLedger(sql, events, loadBar) : await loadComplaintLedger(store, events, loadBar);
  const projections = ledgerReadModels();
  const target = await inMemoryReplayTarget();
  context.defer(() => target.dispose());
  const collections = [...new Set(projections.flatMap((projection) => projection.collections)), '_replay_positions'];

  const say = (label: string) => context.flags.progress && process.stderr.write(`  ${engine}: ${label}\n`);

  const replaySeconds: number[] = [];
  const replayCpuSeconds: number[] = [];
  const replayPasses = {
    read: () => rawRead(store, 1000),
    replay: async () => {
      await target.store.drop(collections);
      const cpu = process.cpuUsage();
      // The replay's own progress (rate and ETA), as the CLI shows it: a big ledger's pass takes minutes.
      const replayBar = bar(`replay ${engine}`, 'events');
      const report = await replayReadModels({
        store,
        projections,
        target: target.store,
        ...(replayBar ? { onProgress: (progress) => replayBar.update(progress.position, progress.target, progress.events) } : {}),
      });
      replayBar?.stop();
      const used = process.cpuUsage(cpu);
      replaySeconds.push(report.durationMs / 1000);
      replayCpuSeconds.push((used.user + used.system) / 1e6);
      return report.events;
    },
  };
  const { wall: rates, cpu } = await alternate(
    context.flags.rounds,
    replayPasses,
    say,
  );
  context.note(
    `By this process's CPU time on ${engine}: replay ${ratio(cpu.replay, cpu.read)} × raw read.`,
  );
  const size = `${Math.round(loaded / 1000)}k events`;
  context.note(
    `Replay of ${loaded.toLocaleString('en-US')} events on ${engine}: ${median(replaySeconds).toFixed(1)} s a pass, ${median(replayCpuSeconds).toFixed(1)} s of this process's CPU (medians of ${replaySeconds.length}; on a shared machine the wall time is mostly waiting for a core).`,
  );
  return [
    { what: `replay of ${projections.length} read models, ${engine}, ${size}`, rate: rates.replay, unit: 'events/s', baseline: { what: 'raw sequential read', rate: rates.read }, goal: 0.5 },
  ];
}

const section: BenchSection = {
  name: 'replay',
  title: 'Replay',
  order: 30,
  async run(context) {
    const events = Number(process.env.BENCH_REPLAY_EVENTS ?? 20_000);
    const engines = (process.env.BENCH_REPLAY_ENGINES ?? 'pglite,postgresql').toLowerCase().split(',');
    const rows: BenchRow[] = [];
    if (engines.includes('pglite')) {
      const pglite = await openPglite();
      context.defer(() => pglite.close());
      rows.push(...(await onEngine(context, 'PGlite', pglite, events)));
    }
    const url = engines.includes('postgresql') ? await context.postgresDatabase() : undefined;
    if (url) {
      const sql = connectPostgres({ connectionString: url, maxConnections: 4, applicationName: 'bench' });
      context.defer(() => sql.close());
      rows.push(...(await onEngine(context, 'PostgreSQL', sql, events)));
    } else if (engines.includes('postgresql')) context.note('Replay on PostgreSQL skipped: no server (set POSTGRES_URL or --postgres-url).');
    context.note('Replay: one whole pass a measurement (not --seconds); BENCH_REPLAY_EVENTS sets the ledger size (default 20,000).');
    return rows;
  },
};
export default section;
