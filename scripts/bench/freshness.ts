// End-to-end freshness: from a finding recorded to the sanction it triggers being in the person's history read
// model, embedded mode beside Kafka mode, in one run. The finding is recorded during its POST, so both ends of
// that request are given: from the request sent (an upper bound) and from its answer (a lower bound):
//   node scripts/bench/freshness.ts [--samples 100] [--store-poll-ms 100] [--no-progress]
// Embedded: the whole ledger in this process on in-memory PGlite (as `npm start` runs it).
// Kafka: relay, evaluations, complaints and discipline as child processes (as `npm run start:<service>` runs
// them) on a fresh PostgreSQL database, fresh topics on the broker and a fresh MongoDB database (PostgreSQL
// jsonb without MONGO_URL); engines from POSTGRES_URL, KAFKA_BROKERS, MONGO_URL (`eval "$(scripts/engines env)"`).
// One finding at a time, each against a person of their own (so each triggers a first sanction), so the
// numbers are latency, not queueing. The history is read from the read model directly: reading it over
// HTTP records a read event, which would add load to what is measured. Benchmarks print; they never assert times.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey } from '@ledger/audit';
import { type PersonHistoryDocument, personHistoriesCollection } from '@ledger/discipline';
import { createKafka, deleteTopicsWithPrefix } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { type ReadStore, sqlReadStore } from '@ledger/readstore';
import { openMongoReadStore } from '@ledger/readstore/mongo';
import { connectPostgres } from '@ledger/sql';
import { freshPostgresDatabase } from '@ledger/testing';
import { type LedgerClient, ServiceProcess, distributedClient, embeddedClient, freePort, sharedEnvironment, testApiKeys } from '@ledger/testing/ledger';
import { MongoClient } from 'mongodb';
import { startLedgerHost } from '../../apps/ledger/src/host.ts';
import { benchFlags, integerFlag, latencySummary, progressBars } from './support.ts';

const flags = benchFlags('node scripts/bench/freshness.ts [--samples N (default 100)] [--store-poll-ms MS (distributed STORE_POLL_MS, default 100)] [--no-progress]', {
  samples: { type: 'string', default: '100' },
  'store-poll-ms': { type: 'string', default: '100' },
});
const samples = integerFlag('samples', flags.samples, 2);
const storePollMs = integerFlag('store-poll-ms', flags['store-poll-ms'], 1);
const { POSTGRES_URL, KAFKA_BROKERS, MONGO_URL } = process.env;
if (!POSTGRES_URL || !KAFKA_BROKERS) {
  console.error('Kafka mode needs POSTGRES_URL and KAFKA_BROKERS: eval "$(scripts/engines env)" first');
  process.exit(2);
}

const bar = progressBars(flags.progress, 9);
const say = (text: string) => console.error(`[freshness] ${text}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const findingAt = '2026-03-01T09:00:00+08:00';

async function expectOk(client: LedgerClient, request: Parameters<LedgerClient>[0]): Promise<Record<string, unknown>> {
  const response = await client(request);
  if (response.status >= 300) throw new Error(`${request.method} ${request.path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as Record<string, unknown>;
}

/** Registers one department and a person per sample, and one for the warm-up (index -1). */
async function register(client: LedgerClient, run: string) {
  await expectOk(client, { service: 'evaluations', method: 'PUT', path: '/v1/departments/bench', role: 'evaluation-office', body: { name: 'Bench Bureau', category: 'service-facing' } });
  for (let index = -1; index < samples; index += 1) {
    await expectOk(client, { service: 'evaluations', method: 'PUT', path: `/v1/people/${run}-${index}`, role: 'evaluation-office', body: { name: `Person ${index}`, departmentId: 'bench' } });
  }
}

interface Latencies {
  fromRequest: number[];
  fromAnswer: number[];
}

/**
 * Files and accepts a complaint (not timed), records its valid finding, and measures from the finding's request
 * and from its answer until the person's history read model holds the sanction.
 */
async function measure(mode: string, client: LedgerClient, readStore: ReadStore, run: string): Promise<Latencies> {
  const histories = readStore.collection<PersonHistoryDocument>(personHistoriesCollection);
  const progress = bar(mode, 'samples');
  progress?.update(0, samples);
  const latencies: Latencies = { fromRequest: [], fromAnswer: [] };
  // Sample -1 warms up (consumer groups joining, connections, JIT) and is not counted.
  for (let index = -1; index < samples; index += 1) {
    const personId = `${run}-${index}`;
    const filed = await expectOk(client, {
      service: 'complaints',
      method: 'POST',
      path: '/v1/complaints',
      role: 'intake-clerk',
      idempotencyKey: `${personId}-file`,
      body: { channel: 'web', departmentId: 'bench', personId, category: 'delay', summary: 'freshness sample', receivedAt: '2026-02-01T09:00:00+08:00' },
    });
    const path = `/v1/complaints/${String(filed.complaintId)}`;
    await expectOk(client, { service: 'complaints', method: 'POST', path: `${path}/accept`, role: 'intake-clerk', body: { at: '2026-02-01T10:00:00+08:00' } });
    const requested = performance.now();
    await expectOk(client, { service: 'complaints', method: 'POST', path: `${path}/finding`, role: 'investigator', body: { outcome: 'valid', personId, at: findingAt } });
    const answered = performance.now();
    for (const deadline = Date.now() + 30_000; ; ) {
      const history = await histories.get(personId);
      if ((history?.ladder.sanctions.length ?? 0) > 0) break;
      if (Date.now() > deadline) throw new Error(`${mode}: no sanction in ${personId}'s history after 30 s`);
      await sleep(2);
    }
    const visible = performance.now();
    if (index < 0) continue;
    latencies.fromRequest.push(visible - requested);
    latencies.fromAnswer.push(visible - answered);
    progress?.update(latencies.fromAnswer.length, samples);
  }
  progress?.stop();
  return latencies;
}

async function embedded(): Promise<Latencies> {
  say('embedded: starting the ledger in this process (PGlite in memory)');
  const ledger = await startLedgerHost({
    apiKeys: testApiKeys,
    vaultKey: randomBytes(32),
    logger: createLogger({ level: 'silent' }),
    deadlineCheckIntervalMs: 0,
    checkpointIntervalMs: 0,
  });
  try {
    const client = embeddedClient(ledger.app);
    await register(client, 'embedded');
    return await measure('embedded', client, ledger.readStore, 'embedded');
  } finally {
    await ledger.stop();
  }
}

async function kafkaMode(): Promise<Latencies> {
  const database = await freshPostgresDatabase(POSTGRES_URL!);
  const mongoDatabase = `ledger_bench_${randomBytes(4).toString('hex')}`;
  const topicPrefix = `bench-${randomUUID().slice(0, 8)}.`;
  const logDir = mkdtempSync(join(tmpdir(), 'ledger-freshness-'));
  const env = {
    ...sharedEnvironment({
      postgresUrl: database.url,
      mongo: { url: MONGO_URL ?? '', database: mongoDatabase },
      kafkaBrokers: KAFKA_BROKERS!,
      topicPrefix,
      signingKey: generateNoteKey('freshness-bench').signerKey,
      vaultKey: randomBytes(32).toString('base64'),
    }),
    READ_STORE: MONGO_URL ? 'mongo' : 'postgres',
    STORE_POLL_MS: String(storePollMs),
    LOG_LEVEL: 'warn',
  };
  const scripts = { relay: 'apps/relay/src/main.ts', evaluations: 'apps/services/src/evaluations.ts', complaints: 'apps/services/src/complaints.ts', discipline: 'apps/services/src/discipline.ts' } as const;
  const processes: ServiceProcess[] = [];
  const sql = connectPostgres({ connectionString: database.url, maxConnections: 2 });
  let readStore: ReadStore | undefined;
  try {
    say(`kafka: starting ${Object.keys(scripts).join(', ')} as processes (read store ${env.READ_STORE}, STORE_POLL_MS ${storePollMs})`);
    for (const [name, script] of Object.entries(scripts)) {
      processes.push(new ServiceProcess({ name: name as keyof typeof scripts, script, port: await freePort(), env, logDir }));
    }
    await processes[0]!.start();
    await Promise.all(processes.slice(1).map((service) => service.start()));
    readStore = MONGO_URL ? await openMongoReadStore({ url: MONGO_URL, database: mongoDatabase }) : await sqlReadStore(sql);
    const client = distributedClient(Object.fromEntries(processes.map((service) => [service.name, service.port])));
    await register(client, 'kafka');
    return await measure('kafka', client, readStore, 'kafka');
  } finally {
    await Promise.all(processes.map((service) => service.kill('SIGTERM')));
    await readStore?.close();
    await sql.close();
    await database.drop();
    if (MONGO_URL) {
      const mongo = new MongoClient(MONGO_URL);
      await mongo.db(mongoDatabase).dropDatabase().finally(() => mongo.close());
    }
    rmSync(logDir, { recursive: true, force: true });
    // The broker is shared: leave no topics behind.
    await deleteTopicsWithPrefix(createKafka({ brokers: KAFKA_BROKERS!, logger: createLogger({ level: 'silent' }) }), topicPrefix);
  }
}

const runs = { embedded: await embedded(), kafka: await kafkaMode() };
const ms = (value: number) => `${value.toFixed(1)} ms`.padStart(10);
console.log(`\nfinding recorded -> sanction in the person history, ${samples} samples each (one at a time)`);
console.log(`${'mode, measured from'.padEnd(32)}${'p50'.padStart(10)}${'p90'.padStart(10)}${'p99'.padStart(10)}${'max'.padStart(10)}`);
for (const from of ['fromRequest', 'fromAnswer'] as const) {
  const [embeddedRun, kafkaRun] = [latencySummary(runs.embedded[from]), latencySummary(runs.kafka[from])];
  const label = from === 'fromRequest' ? 'the finding request' : 'the finding answer';
  for (const [mode, run] of [['embedded', embeddedRun], ['kafka', kafkaRun]] as const) {
    console.log(`${`${mode}, ${label}`.padEnd(32)}${ms(run.p50)}${ms(run.p90)}${ms(run.p99)}${ms(run.max)}`);
  }
  console.log(`${'kafka / embedded'.padEnd(32)}${`×${(kafkaRun.p50 / embeddedRun.p50).toFixed(1)}`.padStart(10)}${''.padStart(10)}${`×${(kafkaRun.p99 / embeddedRun.p99).toFixed(1)}`.padStart(10)}`);
}
