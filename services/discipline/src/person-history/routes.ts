import { randomUUID } from 'node:crypto';
import { type NewEvent, identifier, isoInstant, latestVersionOf, validateEvent, safeText } from '@ledger/events';
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
          'parameter; state one: a read without it is recorded as unexplained) that auditors list at GET /v1/audit/history-reads; ' +
          'so is a read of a person the ledger does not know (answered 404), and no answer goes out before its record is committed. `last24Months` and `currentStep` are ' +
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
      const record = recordedRead(request, { personId, ...(reason === undefined ? {} : { reason }), ...(asOf === undefined ? {} : { asOf }), now });
      // The read and its record go out together: a request waits for the slower of the two, not for one after the
      // other (issue 9). Nothing is answered before the record is committed, whatever the read found: a read of a
      // person the ledger does not know is recorded too (who looked for whom), and a failed record fails the request.
      const [read, recorded] = await Promise.allSettled([
        asOf === undefined ? currentPersonHistory(deps.readStore, personId, now, deps.calendar) : personHistoryAsOf(deps.readStore, personId, asOf, deps.calendar),
        deps.store.append(historyReadsStream(personId), record, 'any'),
      ]);
      if (recorded.status === 'rejected') throw recorded.reason;
      if (read.status === 'rejected') throw read.reason;
      if (!read.value) throw notFound(asOf === undefined ? 'history of person' : `as of ${asOf}, history of person`, personId);
      return read.value;
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
 * The read as the events that record it (who, when, why), refused before anything is read when the stated reason is
 * not one. A read depends on no earlier state: it is appended at any version, without loading the stream.
 */
function recordedRead(request: FastifyRequest, read: { personId: string; reason?: string; asOf?: string; now: string }): NewEvent[] {
  const principal = request.principal!;
  const reader = `${principal.role}:${principal.id}`;
  const decision = decideRecordHistoryRead({ ...read, reader, at: read.now });
  if (!decision.ok) throw problemFromDomainError(decision.error, 'querystring');
  return decision.events.map((event) => {
    const schemaVersion = latestVersionOf(event.type);
    return { eventId: randomUUID(), type: event.type, schemaVersion, data: validateEvent(event.type, schemaVersion, event.data), metadata: { actor: reader, correlationId: request.id } };
  });
}
