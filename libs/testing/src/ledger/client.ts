import type { ServiceName } from '@ledger/events';
import type { HttpApp, Role } from '@ledger/platform';
import { as } from './api-keys.ts';

/**
 * The process that serves a route in distributed mode (the embedded host serves them all): a service's own, or
 * the relay's for the audit routes. The ledger's settings have no process.
 */
export type LedgerProcessName = Exclude<ServiceName, 'audit' | 'settings'> | 'relay';

export interface ScenarioRequest {
  service: LedgerProcessName;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  role: Role;
  body?: unknown;
  idempotencyKey?: string;
  /** Further request headers (e.g. a W3C `traceparent`). */
  headers?: Record<string, string>;
}

/** One way to reach the ledger over HTTP: `inject` on the embedded host, `fetch` to each process in distributed mode. */
export type LedgerClient = (request: ScenarioRequest) => Promise<{ status: number; body: unknown }>;

/** The embedded host serves every route on one app: requests are injected, with the test API keys. */
export function embeddedClient(app: HttpApp): LedgerClient {
  return async (request) => {
    const response = await app.inject({
      method: request.method,
      url: request.path,
      headers: as(request.role, { ...request.headers, ...(request.idempotencyKey ? { 'idempotency-key': request.idempotencyKey } : {}) }),
      ...(request.body === undefined ? {} : { payload: request.body as object }),
    });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
}
