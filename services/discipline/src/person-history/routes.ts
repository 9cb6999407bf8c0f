import { randomUUID } from 'node:crypto';
import { identifier, isoInstant, latestVersionOf, validateEvent, safeText } from '@ledger/events';
import { type HttpApp, ProblemError, notFound, problemFromDomainError } from '@ledger/platform';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { instantMs } from '@ledger/rules-kit';
import type { DisciplineRouteDeps } from '../http/deps.ts';
import { pageOf, pagingQuery } from '../http/paging.ts';
import { historyReadsStream } from '../streams.ts';
import { decideRecordHistoryRead } from './domain/record-read.ts';
import { currentPersonHistory, personHistoryAsOf } from './query.ts';
import { type HistoryReadDocument, historyReadsCollection } from './reads-projection.ts';
import { historyReadsAnswer, personHistoryAnswer } from '../http/answers.ts';

const historyQuery = z
  .object({
    reason: safeText().trim().min(1).max(2_000).optional().describe('Why the history is read (SPEC 8): recorded with the read, listed to auditors'),
    asOf: isoInstant.optional().describe('Answer as the ledger stood at this instant (events recorded up to it)'),
  })
  .strict();

/** SPEC 7 person history and SPEC 8: every read is recorded with who read, when, and the stated reason. */
export function historyRoutes(app: HttpApp, deps: DisciplineRouteDeps): void {
  app.get(
    '/v1/people/:personId/history',
    {
      schema: {
        tags: ['discipline'],
        operationId: 'personHistory',
        response: { 200: personHistoryAnswer },
        summary: "A person's complaints, valid counts, current step, sanctions and rating caps; ?asOf= as the ledger stood then",
        description:
          'Every read is recorded as a `PersonHistoryRead` event (who, when, asOf, and the reason stated in the `reason` query ' +
          'parameter; state one: a read without it is recorded as unexplained) that auditors list at GET /v1/audit/history-reads. `last24Months` and `currentStep` are ' +
          'computed for the read instant (now, or asOf). With `asOf`, every part of the history is the one its source stream had ' +
          'recorded at or before that instant.',
        params: z.object({ personId: identifier }),
        querystring: historyQuery,
      },
      config: { access: ['disciplinary-official', 'auditor'] },
    },
    async (request) => {
      const { personId } = request.params;
      const { reason, asOf } = request.query;
      const now = deps.clock.now().toISOString();
      if (asOf !== undefined && instantMs(asOf) > instantMs(now)) {
        throw new ProblemError({
          slug: 'future-as-of',
          title: 'Refused by the rules',
          status: 422,
          detail: `asOf ${asOf} is in the future: the ledger can only answer as it stood up to now`,
          errors: [{ path: 'querystring.asOf', message: 'may not be in the future' }],
        });
      }
      const history = asOf === undefined ? await currentPersonHistory(deps.readStore, personId, now, deps.calendar) : await personHistoryAsOf(deps.readStore, personId, asOf, deps.calendar);
      if (!history) throw notFound(asOf === undefined ? 'history of person' : `as of ${asOf}, history of person`, personId);
      await recordRead(request, deps, { personId, ...(reason === undefined ? {} : { reason }), ...(asOf === undefined ? {} : { asOf }), now });
      return history;
    },
  );

  app.get(
    '/v1/audit/history-reads',
    {
      schema: {
        tags: ['discipline', 'audit'],
        operationId: 'listHistoryReads',
        response: { 200: historyReadsAnswer },
        summary: 'Recorded reads of person histories (who, when, why), oldest first',
        querystring: z.object({ personId: identifier.optional(), reader: identifier.optional(), ...pagingQuery }).strict(),
      },
      config: { access: ['auditor'] },
    },
    async (request) => {
      const { personId, reader, limit, after } = request.query;
      const found = await deps.readStore
        .collection<HistoryReadDocument>(historyReadsCollection)
        .find({ ...(personId ? { personId } : {}), ...(reader ? { reader } : {}) }, { limit: limit + 1, ...(after ? { afterId: after } : {}) });
      return pageOf(found, limit, ({ id: _id, ...read }) => read);
    },
  );
}

/**
 * Appends the read to the reader's record of that person. A read depends on no earlier state, so it is
 * appended at any version, without loading the stream.
 */
async function recordRead(request: FastifyRequest, deps: DisciplineRouteDeps, read: { personId: string; reason?: string; asOf?: string; now: string }) {
  const principal = request.principal!;
  const reader = `${principal.role}:${principal.id}`;
  const decision = decideRecordHistoryRead({ ...read, reader, at: read.now });
  if (!decision.ok) throw problemFromDomainError(decision.error, 'querystring');
  await deps.store.append(
    historyReadsStream(read.personId),
    decision.events.map((event) => {
      const schemaVersion = latestVersionOf(event.type);
      return { eventId: randomUUID(), type: event.type, schemaVersion, data: validateEvent(event.type, schemaVersion, event.data), metadata: { actor: reader, correlationId: request.id } };
    }),
    'any',
  );
}
