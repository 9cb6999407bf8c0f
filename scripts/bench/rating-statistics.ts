// Monthly rating statistics (GET /v1/departments/{id}/statistics), each beside its baseline, in one run:
//   node scripts/bench/rating-statistics.ts [--ratings 20000] [--postgres-url postgres://…] [--no-progress]
// The read model keeps one document per rating (safe under redelivery without bookkeeping), so a month
// is answered by counting. This measures what that costs:
//   load: the projection applying N ratings          vs  raw puts of N documents of the same shape
//   read: five counts over one department month       vs  one get by id (what a counter document would cost)
// for a crowded month (half of all ratings) and an ordinary one. Benchmarks print; they never assert times.
import { randomUUID } from 'node:crypto';
import { levelCountsOf, ratingFactsProjection } from '@ledger/evaluations';
import type { RecordedEvent } from '@ledger/events';
import { type ReadStore, sqlReadStore } from '@ledger/readstore';
import type { SqlClient } from '@ledger/sql';
import { benchFlags, elapsedMs, integerFlag, meanReadMs, onEachSqlEngine, progressBars } from './support.ts';

const flags = benchFlags('node scripts/bench/rating-statistics.ts [--ratings N (default 20000)] [--postgres-url URL (a fresh database is made and dropped)] [--no-progress]', {
  ratings: { type: 'string', default: '20000' },
  'postgres-url': { type: 'string' },
});
const total = integerFlag('ratings', flags.ratings, 100);

const reads = 50;
const departments = 40;
const format = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));
const bar = progressBars(flags.progress);

/** Half of all ratings fall in one crowded month of `crowded`; the rest spread over other departments and 2026's months. */
function rating(index: number): RecordedEvent {
  const crowded = index % 2 === 0;
  const departmentId = crowded ? 'crowded' : `dept-${index % departments}`;
  const month = crowded ? 3 : (index % 12) + 1;
  const ratedAt = new Date(Date.UTC(2026, month - 1, 1 + (index % 28), 9)).toISOString();
  const transactionId = `bench-${index}`;
  return {
    position: index + 1,
    eventId: randomUUID(),
    streamId: `rating-${transactionId}`,
    streamVersion: 0,
    type: 'RatingGiven',
    schemaVersion: 1,
    data: { transactionId, departmentId, platform: 'service-center', level: 1 + (index % 5), ratedAt },
    metadata: { commandId: randomUUID() },
    occurredAt: ratedAt,
    recordedAt: ratedAt,
  };
}

/**
 * Loads every rating twice, as raw puts and through the projection, in alternating chunks, so that
 * warm-up and the load of other processes on the machine weigh on both sides alike.
 */
async function loadBoth(rawPut: (index: number) => Promise<void>, project: (index: number) => Promise<void>): Promise<{ rawMs: number; projectedMs: number }> {
  const progress = bar('load', 'ratings');
  const chunk = 250;
  let rawMs = 0;
  let projectedMs = 0;
  for (let first = 0; first < total; first += chunk) {
    const last = Math.min(first + chunk, total);
    rawMs += await elapsedMs(async () => {
      for (let index = first; index < last; index += 1) await rawPut(index);
    });
    projectedMs += await elapsedMs(async () => {
      for (let index = first; index < last; index += 1) await project(index);
    });
    progress?.update(last, total);
  }
  progress?.stop();
  return { rawMs, projectedMs };
}

const readRepeatedly = (read: () => Promise<unknown>) => meanReadMs(read, reads);

async function bench(engine: string, sql: SqlClient): Promise<void> {
  const store: ReadStore = await sqlReadStore(sql);
  await ratingFactsProjection.setup!(store);
  const baseline = store.collection('bench_baseline');
  console.log(`\n${engine}: ${total.toLocaleString('en-US')} ratings, ${departments + 1} departments`);

  const { rawMs, projectedMs } = await loadBoth(
    async (index) => {
      const { data } = rating(index) as RecordedEvent<{ transactionId: string; departmentId: string; level: number }>;
      await baseline.put({ id: data.transactionId, departmentMonth: `${data.departmentId} 2026-03`, departmentId: data.departmentId, month: '2026-03', level: data.level });
    },
    (index) => ratingFactsProjection.apply(rating(index), store),
  );
  console.log(`load   raw put ${format((total / rawMs) * 1000)}/s, projection ${format((total / projectedMs) * 1000)}/s: ratio ${format(projectedMs / rawMs)}× the raw cost`);

  const getMs = await readRepeatedly(() => baseline.get('bench-0'));
  const crowdedMs = await readRepeatedly(() => levelCountsOf(store, 'crowded', '2026-03'));
  const ordinaryMs = await readRepeatedly(() => levelCountsOf(store, 'dept-1', '2026-02'));
  const crowdedCounts = await levelCountsOf(store, 'crowded', '2026-03');
  const crowdedSize = Object.values(crowdedCounts).reduce((sum, count) => sum + count, 0);
  console.log(`read   one get ${format(getMs)} ms (baseline)`);
  console.log(`       crowded month (${crowdedSize.toLocaleString('en-US')} ratings) ${format(crowdedMs)} ms: ratio ${format(crowdedMs / getMs)}×`);
  console.log(`       ordinary month (~${Math.round(total / 2 / departments / 12)} ratings) ${format(ordinaryMs)} ms: ratio ${format(ordinaryMs / getMs)}×`);
}

await onEachSqlEngine(flags['postgres-url'], bench);
