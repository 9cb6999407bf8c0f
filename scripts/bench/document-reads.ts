// Reads of documents by (collection, id) as the SQL read store makes them (`readDocuments`, @ledger/readstore): one ref
// goes by the primary key; is that measurably cheaper than the statement for several refs (two text arrays,
// unnested)? And what did that statement cost before, when the refs went as one jsonb parameter (`jsonb_to_recordset`)?
// One ref a read, then three (a grouped read of three consumers).
//   node scripts/bench/document-reads.ts [--documents 5000] [--reads 1000] [--rounds 4] [--no-before] [--postgres-url URL] [--no-progress]
// On embedded PGlite, then on PostgreSQL in a fresh database (POSTGRES_URL by default; `eval "$(scripts/engines env)"`).
// The ways alternate in blocks of `--reads` sequential reads (their order reversed every other round), over the same
// ids; each block gives wall time and CPU a read: this process's (PGlite runs in it), and on PostgreSQL the server's
// too, read from /proc for the backends of the bench's database (so only for a server on this machine).
// Benchmarks print; they never assert times.
import { readFileSync } from 'node:fs';
import { readDocuments, sqlReadStore } from '@ledger/readstore';
import type { SqlClient } from '@ledger/sql';
import { benchFlags, cpuTicksPerSecond, integerFlag, onEachSqlEngine, processCpuTicks } from './support.ts';

const usage = 'node scripts/bench/document-reads.ts [--documents N] [--reads N] [--rounds N] [--no-before] [--postgres-url URL] [--no-progress]';
const flags = benchFlags(usage, {
  documents: { type: 'string', default: '5000' },
  reads: { type: 'string', default: '1000' },
  rounds: { type: 'string', default: '4' },
  /** --no-before: leave the slow jsonb way out (more rounds of the other two in the same time). */
  before: { type: 'boolean', default: true },
  'postgres-url': { type: 'string', default: process.env.POSTGRES_URL },
});
const documents = integerFlag('documents', flags.documents, 10);
const reads = integerFlag('reads', flags.reads, 10);
const rounds = integerFlag('rounds', flags.rounds, 1);

const table = 'read_documents';
const collection = 'complaints';
type Row = { collection: string; id: string; json: string };
/** A way to read documents by id, answering how many it found. */
type Read = (sql: SqlClient, ids: readonly string[]) => Promise<number>;
/** The read store's statement as it is: by the primary key for one ref, unnested arrays for several. */
const readStore: Read = async (sql, ids) => (await readDocuments(sql, table, ids.map((id) => ({ collection, id })))).get(collection)?.size ?? 0;
/** readDocuments' statement for several refs, here for one too: what a read of one ref would cost without its own. */
const unnest: Read = async (sql, ids) =>
  (
    await sql.query<Row>(
      `select d.collection, d.id, d.doc::text as json
       from unnest($1::text[], $2::text[]) as x(c, i)
       join ${table} d on d.collection = x.c and d.id = x.i`,
      [ids.map(() => collection), ids],
    )
  ).rows.length;
/** How readDocuments read several refs before (issue 9, branch shape-cleanup): one jsonb parameter, joined. */
const jsonbRecordset: Read = async (sql, ids) =>
  (
    await sql.query<Row>(
      `select d.collection, d.id, d.doc::text as json
       from jsonb_to_recordset($1::jsonb) as x(c text, i text)
       join ${table} d on d.collection = x.c and d.id = x.i`,
      [JSON.stringify(ids.map((id) => ({ c: collection, i: id })))],
    )
  ).rows.length;
const before: Record<string, Read> = flags.before ? { 'jsonb_to_recordset (before)': jsonbRecordset } : {};
const cases: Array<{ refs: number; ways: Record<string, Read> }> = [
  { refs: 1, ways: { 'readDocuments (primary key)': readStore, 'unnest, as for several': unnest, ...before } },
  ...(flags.before ? [{ refs: 3, ways: { 'readDocuments (unnest)': readStore, ...before } }] : []),
];

/** CPU seconds used so far by the server's backends of this database (pg only; PGlite runs in this process). */
async function serverCpuSeconds(sql: SqlClient): Promise<number | undefined> {
  if (sql.engine === 'pglite') return undefined;
  const { rows } = await sql.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database()');
  let ticks = 0;
  for (const { pid } of rows) {
    const used = processCpuTicks(pid);
    if (used === undefined) return undefined; // not a server of this machine
    ticks += used;
  }
  return ticks / cpuTicksPerSecond;
}

interface Block {
  wallMs: number;
  cpuMs: number;
  serverCpuMs: number | undefined;
}

async function block(sql: SqlClient, read: Read, batches: ReadonlyArray<readonly string[]>): Promise<Block> {
  const serverBefore = await serverCpuSeconds(sql);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for (const ids of batches) {
    const found = await read(sql, ids);
    if (found !== ids.length) throw new Error(`read of ${ids.join(', ')}: ${found} documents`);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const serverAfter = await serverCpuSeconds(sql);
  return {
    wallMs: wallMs / batches.length,
    cpuMs: (cpu.user + cpu.system) / 1000 / batches.length,
    serverCpuMs: serverBefore === undefined || serverAfter === undefined ? undefined : ((serverAfter - serverBefore) * 1000) / batches.length,
  };
}

const format = (ms: number | undefined) => (ms === undefined ? '-' : ms.toFixed(4));

console.log(`document reads by ref: ${documents} documents, ${rounds} rounds of ${reads} reads each way, ${new Date().toISOString()}, load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
await onEachSqlEngine(flags['postgres-url'], async (engine, sql) => {
  await sqlReadStore(sql); // the table and its indexes, as the ledger makes them
  await sql.query(
    `insert into ${table} (collection, id, doc)
     select $1, 'complaint-' || lpad(n::text, 8, '0'),
            jsonb_build_object('id', 'complaint-' || lpad(n::text, 8, '0'), 'status', 'filed', 'departmentId', 'dept-' || (n % 50),
                               'summary', 'Complaint ' || n || ': permit pending for months', '_applied', jsonb_build_object('complaint-' || n, 0))
     from generate_series(0, $2::int - 1) as n`,
    [collection, documents],
  );
  await sql.query(`analyze ${table}`);
  const idOf = (index: number) => `complaint-${String((index * 7919) % documents).padStart(8, '0')}`;
  for (const { refs, ways } of cases) {
    const batches = Array.from({ length: reads }, (_, read) => Array.from({ length: refs }, (_ignored, offset) => idOf(read * refs + offset)));
    const names = Object.keys(ways);
    for (const name of names) await block(sql, ways[name]!, batches.slice(0, 100)); // warm plans and caches up
    const totals = new Map(names.map((name) => [name, [] as Block[]]));
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? names : names.toReversed();
      for (const name of order) totals.get(name)!.push(await block(sql, ways[name]!, batches));
    }
    console.log(`\n${engine}, ${refs} ref(s) a read: ms a read, mean of ${rounds} blocks (each block's value in brackets); load ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
    console.log('| way | wall | this process CPU | server CPU |\n|---|---|---|---|');
    const mean = (blocks: readonly Block[], pick: (one: Block) => number | undefined) => {
      const values = blocks.map(pick);
      return values.includes(undefined) ? undefined : (values as number[]).reduce((sum, value) => sum + value, 0) / values.length;
    };
    for (const name of names) {
      const blocks = totals.get(name)!;
      const cell = (pick: (one: Block) => number | undefined) => `${format(mean(blocks, pick))} (${blocks.map((one) => format(pick(one))).join(', ')})`;
      console.log(`| ${name} | ${cell((one) => one.wallMs)} | ${cell((one) => one.cpuMs)} | ${cell((one) => one.serverCpuMs)} |`);
    }
  }
});
console.log(`\nload at the end ${readFileSync('/proc/loadavg', 'utf8').trim()}`);
