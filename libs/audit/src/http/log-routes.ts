import { type HttpApp, ProblemError } from '@ledger/platform';
import { z } from 'zod';
import { CheckpointChainError, type MerkleLogKeeper } from '../log/keeper.ts';
import type { SqlMerkleLog } from '../log/sql-merkle-log.ts';
import { ProofRequestError } from '../merkle/errors.ts';
import { consistencyProofToJson, inclusionProofToJson } from '../merkle/proof-json.ts';
import { toBase64 } from '../encoding/base64.ts';
import { checkpointAnswer, checkpointsAnswer, consistencyAnswer, inclusionAnswer, verifierKeyAnswer } from './answers.ts';

const treeSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const textPlain = 'text/plain; charset=utf-8';

/** A proof the log cannot give (index beyond the size, size beyond the log, from > to): 400 naming the query field, with the `querystring.` prefix the platform gives validation errors. */
async function answerProof<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof ProofRequestError)) throw error;
    throw new ProblemError({
      slug: 'invalid-proof-request',
      title: 'No such proof',
      status: 400,
      detail: error.message,
      errors: [{ path: `querystring.${error.field}`, message: error.message.slice(error.field.length + 2) }],
    });
  }
}

/**
 * The ledger section of API.md beside the feed: signed checkpoints, the verifier key, inclusion and
 * consistency proofs (formats in docs/verification.md). The checkpoint and the verifier key are
 * public: they reveal a size and a hash, and the more widely a checkpoint is seen, the harder it is
 * to show different auditors different histories. Proofs go to auditors and services, like the feed.
 */
export function logRoutes(app: HttpApp, deps: { log: SqlMerkleLog; keeper: MerkleLogKeeper }): void {
  app.get(
    '/v1/ledger/checkpoint',
    {
      schema: { tags: ['ledger'], operationId: 'latestCheckpoint', response: { 200: checkpointAnswer('The latest signed checkpoint') }, summary: 'The latest signed checkpoint: a C2SP tlog-checkpoint signed note (text/plain)' },
      config: { access: 'public' },
    },
    async (_request, reply) => {
      const latest = await deps.log.latestCheckpoint();
      if (!latest) {
        throw new ProblemError({ slug: 'no-checkpoint', title: 'Not found', status: 404, detail: 'no checkpoint has been signed yet; POST /v1/ledger/checkpoint signs one' });
      }
      return reply.type(textPlain).send(latest.note);
    },
  );

  app.post(
    '/v1/ledger/checkpoint',
    {
      schema: {
        tags: ['ledger'],
        operationId: 'signCheckpoint',
        response: { 201: checkpointAnswer('A new checkpoint'), 200: checkpointAnswer('The latest checkpoint: the log has not grown since') },
        summary: 'Bring the Merkle log level with the ledger and sign a checkpoint now (text/plain)',
        description: '201 with a new checkpoint; 200 with the latest one when the log has not grown since it was signed.',
      },
      config: { access: ['auditor', 'service'] },
    },
    async (_request, reply) => {
      const { checkpoint, issued } = await deps.keeper.checkpoint().catch((error: unknown) => {
        if (!(error instanceof CheckpointChainError)) throw error;
        throw new ProblemError({ slug: 'checkpoint-chain-broken', title: 'Checkpoint refused', status: 409, detail: error.message });
      });
      return reply.code(issued ? 201 : 200).type(textPlain).send(checkpoint.note);
    },
  );

  app.get(
    '/v1/ledger/checkpoints',
    {
      schema: {
        tags: ['ledger'],
        operationId: 'storedCheckpoints',
        response: { 200: checkpointsAnswer },
        summary: 'Every checkpoint the ledger signed, oldest first: the chain an auditor checks (each must extend the ones before)',
        description:
          'The signed notes are what count: an auditor opens each with the pinned verifier key and proves it a prefix of a later one with a consistency proof (`ledger verify --url` does). A checkpoint that contradicts an earlier one shows the history was rewritten after it was signed.',
        querystring: z
          .object({
            after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0).describe('exclusive id; 0 starts at the first checkpoint'),
            limit: z.coerce.number().int().min(1).max(1_000).default(100),
          })
          .strict(),
      },
      config: { access: ['auditor', 'service'] },
    },
    async (request) => {
      const { after, limit } = request.query;
      const page = await deps.log.checkpointsAfter(after, limit);
      return {
        checkpoints: page.map(({ id, size, root, issuedAt, note }) => ({ id, size, root: toBase64(root), issuedAt, note })),
        next: page.at(-1)?.id ?? after,
      };
    },
  );

  app.get(
    '/v1/ledger/verifier-key',
    {
      schema: { tags: ['ledger'], operationId: 'verifierKey', response: { 200: verifierKeyAnswer }, summary: 'The note verifier key that checkpoints are signed with (text/plain); pin it out of band' },
      config: { access: 'public' },
    },
    async (_request, reply) => reply.type(textPlain).send(deps.keeper.verifierKey),
  );

  app.get(
    '/v1/ledger/proofs/inclusion',
    {
      schema: {
        tags: ['ledger'],
        operationId: 'inclusionProof',
        response: { 200: inclusionAnswer },
        summary: 'RFC 9162 inclusion proof of leaf `index` in the tree of the first `size` leaves',
        querystring: z.object({ index: treeSize, size: treeSize }).strict(),
      },
      config: { access: ['auditor', 'service'] },
    },
    async (request) => answerProof(async () => inclusionProofToJson(await deps.log.inclusionProof(request.query.index, request.query.size))),
  );

  app.get(
    '/v1/ledger/proofs/consistency',
    {
      schema: {
        tags: ['ledger'],
        operationId: 'consistencyProof',
        response: { 200: consistencyAnswer },
        summary: 'RFC 9162 consistency proof that the tree of `from` leaves is a prefix of the tree of `to` leaves',
        querystring: z.object({ from: treeSize, to: treeSize }).strict(),
      },
      config: { access: ['auditor', 'service'] },
    },
    async (request) => answerProof(async () => consistencyProofToJson(await deps.log.consistencyProof(request.query.from, request.query.to))),
  );
}
