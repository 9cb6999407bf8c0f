// Person history reads beside a primary-key read of the same read store (issue 9.4), alternating in one run:
//   a primary-key read of a small document (a complaint's track)          the baseline
//   the history now (currentPersonHistory: the route's query path)        vs the baseline
//   the history as of an instant inside the person's record              vs the baseline
// over random people of a ledger of BENCH_HISTORY_EVENTS events (default 10,000) for BENCH_HISTORY_PEOPLE people
// (default 1,000), every event decided by the real deciders and projected by the real projection (history-load.ts,
// history-project.ts). On embedded PGlite, and on PostgreSQL when a server is given. The read alone: recording the
// read in the ledger is in the HTTP section. For a million events: `npm run bench:history`.
import { calendarIn, defaultLedgerTimeZone } from '@ledger/calendar';
import { complaintTracksCollection, currentPersonHistory, personHistoryAsOf } from '@ledger/discipline';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { sqlReadStore } from '@ledger/readstore';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import { type LoadedPerson, loadHistories } from '../history-load.ts';
import { projectHistories } from '../history-project.ts';
import type { BenchContext, BenchRow, BenchSection } from '../section.ts';
import { progressBars } from '../support.ts';

const calendar = calendarIn(defaultLedgerTimeZone);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

async function onEngine(context: BenchContext, engine: string, sql: SqlClient, events: number, people: number): Promise<BenchRow[]> {
  const bar = progressBars(context.flags.progress, 34);
  const store = await SqlEventStore.open(sql);
  const readStore = await sqlReadStore(sql);
  const loadBar = bar(`load ${engine}`, 'events');
  const loaded = await loadHistories(sql, { events, people, onProgress: (count) => loadBar?.update(count, events) });
  loadBar?.stop();
  const projectBar = bar(`project ${engine}`, 'events');
  await projectHistories(store, sql, readStore, { applied: (count) => projectBar?.update(count, loaded.loaded) });
  projectBar?.stop();
  await sql.query('analyze');

  const tracks = readStore.collection(complaintTracksCollection);
  const trackIds = loaded.people.flatMap((person) => person.complaintIds);
  const person = (): LoadedPerson => pick(loaded.people);
  const now = new Date().toISOString();
  const rates = await context.measureAlternating({
    baseline: { label: `${engine} primary-key read`, unit: 'reads', concurrency: 1, step: async () => (await tracks.get(pick(trackIds)), 1) },
    now: { label: `${engine} history now`, unit: 'reads', concurrency: 1, step: async () => (await currentPersonHistory(readStore, person().personId, now, calendar), 1) },
    asOf: {
      label: `${engine} history as of`,
      unit: 'reads',
      concurrency: 1,
      step: async () => {
        const one = person();
        await personHistoryAsOf(readStore, one.personId, new Date((one.firstRecordedMs + one.lastRecordedMs) / 2).toISOString(), calendar);
        return 1;
      },
    },
  });
  const baseline = { what: 'primary-key read of a complaint track', rate: rates.baseline };
  const size = `${Math.round(loaded.loaded / 1000)}k events, ${people.toLocaleString('en-US')} people`;
  return [
    { what: `person history now, ${engine}, ${size}`, rate: rates.now, unit: 'reads/s', baseline, goal: 0.5 },
    { what: `person history as of an instant, ${engine}, ${size}`, rate: rates.asOf, unit: 'reads/s', baseline },
  ];
}

const section: BenchSection = {
  name: 'history',
  title: 'Person history reads',
  order: 20,
  async run(context) {
    const events = Number(process.env.BENCH_HISTORY_EVENTS ?? 10_000);
    const people = Number(process.env.BENCH_HISTORY_PEOPLE ?? 1_000);
    const rows: BenchRow[] = [];
    const pglite = await openPglite();
    context.defer(() => pglite.close());
    rows.push(...(await onEngine(context, 'PGlite', pglite, events, people)));
    const url = await context.postgresDatabase();
    if (url) {
      const sql = connectPostgres({ connectionString: url, maxConnections: 4, applicationName: 'bench' });
      context.defer(() => sql.close());
      rows.push(...(await onEngine(context, 'PostgreSQL', sql, events, people)));
    } else context.note('History on PostgreSQL skipped: no server (set POSTGRES_URL or --postgres-url).');
    context.note('History: one read at a time, without recording it (the HTTP section has the recorded read); BENCH_HISTORY_EVENTS and BENCH_HISTORY_PEOPLE set the ledger (default 10,000 and 1,000).');
    return rows;
  },
};
export default section;
