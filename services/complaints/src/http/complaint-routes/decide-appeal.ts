import { findingOutcome, identifier, isoInstant } from '@ledger/events';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { appealDecidedAnswer } from './answers.ts';
import { type ComplaintRouteDeps, decideOnComplaint, idParams, requestInstant, requireRegistered, text } from './support.ts';

const appealDecisionBody = z
  .object({
    decision: z.enum(['upheld', 'overturned']),
    outcome: findingOutcome.optional().describe('The new outcome when overturned; the one in force if only the person changes'),
    personId: identifier.optional().describe('When overturned: another responsible person the new finding names (SPEC 3.6)'),
    reason: text(2_000).describe("The decision's stated reason (SPEC 3.6)"),
    at: isoInstant.optional(),
  })
  .strict();

/** POST /v1/complaints/{id}/appeal-decision: decided by the disciplinary official, with its reason (SPEC 3.6). */
export function decideAppealRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/appeal-decision',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'decideAppeal',
        response: { 200: appealDecidedAnswer },
        summary: 'Decide an appeal with its reason: upheld changes nothing; overturned replaces the finding, and may name another responsible person',
        params: idParams,
        body: appealDecisionBody,
      },
      config: { access: ['disciplinary-official'] },
    },
    async (request) => {
      const { decision, outcome, personId, reason, at } = request.body;
      if (personId) await requireRegistered(deps, 'personId', 'person', personId);
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, {
        type: 'DecideAppeal',
        now,
        decision,
        ...(outcome ? { outcome } : {}),
        ...(personId ? { personId } : {}),
        reason,
        at: at ?? now,
      });
      const finding = result.state!.finding!;
      return { status: result.state!.status, decision, outcome: finding.outcome, ...(finding.personId === undefined ? {} : { personId: finding.personId }), reason };
    },
  );
}
