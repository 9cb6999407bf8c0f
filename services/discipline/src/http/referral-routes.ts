import { identifier, isoInstant, referralOutcome } from '@ledger/events';
import { type HttpApp, answer, executeHttpCommand, notFound } from '@ledger/platform';
import { z } from 'zod';
import { decideReferralDecider } from '../domain/index.ts';
import { type ReferralDocument, referralView, referralsCollection } from '../projections/referral-list.ts';
import { personLadderStream } from '../streams.ts';
import { recordId } from './carry-out-body.ts';
import { referral as referralAnswer } from './answers.ts';
import type { DisciplineRouteDeps } from './deps.ts';
import { pageOf, pagingQuery } from './paging.ts';

const referralStatus = z.enum(['open', 'decided']);

const exampleReferral = {
  referralId: 'referral:p-wang:c-17',
  personId: 'p-wang',
  complaintId: 'c-17',
  status: 'open' as const,
  receivedAt: '2026-03-12T10:00:00+08:00',
  openedAt: '2026-03-12T10:00:00+08:00',
};
const referralPage = answer(z.object({ items: z.array(referralAnswer), next: z.string().optional() }), 'One page of referrals; pass `next` as `after` for the next', { items: [exampleReferral] });
const decidedReferral = answer(referralAnswer, 'The referral with its outcome', { ...exampleReferral, status: 'decided' });

const outcomeBody = z
  .object({
    outcome: referralOutcome.describe('The disciplinary inspection process imposed a sanction, or none'),
    sanction: z.string().trim().min(1).max(2_000).optional().describe('The sanction imposed, in words; required when sanctioned'),
    reference: z.string().trim().min(1).max(500).describe("The disciplinary decision's reference"),
    at: isoInstant.optional().describe('When it was decided; defaults to now; never in the future nor before the referral'),
  })
  .strict();

/** SPEC 4.7: a valid-violation finding opens a referral; a disciplinary official records its outcome. */
export function referralRoutes(app: HttpApp, deps: DisciplineRouteDeps): void {
  app.get(
    '/v1/referrals',
    {
      schema: {
        operationId: 'listReferrals',
        tags: ['discipline'],
        summary: 'Referrals to the disciplinary inspection process, by status and person, ordered by id',
        querystring: z.object({ status: referralStatus.optional(), personId: identifier.optional(), ...pagingQuery }).strict(),
        response: { 200: referralPage },
      },
      config: { access: ['disciplinary-official', 'auditor'] },
    },
    async (request) => {
      const { status, personId, limit, after } = request.query;
      const found = await deps.readStore
        .collection<ReferralDocument>(referralsCollection)
        .find({ ...(status ? { status } : {}), ...(personId ? { personId } : {}) }, { limit: limit + 1, ...(after ? { afterId: after } : {}) });
      return pageOf(found, limit, referralView);
    },
  );

  app.post(
    '/v1/referrals/:referralId/outcome',
    {
      schema: {
        operationId: 'recordReferralOutcome',
        tags: ['discipline'],
        summary: "Record a referral's outcome: the sanction imposed or none, with the decision's reference; 409 when already decided",
        params: z.object({ referralId: recordId }),
        body: outcomeBody,
        response: { 200: decidedReferral },
      },
      config: { access: ['disciplinary-official'] },
    },
    async (request) => {
      const { referralId } = request.params;
      const known = await deps.readStore.collection<ReferralDocument>(referralsCollection).get(referralId);
      if (!known) throw notFound('referral', referralId);
      const now = deps.clock.now().toISOString();
      const { outcome, sanction, reference, at } = request.body;
      const result = await executeHttpCommand(request, deps.store, personLadderStream(known.personId), decideReferralDecider, {
        referralId,
        outcome,
        ...(sanction === undefined ? {} : { sanction }),
        reference,
        by: request.principal!.id,
        at: at ?? now,
        now,
      });
      return result.state.referrals.find((referral) => referral.referralId === referralId)!;
    },
  );
}
