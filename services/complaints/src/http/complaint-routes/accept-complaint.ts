import { isoInstant } from '@ledger/events';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { dueAnswer } from './answers.ts';
import { handlingDaysFor } from '../../domain/index.ts';
import { type ComplaintRouteDeps, currentComplaint, decideOnComplaint, idParams, requestInstant } from './support.ts';

/** POST /v1/complaints/{id}/accept: the handling days are the channel's unless given. */
export function acceptComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/accept',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'acceptComplaint',
        response: { 200: dueAnswer('accepted', 'Accepted: the deadline runs from when it was received') },
        summary: 'Accept a complaint: the deadline runs from when it was received',
        params: idParams,
        body: z.object({ handlingDays: z.int().positive().max(365).optional(), at: isoInstant.optional() }).strict().default({}),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const current = await currentComplaint(deps, request.params.id);
      const handlingDays = request.body.handlingDays ?? handlingDaysFor(deps.handlingDays, current.channel);
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, { type: 'AcceptComplaint', now, handlingDays, at: request.body.at ?? now });
      return { status: 'accepted' as const, dueAt: result.state!.dueAt! };
    },
  );
}
