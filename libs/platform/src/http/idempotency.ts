import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FastifyRequest } from 'fastify';
import { ProblemError } from './problem.ts';

const keyPattern = /^[\x21-\x7e]{1,200}$/;

/**
 * The request's `Idempotency-Key`, when it sent one. Keys are opaque to the ledger: 1-200 visible ASCII
 * characters; anything else is a 400 rather than a silently ignored header.
 */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || !keyPattern.test(header)) {
    throw new ProblemError({
      slug: 'validation',
      title: 'Invalid request',
      status: 400,
      detail: 'Idempotency-Key must be 1-200 visible ASCII characters',
      errors: [{ path: 'headers.idempotency-key', message: 'must be 1-200 visible ASCII characters' }],
    });
  }
  return header;
}

/**
 * A digest of what a command asked for (route, path parameters, body), so that a key reused for a different
 * request is refused instead of answered with another request's result.
 */
export function requestFingerprint(request: FastifyRequest): string {
  const material = canonicalize({ route: request.routeOptions.url, method: request.method, params: request.params, body: request.body ?? null });
  return createHash('sha256').update(material ?? '').digest('base64url');
}
