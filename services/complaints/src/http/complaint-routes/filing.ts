import { complaintCategory, identifier, isoInstant } from '@ledger/events';
import { deterministicId } from '@ledger/eventstore';
import { z } from 'zod';
import { type FileComplaint, handlingDaysFor } from '../../domain/index.ts';
import { complaintStream } from '../../streams.ts';
import { type ComplaintRouteDeps, requestInstant, requireRegistered, text } from './support.ts';

/** Filing a complaint, as the staff desk and the public desk both do it: one body shape, one command. */

export const complainantBody = z
  .object({ name: text(300).optional(), phone: text(50).optional(), email: z.email().max(300).optional() })
  .strict();

/** The fields of a filing on either desk, but the channel (each desk takes its own channels). */
export const filingFields = {
  departmentId: identifier,
  personId: identifier.optional(),
  category: complaintCategory,
  summary: text(10_000),
  occurredAt: isoInstant.optional(),
  complainant: complainantBody.optional(),
};

export interface Filing {
  complaintId: string;
  /** Issued to the filer and never recorded: the command carries its digest. */
  trackingCode: string;
  /** The key the filing came with: a retry of a filing already recorded seals nothing new. */
  idempotencyKey: string | undefined;
  fields: z.infer<z.ZodObject<typeof filingFields>> & { channel: FileComplaint['channel']; receivedAt?: string };
}

/**
 * The FileComplaint command of a filing: the department and person checked against the registry (422 naming the
 * field), the complainant sealed in the vault, the tracking code as its digest, received now unless staff say when.
 */
export async function fileComplaintCommand(deps: ComplaintRouteDeps, filing: Filing): Promise<FileComplaint> {
  const { fields } = filing;
  await requireRegistered(deps, 'departmentId', 'department', fields.departmentId);
  if (fields.personId) await requireRegistered(deps, 'personId', 'person', fields.personId);
  const complainant = await sealComplainant(deps, filing.complaintId, fields.complainant, filing.idempotencyKey);
  const now = requestInstant(deps);
  return {
    type: 'FileComplaint',
    now,
    complaintId: filing.complaintId,
    trackingCodeDigest: deps.vault.trackingCodes.digest(filing.trackingCode),
    channel: fields.channel,
    departmentId: fields.departmentId,
    ...(fields.personId ? { personId: fields.personId } : {}),
    category: fields.category,
    summary: fields.summary,
    ...(fields.occurredAt ? { occurredAt: fields.occurredAt } : {}),
    receivedAt: fields.receivedAt ?? now,
    ...(complainant ? { complainant } : {}),
    // SPEC 3.2: the deadline is set here, in the channel's days on the ledger's local calendar.
    handlingDays: handlingDaysFor(deps.handlingDays, fields.channel),
    calendar: deps.calendar,
  };
}

/**
 * The complainant's identity sealed in the vault under a reference of the complaint's own, when one was given.
 * A keyed retry of a filing already recorded is answered from the stored events (or refused as a reused key):
 * nothing new is sealed, so a retry after the complainant's erasure answers as the first time did (SPEC 8).
 */
async function sealComplainant(deps: ComplaintRouteDeps, complaintId: string, given: z.infer<typeof complainantBody> | undefined, idempotencyKey: string | undefined) {
  const hasIdentity = given && Object.values(given).some((value) => value !== undefined);
  if (!hasIdentity) return undefined;
  const filedBefore = idempotencyKey !== undefined && (await deps.store.readStream(complaintStream(complaintId))).length > 0;
  return filedBefore ? undefined : deps.vault.seal(deterministicId('complainant', complaintId), given);
}
