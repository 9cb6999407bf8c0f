import { isoInstant } from '@ledger/events';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { dueAnswer } from './answers.ts';
import { dueInForce } from '../../domain/index.ts';
import { type ComplaintRouteDeps, decideOnComplaint, idParams, requestInstant } from './support.ts';

/**
 * POST /v1/complaints/{id}/accept: the deadline was set at filing (SPEC 3.2), so the body takes no
 * `handlingDays` (strict: a request that sends it is a 400 naming the field).
 */
export function acceptComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/accept',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'acceptComplaint',
        response: { 200: dueAnswer('accepted', 'Accepted: the deadline set at filing runs from when it was received') },
        summary: 'Accept a complaint: the deadline set at filing, from when it was received, stays as it is',
        params: idParams,
        body: z.object({ at: isoInstant.optional() }).strict().default({}),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, { type: 'AcceptComplaint', now, at: request.body.at ?? now });
      // Every complaint accepted has a deadline: set at its filing (v2), or by this acceptance for a v1 filing.
      return { status: 'accepted' as const, dueAt: dueInForce(result.state!)! };
    },
  );
}
