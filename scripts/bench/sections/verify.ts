// Verification beside the raw rate that bounds it, alternating in one run (issue 9.3):
//   verification of the text feed (leaf lines, GET /v1/ledger/events as application/x-ndjson)  vs  raw SHA-256
//   verification of the JSON feed (CloudEvents, each re-encoded as its leaf), for comparison    vs  raw SHA-256
// on a ledger of BENCH_VERIFY_EVENTS complaint events (default 20,000), on PostgreSQL when a server is given, else on
// PGlite in memory. Each feed is held in memory as an auditor holds it after download: the text
// feed as the bytes of its pages, the JSON feed as parsed objects. Raw SHA-256 is the fastest way node hashes each
// leaf: one one-shot call on its RFC 9162 input (0x00, then the leaf bytes) prepared beforehand, the digest answered
// as a string (a Buffer answer costs more than the hash of a short input). Each measurement is whole passes over the
// feed, as many as make 200,000 leaves (a pass of a small ledger takes a few tens of milliseconds, less than one
// garbage collection can); the median of `--rounds` counts.
import { createHash, hash } from 'node:crypto';
import { SqlMerkleLog, catchUpWithStore, generateNoteKey, leafBytes, leafLinesOf, parseSignerKey, treeWorkerFromLeaves, verifyLedger } from '@ledger/audit';
import { toCloudEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type SqlClient, connectPostgres, openPglite } from '@ledger/sql';
import { loadBenchLedger } from '../complaint-ledger.ts';
import type { BenchContext, BenchRow, BenchSection } from '../section.ts';
import { progressBars } from '../support.ts';
import { alternate, ratio } from './replay.ts';

const pageSize = 1000;
const leavesAMeasurement = 200_000;

const verified = (verdict: Awaited<ReturnType<typeof verifyLedger>>) => {
  if (!verdict.ok) throw new Error(`the bench ledger did not verify: ${verdict.detail}`);
  return verdict.size;
};

async function onEngine(context: BenchContext, engine: string, sql: SqlClient, events: number): Promise<BenchRow[]> {
  const bar = progressBars(context.flags.progress, 34);
  const store = await SqlEventStore.open(sql);
  const loadBar = bar(`load ${engine}`, 'events');
  const loaded = await loadBenchLedger(sql, store, events, loadBar);
  const log = await SqlMerkleLog.open(sql);
  await catchUpWithStore(log, store, { batchSize: 5000 });
  const key = generateNoteKey('bench.example/log');
  const checkpoint = await log.issueCheckpoint(parseSignerKey(key.signerKey));

  // The feed as the ledger serves it, page after page, in both forms.
  const jsonFeed: unknown[] = [];
  const textPages: Uint8Array[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ after, limit: pageSize });
    const cloudEvents = page.map((event) => toCloudEvent(event));
    for (const event of cloudEvents) jsonFeed.push(JSON.parse(JSON.stringify(event)));
    textPages.push(Buffer.from(leafLinesOf(cloudEvents)));
    if (page.length < pageSize) break;
    after = page.at(-1)!.position;
  }
  const hashInputs = jsonFeed.map((event) => Buffer.concat([Uint8Array.of(0), leafBytes(event)]));
  const say = (label: string) => context.flags.progress && process.stderr.write(`  ${engine}: ${label}\n`);
  const passes = Math.max(1, Math.ceil(leavesAMeasurement / jsonFeed.length));
  const repeated = (pass: () => Promise<number>) => async () => {
    let leaves = 0;
    for (let i = 0; i < passes; i++) leaves += await pass();
    return leaves;
  };
  const common = { checkpoint: checkpoint.note, verifierKey: key.verifierKey, consistencyProof: async (from: number, to: number) => (await log.consistencyProof(from, to)).hashes };

  const { wall: rates, cpu, thread } = await alternate(
    context.flags.rounds,
    {
      sha256: repeated(async () => {
        for (const input of hashInputs) hash('sha256', input, 'binary');
        return hashInputs.length;
      }),
      text: repeated(async () => verified(await verifyLedger({ leafLines: textPages, ...common }))),
      // Both ways whatever the ledger's size (the default picks by size, treeWorkerFromLeaves): one thread; the tree on
      // a worker thread (its start paid by every pass).
      textOneThread: repeated(async () => verified(await verifyLedger({ leafLines: textPages, ...common, treeWorker: { fromLeaves: Number.POSITIVE_INFINITY } }))),
      textOnWorker: repeated(async () => verified(await verifyLedger({ leafLines: textPages, ...common, treeWorker: { fromLeaves: 0 } }))),
      // The same hashes by slower calls, for comparison with earlier runs: a Buffer answer; a Hash object (the former
      // baseline). After the verifications: their garbage (an object a leaf) was collected during the next measurement.
      sha256Buffer: repeated(async () => {
        for (const input of hashInputs) hash('sha256', input, 'buffer');
        return hashInputs.length;
      }),
      sha256Object: repeated(async () => {
        for (const input of hashInputs) createHash('sha256').update(input.subarray(0, 1)).update(input.subarray(1)).digest();
        return hashInputs.length;
      }),
      json: repeated(async () => verified(await verifyLedger({ feed: jsonFeed, ...common }))),
    },
    say,
  );
  const onWorker = jsonFeed.length >= treeWorkerFromLeaves ? 'the tree on a worker thread where the load leaves a core free' : 'one thread';
  context.note(
    `Verification of the text feed on ${engine}, ${jsonFeed.length.toLocaleString('en-US')} leaves (by default ${onWorker}: a worker from ${treeWorkerFromLeaves.toLocaleString('en-US')} leaves), by wall time (by this process's CPU time, every thread): ` +
      `one thread ${ratio(rates.textOneThread, rates.sha256)} (${ratio(cpu.textOneThread, cpu.sha256)}) × raw SHA-256, the tree on a worker thread ${ratio(rates.textOnWorker, rates.sha256)} (${ratio(cpu.textOnWorker, cpu.sha256)}) ×; ` +
      `by the CPU time of the verifying thread alone (the rate it could reach with a core of its own and the worker another), ${ratio(thread.textOnWorker, cpu.sha256)} ×.`,
  );
  context.note(
    `Verification by this process's CPU time on ${engine}: the text feed ${ratio(cpu.text, cpu.sha256)} × raw SHA-256, the JSON feed ${ratio(cpu.json, cpu.sha256)} × (raw SHA-256 ${Math.round(cpu.sha256).toLocaleString('en-US')} leaves per CPU second). ` +
      `Against slower ways to call SHA-256: answering a Buffer, the text feed ${ratio(cpu.text, cpu.sha256Buffer)} ×, the JSON feed ${ratio(cpu.json, cpu.sha256Buffer)} ×; ` +
      `a Hash object per leaf (the baseline of earlier runs), ${ratio(cpu.text, cpu.sha256Object)} × and ${ratio(cpu.json, cpu.sha256Object)} ×.`,
  );
  const size = `${Math.round(loaded / 1000)}k events`;
  const baseline = { what: 'raw SHA-256 of the leaves', rate: rates.sha256 };
  return [
    { what: `verification of the text feed, ${engine}, ${size}`, rate: rates.text, unit: 'leaves/s', baseline, goal: 0.5 },
    { what: `verification of the JSON feed, ${engine}, ${size}`, rate: rates.json, unit: 'leaves/s', baseline },
  ];
}

const section: BenchSection = {
  name: 'verify',
  title: 'Verification',
  order: 35,
  async run(context) {
    const events = Number(process.env.BENCH_VERIFY_EVENTS ?? 20_000);
    // The feed is read from the store once and held in memory: the engine only serves it. PostgreSQL when there is a
    // server keeps the embedded database's heap out of the measuring process (its garbage collections are noise here).
    const url = process.env.BENCH_VERIFY_ENGINE === 'pglite' ? undefined : await context.postgresDatabase();
    context.note(
      `Verification: whole passes over the feed held in memory, ${leavesAMeasurement.toLocaleString('en-US')} leaves or more a measurement (not --seconds); BENCH_VERIFY_EVENTS sets the ledger size (default 20,000), BENCH_VERIFY_ENGINE=pglite loads it into PGlite (default PostgreSQL when a server is given).`,
    );
    if (url) {
      const sql = connectPostgres({ connectionString: url, maxConnections: 4, applicationName: 'bench' });
      context.defer(() => sql.close());
      return onEngine(context, 'PostgreSQL', sql, events);
    }
    const pglite = await openPglite();
    context.defer(() => pglite.close());
    return onEngine(context, 'PGlite', pglite, events);
  },
};
export default section;
