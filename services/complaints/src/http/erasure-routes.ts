import { identifier, safeText } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import { type Clock, type HttpApp, executeHttpCommand, notFound } from '@ledger/platform';
import type { PersonalDataVault } from '@ledger/privacy';
import type { ReadStore } from '@ledger/readstore';
import { z } from 'zod';
import { erasedAnswer } from './complaint-routes/answers.ts';
import { erasureDecider } from '../domain/index.ts';
import { type ComplaintDocument, complaintsCollection } from '../projections/complaint-list.ts';
import { complaintStream } from '../streams.ts';

/**
 * DELETE /v1/complainants/{ref}/personal-data: destroys the complainant's key, then records a personal-data-free
 * event. The key goes first: if the process dies in between, a retry finds nothing left to destroy and records
 * the event; the data is never readable again either way.
 */
export function erasureRoutes(app: HttpApp, deps: { store: EventStore; readStore: ReadStore; vault: PersonalDataVault; clock: Clock }): void {
  app.delete(
    '/v1/complainants/:ref/personal-data',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'eraseComplainantData',
        response: { 200: erasedAnswer },
        summary: "Erase a complainant's personal data on a lawful request (the events stay; the data becomes unreadable)",
        params: z.object({ ref: identifier }),
        body: z.object({ legalBasis: safeText().trim().min(1).max(2_000) }).strict(),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const { ref } = request.params;
      const [complaint] = await deps.readStore.collection<ComplaintDocument>(complaintsCollection).find({ complainantRef: ref }, { limit: 1 });
      if (!complaint) throw notFound('complainant', ref);
      await deps.vault.erase(ref);
      const result = await executeHttpCommand(request, deps.store, complaintStream(complaint.id), erasureDecider, {
        type: 'EraseComplainantData',
        complainantRef: ref,
        legalBasis: request.body.legalBasis,
        now: deps.clock.now().toISOString(),
      });
      return { complainantRef: ref, erased: result.state?.complainantErased === true };
    },
  );
}
