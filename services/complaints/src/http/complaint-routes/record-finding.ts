import { findingOutcome, identifier, isoInstant, safeText } from '@ledger/events';
import type { HttpApp } from '@ledger/platform';
import { z } from 'zod';
import { foundAnswer } from './answers.ts';
import { type ComplaintRouteDeps, decideOnComplaint, idParams, requestInstant, requireRegistered } from './support.ts';

const findingBody = z
  .object({
    outcome: findingOutcome,
    personId: identifier.optional(),
    departmentsAtFault: z.array(identifier).max(50).optional(),
    note: safeText().max(10_000).optional(),
    at: isoInstant.optional(),
  })
  .strict();

/** POST /v1/complaints/{id}/finding: the person and the departments at fault must be in the registry. */
export function recordFindingRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints/:id/finding',
    {
      schema: { tags: ['complaints'], operationId: 'recordFinding', response: { 200: foundAnswer }, summary: "Record the investigator's finding", params: idParams, body: findingBody },
      config: { access: ['investigator'] },
    },
    async (request) => {
      const body = request.body;
      if (body.personId) await requireRegistered(deps, 'personId', 'person', body.personId);
      for (const [index, departmentId] of (body.departmentsAtFault ?? []).entries()) {
        await requireRegistered(deps, `departmentsAtFault.${index}`, 'department', departmentId);
      }
      const now = requestInstant(deps);
      const result = await decideOnComplaint(request, deps, request.params.id, {
        type: 'RecordFinding',
        now,
        outcome: body.outcome,
        ...(body.personId ? { personId: body.personId } : {}),
        ...(body.departmentsAtFault ? { departmentsAtFault: body.departmentsAtFault } : {}),
        ...(body.note ? { note: body.note } : {}),
        at: body.at ?? now,
      });
      return { status: 'found' as const, outcome: result.state!.finding!.outcome };
    },
  );
}
