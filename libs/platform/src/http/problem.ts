import type { DomainError } from '@ledger/decider';
import { z } from 'zod';

/** One field-level complaint about a request: `path` names the field (`body.channel`, `query.limit`). */
export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details, as every error of the API is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** Problem types are relative URI references, documented in the OpenAPI description. */
export const problemType = (slug: string): string => `/problems/${slug}`;

/** Thrown by route handlers (or anything they call) to answer with a problem. */
export class ProblemError extends Error {
  readonly problem: ProblemDetails;
  constructor(problem: { slug?: string; type?: string; title: string; status: number; detail: string; errors?: FieldError[]; [extension: string]: unknown }) {
    super(problem.detail);
    this.name = 'ProblemError';
    const { slug, type, ...rest } = problem;
    this.problem = { ...rest, type: type ?? problemType(slug ?? 'about-blank') };
  }
}

/**
 * The shape deciders across the services refuse commands with (`@ledger/decider`); services whose
 * domains name their own error type still match it structurally.
 */
export type DomainErrorLike = DomainError;

const statusOfKind: Record<DomainErrorLike['kind'], { status: number; title: string }> = {
  'not-found': { status: 404, title: 'Not found' },
  'already-exists': { status: 409, title: 'Already exists' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  rule: { status: 422, title: 'Refused by the rules' },
};

export function problemFromDomainError(error: DomainErrorLike, fieldPrefix = 'body'): ProblemError {
  const { status, title } = statusOfKind[error.kind];
  return new ProblemError({
    slug: error.code,
    title,
    status,
    detail: error.message,
    code: error.code,
    ...(error.field ? { errors: [{ path: `${fieldPrefix}.${error.field}`, message: error.message }] } : {}),
  });
}

export const notFound = (what: string, id: string): ProblemError =>
  new ProblemError({ slug: 'not-found', title: 'Not found', status: 404, detail: `${what} ${id} does not exist` });

/** The zod schema of a problem, for the OpenAPI description of error responses. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .loose()
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });
