import { type HttpApp, notFound } from '@ledger/platform';
import { z } from 'zod';
import { type ComplaintDocument, complaintsCollection } from '../../projections/complaint-list.ts';
import type { ComplaintRouteDeps } from './support.ts';

/** GET /v1/track/{trackingCode}: the complainant's view, without a key. */
export function trackComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.get(
    '/v1/track/:trackingCode',
    {
      schema: { tags: ['complaints'], summary: "The complainant's view: status, deadline, extension, explanation and commitment only", params: z.object({ trackingCode: z.string().min(1).max(40) }) },
      config: { access: 'public' },
    },
    async (request) => {
      const [doc] = await deps.readStore
        .collection<ComplaintDocument>(complaintsCollection)
        .find({ trackingCode: request.params.trackingCode.toUpperCase() }, { limit: 1 });
      if (!doc) throw notFound('tracking code', request.params.trackingCode);
      const { status, receivedAt, dueAt, extendedDueAt, explanations, commitmentAt, closedAt } = doc.state;
      const explanation = explanations?.at(-1)?.explanation;
      // SPEC 3.2, 3.7: the deadline, its extension, and the explanation with its commitment; nothing internal.
      return {
        status,
        receivedAt,
        ...(dueAt ? { dueAt } : {}),
        ...(extendedDueAt ? { extendedDueAt } : {}),
        ...(explanation ? { explanation } : {}),
        ...(commitmentAt ? { commitmentAt } : {}),
        ...(closedAt ? { closedAt } : {}),
      };
    },
  );
}
