import { findingOutcome, isoInstant } from '@ledger/events';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { appealDecidedAnswer } from './answers.ts';
import { type ComplaintRouteDeps, decideOnComplaint, idParams, requestInstant } from './support.ts';

/** POST /v1/complaints/{id}/appeal-decision. */
export function decideAppealRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/appeal-decision',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'decideAppeal',
        response: { 200: appealDecidedAnswer },
        summary: 'Decide an appeal: upheld changes nothing; overturned replaces the finding',
        params: idParams,
        body: z.object({ decision: z.enum(['upheld', 'overturned']), outcome: findingOutcome.optional(), at: isoInstant.optional() }).strict(),
      },
      config: { access: ['disciplinary-official'] },
    },
    async (request) => {
      const { decision, outcome, at } = request.body;
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, { type: 'DecideAppeal', now, decision, ...(outcome ? { outcome } : {}), at: at ?? now });
      return { status: result.state!.status, decision, outcome: result.state!.finding!.outcome };
    },
  );
}
