import type { Role } from '@ledger/platform';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';

/** HTTP helpers shared by the discipline end-to-end tests: every step goes through the routes, as a client would. */

export interface Reply {
  status: number;
  // The tests read answers field by field; the routes' own schemas are what they check against.
  // oxlint-disable-next-line typescript/no-explicit-any
  body: any;
}

export type Call = (method: 'GET' | 'POST' | 'PUT', url: string, role: Role, payload?: unknown, headers?: Record<string, string>) => Promise<Reply>;

export function callerOf(ledger: () => LedgerHost): Call {
  return async (method, url, role, payload, headers = {}) => {
    const response = await ledger().app.inject({ method, url, headers: as(role, headers), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
}

/** Business times are in past years, so that every command may carry them (none may be in the future). */
export const day = (date: string, hour = 9): string => new Date(`${date}T${String(hour).padStart(2, '0')}:00:00.000Z`).toISOString();
export const plusDays = (iso: string, days: number): string => new Date(Date.parse(iso) + days * 86_400_000).toISOString();

export interface ComplaintPlan {
  departmentId: string;
  personId?: string;
  receivedAt: string;
  /** When the finding is recorded; default ten days after receipt. */
  foundAt?: string;
  outcome?: 'valid' | 'valid-violation' | 'invalid';
  departmentsAtFault?: string[];
}

/** Files, accepts and finds one complaint; answers its id. Every step must succeed. */
export async function foundComplaint(call: Call, plan: ComplaintPlan): Promise<string> {
  const filed = await call('POST', '/v1/complaints', 'intake-clerk', {
    channel: 'hotline-12345',
    departmentId: plan.departmentId,
    ...(plan.personId ? { personId: plan.personId } : {}),
    category: 'delay',
    summary: 'Permit pending for months',
    receivedAt: plan.receivedAt,
  });
  expect201(filed, 'file');
  const complaintId = filed.body.complaintId as string;
  expectOk(await call('POST', `/v1/complaints/${complaintId}/accept`, 'intake-clerk', { at: plusDays(plan.receivedAt, 1) }), 'accept');
  const finding = await call('POST', `/v1/complaints/${complaintId}/finding`, 'investigator', {
    outcome: plan.outcome ?? 'valid',
    ...(plan.departmentsAtFault ? { departmentsAtFault: plan.departmentsAtFault } : {}),
    at: plan.foundAt ?? plusDays(plan.receivedAt, 10),
  });
  expectOk(finding, 'finding');
  return complaintId;
}

function expect201(reply: Reply, what: string): void {
  if (reply.status !== 201) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
}

export function expectOk(reply: Reply, what: string): Reply {
  if (reply.status !== 200 && reply.status !== 201) throw new Error(`${what}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply;
}

export interface SanctionItem {
  sanctionId: string;
  personId: string;
  step: number;
  year?: number;
  consequences: string[];
  complaintIds: string[];
  policyVersion: number;
  status: 'pending' | 'carried-out' | 'rescinded';
  decidedAt: string;
  carriedOut?: { by: string; at: string; note?: string };
  rescindedReason?: string;
}

/** Every sanction of a person (or of everyone), following `next` through all pages. */
export async function sanctionsOf(call: Call, query = ''): Promise<SanctionItem[]> {
  const items: SanctionItem[] = [];
  for (let after: string | undefined; ; ) {
    const page = expectOk(await call('GET', `/v1/sanctions?limit=500${query}${after ? `&after=${encodeURIComponent(after)}` : ''}`, 'auditor'), 'sanctions');
    items.push(...page.body.items);
    if (!page.body.next) return items;
    after = page.body.next;
  }
}

/** The person history as the route answers it (the read is recorded with the given reason). */
export async function historyOf(call: Call, personId: string, asOf?: string): Promise<Reply> {
  return call('GET', `/v1/people/${personId}/history?reason=${encodeURIComponent('disciplinary review')}${asOf ? `&asOf=${encodeURIComponent(asOf)}` : ''}`, 'disciplinary-official');
}

/** Every event of the ledger's feed, in order. */
export async function feedOf(call: Call): Promise<Array<{ id: string; type: string; subject: string; data: Record<string, unknown> }>> {
  const events = [];
  for (let after = 0; ; ) {
    const page = expectOk(await call('GET', `/v1/ledger/events?after=${after}&limit=1000`, 'auditor'), 'feed');
    events.push(...page.body.events);
    if (page.body.events.length < 1000) return events;
    after = page.body.next;
  }
}

/** The event type without its CloudEvents prefix and version suffix. */
export const eventName = (type: string): string => type.split('.').at(-2) ?? type;

/** SPEC 4's default table, as API.md names the consequences. */
export const defaultConsequences: Record<number, string[]> = {
  1: ['admonition-talk', 'no-excellent-rating'],
  2: ['incompetent-rating', 'mandatory-training'],
  3: ['incompetent-rating', 'removal-from-post', 'administrative-warning', 'mandatory-training'],
  4: ['incompetent-rating', 'heavier-sanction'],
  5: ['dismissal'],
};
