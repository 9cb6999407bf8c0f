import { z } from 'zod';
import { fromBase64Strict, toBase64 } from '../encoding/base64.ts';
import { type Hash, hashSize } from './hash.ts';

/**
 * Proofs as the HTTP routes serve them (docs/verification.md):
 * `{ index, size, hashes: [base64...] }` and `{ from, to, hashes: [base64...] }`.
 */
export interface InclusionProof {
  index: number;
  size: number;
  hashes: Hash[];
}

export interface ConsistencyProof {
  from: number;
  to: number;
  hashes: Hash[];
}

const treeSize = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const base64Hash = z
  .string()
  .refine((text) => fromBase64Strict(text)?.length === hashSize, `must be the standard base64 of ${hashSize} bytes`);

export const inclusionProofJsonSchema = z.strictObject({ index: treeSize, size: treeSize, hashes: z.array(base64Hash) });
export const consistencyProofJsonSchema = z.strictObject({ from: treeSize, to: treeSize, hashes: z.array(base64Hash) });

export type InclusionProofJson = z.infer<typeof inclusionProofJsonSchema>;
export type ConsistencyProofJson = z.infer<typeof consistencyProofJsonSchema>;

/** A proof document that is not in the published format; names the first offending field. */
export class ProofFormatError extends Error {
  readonly path: string;
  constructor(path: string, message: string) {
    super(`${path || 'proof'}: ${message}`);
    this.name = 'ProofFormatError';
    this.path = path;
  }
}

function parseWith<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ProofFormatError(issue.path.join('.'), issue.message);
}

const decodeHashes = (hashes: readonly string[]): Hash[] => hashes.map((text) => fromBase64Strict(text)!);

export function inclusionProofToJson(proof: InclusionProof): InclusionProofJson {
  return { index: proof.index, size: proof.size, hashes: proof.hashes.map(toBase64) };
}

export function inclusionProofFromJson(input: unknown): InclusionProof {
  const json = parseWith(inclusionProofJsonSchema, input);
  return { index: json.index, size: json.size, hashes: decodeHashes(json.hashes) };
}

export function consistencyProofToJson(proof: ConsistencyProof): ConsistencyProofJson {
  return { from: proof.from, to: proof.to, hashes: proof.hashes.map(toBase64) };
}

export function consistencyProofFromJson(input: unknown): ConsistencyProof {
  const json = parseWith(consistencyProofJsonSchema, input);
  return { from: json.from, to: json.to, hashes: decodeHashes(json.hashes) };
}
