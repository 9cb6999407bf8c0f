import { isoInstant } from '@ledger/events';
import { type HttpApp, statusAnswer } from '@ledger/platform';
import { z } from 'zod';
import { type ComplaintRouteDeps, decideOnComplaint, idParams, requestInstant, text } from './support.ts';

/** POST /v1/complaints/{id}/appeal: against the finding in force. */
export function fileAppealRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/appeal',
    {
      schema: { tags: ['complaints'], operationId: 'fileAppeal', response: { 200: statusAnswer('appealed', 'Appealed: the finding awaits a decision') }, summary: 'Appeal the finding in force', params: idParams, body: z.object({ reason: text(2_000), at: isoInstant.optional() }).strict() },
      config: { access: ['intake-clerk', 'disciplinary-official'] },
    },
    async (request) => {
      const now = requestInstant(deps);
      await decideOnComplaint(request, deps, request.params.id, { type: 'FileAppeal', now, reason: request.body.reason, at: request.body.at ?? now });
      return { status: 'appealed' as const };
    },
  );
}
