import { identifier, safeText } from '@ledger/events';
import { type HttpApp, listDepartment } from '@ledger/platform';
import { z } from 'zod';
import { type ComplaintDocument, complaintsCollection } from '../../projections/complaint-list.ts';
import { complaintListAnswer } from './answers.ts';
import { complaintSummary } from './complaint-view.ts';
import { type ComplaintRouteDeps, readers } from './support.ts';

const listQuery = z
  .object({
    departmentId: identifier.optional(),
    personId: identifier.optional(),
    status: z.enum(['filed', 'accepted', 'rejected', 'found', 'appealed', 'closed']).optional(),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    after: safeText().max(200).optional(),
  })
  .strict();

/** GET /v1/complaints: the list read model, filtered and paged; a liaison's list is their own department's. */
export function listComplaintsRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.get(
    '/v1/complaints',
    {
      schema: { tags: ['complaints'], operationId: 'listComplaints', response: { 200: complaintListAnswer }, summary: "Complaints by department, person, status; overdue=true for late ones (a department liaison: their own department's only, 403 for another)", querystring: listQuery },
      config: { access: readers },
    },
    async (request) => {
      const { personId, status, overdue, limit, after } = request.query;
      const departmentId = listDepartment(request.principal, request.query.departmentId);
      const instant = deps.clock.now();
      const filter: Record<string, unknown> = {
        ...(departmentId ? { departmentId } : {}),
        ...(personId ? { personId } : {}),
        ...(status ? { status } : {}),
      };
      if (overdue === 'true') {
        // Due at the first instant after the last day: at or past it is late (SPEC 3.7, accepted or not).
        filter.dueAt = { $lte: instant.toISOString() };
        if (!status) filter.status = { $in: ['filed', 'accepted', 'found', 'appealed'] };
      }
      const page = await deps.readStore
        .collection<ComplaintDocument>(complaintsCollection)
        .find(filter as never, { limit: limit + 1, ...(after ? { afterId: after } : {}) });
      let items = page.slice(0, limit);
      // `overdue` also excludes appeals filed after closing: the domain's rule decides, the filter narrows.
      if (overdue) items = items.filter((doc) => (complaintSummary(doc.state, instant).overdue === true) === (overdue === 'true'));
      return {
        items: items.map((doc) => complaintSummary(doc.state, instant)),
        ...(page.length > limit ? { next: page[limit - 1]!.id } : {}),
      };
    },
  );
}
