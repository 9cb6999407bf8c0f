/**
 * A proof or root was asked for with arguments that name no proof: an index outside the tree, a
 * size larger than the log, `from > to`. Names the offending field so that the HTTP layer can
 * answer with a problem detail pointing at it.
 */
export class ProofRequestError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ProofRequestError';
    this.field = field;
  }
}

export function requireTreeSize(field: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new ProofRequestError(field, `must be a non-negative integer, got ${String(value)}`);
  }
}
