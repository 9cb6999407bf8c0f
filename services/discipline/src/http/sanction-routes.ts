import { identifier, imposedMeasure, sanctionStatuses } from '@ledger/events';
import { type HttpApp, executeHttpCommand, notFound } from '@ledger/platform';
import { z } from 'zod';
import { carryOutSanctionDecider } from '../domain/index.ts';
import { type SanctionDocument, sanctionView, sanctionsCollection } from '../projections/sanction-list.ts';
import { personLadderStream } from '../streams.ts';
import { carryOutBody, recordId } from './carry-out-body.ts';
import type { DisciplineRouteDeps } from './deps.ts';
import { pageOf, pagingQuery } from './paging.ts';
import { sanctionCarriedOutAnswer, sanctionListAnswer } from './answers.ts';

/** API.md's sanction carry-out: the common fields, and step 4's measure (SPEC 4.6). */
const sanctionCarryOutBody = carryOutBody
  .extend({
    imposed: imposedMeasure.optional().describe("Step 4's heavier sanction, chosen now: required at step 4, refused at other steps"),
    imposedNote: z.string().max(2_000).optional().describe('The measure in words; required when imposed is "other"'),
  })
  .strict();

/** SPEC 4.2: sanctions are pending until a disciplinary official records them carried out. */
export function sanctionRoutes(app: HttpApp, deps: DisciplineRouteDeps): void {
  app.get(
    '/v1/sanctions',
    {
      schema: {
        tags: ['discipline'],
        operationId: 'listSanctions',
        response: { 200: sanctionListAnswer },
        summary: 'Sanctions by status and person, ordered by id',
        querystring: z.object({ status: z.enum(sanctionStatuses).optional(), personId: identifier.optional(), ...pagingQuery }).strict(),
      },
      config: { access: ['disciplinary-official', 'auditor'] },
    },
    async (request) => {
      const { status, personId, limit, after } = request.query;
      const found = await deps.readStore
        .collection<SanctionDocument>(sanctionsCollection)
        .find({ ...(status ? { status } : {}), ...(personId ? { personId } : {}) }, { limit: limit + 1, ...(after ? { afterId: after } : {}) });
      return pageOf(found, limit, sanctionView);
    },
  );

  app.post(
    '/v1/sanctions/:sanctionId/carry-out',
    {
      schema: {
        tags: ['discipline'],
        operationId: 'carryOutSanction',
        response: { 200: sanctionCarriedOutAnswer },
        summary: "Record that a pending sanction was carried out; at step 4 with the heavier measure chosen (SPEC 4.6: `imposed` required there, 422 without it)",
        params: z.object({ sanctionId: recordId }),
        body: sanctionCarryOutBody,
      },
      config: { access: ['disciplinary-official'] },
    },
    async (request) => {
      const { sanctionId } = request.params;
      // Sanction ids are not parsed: the read model says whose ladder holds it.
      const known = await deps.readStore.collection<SanctionDocument>(sanctionsCollection).get(sanctionId);
      if (!known) throw notFound('sanction', sanctionId);
      const now = deps.clock.now().toISOString();
      const { by, note, at, imposed, imposedNote } = request.body;
      const result = await executeHttpCommand(request, deps.store, personLadderStream(known.personId), carryOutSanctionDecider, {
        sanctionId,
        by,
        ...(note === undefined ? {} : { note }),
        ...(imposed === undefined ? {} : { imposed }),
        ...(imposedNote === undefined ? {} : { imposedNote }),
        at: at ?? now,
        now,
      });
      const sanction = result.state.sanctions.find((candidate) => candidate.sanctionId === sanctionId)!;
      return {
        sanctionId,
        personId: sanction.personId,
        step: sanction.step,
        status: sanction.status,
        carriedOut: sanction.carriedOut,
        ...(sanction.imposed === undefined ? {} : { imposed: sanction.imposed }),
        ...(sanction.imposedNote === undefined ? {} : { imposedNote: sanction.imposedNote }),
      };
    },
  );
}
