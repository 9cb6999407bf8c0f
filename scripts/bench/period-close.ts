// What a period close pays to gather its inputs, beside its baseline, in one run:
//   node scripts/bench/period-close.ts [--ratings-per-year 5000] [--years 4] [--postgres-url postgres://…] [--no-progress]
// The close reads the inputs read model (rankings.period-inputs) after waiting for it to reach the ledger
// head. The alternative it was chosen over folds the year's inputs from the ledger itself on every close.
//   read model: readPeriodInputs(year)                   vs  baseline: reading every event of the ledger and folding
// on a ledger of several years of ratings (only one year is closed). Benchmarks print; they never assert times.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { DepartmentCategory, RecordedEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type EvaluationInputEvent, collectPeriodInputs, periodInputsProjection, policyForYear, readPeriodInputs } from '@ledger/rankings';
import { calendarIn, defaultLedgerTimeZone } from '@ledger/calendar';

const calendar = calendarIn(defaultLedgerTimeZone);
import { sqlReadStore } from '@ledger/readstore';
import type { SqlClient } from '@ledger/sql';
import { benchFlags, elapsedMs, integerFlag, onEachSqlEngine, progressBars } from './support.ts';

const flags = benchFlags('node scripts/bench/period-close.ts [--ratings-per-year N (5000)] [--years Y (4)] [--postgres-url URL (a fresh database is made and dropped)] [--no-progress]', {
  'ratings-per-year': { type: 'string', default: '5000' },
  years: { type: 'string', default: '4' },
  'postgres-url': { type: 'string' },
});
const perYear = integerFlag('ratings-per-year', flags['ratings-per-year'], 100);
const years = integerFlag('years', flags.years, 1, 20);
const firstYear = 2020;
const closedYear = firstYear + years - 1;
const departments = 30;
const rounds = 5;
const categories: DepartmentCategory[] = ['service-facing', 'party-mass', 'vertical'];
const format = (value: number) => (value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(2));

const bar = progressBars(flags.progress);

/** The ledger: departments, then every year's ratings (a third by one of ten people each) and scores. */
function* ledgerEvents(): Generator<{ streamId: string; type: string; data: object }> {
  for (let index = 0; index < departments; index += 1) {
    const departmentId = `dept-${index}`;
    yield { streamId: `department-${departmentId}`, type: 'DepartmentRegistered', data: { departmentId, name: departmentId, category: categories[index % 3], leaderPersonId: `lead-${index}`, at: '2019-12-01T00:00:00Z' } };
  }
  for (let year = firstYear; year <= closedYear; year += 1) {
    for (let index = 0; index < perYear; index += 1) {
      const transactionId = `${year}-${index}`;
      const ratedAt = new Date(Date.UTC(year, index % 12, 1 + (index % 28), 9)).toISOString();
      const personId = index % 3 === 0 ? { personId: `clerk-${index % 10}` } : {};
      yield { streamId: `rating-${transactionId}`, type: 'RatingGiven', data: { transactionId, departmentId: `dept-${index % departments}`, platform: 'qr-code', level: 1 + (index % 5), ratedAt, ...personId } };
    }
    for (let index = 0; index < departments; index += 1) {
      const departmentId = `dept-${index}`;
      yield { streamId: `evaluation-${departmentId}-${year}`, type: 'SurveyScored', data: { departmentId, year, score: 60 + (index % 40), at: `${year + 1}-01-05T00:00:00Z` } };
    }
  }
}

/** The baseline: every event of the ledger read in global order and folded, as a close without a read model would. */
async function inputsFromLedger(store: SqlEventStore, year: number) {
  const inputs: EvaluationInputEvent[] = [];
  const registry = new Map<string, { departmentId: string; category: DepartmentCategory; leaderPersonId?: string }>();
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, limit: 1_000 });
    if (page.length === 0) break;
    for (const event of page) {
      if (event.type === 'DepartmentRegistered' || event.type === 'DepartmentChanged') {
        const { departmentId, category, leaderPersonId } = event.data as { departmentId: string; category: DepartmentCategory; leaderPersonId?: string };
        registry.set(departmentId, { departmentId, category, ...(leaderPersonId === undefined ? {} : { leaderPersonId }) });
      } else if (['RatingGiven', 'SurveyScored', 'SuperiorEvaluationScored', 'AdjustmentRecorded'].includes(event.type)) {
        inputs.push({ type: event.type, data: event.data } as EvaluationInputEvent);
      }
    }
    after = page.at(-1)!.position;
  }
  return { departments: [...registry.values()].toSorted((a, b) => (a.departmentId < b.departmentId ? -1 : 1)), inputs: collectPeriodInputs(year, inputs), policy: policyForYear([], year, calendar) };
}

async function bench(engine: string, sql: SqlClient): Promise<void> {
  const store = await SqlEventStore.open(sql);
  const readStore = await sqlReadStore(sql);
  await periodInputsProjection.setup!(readStore);
  const total = departments + years * (perYear + departments);
  console.log(`\n${engine}: ${years} years of ${perYear.toLocaleString('en-US')} ratings (${total.toLocaleString('en-US')} events), closing ${closedYear}`);
  const progress = bar('ledger', 'events');
  let written = 0;
  let projectMs = 0;
  for (const event of ledgerEvents()) {
    // Every stream here holds one event.
    const eventId = randomUUID();
    const { positions } = await store.append(event.streamId, [{ eventId, type: event.type, schemaVersion: 1, data: event.data }], 'no-stream');
    const now = new Date().toISOString();
    const recorded: RecordedEvent = { position: positions[0]!, eventId, streamId: event.streamId, streamVersion: 0, type: event.type, schemaVersion: 1, data: event.data, metadata: {}, occurredAt: now, recordedAt: now };
    projectMs += await elapsedMs(() => periodInputsProjection.apply(recorded, readStore));
    written += 1;
    if (written % 500 === 0 || written === total) progress?.update(written, total);
  }
  progress?.stop();
  console.log(`project  ${format((total / projectMs) * 1000)} events/s into the inputs read model`);

  const fromModel = await readPeriodInputs(readStore, closedYear, calendar);
  const fromLedger = await inputsFromLedger(store, closedYear);
  const same = isDeepStrictEqual(fromModel.inputs, fromLedger.inputs) && isDeepStrictEqual(fromModel.departments, fromLedger.departments);
  console.log(`inputs   ${fromModel.inputs.departments.length} departments, ${fromModel.inputs.people.length} people: the same both ways: ${same ? 'yes' : 'NO'}`);
  // Alternating rounds, so that warm-up and other load on the machine weigh on both alike.
  let ledgerMs = 0;
  let modelMs = 0;
  for (let round = 0; round < rounds; round += 1) {
    ledgerMs += await elapsedMs(() => inputsFromLedger(store, closedYear));
    modelMs += await elapsedMs(() => readPeriodInputs(readStore, closedYear, calendar));
  }
  console.log(`close    fold the whole ledger ${format(ledgerMs / rounds)} ms (baseline)`);
  console.log(`         read model ${format(modelMs / rounds)} ms: ratio ${format(modelMs / ledgerMs)}× the baseline`);
}

await onEachSqlEngine(flags['postgres-url'], bench);
