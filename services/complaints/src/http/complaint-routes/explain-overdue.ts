import { isoInstant } from '@ledger/events';
import { type HttpApp, answer, ensureOwnDepartment } from '@ledger/platform';
import { isoInstant as instant } from '@ledger/events';
import { z } from 'zod';
import { type ComplaintRouteDeps, currentComplaint, decideOnComplaint, idParams, requestInstant, text } from './support.ts';

/**
 * POST /v1/complaints/{id}/explanation (SPEC 3.7): an overdue complaint is explained to the complainant with
 * a new completion commitment; the tracking view shows both, and a missed commitment is overdue again.
 * 409 unless overdue. The intake clerk, or the liaison of the complaint's department (SPEC 1: their own only).
 */
export function explainOverdueRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/explanation',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'explainOverdueComplaint',
        response: {
          200: answer(z.object({ explanation: z.string(), commitmentAt: instant }), 'The explanation and the new commitment, as the tracking view shows them', {
            explanation: '材料在档案室调取中',
            commitmentAt: '2026-04-10T00:00:00+08:00',
          }),
        },
        summary: 'Explain an overdue complaint to the complainant, with a new completion commitment',
        params: idParams,
        body: z.object({ explanation: text(2_000), commitmentAt: isoInstant, at: isoInstant.optional() }).strict(),
      },
      config: { access: ['intake-clerk', 'department-liaison'] },
      // Before the body is read: a liaison of another department is refused whatever they send.
      preValidation: async (request) => {
        if (request.principal?.role !== 'department-liaison') return;
        const complaint = await currentComplaint(deps, String((request.params as { id?: unknown }).id));
        ensureOwnDepartment(request.principal, complaint.departmentId);
      },
    },
    async (request) => {
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, {
        type: 'ExplainOverdue',
        now,
        explanation: request.body.explanation,
        commitmentAt: request.body.commitmentAt,
        at: request.body.at ?? now,
      });
      const state = result.state!;
      return { explanation: request.body.explanation, commitmentAt: state.commitmentAt! };
    },
  );
}
