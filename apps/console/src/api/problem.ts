/** RFC 9457 problem details as the ledger sends them (API.md "Conventions"). */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
}

/** A refused or failed call: the problem the ledger answered, or one made up for a network failure. */
export class ApiError extends Error {
  readonly problem: ProblemDetails;
  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get status(): number {
    return this.problem.status;
  }
}

const isProblem = (body: unknown): body is ProblemDetails =>
  typeof body === 'object' && body !== null && typeof (body as ProblemDetails).status === 'number' && typeof (body as ProblemDetails).title === 'string';

/** The problem of a failed answer; a body that is not problem details still gives its status. */
export function problemOf(response: Response, body: unknown): ProblemDetails {
  if (isProblem(body)) return body;
  return { type: 'about:blank', title: response.statusText || 'Error', status: response.status, detail: typeof body === 'string' ? body : undefined };
}

