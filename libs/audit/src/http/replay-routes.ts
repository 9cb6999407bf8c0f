import { isoInstant, safeText } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import { type HttpApp, ProblemError } from '@ledger/platform';
import type { Document, Projection, ReadStore } from '@ledger/readstore';
import { z } from 'zod';
import { documentsOf } from '../replay/documents.ts';
import { type LivePositions, ReplayRequestError, replayReadModels } from '../replay/replay-read-models.ts';
import type { ReplayTarget } from '../replay/replay-target.ts';
import { replayAnswer } from './answers.ts';

export interface ReplayRouteDeps {
  store: EventStore;
  readStore: ReadStore;
  projections: readonly Projection[];
  positions: LivePositions;
  replayTarget: () => Promise<ReplayTarget>;
}

const replayBody = z
  .object({
    compare: z.boolean().default(false).describe('compare the rebuilt read models with the live ones and list every difference'),
    asOf: isoInstant.optional().describe('rebuild the ledger as it stood at this instant (events recorded up to it)'),
    documents: z.boolean().default(false).describe('include every rebuilt document in the answer, by collection'),
    ignoreFields: z.array(safeText().min(1).max(200)).max(50).default([]).describe('fields the comparison leaves out'),
  })
  .strict();

/**
 * SPEC 7 "Replay" on a running ledger (the embedded database admits one process, so the CLI cannot
 * open it while the ledger runs). Synchronous: the answer is the report, after the whole replay.
 */
export function replayRoutes(app: HttpApp, deps: ReplayRouteDeps): void {
  app.post(
    '/v1/ledger/replays',
    {
      schema: {
        tags: ['ledger'],
        operationId: 'replayReadModels',
        response: { 200: replayAnswer },
        summary: 'Rebuild every read model from the first event into a fresh store; optionally compare it with the live models',
        description:
          'Answers with the replay report: events read, events per second, documents per read model, dead letters, and with ' +
          '`compare` every document that differs (`only-live`, `only-replayed`, `changed` with the differing fields). ' +
          'Each model is rebuilt up to where its live consumer stands. `asOf` cannot be combined with `compare`.',
        body: replayBody,
      },
      config: { access: ['auditor'] },
    },
    async (request) => {
      const { compare, asOf, documents, ignoreFields } = request.body;
      const target = await deps.replayTarget();
      try {
        const report = await replayReadModels({
          store: deps.store,
          projections: deps.projections,
          target: target.store,
          ...(asOf ? { asOf } : {}),
          ...(compare ? { compareWith: { readStore: deps.readStore, positions: deps.positions } } : {}),
          ignoreFields,
        });
        if (!documents) return report;
        const rebuilt: Record<string, Document[]> = {};
        for (const model of report.readModels) {
          for (const collection of Object.keys(model.documents)) {
            const all: Document[] = (rebuilt[collection] = []);
            for await (const document of documentsOf(target.store, collection)) all.push(document);
          }
        }
        return { ...report, documents: rebuilt };
      } catch (error) {
        if (!(error instanceof ReplayRequestError)) throw error;
        throw new ProblemError({
          slug: 'invalid-replay-request',
          title: 'Invalid request',
          status: 400,
          detail: error.message,
          errors: [{ path: `body.${error.field}`, message: error.message }],
        });
      } finally {
        await target.dispose();
      }
    },
  );
}
