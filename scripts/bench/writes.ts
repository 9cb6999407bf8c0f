// Writes over HTTP against the ceiling of the same host: `POST /v1/ratings` with N clients beside `GET /healthz`
// with as many, on the embedded host (PGlite in a folder, as `npm start` runs it) and, with POSTGRES_URL, on the
// embedded host on PostgreSQL (a fresh database, dropped after). The host runs in a child process
// (scripts/bench/write-host.ts), so the CPU time per request is the server's alone, background work included:
// each phase ends once every in-process consumer has caught up, and the time and statements until then count.
//   node scripts/bench/writes.ts [--clients 16] [--seconds 10] [--no-progress]
// Benchmarks print ratios against a baseline of the same run; they never assert times.
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase } from '@ledger/testing';
import { testApiKeys } from '@ledger/testing/ledger';
import { benchFlags, integerFlag, latencySummary, progressBars } from './support.ts';

const flags = benchFlags('node scripts/bench/writes.ts [--clients N (default 16)] [--seconds S per phase (default 10)] [--no-progress]', {
  clients: { type: 'string', default: '16' },
  seconds: { type: 'string', default: '10' },
});
const clients = integerFlag('clients', flags.clients, 1, 1024);
const seconds = integerFlag('seconds', flags.seconds, 1, 3600);
const bar = progressBars(flags.progress, 22);
const say = (text: string) => console.error(`[writes] ${text}`);
const keyOf = (role: string) => testApiKeys.find((key) => key.role === role)!.key;

/** The host in its child process, and how to ask it things. */
class HostProcess {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly waiting = new Map<number, (answer: Record<string, unknown>) => void>();
  readonly address: Promise<string>;

  constructor(env: Record<string, string>) {
    this.child = fork(new URL('./write-host.ts', import.meta.url), { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.address = new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`the host exited with ${code} before it was ready`)));
      this.child.on('message', (message: Record<string, unknown>) => {
        if (typeof message.ready === 'string') resolve(message.ready);
        else this.waiting.get(message.id as number)?.(message);
      });
    });
  }

  ask(what: 'usage' | 'settle' | 'stop'): Promise<Record<string, unknown>> {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (answer) => (answer.error ? reject(new Error(String(answer.error))) : resolve(answer)));
      this.child.send({ ask: what, id });
    });
  }

  async usage(): Promise<{ cpuMicros: number; statements: number }> {
    return (await this.ask('usage')) as { cpuMicros: number; statements: number };
  }
}

interface Phase {
  what: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  cpuMsEach: number;
  statementsEach: number;
}

/** One HTTP call on a keep-alive connection; resolves with the status once the body is read. */
function call(agent: Agent, base: URL, method: string, path: string, role: string, body?: unknown): Promise<number> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: { authorization: `Bearer ${keyOf(role)}`, ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** `clients` loops sending `next()` requests for `seconds`; then waits for the host to settle and reads its usage. */
async function phase(host: HostProcess, base: URL, what: string, expected: number, next: () => { method: string; path: string; role: string; body?: unknown }): Promise<Phase> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  const before = await host.usage();
  const progress = bar(what, 's');
  const started = performance.now();
  const until = started + seconds * 1000;
  const ticker = setInterval(() => progress?.update(Math.min(seconds, Math.round((performance.now() - started) / 1000)), seconds), 1000);
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const { method, path, role, body } = next();
        const sent = performance.now();
        const status = await call(agent, base, method, path, role, body);
        if (status !== expected) throw new Error(`${method} ${path}: ${status}, expected ${expected}`);
        latencies.push(performance.now() - sent);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(ticker);
  progress?.update(seconds, seconds);
  progress?.stop();
  await host.ask('settle');
  const after = await host.usage();
  agent.destroy();
  const summary = latencySummary(latencies);
  return {
    what,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: summary.p50,
    p99: summary.p99,
    cpuMsEach: (after.cpuMicros - before.cpuMicros) / 1000 / latencies.length,
    statementsEach: (after.statements - before.statements) / latencies.length,
  };
}

async function onHost(engine: string, env: Record<string, string>): Promise<Phase[]> {
  say(`${engine}: starting the host`);
  const host = new HostProcess(env);
  try {
    const base = new URL(await host.address);
    const setup = new Agent({ keepAlive: true });
    const department = await call(setup, base, 'PUT', '/v1/departments/bench', 'evaluation-office', { name: 'Bench Bureau', category: 'service-facing' });
    if (department !== 200) throw new Error(`PUT /v1/departments/bench: ${department}`);
    setup.destroy();
    let transactions = 0;
    const rating = () => ({
      method: 'POST',
      path: '/v1/ratings',
      role: 'service',
      body: { transactionId: `bench-${(transactions += 1)}`, departmentId: 'bench', platform: 'service-center', level: 1 + (transactions % 5) },
    });
    // Warm-up: connections, JIT, the first pages of every table; not counted.
    const healthz = await phase(host, base, `${engine} GET /healthz`, 200, () => ({ method: 'GET', path: '/healthz', role: 'service' }));
    const ratings = await phase(host, base, `${engine} POST /v1/ratings`, 201, rating);
    return [healthz, ratings];
  } finally {
    await host.ask('stop').catch(() => {});
  }
}

const results: Phase[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-writes-'));
try {
  results.push(...(await onHost('embedded', { BENCH_DATA_DIR: dataDir })));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
if (process.env.POSTGRES_URL) {
  const database = await freshPostgresDatabase(process.env.POSTGRES_URL);
  try {
    results.push(...(await onHost('PostgreSQL', { BENCH_POSTGRES_URL: database.url })));
  } finally {
    await database.drop();
  }
} else {
  say('POSTGRES_URL is not set: the embedded host on PostgreSQL is left out');
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
console.log(`\nWrites over HTTP, ${clients} clients, ${seconds} s a phase; ${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString()}\n`);
console.log('| what | requests | req/s | p50 ms | p99 ms | server CPU ms each | SQL statements each | ratio to /healthz |');
console.log('|---|---|---|---|---|---|---|---|');
for (let i = 0; i < results.length; i += 2) {
  const [healthz, ratings] = [results[i]!, results[i + 1]!];
  for (const row of [healthz, ratings]) {
    const ratio = row === healthz ? '1' : fixed(ratings.perSecond / healthz.perSecond, 4);
    console.log(`| ${row.what} | ${row.requests} | ${fixed(row.perSecond, 0)} | ${fixed(row.p50, 1)} | ${fixed(row.p99, 1)} | ${fixed(row.cpuMsEach, 2)} | ${fixed(row.statementsEach, 1)} | ${ratio} |`);
  }
}
