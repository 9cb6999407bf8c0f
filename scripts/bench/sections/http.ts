// Requests over HTTP against the ceiling of the same host (issue 9.5): with BENCH_HTTP_CLIENTS concurrent clients
// (default 16) on keep-alive connections, alternating in one run,
//   GET /healthz                                    the ceiling: what the host's HTTP stack alone answers
//   POST /v1/ratings                                vs /healthz
//   POST /v1/complaints, with the complainant's personal data (sealed in the vault)     vs /healthz
//   GET /v1/people/{id}/history (the read is recorded in the ledger)                     vs /healthz
// and the server's CPU time per request of each beside that of /healthz. The host runs in a child process
// (write-host.ts): its CPU time (process.cpuUsage) is the server's alone, and each measurement ends once every
// in-process consumer has caught up, so background work counts. On the embedded host (PGlite in a data folder, as
// `npm start` keeps it) and, with a PostgreSQL server, on the embedded host on PostgreSQL.
import { mkdtempSync, rmSync } from 'node:fs';
import { connectPostgres } from '@ledger/sql';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Call, HostProcess, call } from '../host-process.ts';
import type { BenchContext, BenchRow, BenchSection, Measured } from '../section.ts';
import { cpuTicksPerSecond, latencySummary, processCpuTicks } from '../support.ts';

const clients = Number(process.env.BENCH_HTTP_CLIENTS ?? 16);
/** Complaints the read person has before the history reads: a history with something in it. */
const complaintsOfThePerson = 10;

interface Kind {
  label: string;
  expected: number;
  next: () => Call;
}

async function onHost(context: BenchContext, engine: string, env: Record<string, string>): Promise<BenchRow[]> {
  if (context.flags.progress) process.stderr.write(`  ${engine}: starting the host\n`);
  const host = new HostProcess(env);
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  try {
    return await measureOn(context, engine, host, agent, env.BENCH_POSTGRES_URL);
  } finally {
    agent.destroy();
    await host.stop();
  }
}

/**
 * CPU ticks (processCpuTicks) of each server backend of the database at `url`, other than the asking one: the
 * PostgreSQL server's share of a request when it runs on this machine (issue 9). None when it runs elsewhere.
 */
async function backendTicks(url: string): Promise<Map<number, number>> {
  const sql = connectPostgres({ connectionString: url, maxConnections: 1 });
  try {
    const { rows } = await sql.query<{ pid: number }>('select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()');
    const ticks = new Map<number, number>();
    for (const { pid } of rows) {
      const used = processCpuTicks(pid);
      if (used !== undefined) ticks.set(pid, used);
    }
    return ticks;
  } finally {
    await sql.close();
  }
}

async function measureOn(context: BenchContext, engine: string, host: HostProcess, agent: Agent, postgresUrl?: string): Promise<BenchRow[]> {
  const base = new URL(await host.address);
  const must = async (expected: number, request: Call) => {
    const status = await call(agent, base, request);
    if (status !== expected) throw new Error(`${request.method} ${request.path}: ${status}, expected ${expected}`);
  };
  await must(200, { method: 'PUT', path: '/v1/departments/bench', role: 'evaluation-office', body: { name: 'Bench Bureau', category: 'service-facing' } });
  await must(200, { method: 'PUT', path: '/v1/people/bench-p', role: 'evaluation-office', body: { name: 'Bench Person', departmentId: 'bench' } });
  for (let complaint = 0; complaint < complaintsOfThePerson; complaint += 1) {
    await must(201, { method: 'POST', path: '/v1/complaints', role: 'intake-clerk', body: { channel: 'web', departmentId: 'bench', personId: 'bench-p', category: 'attitude', summary: 'Rude at the counter' } });
  }
  await host.ask('settle');

  let serial = 0;
  const kinds = {
    healthz: { label: 'GET /healthz', expected: 200, next: () => ({ method: 'GET', path: '/healthz' }) },
    rating: {
      label: 'POST /v1/ratings',
      expected: 201,
      next: () => ({ method: 'POST', path: '/v1/ratings', role: 'service', body: { transactionId: `bench-${(serial += 1)}`, departmentId: 'bench', platform: 'service-center', level: 1 + (serial % 5) } }),
    },
    filing: {
      label: 'POST /v1/complaints',
      expected: 201,
      next: () => ({
        method: 'POST',
        path: '/v1/complaints',
        role: 'intake-clerk',
        body: { channel: 'phone', departmentId: 'bench', category: 'inaction', summary: `No answer ${(serial += 1)}`, complainant: { name: 'Zhang San', phone: '13800000000', email: 'zs@example.org' } },
      }),
    },
    history: { label: 'GET history', expected: 200, next: () => ({ method: 'GET', path: '/v1/people/bench-p/history?reason=bench', role: 'disciplinary-official' }) },
  } satisfies Record<string, Kind>;
  type Name = keyof typeof kinds;
  const cpuMicros = Object.fromEntries(Object.keys(kinds).map((name) => [name, 0])) as Record<Name, number>;
  const requests = { ...cpuMicros };
  const statements = { ...cpuMicros };
  const serverTicks = { ...cpuMicros };
  let serverSeen = false;
  const latencies = Object.fromEntries(Object.keys(kinds).map((name) => [name, [] as number[]])) as Record<Name, number[]>;

  const measured = (name: Name): Measured => {
    const kind: Kind = kinds[name];
    let before = { cpuMicros: 0, statements: 0 };
    let ticksBefore = new Map<number, number>();
    return {
      label: `${engine} ${kind.label}`,
      unit: 'requests',
      concurrency: clients,
      prepare: async () => {
        before = await host.usage();
        if (postgresUrl) ticksBefore = await backendTicks(postgresUrl);
      },
      step: async () => {
        const request = kind.next();
        const sent = performance.now();
        const status = await call(agent, base, request);
        if (status !== kind.expected) throw new Error(`${request.method} ${request.path}: ${status}, expected ${kind.expected}`);
        latencies[name].push(performance.now() - sent);
        requests[name] += 1;
        return 1;
      },
      finish: async () => {
        // Background work of these requests (consumers, projections) counts as theirs.
        await host.ask('settle');
        const after = await host.usage();
        cpuMicros[name] += after.cpuMicros - before.cpuMicros;
        statements[name] += after.statements - before.statements;
        if (postgresUrl) {
          for (const [pid, ticks] of await backendTicks(postgresUrl)) {
            serverTicks[name] += ticks - (ticksBefore.get(pid) ?? 0);
            serverSeen = true;
          }
        }
      },
    };
  };
  const rates = await context.measureAlternating({ healthz: measured('healthz'), rating: measured('rating'), filing: measured('filing'), history: measured('history') });

  const cpuMs = (name: Name) => cpuMicros[name] / 1000 / requests[name];
  const ceiling = { what: `GET /healthz, ${clients} clients`, rate: rates.healthz };
  const cpuCeiling = { what: `/healthz ${cpuMs('healthz').toFixed(2)} ms CPU each`, rate: 1000 / cpuMs('healthz') };
  const rows: BenchRow[] = [
    { what: `POST /v1/ratings, ${clients} clients, ${engine}`, rate: rates.rating, unit: 'req/s', baseline: ceiling, goal: engine === 'embedded' ? 0.05 : 0.1 },
    { what: `server CPU a rating: ${cpuMs('rating').toFixed(2)} ms (goal ≤ 1 ms), ${engine}`, rate: 1000 / cpuMs('rating'), unit: 'req/CPU-s', baseline: cpuCeiling },
    { what: `POST /v1/complaints with personal data, ${clients} clients, ${engine}`, rate: rates.filing, unit: 'req/s', baseline: ceiling },
    { what: `server CPU a filing: ${cpuMs('filing').toFixed(2)} ms, ${engine}`, rate: 1000 / cpuMs('filing'), unit: 'req/CPU-s', baseline: cpuCeiling },
    { what: `GET /v1/people/{id}/history (recorded), ${clients} clients, ${engine}`, rate: rates.history, unit: 'req/s', baseline: ceiling },
    { what: `server CPU a history read: ${cpuMs('history').toFixed(2)} ms, ${engine}`, rate: 1000 / cpuMs('history'), unit: 'req/CPU-s', baseline: cpuCeiling },
  ];
  const lines = (Object.keys(kinds) as Name[]).map((name) => {
    const summary = latencySummary(latencies[name]);
    return `  ${kinds[name].label.padEnd(20)} p50 ${summary.p50.toFixed(1)} ms, p99 ${summary.p99.toFixed(1)} ms, ${cpuMs(name).toFixed(2)} ms CPU and ${(statements[name] / requests[name]).toFixed(1)} SQL statements each${serverSeen ? `, PostgreSQL backends ${((serverTicks[name] * 1000) / cpuTicksPerSecond / requests[name]).toFixed(2)} ms CPU each` : ''} (${requests[name]} requests)`;
  });
  const history = latencySummary(latencies.history).p99;
  const healthz = latencySummary(latencies.healthz).p99;
  context.note(
    `HTTP, ${engine}, ${clients} clients (all rounds):\n${lines.join('\n')}\n  history p99 ${history.toFixed(1)} ms against the goal 2 × /healthz p99 + 5 ms = ${(2 * healthz + 5).toFixed(1)} ms` +
      `${history <= 2 * healthz + 5 ? '' : ' (missed)'}`,
  );
  return rows;
}

const section: BenchSection = {
  name: 'http',
  title: 'HTTP requests',
  order: 5,
  async run(context) {
    const rows: BenchRow[] = [];
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-bench-http-'));
    context.defer(async () => rmSync(dataDir, { recursive: true, force: true }));
    rows.push(...(await onHost(context, 'embedded', { BENCH_DATA_DIR: dataDir })));
    const url = await context.postgresDatabase();
    if (url) rows.push(...(await onHost(context, 'on PostgreSQL', { BENCH_POSTGRES_URL: url })));
    else context.note('HTTP on PostgreSQL skipped: no server (set POSTGRES_URL or --postgres-url).');
    context.note(`HTTP: BENCH_HTTP_CLIENTS sets the clients (default 16); the CPU rows are requests per second of the host's CPU time, background work included.`);
    return rows;
  },
};
export default section;
