// Person history reads at scale, beside a primary-key read of the same store, in one run:
//   node scripts/bench/history.ts [--events 1000000] [--people 100000] [--samples 5000] [--postgres-url postgres://…] [--no-progress]
// Loads people, complaints and ladders (every event decided by the real deciders; rows written in bulk, see
// history-load.ts), builds the person-history read model by running the real projection's apply over the
// whole store in global order (documents written in bulk, see history-project.ts), analyzes the tables (as
// PostgreSQL's autovacuum would; PGlite has none), then times
//   a primary-key read of a small document of the same read store (a complaint's track)   the baseline
//   the history now (currentPersonHistory: the route's query path)                         vs the baseline
//   the history as of an instant inside the person's record (personHistoryAsOf)             vs the baseline
// interleaved, over random people, and prints p50/p99 and the ratios. Benchmarks print; they never assert times.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendarIn, defaultLedgerTimeZone } from '@ledger/calendar';
import { complaintTracksCollection, currentPersonHistory, personHistoryAsOf } from '@ledger/discipline';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { sqlReadStore } from '@ledger/readstore';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import { freshPostgresDatabase } from '@ledger/testing';
import { type LoadedPerson, loadHistories, nextTurn } from './history-load.ts';
import { projectHistories } from './history-project.ts';

const calendar = calendarIn(defaultLedgerTimeZone);
import { type LatencySummary, benchFlags, elapsedMs, integerFlag, latencySummary, progressBars } from './support.ts';

const flags = benchFlags('node scripts/bench/history.ts [--events N (1000000)] [--people N (100000)] [--samples N (5000)] [--postgres-url URL (a fresh database is made and dropped)] [--no-progress]', {
  events: { type: 'string', default: '1000000' },
  people: { type: 'string', default: '100000' },
  samples: { type: 'string', default: '5000' },
  'postgres-url': { type: 'string' },
});
const events = integerFlag('events', flags.events, 10);
const people = integerFlag('people', flags.people, 1);
const samples = integerFlag('samples', flags.samples, 10);

const bar = progressBars(flags.progress);
const format = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value.toFixed(3)} ms`;

async function open(): Promise<{ sql: SqlClient; engine: string; dispose(): Promise<void> }> {
  if (flags['postgres-url']) {
    const database = await freshPostgresDatabase(flags['postgres-url']);
    return { sql: connectPostgres({ connectionString: database.url, maxConnections: 4 }), engine: 'PostgreSQL', dispose: () => database.drop() };
  }
  // A data folder, as the embedded ledger keeps it (in memory, a million events would not fit PGlite's heap).
  const folder = mkdtempSync(join(tmpdir(), 'bench-history-'));
  return { sql: await openPglite(folder), engine: `PGlite (embedded, data folder ${folder})`, dispose: async () => rmSync(folder, { recursive: true, force: true }) };
}

async function main() {
  const { sql, engine, dispose } = await open();
  const store = await SqlEventStore.open(sql);
  const readStore = await sqlReadStore(sql);
  console.log(`bench: ${format(events)} events for ${format(people)} people on ${engine}, Node ${process.version}`);

  const loadBar = bar('load', 'events');
  const loadStarted = performance.now();
  const loaded = await loadHistories(sql, { events, people, onProgress: (count) => loadBar?.update(count, events) });
  loadBar?.stop();
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  console.log(`loaded ${format(loaded.loaded)} events in ${loadSeconds.toFixed(1)} s (${format(loaded.loaded / loadSeconds)} events/s, decided and written in bulk)`);

  const applyBar = bar('project', 'events');
  let writeBar: ReturnType<typeof bar>;
  const projectStarted = performance.now();
  const projected = await projectHistories(store, sql, readStore, {
    applied: (count) => applyBar?.update(count, loaded.loaded),
    written: (count, total) => {
      if (!writeBar) {
        applyBar?.stop();
        writeBar = bar('write', 'documents');
      }
      writeBar?.update(count, total);
    },
  });
  writeBar?.stop();
  await sql.query('analyze');
  const projectSeconds = (performance.now() - projectStarted) / 1000;
  console.log(`projected ${format(projected.events)} events into ${format(projected.documents)} read-model documents in ${projectSeconds.toFixed(1)} s`);

  const tracks = readStore.collection(complaintTracksCollection);
  const now = new Date().toISOString();
  const pick = (): LoadedPerson => loaded.people[Math.floor(Math.random() * loaded.people.length)]!;
  const withComplaints = loaded.people.filter((person) => person.complaintIds.length > 0);
  const timings = { baseline: [] as number[], now: [] as number[], asOf: [] as number[] };
  let complaintsRead = 0;
  const warmUp = Math.min(200, Math.floor(samples / 10));
  const measureBar = bar('read', 'samples');
  for (let sample = -warmUp; sample < samples; sample++) {
    const person = pick();
    const other = withComplaints[Math.floor(Math.random() * withComplaints.length)]!;
    const trackId = other.complaintIds[Math.floor(Math.random() * other.complaintIds.length)]!;
    const asOf = new Date((person.firstRecordedMs + person.lastRecordedMs) / 2).toISOString();
    // The three reads in turn, the order rotating, so that drift in a shared machine's load falls on each alike.
    const reads: Array<[keyof typeof timings, () => Promise<unknown>]> = [
      ['baseline', () => tracks.get(trackId)],
      ['now', async () => (complaintsRead += (await currentPersonHistory(readStore, person.personId, now, calendar))?.complaints.length ?? 0)],
      ['asOf', () => personHistoryAsOf(readStore, person.personId, asOf, calendar)],
    ];
    const rotation = ((sample % 3) + 3) % 3;
    for (const [name, read] of [...reads.slice(rotation), ...reads.slice(0, rotation)]) {
      const took = await elapsedMs(read);
      if (sample >= 0) timings[name].push(took);
    }
    if (sample >= 0 && sample % 100 === 0) {
      measureBar?.update(sample, samples);
      await nextTurn();
    }
  }
  measureBar?.update(samples, samples);
  measureBar?.stop();

  const stats = Object.fromEntries(Object.entries(timings).map(([name, values]) => [name, latencySummary(values)])) as Record<keyof typeof timings, LatencySummary>;
  const ratio = (name: keyof typeof timings, at: 'p50' | 'p99') => `${(stats[name][at] / stats.baseline[at]).toFixed(2)} ×`;
  const rows: Array<[string, keyof typeof timings]> = [
    ['baseline: primary-key read of a complaint track (same store)', 'baseline'],
    ['person history now (currentPersonHistory)', 'now'],
    ['person history asOf (personHistoryAsOf)', 'asOf'],
  ];
  console.log(`\n${samples} reads of each kind over random people (of ${format(people)}); ${(complaintsRead / samples).toFixed(1)} complaints a history on average\n`);
  console.log(`${''.padEnd(62)} ${'p50'.padStart(12)} ${'p99'.padStart(12)}   ${'p50 ratio'.padStart(10)} ${'p99 ratio'.padStart(10)}`);
  for (const [what, name] of rows) {
    const ratios = name === 'baseline' ? ['', ''] : [ratio(name, 'p50'), ratio(name, 'p99')];
    console.log(`${what.padEnd(62)} ${ms(stats[name].p50).padStart(12)} ${ms(stats[name].p99).padStart(12)}   ${ratios[0]!.padStart(10)} ${ratios[1]!.padStart(10)}`);
  }

  await sql.close();
  await dispose();
}

await main();
