// Store append: events/s of the ledger's event store at 1 and 8 concurrent writers (one store, as one process runs
// it), beside the ceiling (a raw single-row INSERT into a table of the same shape, autocommit, 1 and 8 clients) and
// beside Emmett's PostgreSQL event store (the reference peer) appending the same events, all on one database.
// Every append is one event to the writer's own stream with the expected version, as a command's append is.
import { randomUUID } from 'node:crypto';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import type { NewEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import type { BenchContext, BenchRow, BenchSection, Measured } from '../section.ts';

const ratingData = (worker: number, sequence: number) => ({
  ratingId: `rating-${worker}-${sequence}`,
  departmentId: 'housing',
  serviceTransactionId: `tx-${randomUUID()}`,
  score: 1 + (sequence % 5),
  comment: '办理很快，工作人员态度好',
  at: new Date().toISOString(),
});
const metadata = { commandId: 'bench', actor: 'service:bench', correlationId: 'bench' };

/** One writer's stream: appends with the version it expects, as a command does. */
function ledgerWriters(store: () => SqlEventStore, writers: number, label: string): Measured {
  let streams: Array<{ id: string; version: number }> = [];
  return {
    label,
    unit: 'events',
    concurrency: writers,
    async prepare() {
      streams = Array.from({ length: writers }, () => ({ id: `bench-${randomUUID()}`, version: -1 }));
    },
    async step(worker) {
      const stream = streams[worker]!;
      const event: NewEvent = { eventId: randomUUID(), type: 'RatingRecorded', schemaVersion: 1, data: ratingData(worker, stream.version + 1), metadata };
      const result = await store().append(stream.id, [event], stream.version === -1 ? 'no-stream' : stream.version);
      stream.version = result.nextExpectedVersion;
      return 1;
    },
  };
}

const rawTable = `create table if not exists bench_raw_events (
  position bigserial primary key, event_id uuid not null unique, stream_id text not null, stream_version integer not null,
  type text not null, schema_version integer not null, data jsonb not null, metadata jsonb not null,
  occurred_at timestamptz not null, recorded_at timestamptz not null, unique (stream_id, stream_version))`;

/** The ceiling: one single-row INSERT a statement, autocommit, into a table shaped like the ledger's. */
function rawInserts(sql: () => SqlClient, clients: number, label: string): Measured {
  let streams: Array<{ id: string; version: number }> = [];
  return {
    label,
    unit: 'events',
    concurrency: clients,
    async prepare() {
      streams = Array.from({ length: clients }, () => ({ id: `raw-${randomUUID()}`, version: -1 }));
    },
    async step(worker) {
      const stream = streams[worker]!;
      stream.version += 1;
      await sql().query(
        `insert into bench_raw_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
         values ($1, $2, $3, 'RatingRecorded', 1, $4::jsonb, $5::jsonb, now(), now())`,
        [randomUUID(), stream.id, stream.version, JSON.stringify(ratingData(worker, stream.version)), JSON.stringify(metadata)],
      );
      return 1;
    },
  };
}

type EmmettStore = ReturnType<typeof getPostgreSQLEventStore>;

function emmettWriters(store: () => EmmettStore, writers: number, label: string): Measured {
  let streams: Array<{ id: string; version: bigint | undefined }> = [];
  return {
    label,
    unit: 'events',
    concurrency: writers,
    async prepare() {
      streams = Array.from({ length: writers }, () => ({ id: `rating-${randomUUID()}`, version: undefined }));
    },
    async step(worker) {
      const stream = streams[worker]!;
      const event = { type: 'RatingRecorded', data: ratingData(worker, Number(stream.version ?? 0n)), metadata };
      const result = await store().appendToStream(stream.id, [event], stream.version === undefined ? { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' } : { expectedStreamVersion: stream.version });
      stream.version = result.nextExpectedStreamVersion;
      return 1;
    },
  };
}

async function onPostgres(context: BenchContext, url: string): Promise<BenchRow[]> {
  const connect = (max: number) => {
    const sql = connectPostgres({ connectionString: url, maxConnections: max, applicationName: 'bench' });
    context.defer(() => sql.close());
    return sql;
  };
  const raw1 = connect(1);
  const raw8 = connect(8);
  await raw1.query(rawTable);
  const ledger = await SqlEventStore.open(connect(10));
  const emmett = getPostgreSQLEventStore(url);
  context.defer(() => emmett.close());
  await emmett.schema.migrate();

  const rates = await context.measureAlternating({
    raw1: rawInserts(() => raw1, 1, 'raw INSERT, 1 client, PostgreSQL'),
    store1: ledgerWriters(() => ledger, 1, 'store append, 1 writer, PostgreSQL'),
    emmett1: emmettWriters(() => emmett, 1, 'Emmett append, 1 writer, PostgreSQL'),
    raw8: rawInserts(() => raw8, 8, 'raw INSERT, 8 clients, PostgreSQL'),
    store8: ledgerWriters(() => ledger, 8, 'store append, 8 writers, PostgreSQL'),
    emmett8: emmettWriters(() => emmett, 8, 'Emmett append, 8 writers, PostgreSQL'),
  });
  const raw = (clients: number) => ({ what: `raw INSERT, ${clients} client${clients > 1 ? 's' : ''}`, rate: clients === 1 ? rates.raw1 : rates.raw8 });
  const peer = (writers: number) => ({ what: `Emmett, ${writers} writer${writers > 1 ? 's' : ''}`, rate: writers === 1 ? rates.emmett1 : rates.emmett8 });
  return [
    { what: 'store append, 1 writer, PostgreSQL', rate: rates.store1, unit: 'events/s', baseline: raw(1) },
    { what: 'store append, 8 writers, PostgreSQL', rate: rates.store8, unit: 'events/s', baseline: raw(8), goal: 0.8 },
    { what: 'store append, 1 writer, PostgreSQL', rate: rates.store1, unit: 'events/s', baseline: peer(1) },
    { what: 'store append, 8 writers, PostgreSQL', rate: rates.store8, unit: 'events/s', baseline: peer(8), goal: 1.5 },
  ];
}

async function onPglite(context: BenchContext): Promise<BenchRow[]> {
  const sql = await openPglite();
  context.defer(() => sql.close());
  await sql.query(rawTable);
  const ledger = await SqlEventStore.open(sql);
  const rates = await context.measureAlternating({
    raw1: rawInserts(() => sql, 1, 'raw INSERT, PGlite'),
    store1: ledgerWriters(() => ledger, 1, 'store append, 1 writer, PGlite'),
    store8: ledgerWriters(() => ledger, 8, 'store append, 8 writers, PGlite'),
  });
  const baseline = { what: 'raw INSERT (one connection)', rate: rates.raw1 };
  return [
    { what: 'store append, 1 writer, PGlite', rate: rates.store1, unit: 'events/s', baseline },
    { what: 'store append, 8 writers, PGlite', rate: rates.store8, unit: 'events/s', baseline },
  ];
}

const section: BenchSection = {
  name: 'store',
  title: 'Store append',
  order: 10,
  async run(context) {
    const url = await context.postgresDatabase();
    if (!url) context.note('Store append on PostgreSQL skipped: no server (set POSTGRES_URL or --postgres-url).');
    return [...(url ? await onPostgres(context, url) : []), ...(await onPglite(context))];
  },
};
export default section;
