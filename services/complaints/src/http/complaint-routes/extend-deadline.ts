import { isoInstant } from '@ledger/events';
import { type HttpApp, answer } from '@ledger/platform';
import { isoInstant as instant } from '@ledger/events';
import { z } from 'zod';
import { handlingDaysFor } from '../../domain/index.ts';
import { type ComplaintRouteDeps, currentComplaint, decideOnComplaint, idParams, requestInstant, text } from './support.ts';

/**
 * POST /v1/complaints/{id}/extend (SPEC 3.2): once, with a reason, by at most the channel's own number of
 * days, counted in local days after the deadline's last day. 422 for a second extension or too many days.
 */
export function extendDeadlineRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/extend',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'extendDeadline',
        response: { 200: answer(z.object({ dueAt: instant }), 'The extended deadline', { dueAt: '2026-04-03T00:00:00+08:00' }) },
        summary: "Extend the handling deadline once, with a reason, by at most the channel's days",
        params: idParams,
        body: z.object({ days: z.int().positive().max(365), reason: text(2_000), at: isoInstant.optional() }).strict(),
      },
      config: { access: ['intake-clerk'] },
    },
    async (request) => {
      const current = await currentComplaint(deps, request.params.id);
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, {
        type: 'ExtendDeadline',
        now,
        days: request.body.days,
        reason: request.body.reason,
        maxDays: handlingDaysFor(deps.handlingDays, current.channel),
        calendar: deps.calendar,
        at: request.body.at ?? now,
      });
      return { dueAt: result.state!.extendedDueAt! };
    },
  );
}
