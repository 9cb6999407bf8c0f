import { identifier, isoInstant } from '@ledger/events';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { assignedAnswer } from './answers.ts';
import { type ComplaintRouteDeps, decideOnComplaint, idParams, requestInstant } from './support.ts';

/** POST /v1/complaints/{id}/assign: repeatable while a finding is awaited. */
export function assignInvestigatorRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/assign',
    {
      schema: { tags: ['complaints'], operationId: 'assignInvestigator', response: { 200: assignedAnswer }, summary: 'Assign an investigator (repeatable)', params: idParams, body: z.object({ investigatorId: identifier, at: isoInstant.optional() }).strict() },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, {
        type: 'AssignInvestigator',
        now,
        investigatorId: request.body.investigatorId,
        at: request.body.at ?? now,
      });
      return { status: result.state!.status, investigators: result.state!.investigators };
    },
  );
}
