import { randomUUID } from 'node:crypto';
import { complaintCategory, complaintChannel, identifier, isoInstant } from '@ledger/events';
import { deterministicId } from '@ledger/eventstore';
import { type HttpApp, executeHttpCommand, idempotencyKeyOf } from '@ledger/platform';
import { z } from 'zod';
import { complaintDecider, handlingDaysFor } from '../../domain/index.ts';
import { filedAnswer } from './answers.ts';
import { complaintStream } from '../../streams.ts';
import { type ComplaintRouteDeps, requestInstant, requireRegistered, text } from './support.ts';

export const complainantBody = z
  .object({ name: text(300).optional(), phone: text(50).optional(), email: z.email().max(300).optional() })
  .strict();

const fileBody = z
  .object({
    channel: complaintChannel,
    departmentId: identifier,
    personId: identifier.optional(),
    category: complaintCategory,
    summary: text(10_000),
    occurredAt: isoInstant.optional(),
    receivedAt: isoInstant.optional(),
    complainant: complainantBody.optional(),
  })
  .strict();

/** POST /v1/complaints: files a complaint against registered departments and people; the identity is sealed in the vault. */
export function fileComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints',
    {
      schema: { tags: ['complaints'], operationId: 'fileComplaint', response: { 201: filedAnswer }, summary: 'File a complaint; a tracking code is issued', body: fileBody },
      config: { access: ['intake-clerk', 'complainant'] },
    },
    async (request, reply) => {
      const body = request.body;
      await requireRegistered(deps, 'departmentId', 'department', body.departmentId);
      if (body.personId) await requireRegistered(deps, 'personId', 'person', body.personId);
      const key = idempotencyKeyOf(request);
      const caller = `${request.principal!.role}:${request.principal!.id}`;
      // With a key, the id follows from it, so a retried filing lands on the same stream and is answered from it.
      const complaintId = key ? deterministicId('complaint', caller, key) : randomUUID();
      const complainant = await sealComplainant(deps, complaintId, body.complainant, key);
      // A retry with the same key gets the same code back: it is derived from the caller's key, never recorded.
      const trackingCode = deps.vault.trackingCodes.issue(key ? `staff:${caller}:${key}` : undefined);
      const now = requestInstant(deps);
      const result = await executeHttpCommand(request, deps.store, complaintStream(complaintId), complaintDecider, {
        type: 'FileComplaint',
        now,
        complaintId,
        trackingCodeDigest: deps.vault.trackingCodes.digest(trackingCode),
        channel: body.channel,
        departmentId: body.departmentId,
        ...(body.personId ? { personId: body.personId } : {}),
        category: body.category,
        summary: body.summary,
        ...(body.occurredAt ? { occurredAt: body.occurredAt } : {}),
        receivedAt: body.receivedAt ?? now,
        ...(complainant ? { complainant } : {}),
        // SPEC 3.2: the deadline is set here, in the channel's days on the ledger's local calendar.
        handlingDays: handlingDaysFor(deps.handlingDays, body.channel),
        calendar: deps.calendar,
      });
      const state = result.state!;
      return reply.code(201).send({ complaintId: state.complaintId, trackingCode, status: state.status });
    },
  );
}

/**
 * The complainant's identity sealed in the vault under a reference of the complaint's own, when one was given.
 * A keyed retry of a filing already recorded is answered from the stored events (or refused as a reused key):
 * nothing new is sealed, so a retry after the complainant's erasure answers as the first time did (SPEC 8).
 */
export async function sealComplainant(
  deps: ComplaintRouteDeps,
  complaintId: string,
  given: z.infer<typeof complainantBody> | undefined,
  idempotencyKey: string | undefined,
) {
  const hasIdentity = given && Object.values(given).some((value) => value !== undefined);
  if (!hasIdentity) return undefined;
  const filedBefore = idempotencyKey !== undefined && (await deps.store.readStream(complaintStream(complaintId))).length > 0;
  return filedBefore ? undefined : deps.vault.seal(deterministicId('complainant', complaintId), given);
}
