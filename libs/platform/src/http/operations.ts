import { Histogram, Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';

/** One check of `/readyz`: what it looked at, and what is wrong when it is not ok. */
export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail?: string;
}

/** What `/readyz` and `/metrics` answer from (API.md conventions). */
export interface Operations {
  /** Prometheus registry of this app (one per app: several apps may run in one process, as in tests). */
  registry: Registry;
  /** The checks `/readyz` runs; it answers 503 naming each one that failed. */
  readiness?: () => Promise<ReadinessCheck[]>;
}

/** How long a readiness check may take before it counts as failed (a store that does not answer). */
export const readinessTimeoutMs = 2_000;

const withTimeout = <T>(work: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref?.();
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * `GET /readyz` (200 only while the process is started and every check passes; 503 naming what is wrong),
 * `GET /metrics` (Prometheus text), and the HTTP metrics of every request: rate, errors and latency per route.
 */
export function registerOperations(app: FastifyInstance, operations: Operations, started: () => boolean): void {
  const requests = new Histogram({
    name: 'ledger_http_request_duration_seconds',
    help: 'HTTP requests by method, route (its pattern) and status: rate (count), errors (status >= 400) and latency',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [operations.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    if (route === '/metrics') return;
    requests.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1_000);
  });

  app.get('/readyz', { schema: { hide: true }, config: { access: 'public', readsStreamState: false } }, async (_request, reply) => {
    if (!started()) return reply.code(503).send({ status: 'starting', failing: [{ name: 'start', ok: false, detail: 'the ledger is starting' }] });
    const checks = await withTimeout(operations.readiness?.() ?? Promise.resolve([]), readinessTimeoutMs * 2, 'the readiness checks').catch(
      (error: unknown): ReadinessCheck[] => [{ name: 'readiness', ok: false, detail: error instanceof Error ? error.message : String(error) }],
    );
    const failing = checks.filter((check) => !check.ok);
    if (failing.length > 0) {
      return reply.code(503).send({ status: 'not-ready', detail: failing.map((check) => `${check.name}: ${check.detail ?? 'failing'}`).join('; '), failing, checks });
    }
    return { status: 'ready', checks };
  });

  app.get('/metrics', { schema: { hide: true }, config: { access: 'public', readsStreamState: false } }, async (_request, reply) => {
    const text = await operations.registry.metrics();
    return reply.type(operations.registry.contentType).send(text);
  });
}

/** Runs a check against a deadline: a store that hangs is as unready as one that fails. */
export async function check(name: string, work: () => Promise<string | undefined | void>, timeoutMs = readinessTimeoutMs): Promise<ReadinessCheck> {
  try {
    const problem = await withTimeout(work(), timeoutMs, name);
    return problem ? { name, ok: false, detail: problem } : { name, ok: true };
  } catch (error) {
    return { name, ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}

export { Counter, Gauge, Registry as MetricsRegistry } from 'prom-client';
