// The MongoDB read store beside the jsonb one on PostgreSQL (the baseline), in one process:
//   node scripts/bench/read-store.ts [--documents 5000] [--postgres-url URL] [--mongo-url URL] [--no-progress]
// URLs default to POSTGRES_URL and MONGO_URL (`eval "$(scripts/engines env)"`); each store gets a fresh database,
// dropped afterwards. Both run the same workload of read-model operations, one after the other, and the table
// gives each rate and the ratio MongoDB / PostgreSQL. Benchmarks print; they never assert times.
import { randomBytes } from 'node:crypto';
import { type ReadStore, sqlReadStore } from '@ledger/readstore';
import { mongoReadStore } from '@ledger/readstore/mongo';
import { connectPostgres } from '@ledger/sql';
import { freshPostgresDatabase } from '@ledger/testing';
import { MongoClient } from 'mongodb';
import { benchFlags, integerFlag, progressBars } from './support.ts';

const usage = [
  'node scripts/bench/read-store.ts [--documents N (default 5000)] [--postgres-url URL] [--mongo-url URL] [--no-progress]',
  '(URLs default to POSTGRES_URL and MONGO_URL; eval "$(scripts/engines env)" sets them)',
].join('\n');
const flags = benchFlags(usage, {
  documents: { type: 'string', default: '5000' },
  'postgres-url': { type: 'string', default: process.env.POSTGRES_URL },
  'mongo-url': { type: 'string', default: process.env.MONGO_URL },
});
if (!flags['postgres-url'] || !flags['mongo-url']) {
  console.log(usage);
  process.exit(2);
}
const documents = integerFlag('documents', flags.documents, 100);

const bar = progressBars(flags.progress, 42);
const departments = 50;
/** A complaint as the complaint-list projection keeps it, with its per-stream bookkeeping. */
const complaint = (index: number, version = 0) => ({
  id: `complaint-${String(index).padStart(8, '0')}`,
  status: ['filed', 'accepted', 'found', 'closed'][index % 4]!,
  departmentId: `dept-${index % departments}`,
  personId: `person-${index % 400}`,
  receivedAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
  score: (index * 7919) % 1000,
  summary: `Complaint ${index}: permit pending for months`,
  _applied: { [`complaint-${index}`]: version },
});

type Complaints = ReturnType<ReadStore['collection']>;
/** One operation `count` times (`index` from 0), or a whole run that reports its own progress. */
type Step = { name: string; count: number } & (
  | { each(complaints: Complaints, index: number): Promise<unknown> }
  | { whole(complaints: Complaints, tick: (done: number) => void): Promise<void> }
);

const lookups = Math.min(documents, 5000);
const inDepartment = (index: number) => `dept-${index % departments}`;
const steps: Step[] = [
  { name: 'put (insert)', count: documents, each: (complaints, index) => complaints.put(complaint(index)) },
  { name: 'put (replace)', count: lookups, each: (complaints, index) => complaints.put(complaint((index * 7) % documents, 1)) },
  { name: 'get by id', count: lookups, each: (complaints, index) => complaints.get(complaint((index * 13) % documents).id) },
  {
    name: 'find by indexed field (100)',
    count: 500,
    each: (complaints, index) => complaints.find({ departmentId: inDepartment(index), status: { $in: ['accepted', 'found'] } }, { limit: 100 }),
  },
  {
    name: 'find sorted by score (20)',
    count: 200,
    each: (complaints, index) => complaints.find({ departmentId: inDepartment(index) }, { sort: { field: 'score', direction: 'desc' }, limit: 20 }),
  },
  { name: 'count by indexed field', count: 500, each: (complaints, index) => complaints.count({ departmentId: inDepartment(index) }) },
  {
    name: 'scan in id pages of 500',
    count: documents,
    async whole(complaints, tick) {
      let seen = 0;
      for (let afterId: string | undefined; ; ) {
        const page = await complaints.find({}, { limit: 500, ...(afterId === undefined ? {} : { afterId }) });
        seen += page.length;
        tick(seen);
        if (page.length < 500) break;
        afterId = page.at(-1)!.id;
      }
      if (seen !== documents) throw new Error(`the scan saw ${seen} documents, not ${documents}`);
    },
  },
];

async function runStep(step: Step, complaints: Complaints, tick: (done: number) => void): Promise<void> {
  if ('whole' in step) return step.whole(complaints, tick);
  const every = Math.max(1, Math.floor(step.count / 50));
  for (let index = 0; index < step.count; index++) {
    await step.each(complaints, index);
    if (index % every === 0) tick(index);
  }
}

async function measure(label: string, store: ReadStore): Promise<Map<string, number>> {
  const complaints = store.collection('bench_complaints');
  for (const field of ['departmentId', 'status', 'score']) await complaints.ensureIndex(field);
  const rates = new Map<string, number>();
  for (const step of steps) {
    const progress = bar(`${label} ${step.name}`, 'ops');
    const started = performance.now();
    await runStep(step, complaints, (done) => progress?.update(done, step.count));
    const ms = performance.now() - started;
    progress?.update(step.count, step.count);
    progress?.stop();
    rates.set(step.name, (step.count / ms) * 1000);
  }
  return rates;
}

async function main() {
  console.log(`bench: ${documents.toLocaleString('en-US')} complaint documents, Node ${process.version}`);
  const postgresDatabase = await freshPostgresDatabase(flags['postgres-url']!);
  const sql = connectPostgres({ connectionString: postgresDatabase.url, maxConnections: 4 });
  const mongo = await new MongoClient(flags['mongo-url']!).connect();
  const mongoDatabase = mongo.db(`ledger_bench_${randomBytes(4).toString('hex')}`);
  try {
    const baseline = await measure('PostgreSQL jsonb', await sqlReadStore(sql));
    const subject = await measure('MongoDB', await mongoReadStore(mongoDatabase));
    const rows = steps.map((step) => {
      const base = baseline.get(step.name)!;
      const mongoRate = subject.get(step.name)!;
      return { operation: step.name, 'PostgreSQL ops/s': Math.round(base), 'MongoDB ops/s': Math.round(mongoRate), 'MongoDB / PostgreSQL': `${(mongoRate / base).toFixed(2)}×` };
    });
    console.table(rows);
    console.log('MongoDB here is mongo-java-server (in memory, the engines stand-in), not mongod: the ratios say what this test engine does.');
  } finally {
    await sql.close();
    await postgresDatabase.drop();
    await mongoDatabase.dropDatabase();
    await mongo.close();
  }
}

await main();
