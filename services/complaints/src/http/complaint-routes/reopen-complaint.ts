import { isoInstant } from '@ledger/events';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { dueAnswer } from './answers.ts';
import { handlingDaysFor } from '../../domain/index.ts';
import { type ComplaintRouteDeps, currentComplaint, decideOnComplaint, idParams, requestInstant, text } from './support.ts';

/** POST /v1/complaints/{id}/reopen: the redo gets the channel's handling days again. */
export function reopenComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/reopen',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'reopenComplaint',
        response: { 200: dueAnswer('accepted', 'Reopened for redo, with a new deadline') },
        summary: 'Reopen once for redo after a satisfaction of 1 or 2',
        params: idParams,
        body: z.object({ reason: text(2_000), at: isoInstant.optional() }).strict(),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const current = await currentComplaint(deps, request.params.id);
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, {
        type: 'ReopenComplaint',
        now,
        reason: request.body.reason,
        handlingDays: handlingDaysFor(deps.handlingDays, current.channel),
        calendar: deps.calendar,
        at: request.body.at ?? now,
      });
      return { status: 'accepted' as const, dueAt: result.state!.dueAt! };
    },
  );
}
