import { isoInstant } from '@ledger/events';
import { type HttpApp, statusAnswer } from '@ledger/platform';
import { z } from 'zod';
import { type ComplaintRouteDeps, decideOnComplaint, idParams, requestInstant, text } from './support.ts';

/** POST /v1/complaints/{id}/reject. */
export function rejectComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/reject',
    {
      schema: { tags: ['complaints'], operationId: 'rejectComplaint', response: { 200: statusAnswer('rejected', 'Rejected') }, summary: 'Reject a complaint', params: idParams, body: z.object({ reason: text(2_000), at: isoInstant.optional() }).strict() },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const now = requestInstant(deps);
      await decideOnComplaint(request, deps, request.params.id, { type: 'RejectComplaint', now, reason: request.body.reason, at: request.body.at ?? now });
      return { status: 'rejected' as const };
    },
  );
}
