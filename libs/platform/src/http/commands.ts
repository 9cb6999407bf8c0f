import type { Decider, DomainEvent } from '@ledger/decider';
import { type CommandResult, ConcurrencyConflictError, type EventStore, IdempotencyKeyReusedError, executeCommand } from '@ledger/eventstore';
import type { FastifyRequest } from 'fastify';
import { idempotencyKeyOf, requestFingerprint } from './idempotency.ts';
import { noteAppended } from './own-writes.ts';
import { type DomainErrorLike, ProblemError, problemFromDomainError } from './problem.ts';

export type Accepted<State> = Extract<CommandResult<State, never>, { ok: true }>;

/**
 * Runs a command for an HTTP request: the caller's idempotency key and identity go with it, and every way
 * it can fail becomes a problem (the decider's refusal, a reused key, a stream that kept changing).
 */
export async function executeHttpCommand<Command, State, Event extends DomainEvent, Error extends DomainErrorLike>(
  request: FastifyRequest,
  store: EventStore,
  streamId: string,
  decider: Decider<Command, State, Event, Error>,
  command: Command,
  options: { idempotencyKey?: string; /** See CommandContext.likelyNewStream. */ likelyNewStream?: boolean } = {},
): Promise<Accepted<State>> {
  const idempotencyKey = options.idempotencyKey ?? idempotencyKeyOf(request);
  try {
    const result = await executeCommand(store, streamId, decider, command, {
      ...(idempotencyKey ? { idempotencyKey, requestFingerprint: requestFingerprint(request) } : {}),
      ...(request.principal ? { actor: `${request.principal.role}:${request.principal.id}` } : {}),
      correlationId: request.id,
      ...(options.likelyNewStream ? { likelyNewStream: true } : {}),
    });
    if (!result.ok) throw problemFromDomainError(result.error);
    noteAppended(request, result.events);
    return result;
  } catch (error) {
    if (error instanceof IdempotencyKeyReusedError) {
      throw new ProblemError({
        slug: 'idempotency-key-reused',
        title: 'Idempotency key reused',
        status: 422,
        detail: `${error.message}; use a new key for a new request`,
        errors: [{ path: 'headers.idempotency-key', message: 'already used for a different request' }],
      });
    }
    if (error instanceof ConcurrencyConflictError) {
      throw new ProblemError({ slug: 'concurrency-conflict', title: 'Conflict', status: 409, detail: `${error.message}; retry the request` });
    }
    throw error;
  }
}
