// A CPU profile of the embedded host under one kind of request (issue 9): the host runs in its child process with
// `--cpu-prof`, `clients` loops send the requests for `seconds`, the host settles and stops, and the profile's self
// time is summed by function and by package, the largest first, after the statements, CPU and latency a request
// costs. The .cpuprofile stays in --dir for DevTools. With --postgres the host runs on a fresh database of the
// PostgreSQL server that POSTGRES_URL (or --postgres-url) names, dropped after; else on PGlite in a folder.
//   node scripts/bench/profile-host.ts [--kind rating|filing|history] [--clients 16] [--seconds 15] [--dir /tmp/ledger-profile] [--postgres [--postgres-url URL]]
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase } from '@ledger/testing';
import { type Call, HostProcess, call } from './host-process.ts';
import { benchFlags, integerFlag, latencySummary } from './support.ts';

const flags = benchFlags('node scripts/bench/profile-host.ts [--kind rating|filing|history] [--clients N] [--seconds S] [--dir DIR] [--postgres [--postgres-url URL]]', {
  kind: { type: 'string', default: 'rating' },
  clients: { type: 'string', default: '16' },
  seconds: { type: 'string', default: '15' },
  dir: { type: 'string', default: join(tmpdir(), 'ledger-profile') },
  postgres: { type: 'boolean', default: false },
  'postgres-url': { type: 'string' },
});
const clients = integerFlag('clients', flags.clients, 1, 1024);
const seconds = integerFlag('seconds', flags.seconds, 1, 600);
let serial = 0;
const kinds: Record<string, () => Call> = {
  rating: () => ({ method: 'POST', path: '/v1/ratings', role: 'service', body: { transactionId: `p-${(serial += 1)}`, departmentId: 'bench', platform: 'service-center', level: 1 + (serial % 5) } }),
  filing: () => ({
    method: 'POST',
    path: '/v1/complaints',
    role: 'intake-clerk',
    body: { channel: 'phone', departmentId: 'bench', category: 'inaction', summary: `No answer ${(serial += 1)}`, complainant: { name: 'Zhang San', phone: '13800000000' } },
  }),
  history: () => ({ method: 'GET', path: '/v1/people/bench-p/history?reason=bench', role: 'disciplinary-official' }),
};
const next = kinds[flags.kind!];
if (!next) throw new Error(`--kind: one of ${Object.keys(kinds).join(', ')}`);

const postgresUrl = flags['postgres-url'] ?? process.env.POSTGRES_URL;
if (flags.postgres && !postgresUrl) {
  console.error('--postgres needs a PostgreSQL server: --postgres-url or POSTGRES_URL');
  process.exit(2);
}
const database = flags.postgres ? await freshPostgresDatabase(postgresUrl!) : undefined;
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-profile-data-'));
rmSync(flags.dir!, { recursive: true, force: true });
const engine: Record<string, string> = database ? { BENCH_POSTGRES_URL: database.url } : { BENCH_DATA_DIR: dataDir };
const host = new HostProcess({ ...engine, BENCH_SQL_TALLY: '1' }, ['--cpu-prof', `--cpu-prof-dir=${flags.dir}`]);
const agent = new Agent({ keepAlive: true, maxSockets: clients });
let requests = 0;
// The measured window on the monotonic clock V8's profile timestamps use too (both CLOCK_MONOTONIC on Linux), so the
// host's start (PGlite's initdb, module loading) and stop stay out of the self times below.
const windowMicros = { start: 0, end: Number.POSITIVE_INFINITY };
const latencies: number[] = [];
try {
  const base = new URL(await host.address);
  await call(agent, base, { method: 'PUT', path: '/v1/departments/bench', role: 'evaluation-office', body: { name: 'Bench Bureau', category: 'service-facing' } });
  await call(agent, base, { method: 'PUT', path: '/v1/people/bench-p', role: 'evaluation-office', body: { name: 'Bench Person', departmentId: 'bench' } });
  await host.ask('settle');
  await host.ask('tally');
  const before = await host.usage();
  windowMicros.start = Number(process.hrtime.bigint() / 1000n);
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        const status = await call(agent, base, next());
        if (status >= 300) throw new Error(`${flags.kind}: ${status}`);
        latencies.push(performance.now() - sent);
        requests += 1;
      }
    }),
  );
  await host.ask('settle');
  windowMicros.end = Number(process.hrtime.bigint() / 1000n);
  const after = await host.usage();
  const { tally } = (await host.ask('tally')) as { tally: Array<[string, number]> };
  console.log('statements a request, by text:');
  for (const [text, count] of tally.slice(0, 25)) console.log(`${(count / requests).toFixed(2).padStart(6)}  ${text}`);
  const latency = latencySummary(latencies);
  console.log(
    `${requests} ${flags.kind} requests on ${database ? 'PostgreSQL' : 'PGlite'} (${(requests / seconds).toFixed(0)}/s): ${((after.cpuMicros - before.cpuMicros) / 1000 / requests).toFixed(2)} ms CPU and ` +
      `${((after.statements - before.statements) / requests).toFixed(1)} SQL statements each; latency p50 ${latency.p50.toFixed(1)} ms, p99 ${latency.p99.toFixed(1)} ms`,
  );
} finally {
  agent.destroy();
  await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
  await database?.drop();
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const file = readdirSync(flags.dir!).find((name) => name.endsWith('.cpuprofile'));
if (!file) throw new Error(`no profile in ${flags.dir}`);
const profile = JSON.parse(readFileSync(join(flags.dir!, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
let sampledAt = profile.startTime;
profile.samples.forEach((id, index) => {
  const delta = profile.timeDeltas[index] ?? 0;
  sampledAt += delta;
  // (idle) is the event loop waiting, no CPU
  if (byId.get(id)?.callFrame.functionName === '(idle)') return;
  if (sampledAt >= windowMicros.start && sampledAt <= windowMicros.end) selfMicros.set(id, (selfMicros.get(id) ?? 0) + delta);
});
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);
const place = (url: string) => url.replace(/^file:\/\//, '').replace(/.*node_modules\//, 'npm:').replace(/^.*\/(libs|apps|services|scripts)\//, '$1/');
const packageOf = (url: string) => {
  if (!url) return '(native/idle)';
  const module = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (module) return module;
  const own = /\/(libs|apps|services|scripts)\/([^/]+)/.exec(url);
  return own ? `${own[1]}/${own[2]}` : url.startsWith('node:') ? 'node' : url;
};
const sum = (key: (node: ProfileNode) => string) => {
  const sums = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const name = key(byId.get(id)!);
    sums.set(name, (sums.get(name) ?? 0) + micros);
  }
  return [...sums].toSorted((a, b) => b[1] - a[1]);
};
const show = (title: string, rows: Array<[string, number]>, count: number) => {
  console.log(`\n${title}`);
  for (const [name, micros] of rows.slice(0, count)) console.log(`${((100 * micros) / total).toFixed(1).padStart(5)} %  ${(micros / 1000 / Math.max(1, requests)).toFixed(3)} ms/req  ${name}`);
};
show('self time by package', sum((node) => packageOf(node.callFrame.url)), 20);
show('self time by function', sum((node) => `${node.callFrame.functionName || '(anonymous)'} ${place(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`), 40);
