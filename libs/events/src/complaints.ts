import { z } from 'zod';
import { sha256Hex } from './sha256.ts';
import { defineEvent, identifier, isoInstant, type EventOf } from './define.ts';

/** SPEC's six complaint platforms: channels a complaint arrives on, and places a service transaction is rated on. */
export const complaintPlatforms = ['hotline-12345', 'livelihood-hotline', 'petition-office', 'complaint-center', 'service-center', 'media'] as const;

export const complaintChannels = [
  ...complaintPlatforms,
  'mailbox',
  'phone',
  'email',
  'web',
  'qr-code',
] as const;
export const complaintChannel = z.enum(complaintChannels);
export type ComplaintChannel = z.infer<typeof complaintChannel>;

export const complaintCategories = [
  'inaction',
  'delay',
  'buck-passing',
  'attitude',
  'arbitrary-charges',
  'misconduct',
  'other',
] as const;
export const complaintCategory = z.enum(complaintCategories);
export type ComplaintCategory = z.infer<typeof complaintCategory>;

export const rejectionReasons = ['out-of-scope', 'duplicate', 'no-actionable-content'] as const;
export const findingOutcomes = ['valid', 'valid-violation', 'invalid'] as const;
export const findingOutcome = z.enum(findingOutcomes);
export type FindingOutcome = z.infer<typeof findingOutcome>;

/**
 * Complainant personal data as it is stored: AES-256-GCM ciphertext under a key that lives only in
 * the key vault, outside the event log. Destroying the key erases the data; the event is untouched.
 */
export const sealedPersonalData = z.object({
  complainantRef: identifier,
  alg: z.literal('A256GCM'),
  iv: z.base64(),
  ciphertext: z.base64(),
  tag: z.base64(),
});
export type SealedPersonalData = z.infer<typeof sealedPersonalData>;

/** The finding in force for a complaint: what the discipline and rankings consumers count. */
export const findingFields = {
  outcome: findingOutcome,
  /** The responsible person; a `valid` finding against a person counts on their sanction ladder. */
  personId: identifier.optional(),
  /** Departments at fault (several = joint fault); each counts toward its leader's apologies. */
  departmentsAtFault: z.array(identifier),
};

/** Carried on every finding-bearing event so that consumers need no other state to count it. */
const complaintFacts = {
  complaintId: identifier,
  receivedAt: isoInstant,
  respondentDepartmentId: identifier,
};

const complaintFiledFields = {
  complaintId: identifier,
  channel: complaintChannel,
  departmentId: identifier,
  personId: identifier.optional(),
  category: complaintCategory,
  summary: z.string().min(1).max(10_000),
  occurredAt: isoInstant.optional(),
  receivedAt: isoInstant,
  complainant: sealedPersonalData.optional(),
};

/**
 * A tracking code as events carry it (SPEC 8: the code is a credential, never in clear text on the feed or Kafka):
 * `hmac-sha256:<hex>` under the vault's tracking-code key, or `sha256:<hex>` for codes recorded in clear by v1.
 */
export const trackingCodeDigest = z.string().regex(/^(hmac-sha256|sha256):[0-9a-f]{64}$/);

/** The unkeyed digest a v1 filing's clear code is upcast to; lookups try it beside the keyed one. */
export function legacyTrackingCodeDigest(trackingCode: string): string {
  return `sha256:${sha256Hex(trackingCode.trim().toUpperCase())}`;
}

/** v1 carried the tracking code in clear text; stored v1 events stay as they are and are read as v2. */
export const ComplaintFiledV1 = defineEvent({
  type: 'ComplaintFiled',
  version: 1,
  service: 'complaints',
  description: 'A complaint arrived on a channel and a tracking code was issued (v1: the code in clear text).',
  schema: z.object({ ...complaintFiledFields, trackingCode: z.string().min(8) }),
  upcast: ({ trackingCode, ...rest }) => ({ ...rest, trackingCodeDigest: legacyTrackingCodeDigest(trackingCode) }),
});

export const ComplaintFiled = defineEvent({
  type: 'ComplaintFiled',
  version: 2,
  service: 'complaints',
  description:
    'A complaint arrived on a channel and a tracking code was issued; the event carries only a keyed digest of the code (SPEC 8).',
  schema: z.object({ ...complaintFiledFields, trackingCodeDigest }),
});

export const ComplaintAccepted = defineEvent({
  type: 'ComplaintAccepted',
  version: 1,
  service: 'complaints',
  description: 'The complaint was accepted; the handling deadline runs from when it was received.',
  schema: z.object({ complaintId: identifier, handlingDays: z.int().positive(), dueAt: isoInstant, at: isoInstant }),
});

export const ComplaintRejected = defineEvent({
  type: 'ComplaintRejected',
  version: 1,
  service: 'complaints',
  description: 'The complaint was not accepted (out of scope, duplicate, no actionable content).',
  schema: z.object({ complaintId: identifier, reason: z.string().min(1).max(2_000), at: isoInstant }),
});

export const ComplaintAssigned = defineEvent({
  type: 'ComplaintAssigned',
  version: 1,
  service: 'complaints',
  description: 'An investigator was assigned (optional, repeatable).',
  schema: z.object({ complaintId: identifier, investigatorId: identifier, at: isoInstant }),
});

export const FindingRecorded = defineEvent({
  type: 'FindingRecorded',
  version: 1,
  service: 'complaints',
  description:
    "An investigator's finding. It replaces any earlier finding of the complaint (after a reopen), which `replacesFinding` then says.",
  schema: z.object({
    ...complaintFacts,
    ...findingFields,
    note: z.string().max(10_000).optional(),
    replacesFinding: z.object(findingFields).optional(),
    at: isoInstant,
  }),
});

export const ComplaintClosed = defineEvent({
  type: 'ComplaintClosed',
  version: 1,
  service: 'complaints',
  description: "The complaint was closed, with the complainant's satisfaction with the handling when given.",
  schema: z.object({ complaintId: identifier, satisfaction: z.int().min(1).max(5).optional(), at: isoInstant }),
});

export const ComplaintRatedByComplainant = defineEvent({
  type: 'ComplaintRatedByComplainant',
  version: 1,
  service: 'complaints',
  description:
    "The complainant rated the handling (1-5) through the tracking code, once, after the close (SPEC 3.5); a 1 or 2 allows the one reopen. A comment is sealed like the complainant's identity.",
  schema: z.object({
    complaintId: identifier,
    respondentDepartmentId: identifier,
    channel: complaintChannel,
    satisfaction: z.int().min(1).max(5),
    comment: sealedPersonalData.optional(),
    at: isoInstant,
  }),
});

export const ComplaintReopened = defineEvent({
  type: 'ComplaintReopened',
  version: 1,
  service: 'complaints',
  description:
    'Reopened once for redo after a 1-2 satisfaction rating; it needs a new finding, and has a new deadline counted from the reopening.',
  schema: z.object({
    complaintId: identifier,
    reason: z.string().min(1).max(2_000),
    /** Days allowed for the redo; `dueAt` is `at` plus these calendar days. */
    handlingDays: z.int().positive(),
    dueAt: isoInstant,
    at: isoInstant,
  }),
});

export const AppealFiled = defineEvent({
  type: 'AppealFiled',
  version: 1,
  service: 'complaints',
  description: 'The finding in force was appealed.',
  schema: z.object({ complaintId: identifier, reason: z.string().min(1).max(2_000), at: isoInstant }),
});

export const AppealDecided = defineEvent({
  type: 'AppealDecided',
  version: 1,
  service: 'complaints',
  description:
    'The appeal was decided. `upheld` changes nothing; `overturned` replaces the finding in force with `finding`, and everything derived from the old one is recomputed.',
  schema: z.object({
    ...complaintFacts,
    decision: z.enum(['upheld', 'overturned']),
    finding: z.object(findingFields),
    previousFinding: z.object(findingFields),
    at: isoInstant,
  }),
});

export const ComplaintOverdue = defineEvent({
  type: 'ComplaintOverdue',
  version: 1,
  service: 'complaints',
  description: 'Recorded by the deadline watcher: an accepted complaint was not closed by its deadline.',
  schema: z.object({ complaintId: identifier, dueAt: isoInstant, at: isoInstant }),
});

export const ComplainantDataErased = defineEvent({
  type: 'ComplainantDataErased',
  version: 1,
  service: 'complaints',
  description:
    "A complainant's personal data was erased on a lawful request: the key was destroyed; the ciphertext in earlier events is now unreadable. Carries no personal data.",
  schema: z.object({ complainantRef: identifier, legalBasis: z.string().min(1).max(2_000), at: isoInstant }),
});

export const complaintEvents = [
  ComplaintFiledV1,
  ComplaintFiled,
  ComplaintAccepted,
  ComplaintRejected,
  ComplaintAssigned,
  FindingRecorded,
  ComplaintClosed,
  ComplaintReopened,
  ComplaintRatedByComplainant,
  AppealFiled,
  AppealDecided,
  ComplaintOverdue,
  ComplainantDataErased,
] as const;

/** One `{ type, data }` member per complaint event, for the complaint decider and its projections. */
export type ComplaintEvent = EventOf<Exclude<(typeof complaintEvents)[number], typeof ComplaintFiledV1>>;
