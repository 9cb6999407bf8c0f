// How the two ways of keeping the global order across processes compare, on one PostgreSQL database:
//   node scripts/bench/append-ordering.ts [--seconds 4] [--rounds 2] [--postgres-url URL (default POSTGRES_URL)] [--no-progress]
// Each "process" is a group-commit writer of its own on its own connection, appending one event at a time per writer
// (the closed loop of a command), with the same total of 8 or 16 writers spread over 1 to 16 processes:
//   lock per batch   the store as it is: ledger_append_clean_batch takes the append lock, held until its commit (and so
//                    across the WAL flush): batches of all processes are serialised;
//   xid visibility   a prototype of the alternative (not in the store): rows carry pg_current_xact_id(), positions are
//                    taken under a session lock released before the commit, and readers would read only rows of
//                    transactions older than pg_snapshot_xmin(pg_current_snapshot()); commits of processes overlap.
// Benchmarks print; they never assert times.
import { randomUUID } from 'node:crypto';
import { groupCommit } from '@ledger/batching';
import { type SqlClient, connectPostgres } from '@ledger/sql';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { freshPostgresDatabase } from '@ledger/testing';
import { benchFlags, integerFlag, progressBars } from './support.ts';

const flags = benchFlags('node scripts/bench/append-ordering.ts [--seconds S (default 4)] [--rounds N (default 2)] [--postgres-url URL] [--no-progress]', {
  seconds: { type: 'string', default: '4' },
  rounds: { type: 'string', default: '2' },
  'postgres-url': { type: 'string' },
});
const seconds = integerFlag('seconds', flags.seconds, 1, 600);
const rounds = integerFlag('rounds', flags.rounds, 1, 99);
const postgresUrl = flags['postgres-url'] ?? process.env.POSTGRES_URL;
if (!postgresUrl) {
  console.error('needs a PostgreSQL server: --postgres-url or POSTGRES_URL');
  process.exit(2);
}
const bar = progressBars(flags.progress, 40);
const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;

const xidPrototype = `
  create or replace function bench_append_xid_visibility(batch jsonb, lock_key integer)
  returns table (inserted_event_id uuid, inserted_position bigint, inserted_version integer)
  language plpgsql volatile as $body$
  declare now_ms timestamptz;
  begin
    perform pg_advisory_lock(lock_key);
    begin
      perform pg_current_xact_id();
      -- recordedAt from a sequence: not transactional, so it orders transactions that are not committed yet.
      now_ms := greatest(date_trunc('milliseconds', clock_timestamp()), to_timestamp((select last_value from bench_clock_ms) / 1000.0));
      perform setval('bench_clock_ms', (extract(epoch from now_ms) * 1000)::bigint);
      return query
      with input as (
        select * from jsonb_to_recordset(batch) as r(n integer, event_id uuid, stream_id text, stream_offset integer, expected integer,
          first_of_append boolean, type text, schema_version integer, data jsonb, metadata jsonb, occurred_at timestamptz)
      ), current_version as (
        select s.stream_id, coalesce((select max(e.stream_version) from ledger_events e where e.stream_id = s.stream_id), -1) as version
          from (select distinct i.stream_id from input i) s
      ), inserted as (
        insert into ledger_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
        select i.event_id, i.stream_id, c.version + i.stream_offset + 1, i.type, i.schema_version, i.data, i.metadata,
               coalesce(i.occurred_at, now_ms), now_ms
          from input i join current_version c on c.stream_id = i.stream_id
         where not exists (select 1 from input f join current_version fc on fc.stream_id = f.stream_id
                            where f.first_of_append and f.expected is not null and fc.version + f.stream_offset <> f.expected)
           and not exists (select 1 from ledger_events e where e.event_id = any (array(select d.event_id from input d)))
         order by i.n
        returning ledger_events.event_id, ledger_events.position, ledger_events.stream_version
      )
      select * from inserted;
    exception when others then
      perform pg_advisory_unlock(lock_key);
      raise;
    end;
    perform pg_advisory_unlock(lock_key);
  end
  $body$`;

type Append = { streamId: string; version: number };

/** A process's writer: every append waiting goes in one call of `fn`, exactly as the store's clean batches do. */
function processWriter(sql: SqlClient, fn: string) {
  return groupCommit<Append, number>(async (appends) => {
    const rows = appends.map((append, n) => ({
      n,
      event_id: randomUUID(),
      stream_id: append.streamId,
      stream_offset: 0,
      expected: append.version,
      first_of_append: true,
      type: 'RatingRecorded',
      schema_version: 1,
      data: { score: 4, comment: '办理很快，工作人员态度好', departmentId: 'housing' },
      metadata: { actor: 'service:bench' },
      occurred_at: null,
    }));
    const { rows: inserted } = await sql.query<{ inserted_version: number }>(`select inserted_version from ${fn}($1::jsonb, $2)`, [JSON.stringify(rows), 0x1ed9e5]);
    if (inserted.length !== rows.length) throw new Error('a bench batch was refused');
    return inserted.map((row) => ({ ok: true, value: row.inserted_version }));
  });
}

async function eventsPerSecond(url: string, fn: string, processes: number, writersEach: number, label: string): Promise<number> {
  const clients = Array.from({ length: processes }, () => connectPostgres({ connectionString: url, maxConnections: 1 }));
  const writers = clients.map((client) => processWriter(client, fn));
  const progress = bar(label, 'events');
  let appended = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const ticker = setInterval(() => progress?.update(Math.min(performance.now() - started, seconds * 1000), seconds * 1000, appended), 200);
  await Promise.all(
    writers.flatMap((writer) =>
      Array.from({ length: writersEach }, async () => {
        const stream = { streamId: `bench-${randomUUID()}`, version: -1 };
        while (performance.now() < deadline) {
          stream.version = await writer.submit(stream);
          appended += 1;
        }
      }),
    ),
  );
  clearInterval(ticker);
  progress?.stop();
  const rate = (appended * 1000) / (performance.now() - started);
  await Promise.all(clients.map((client) => client.close()));
  return rate;
}

const database = await freshPostgresDatabase(postgresUrl);
const admin = connectPostgres({ connectionString: database.url, maxConnections: 1 });
try {
  await SqlEventStore.open(admin);
  await admin.query('alter table ledger_events add column if not exists transaction_id xid8');
  await admin.query('alter table ledger_events alter column transaction_id set default pg_current_xact_id()');
  await admin.query('create sequence if not exists bench_clock_ms');
  await admin.query(xidPrototype);

  const shapes: Array<[number, number]> = [[1, 8], [4, 2], [1, 16], [4, 4], [16, 1]];
  const results = new Map<string, { lock: number[]; xid: number[] }>();
  for (let round = 1; round <= rounds; round += 1) {
    for (const [processes, writersEach] of shapes) {
      const shape = `${processes} process${processes > 1 ? 'es' : ''} × ${writersEach} writer${writersEach > 1 ? 's' : ''}`;
      const entry = results.get(shape) ?? { lock: [], xid: [] };
      entry.lock.push(await eventsPerSecond(database.url, 'ledger_append_clean_batch', processes, writersEach, `lock per batch, ${shape}`));
      entry.xid.push(await eventsPerSecond(database.url, 'bench_append_xid_visibility', processes, writersEach, `xid visibility, ${shape}`));
      results.set(shape, entry);
    }
  }
  console.log(`\n${new Date().toISOString()}, ${seconds} s each, median of ${rounds} alternating rounds`);
  console.log('| processes × writers | lock per batch (events/s) | xid visibility (events/s) | xid / lock |');
  console.log('|---|---|---|---|');
  for (const [shape, { lock, xid }] of results) {
    console.log(`| ${shape} | ${Math.round(median(lock))} | ${Math.round(median(xid))} | ${(median(xid) / median(lock)).toFixed(2)} |`);
  }
} finally {
  await admin.close();
  await database.drop();
}
