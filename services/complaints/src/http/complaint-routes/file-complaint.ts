import { randomBytes, randomUUID } from 'node:crypto';
import { complaintCategory, complaintChannel, identifier, isoInstant } from '@ledger/events';
import { deterministicId } from '@ledger/eventstore';
import { type HttpApp, executeHttpCommand, idempotencyKeyOf } from '@ledger/platform';
import { z } from 'zod';
import { complaintDecider, handlingDaysFor } from '../../domain/index.ts';
import { complaintStream } from '../../streams.ts';
import { type ComplaintRouteDeps, requestInstant, requireRegistered, text } from './support.ts';

const fileBody = z
  .object({
    channel: complaintChannel,
    departmentId: identifier,
    personId: identifier.optional(),
    category: complaintCategory,
    summary: text(10_000),
    occurredAt: isoInstant.optional(),
    receivedAt: isoInstant.optional(),
    complainant: z
      .object({ name: text(300).optional(), phone: text(50).optional(), email: z.email().max(300).optional() })
      .strict()
      .optional(),
  })
  .strict();

/** Tracking codes are the complainant's only key to their complaint: unguessable, and easy to read out on a phone. */
function newTrackingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(12);
  let code = '';
  for (const byte of bytes) code += alphabet[byte % alphabet.length];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** POST /v1/complaints: files a complaint against registered departments and people; the identity is sealed in the vault. */
export function fileComplaintRoute(app: HttpApp, deps: ComplaintRouteDeps): void {
  app.post(
    '/v1/complaints',
    {
      schema: { tags: ['complaints'], summary: 'File a complaint; a tracking code is issued', body: fileBody },
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
      const hasIdentity = body.complainant && Object.values(body.complainant).some((value) => value !== undefined);
      const complainant = hasIdentity ? await deps.vault.seal(deterministicId('complainant', complaintId), body.complainant!) : undefined;
      const now = requestInstant(deps);
      const result = await executeHttpCommand(request, deps.store, complaintStream(complaintId), complaintDecider, {
        type: 'FileComplaint',
        now,
        complaintId,
        trackingCode: newTrackingCode(),
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
      return reply.code(201).send({ complaintId: state.complaintId, trackingCode: state.trackingCode, status: state.status });
    },
  );
}
