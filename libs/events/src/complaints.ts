import { z } from 'zod';
import { sha256Hex } from './sha256.ts';
import { defineEvent, safeText, identifier, isoInstant, type EventOf } from './define.ts';

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

/** What a person states for a step (a rejection's or appeal's reason, an erasure's legal basis): at most 2,000 characters. */
const statement = safeText().min(1).max(2_000);

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
  summary: safeText().min(1).max(10_000),
  occurredAt: isoInstant.optional(),
  receivedAt: isoInstant,
  complainant: sealedPersonalData.optional(),
};

/**
 * A tracking code as events carry it (SPEC 8: the code is a credential, never in clear text on the feed or Kafka):
 * `hmac-sha256:<hex>` under the vault's tracking-code key, or `sha256:<hex>` for codes recorded in clear by v1 and v2.
 */
export const trackingCodeDigest = z.string().regex(/^(hmac-sha256|sha256):[0-9a-f]{64}$/);

/** The unkeyed digest a v1/v2 filing's clear code is upcast to; lookups try it beside the keyed one. */
export function legacyTrackingCodeDigest(trackingCode: string): string {
  return `sha256:${sha256Hex(trackingCode.trim().toUpperCase())}`;
}

/** The deadline set at filing (from v2). */
const filingDeadlineFields = {
  handlingDays: z.int().positive().optional(),
  dueAt: isoInstant.optional(),
};

/** v1: the tracking code in clear text, and no deadline (the acceptance, ComplaintAccepted v1, set it). */
export const ComplaintFiledV1 = defineEvent({
  type: 'ComplaintFiled',
  version: 1,
  service: 'complaints',
  description: 'A complaint arrived on a channel and a tracking code was issued (v1: the code in clear text, no deadline).',
  schema: z.object({ ...complaintFiledFields, trackingCode: safeText().min(8) }),
  // A v1 filing set no deadline: it stays without one (its acceptance, if any, set it).
  upcast: (data) => data,
});

/** v2: the deadline set at filing; the tracking code still in clear text. */
export const ComplaintFiledV2 = defineEvent({
  type: 'ComplaintFiled',
  version: 2,
  service: 'complaints',
  description:
    'A complaint arrived on a channel and a tracking code was issued (v2: the code in clear text). The handling deadline is set here (SPEC 3.2).',
  schema: z.object({ ...complaintFiledFields, trackingCode: safeText().min(8), ...filingDeadlineFields }),
  upcast: ({ trackingCode, ...rest }) => ({ ...rest, trackingCodeDigest: legacyTrackingCodeDigest(trackingCode) }),
});

export const ComplaintFiled = defineEvent({
  type: 'ComplaintFiled',
  version: 3,
  service: 'complaints',
  description:
    'A complaint arrived on a channel and a tracking code was issued; the event carries only a keyed digest of the code (SPEC 8). The handling deadline is set here (SPEC 3.2): `handlingDays` calendar days of the channel, counted from receipt in the ledger\'s local calendar, the start day not counted; `dueAt` is the first instant after the last day. Absent only on filings upcast from v1, whose deadline came with their acceptance.',
  schema: z.object({ ...complaintFiledFields, trackingCodeDigest, ...filingDeadlineFields }),
});

/** v1: the acceptance set the handling deadline (counted from receipt). */
export const ComplaintAcceptedV1 = defineEvent({
  type: 'ComplaintAccepted',
  version: 1,
  service: 'complaints',
  description: 'The complaint was accepted; the handling deadline runs from when it was received.',
  schema: z.object({ complaintId: identifier, handlingDays: z.int().positive(), dueAt: isoInstant, at: isoInstant }),
  upcast: ({ complaintId, handlingDays, dueAt, at }) => ({ complaintId, deadline: { handlingDays, dueAt }, at }),
});

export const ComplaintAccepted = defineEvent({
  type: 'ComplaintAccepted',
  version: 2,
  service: 'complaints',
  description:
    'The complaint was accepted [受理]. The deadline was set at filing (SPEC 3.2); only an acceptance recorded as v1 carries `deadline`, the one it set then.',
  schema: z.object({
    complaintId: identifier,
    deadline: z.object({ handlingDays: z.int().positive(), dueAt: isoInstant }).optional(),
    at: isoInstant,
  }),
});

export const ComplaintRejected = defineEvent({
  type: 'ComplaintRejected',
  version: 1,
  service: 'complaints',
  description: 'The complaint was not accepted (out of scope, duplicate, no actionable content).',
  schema: z.object({ complaintId: identifier, reason: statement, at: isoInstant }),
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
    note: safeText().max(10_000).optional(),
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
    reason: statement,
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
  schema: z.object({ complaintId: identifier, reason: statement, at: isoInstant }),
});

export const AppealDecided = defineEvent({
  type: 'AppealDecided',
  version: 1,
  service: 'complaints',
  description:
    'The appeal was decided, with its stated reason. `upheld` changes nothing; `overturned` replaces the finding in force with `finding` (which may name another responsible person), and everything derived from the old one is recomputed (SPEC 3.6, 4.4).',
  schema: z.object({
    ...complaintFacts,
    decision: z.enum(['upheld', 'overturned']),
    finding: z.object(findingFields),
    previousFinding: z.object(findingFields),
    /** The decision's stated reason (SPEC 3.6); absent only in decisions recorded before reasons were required. */
    reason: z.string().trim().min(1).max(2_000).optional(),
    at: isoInstant,
  }),
});

export const ComplaintOverdueV1 = defineEvent({
  type: 'ComplaintOverdue',
  version: 1,
  service: 'complaints',
  description: 'Recorded by the deadline watcher: an accepted complaint was not closed by its deadline.',
  schema: z.object({ complaintId: identifier, dueAt: isoInstant, at: isoInstant }),
  // Before v2 only deadlines were watched.
  upcast: ({ complaintId, dueAt, at }) => ({ complaintId, dueAt, missed: 'deadline', at }),
});

export const ComplaintOverdue = defineEvent({
  type: 'ComplaintOverdue',
  version: 2,
  service: 'complaints',
  description:
    'Recorded by the deadline watcher (SPEC 3.7): a complaint neither rejected nor closed, accepted or not, passed `dueAt`, which is its deadline (as extended) or, once an overdue complaint was explained, the commitment made then (`missed`).',
  schema: z.object({ complaintId: identifier, dueAt: isoInstant, missed: z.enum(['deadline', 'commitment']), at: isoInstant }),
});

export const ComplaintDeadlineExtended = defineEvent({
  type: 'ComplaintDeadlineExtended',
  version: 1,
  service: 'complaints',
  description:
    'The handling deadline was extended [延期] once, with its reason, by `days` calendar days (at most the channel\'s own number, SPEC 3.2): `dueAt` is the end of the `days`-th local day after the last day of `previousDueAt`.',
  schema: z.object({
    complaintId: identifier,
    days: z.int().positive(),
    reason: z.string().min(1).max(2_000),
    previousDueAt: isoInstant,
    dueAt: isoInstant,
    at: isoInstant,
  }),
});

export const ComplaintOverdueExplained = defineEvent({
  type: 'ComplaintOverdueExplained',
  version: 1,
  service: 'complaints',
  description:
    'An overdue complaint was explained to the complainant with a new completion commitment [说明情况并作出办结承诺] (SPEC 3.7), by the department\'s liaison or the intake clerk; a missed `commitmentAt` makes it overdue again.',
  schema: z.object({ complaintId: identifier, explanation: z.string().min(1).max(2_000), commitmentAt: isoInstant, at: isoInstant }),
});

export const ComplainantDataErased = defineEvent({
  type: 'ComplainantDataErased',
  version: 1,
  service: 'complaints',
  description:
    "A complainant's personal data was erased on a lawful request: the key was destroyed; the ciphertext in earlier events is now unreadable. Carries no personal data.",
  schema: z.object({ complainantRef: identifier, legalBasis: statement, at: isoInstant }),
});

/** The latest version of every complaint event: what deciders emit and consumers receive (after upcasting). */
export const complaintEvents = [
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
  ComplaintDeadlineExtended,
  ComplaintOverdueExplained,
  ComplainantDataErased,
] as const;

/** Earlier versions, kept so that stored events are read and upcast, never rewritten. */
export const complaintEventsEarlierVersions = [ComplaintFiledV1, ComplaintFiledV2, ComplaintAcceptedV1, ComplaintOverdueV1] as const;

/** One `{ type, data }` member per complaint event, for the complaint decider and its projections. */
export type ComplaintEvent = EventOf<(typeof complaintEvents)[number]>;
