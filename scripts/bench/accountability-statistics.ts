// Monthly rating statistics in a department's accountability view (GET /v1/departments/{id}/accountability),
// beside its baseline, in one run:
//   node scripts/bench/accountability-statistics.ts [--ratings 20000] [--years 3] [--postgres-url postgres://…] [--no-progress]
// Discipline keeps one document per rating (safe under redelivery) and one per rated month, so a year is
// answered by finding its months and counting five levels in each. This measures what that costs:
//   a year (12 months × 5 counts), all years   vs  one month's five counts (what GET …/statistics costs)
// for one busy department holding every rating. Benchmarks print; they never assert times.
import type { RecordedEvent } from '@ledger/events';
import { departmentMonthlyStatistics, departmentRatingsProjection, ratingFactsCollection } from '@ledger/discipline';
import { countLevels } from '@ledger/rating-statistics';
import { type ReadStore, sqlReadStore } from '@ledger/readstore';
import type { SqlClient } from '@ledger/sql';
import { benchFlags, integerFlag, meanReadMs, onEachSqlEngine, progressBars } from './support.ts';

const flags = benchFlags('node scripts/bench/accountability-statistics.ts [--ratings N (default 20000)] [--years Y (default 3)] [--postgres-url URL] [--no-progress]', {
  ratings: { type: 'string', default: '20000' },
  years: { type: 'string', default: '3' },
  'postgres-url': { type: 'string' },
});
const total = integerFlag('ratings', flags.ratings, 100);
const years = integerFlag('years', flags.years, 1, 50);
const reads = 20;
const bar = progressBars(flags.progress);

/** Ratings of one department spread evenly over every month of `years` years ending in 2026. */
function rating(index: number): RecordedEvent {
  const monthIndex = index % (years * 12);
  const ratedAt = new Date(Date.UTC(2026 - years + 1 + Math.floor(monthIndex / 12), monthIndex % 12, 1 + (index % 28), 9)).toISOString();
  const transactionId = `bench-${index}`;
  const data = { transactionId, departmentId: 'busy', platform: 'service-center', level: 1 + (index % 5), ratedAt };
  return { position: index + 1, eventId: `event-${index}`, streamId: `rating-${transactionId}`, streamVersion: 0, type: 'RatingGiven', schemaVersion: 1, data, metadata: { commandId: `c-${index}` }, occurredAt: ratedAt, recordedAt: ratedAt };
}

const readRepeatedly = (read: () => Promise<unknown>) => meanReadMs(read, reads);

async function bench(engine: string, sql: SqlClient): Promise<void> {
  const store: ReadStore = await sqlReadStore(sql);
  await departmentRatingsProjection.setup!(store);
  console.log(`\n${engine}: ${total.toLocaleString('en-US')} ratings of one department over ${years * 12} months`);
  const progress = bar('load', 'ratings');
  for (let index = 0; index < total; index += 1) {
    await departmentRatingsProjection.apply(rating(index), store);
    if (index % 500 === 0 || index === total - 1) progress?.update(index + 1, total);
  }
  progress?.stop();

  const facts = store.collection(ratingFactsCollection);
  const oneMonthMs = await readRepeatedly(() => countLevels((level) => facts.count({ departmentMonth: 'busy 2026-06', level })));
  const yearMs = await readRepeatedly(() => departmentMonthlyStatistics(store, 'busy', 2026));
  const allMs = await readRepeatedly(() => departmentMonthlyStatistics(store, 'busy'));
  console.log(`read   one month's five counts ${oneMonthMs.toFixed(2)} ms (baseline)`);
  console.log(`       a year (12 months) ${yearMs.toFixed(2)} ms: ratio ${(yearMs / oneMonthMs).toFixed(2)}×`);
  console.log(`       all years (${years * 12} months) ${allMs.toFixed(2)} ms: ratio ${(allMs / oneMonthMs).toFixed(2)}×`);
}

await onEachSqlEngine(flags['postgres-url'], bench);
