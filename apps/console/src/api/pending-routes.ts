/**
 * Routes of API.md the ledger does not serve yet (they are being built): the public filing and the complainant's
 * rating. Written here by hand from API.md, the only calls of the console outside the generated client. When a
 * route lands, `npm run openapi -w @ledger/console` brings it into schema.d.ts: move its call onto `api` and
 * delete it here.
 */
import { ApiError, problemOf } from './problem.ts';
import type { ComplaintCategory, PublicChannel } from './vocabulary.ts';

export interface PublicFiling {
  channel: PublicChannel;
  departmentId: string;
  personId?: string;
  category: ComplaintCategory;
  summary: string;
  occurredAt?: string;
  complainant?: { name?: string; phone?: string; email?: string };
}

async function send<T>(path: string, body: unknown, idempotencyKey: string): Promise<T> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: the problem keeps the text
  }
  if (!response.ok) throw new ApiError(problemOf(response, parsed));
  return parsed as T;
}

/** POST /v1/public/complaints: 201 `{ trackingCode, status: "filed" }`; 429 past the rate limit. */
export const filePublicComplaint = (filing: PublicFiling, idempotencyKey: string) =>
  send<{ trackingCode: string; status: 'filed' }>('/v1/public/complaints', filing, idempotencyKey);

/** POST /v1/track/{trackingCode}/rating: 201; 409 before the close or for a second rating. */
export const rateHandling = (trackingCode: string, rating: { satisfaction: number; comment?: string }, idempotencyKey: string) =>
  send<unknown>(`/v1/track/${encodeURIComponent(trackingCode)}/rating`, rating, idempotencyKey);
