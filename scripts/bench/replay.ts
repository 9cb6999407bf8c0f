// Replay and verification throughput, each beside the raw rate it is bounded by, in one run:
//   node scripts/bench/replay.ts [--events 100000] [--postgres-url postgres://…] [--no-progress]
// Loads complaint lifecycles (decided by the real complaint decider) into an event store, then measures
//   raw sequential read of the store      vs  replay of every read model from that store
//   raw SHA-256 of the leaf bytes          vs  verification of the feed against a signed checkpoint
// and how fast the Merkle log indexes the store. Benchmarks print; they never assert times.
// The same comparisons, alternating in rounds, are the section `replay` of `npm run bench`.
import { createHash, randomUUID } from 'node:crypto';
import {
  SqlMerkleLog,
  catchUpWithStore,
  generateNoteKey,
  inMemoryReplayTarget,
  leafBytes,
  parseSignerKey,
  replayReadModels,
  verifyLedger,
} from '@ledger/audit';
import { toCloudEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import { freshPostgresDatabase } from '@ledger/testing';
import { ledgerReadModels } from '../../apps/ledger/src/cli/replay-command.ts';
import { complaintLife } from './complaint-ledger.ts';
import { benchFlags, integerFlag, progressBars, timed } from './support.ts';

const flags = benchFlags('node scripts/bench/replay.ts [--events N (default 100000)] [--postgres-url URL (a fresh database is made and dropped)] [--no-progress]', {
  events: { type: 'string', default: '100000' },
  'postgres-url': { type: 'string' },
});
const target = integerFlag('events', flags.events, 8);

const bar = progressBars(flags.progress);
const perSecond = (count: number, ms: number) => (ms > 0 ? (count / ms) * 1000 : 0);
const format = (value: number) => Math.round(value).toLocaleString('en-US');

async function load(store: SqlEventStore): Promise<number> {
  const progress = bar('load', 'events');
  let loaded = 0;
  for (let index = 0; loaded < target; index++) {
    // A department now and then: events of another service, which the complaint models skip.
    if (index % 50 === 0) {
      const departmentId = `dept-${index / 50}`;
      await store.append(
        `department-${departmentId}`,
        [{ eventId: randomUUID(), type: 'DepartmentRegistered', schemaVersion: 1, data: { departmentId, name: `Department ${index / 50}`, category: 'service-facing', at: '2026-01-01T00:00:00Z' } }],
        'no-stream',
      );
      loaded += 1;
    }
    const life = complaintLife(index, `dept-${Math.floor(index / 50)}`, index % 300).slice(0, target - loaded);
    if (life.length > 0) await store.append(`complaint-bench-${index}`, life, 'no-stream');
    loaded += life.length;
    if (index % 100 === 0) progress?.update(loaded, target);
  }
  progress?.update(loaded, target);
  progress?.stop();
  return loaded;
}

async function rawRead(store: SqlEventStore): Promise<number> {
  const progress = bar('read', 'events');
  let count = 0;
  for (let after = 0; ; ) {
    const events = await store.readAll({ after, limit: 1000 });
    count += events.length;
    progress?.update(count, target);
    if (events.length < 1000) break;
    after = events.at(-1)!.position;
  }
  progress?.stop();
  return count;
}

async function main() {
  let sql: SqlClient;
  let engine: string;
  let dispose = async () => {};
  if (flags['postgres-url']) {
    const database = await freshPostgresDatabase(flags['postgres-url']);
    sql = connectPostgres({ connectionString: database.url, maxConnections: 4 });
    engine = 'PostgreSQL';
    dispose = () => database.drop();
  } else {
    sql = await openPglite();
    engine = 'PGlite (embedded, in memory)';
  }
  const store = await SqlEventStore.open(sql);
  console.log(`bench: ${format(target)} events on ${engine}, Node ${process.version}`);

  const loading = await timed(() => load(store));
  console.log(`loaded ${format(loading.result)} events in ${(loading.ms / 1000).toFixed(1)} s (${format(perSecond(loading.result, loading.ms))} events/s through EventStore.append)`);

  const read = await timed(() => rawRead(store));
  const replayTarget = await inMemoryReplayTarget();
  const replayBar = bar('replay', 'events');
  const projections = ledgerReadModels();
  const replay = await timed(() =>
    replayReadModels({
      store,
      projections,
      target: replayTarget.store,
      ...(replayBar ? { onProgress: (progress) => replayBar.update(progress.position, progress.target, progress.events) } : {}),
    }),
  );
  replayBar?.stop();
  await replayTarget.dispose();

  const log = await SqlMerkleLog.open(sql);
  const indexing = await timed(() => catchUpWithStore(log, store, { batchSize: 5000 }));
  const key = generateNoteKey('bench.example/log');
  const checkpoint = await log.issueCheckpoint(parseSignerKey(key.signerKey));

  // The feed as an auditor holds it after download: plain JSON objects, in order.
  const feed: unknown[] = [];
  for (let after = 0; ; ) {
    const events = await store.readAll({ after, limit: 5000 });
    for (const event of events) feed.push(JSON.parse(JSON.stringify(toCloudEvent(event))));
    if (events.length < 5000) break;
    after = events.at(-1)!.position;
  }
  const leaves = feed.map((event) => leafBytes(event));
  const leafBytesTotal = leaves.reduce((sum, bytes) => sum + bytes.length, 0);
  const rawHash = await timed(async () => {
    for (const bytes of leaves) createHash('sha256').update(Uint8Array.of(0)).update(bytes).digest();
    return leaves.length;
  });
  const verifyBar = bar('verify', 'leaves');
  const verification = await timed(() =>
    verifyLedger({
      feed: (function* () {
        for (const [index, event] of feed.entries()) {
          if (index % 5000 === 0) verifyBar?.update(index, feed.length);
          yield event;
        }
        verifyBar?.update(feed.length, feed.length);
      })(),
      checkpoint: checkpoint.note,
      verifierKey: key.verifierKey,
      consistencyProof: async (from, to) => (await log.consistencyProof(from, to)).hashes,
    }),
  );
  verifyBar?.stop();
  if (!verification.result.ok) throw new Error(`the bench ledger did not verify: ${verification.result.detail}`);

  const readRate = perSecond(read.result, read.ms);
  const replayRate = perSecond(replay.result.events, replay.ms);
  const hashRate = perSecond(rawHash.result, rawHash.ms);
  const verifyRate = perSecond(verification.result.size, verification.ms);
  const rows: Array<[string, string, string]> = [
    ['raw sequential read (readAll, 1000 a batch)', `${format(readRate)} events/s`, ''],
    [`replay of ${projections.length} read model(s) into a fresh store`, `${format(replayRate)} events/s`, `${(replayRate / readRate).toFixed(3)} × raw read`],
    ['raw SHA-256 of the leaf bytes', `${format(hashRate)} leaves/s`, `${format(perSecond(leafBytesTotal, rawHash.ms) / 1e6)} MB/s, ${format(leafBytesTotal / leaves.length)} B a leaf`],
    ['verification (canonical JSON, leaf hash, tree, signature)', `${format(verifyRate)} leaves/s`, `${(verifyRate / hashRate).toFixed(3)} × raw SHA-256`],
    ['Merkle log indexing of the store (SQL)', `${format(perSecond(indexing.result, indexing.ms))} leaves/s`, ''],
  ];
  console.log('');
  for (const [what, rate, ratio] of rows) console.log(`${what.padEnd(58)} ${rate.padStart(18)}   ${ratio}`);
  console.log(`\nreplay read ${format(replay.result.events)} events, applied ${replay.result.readModels.map((model) => `${model.projection}: ${format(model.applied)}`).join(', ')}`);

  await sql.close();
  await dispose();
}

await main();
