import { isoInstant } from '@ledger/events';
import { type HttpApp, statusAnswer } from '@ledger/platform';
import { z } from 'zod';
import { type ComplaintRouteDeps, decideOnComplaint, idParams, requestInstant } from './support.ts';

/** POST /v1/complaints/{id}/close: `satisfaction` is a rating taken by call-back. */
export function closeComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/close',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'closeComplaint',
        response: { 200: statusAnswer('closed', 'Closed') },
        summary: "Close a complaint, with the complainant's satisfaction (1-5) when given",
        params: idParams,
        body: z.object({ satisfaction: z.int().min(1).max(5).optional(), at: isoInstant.optional() }).strict().default({}),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const { satisfaction, at } = request.body;
      const now = requestInstant(deps);
      await decideOnComplaint(request, deps, request.params.id, { type: 'CloseComplaint', now, ...(satisfaction ? { satisfaction } : {}), at: at ?? now });
      return { status: 'closed' as const };
    },
  );
}
