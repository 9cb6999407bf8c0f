import { z } from 'zod';
import { findingOutcomes } from './complaints.ts';
import { defineEvent, safeText, identifier, isoInstant } from './define.ts';

/** Consequence names exactly as API.md lists them. */
export const sanctionConsequences = [
  'admonition-talk',
  'no-excellent-rating',
  'incompetent-rating',
  'mandatory-training',
  'removal-from-post',
  'administrative-warning',
  'heavier-sanction',
  'dismissal',
] as const;
export const sanctionConsequence = z.enum(sanctionConsequences);
export type SanctionConsequence = z.infer<typeof sanctionConsequence>;

export const sanctionStatuses = ['pending', 'carried-out', 'rescinded'] as const;
export type SanctionStatus = (typeof sanctionStatuses)[number];

export const apologyKinds = ['direct', 'public', 'joint'] as const;
export const apologyKind = z.enum(apologyKinds);
export type ApologyKind = z.infer<typeof apologyKind>;

export const incidentKinds = ['superior-criticism', 'media-exposure', 'e-supervision', 'inspection'] as const;
export const incidentKind = z.enum(incidentKinds);
export type IncidentKind = z.infer<typeof incidentKind>;

/**
 * The outcome of a complaint in force for one person or department: a finding outcome, or `withdrawn`
 * when the finding in force no longer names them (a redo finding or an overturn moved it elsewhere).
 */
export const countedOutcomes = [...findingOutcomes, 'withdrawn'] as const;
export const countedOutcome = z.enum(countedOutcomes);
export type CountedOutcome = z.infer<typeof countedOutcome>;

/** Sanction and apology ids embed a person or department id, so they may be longer than an identifier. */
const recordId = safeText().min(1).max(500);
const calendarYear = z.int().min(1900).max(9999);
const reasonText = safeText().trim().min(1).max(2_000);
const noteText = safeText().max(2_000);
const consequenceList = z
  .array(sanctionConsequence)
  .min(1)
  .refine((list) => new Set(list).size === list.length, { message: 'consequences must not repeat' });

const ladderStep = z.object({
  step: z.int().min(1).max(4),
  /** Valid complaints in one calendar year that reach this step. */
  threshold: z.int().min(1).max(1_000),
  consequences: consequenceList,
});

const dismissalRule = z.object({
  /** Valid complaints within any window of `windowMonths` (by receivedAt) that lead to dismissal. */
  threshold: z.int().min(1).max(1_000),
  windowMonths: z.int().min(1).max(120),
  /**
   * Whether the window includes both of its ends (SPEC 4.8: 1 Feb 2024 and 1 Feb 2026 are within 24 months),
   * by local dates. Absent means `inclusive`, the SPEC's rule.
   */
  windowBounds: z.enum(['inclusive', 'exclusive']).optional(),
  consequences: consequenceList,
});

/** The ladder a sanction policy carries: steps 1-4 per calendar year and the dismissal rule. */
export const sanctionLadderFields = {
  steps: z.array(ladderStep).length(4),
  dismissal: dismissalRule,
};
export type SanctionLadder = z.infer<z.ZodObject<typeof sanctionLadderFields>>;

/** The rules a ladder must keep beyond its shape; shared by the event schema and the policy input schema. */
export function checkSanctionLadder(ladder: SanctionLadder, ctx: z.core.$RefinementCtx): void {
  ladder.steps.forEach((step, index) => {
    if (step.step !== index + 1) {
      ctx.addIssue({ code: 'custom', path: ['steps', index, 'step'], message: `steps must be listed in order 1-4: expected step ${index + 1}` });
    }
    const previous = ladder.steps[index - 1];
    if (previous && step.threshold <= previous.threshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['steps', index, 'threshold'],
        message: `thresholds must be strictly increasing: step ${index + 1} needs more than ${previous.threshold}`,
      });
    }
  });
  if (!ladder.dismissal.consequences.includes('dismissal')) {
    ctx.addIssue({ code: 'custom', path: ['dismissal', 'consequences'], message: 'the dismissal rule must include the consequence "dismissal"' });
  }
}

export const SanctionPolicyAdopted = defineEvent({
  type: 'SanctionPolicyAdopted',
  version: 1,
  service: 'discipline',
  description:
    'A sanction ladder was adopted. It applies to sanctions whose triggering complaint is found valid on or after `effectiveFrom`.',
  schema: z
    .object({
      version: z.int().min(1),
      effectiveFrom: isoInstant,
      ...sanctionLadderFields,
      at: isoInstant,
    })
    .superRefine(checkSanctionLadder),
});

export const FindingCounted = defineEvent({
  type: 'FindingCounted',
  version: 1,
  service: 'discipline',
  description:
    "A complaint's outcome in force for a person changed, as the ladder counts it; the person's stream alone explains every sanction.",
  schema: z.object({
    personId: identifier,
    complaintId: identifier,
    receivedAt: isoInstant,
    outcome: countedOutcome,
    /** When the outcome in force was found (the finding's or the appeal decision's time). */
    foundAt: isoInstant,
    /** The complaint event this fact was read from. */
    sourceEventId: identifier,
    /**
     * That event's 0-based revision in the complaint's stream. A replayed older event of the complaint
     * (revision not above the last one counted) is stale and changes nothing.
     */
    complaintRevision: z.int().nonnegative(),
  }),
});

export const SanctionDecided = defineEvent({
  type: 'SanctionDecided',
  version: 1,
  service: 'discipline',
  description:
    "A step of the ladder was reached: steps 1-4 in a calendar year, step 5 (dismissal) within the policy's window. Pending until carried out.",
  schema: z
    .object({
      sanctionId: recordId,
      personId: identifier,
      step: z.int().min(1).max(5),
      /** The local calendar year (the ledger's zone, SPEC "Local time") of receivedAt the step counts in; absent for dismissal. */
      year: calendarYear.optional(),
      consequences: consequenceList,
      /** The valid complaints that made the count, in the order they were counted. */
      complaintIds: z.array(identifier).min(1),
      /** The complaint whose counting reached the step; its finding date chose the policy. */
      triggeredBy: identifier,
      policyVersion: z.int().min(1),
      threshold: z.int().min(1),
      /** The dismissal window of the policy, for step 5. */
      windowMonths: z.int().min(1).optional(),
      /** How that window treats its ends (SPEC 4.8), for step 5; absent means inclusive. */
      windowBounds: z.enum(['inclusive', 'exclusive']).optional(),
      decidedAt: isoInstant,
    })
    .refine((data) => (data.step === 5) === (data.year === undefined), {
      path: ['year'],
      message: 'steps 1-4 name their year; dismissal (step 5) has none',
    }),
});

/** Step 4's heavier sanction, chosen when it is carried out (SPEC 4.6). */
export const imposedMeasures = ['demerit', 'major-demerit', 'demotion', 'removal-from-office', 'other'] as const;
export const imposedMeasure = z.enum(imposedMeasures);
export type ImposedMeasure = z.infer<typeof imposedMeasure>;

export const SanctionCarriedOut = defineEvent({
  type: 'SanctionCarriedOut',
  version: 1,
  service: 'discipline',
  description:
    "A disciplinary official recorded that a pending sanction was carried out; at step 4 with the heavier measure chosen (`imposed`, SPEC 4.6).",
  schema: z.object({
    sanctionId: recordId,
    personId: identifier,
    by: identifier,
    note: noteText.optional(),
    /** Step 4's measure (SPEC 4.6); `other` is stated in `imposedNote`. */
    imposed: imposedMeasure.optional(),
    imposedNote: noteText.optional(),
    at: isoInstant,
  }),
});

export const SanctionSupportChanged = defineEvent({
  type: 'SanctionSupportChanged',
  version: 1,
  service: 'discipline',
  description:
    'A sanction stays in force, but the valid complaints that support it changed (one was withdrawn, another counts now): it shows the complaints that support it now (SPEC 4.4).',
  schema: z.object({
    sanctionId: recordId,
    personId: identifier,
    complaintIds: z.array(identifier).min(1),
    previousComplaintIds: z.array(identifier).min(1),
    reason: reasonText,
    at: isoInstant,
  }),
});

export const referralOutcomes = ['sanctioned', 'no-sanction'] as const;
export const referralOutcome = z.enum(referralOutcomes);

export const ReferralOpened = defineEvent({
  type: 'ReferralOpened',
  version: 1,
  service: 'discipline',
  description:
    'A `valid-violation` finding against a person referred the complaint to the disciplinary inspection process (SPEC 4.7); it does not count on the ladder.',
  schema: z.object({
    referralId: recordId,
    personId: identifier,
    complaintId: identifier,
    receivedAt: isoInstant,
    at: isoInstant,
  }),
});

export const ReferralDecided = defineEvent({
  type: 'ReferralDecided',
  version: 1,
  service: 'discipline',
  description: "A disciplinary official recorded a referral's outcome: the sanction imposed, or none, with the decision's reference (SPEC 4.7).",
  schema: z.object({
    referralId: recordId,
    personId: identifier,
    complaintId: identifier,
    outcome: referralOutcome,
    sanction: noteText.min(1).optional(),
    reference: z.string().trim().min(1).max(500),
    by: identifier,
    at: isoInstant,
  }),
});

export const SanctionRescinded = defineEvent({
  type: 'SanctionRescinded',
  version: 1,
  service: 'discipline',
  description:
    'A sanction is no longer supported by the valid complaints (a finding was overturned or withdrawn). A carried-out sanction stays on record, marked rescinded.',
  schema: z.object({
    sanctionId: recordId,
    personId: identifier,
    /** The complaint whose change removed the support, when one did. */
    complaintId: identifier.optional(),
    reason: reasonText,
    at: isoInstant,
  }),
});

export const DepartmentFaultCounted = defineEvent({
  type: 'DepartmentFaultCounted',
  version: 1,
  service: 'discipline',
  description:
    "A complaint's outcome in force for a department at fault changed, as leader accountability counts it (per calendar year of receivedAt).",
  schema: z.object({
    departmentId: identifier,
    complaintId: identifier,
    receivedAt: isoInstant,
    outcome: countedOutcome,
    /** Every department at fault in the finding in force (several = joint fault). */
    departmentsAtFault: z.array(identifier),
    foundAt: isoInstant,
    sourceEventId: identifier,
    /** The source event's 0-based revision in the complaint's stream (see FindingCounted). */
    complaintRevision: z.int().nonnegative(),
  }),
});

export const IncidentRecorded = defineEvent({
  type: 'IncidentRecorded',
  version: 1,
  service: 'discipline',
  description:
    'Named criticism by a superior, media exposure, or a violation found by electronic supervision or an unannounced inspection.',
  schema: z.object({
    incidentId: identifier,
    departmentId: identifier,
    kind: incidentKind,
    note: noteText.optional(),
    at: isoInstant,
  }),
});

export const apologyCause = z.discriminatedUnion('type', [
  z.object({ type: z.literal('complaint'), complaintId: identifier }),
  z.object({ type: z.literal('incident'), incidentId: identifier, kind: incidentKind }),
]);
export type ApologyCause = z.infer<typeof apologyCause>;

export const ApologyRequired = defineEvent({
  type: 'ApologyRequired',
  version: 1,
  service: 'discipline',
  description:
    "A department leader must apologise: directly to the complainant (1st valid at-fault complaint of the year), publicly (2nd and later, or an incident), or jointly with the other departments' leaders (one complaint faulting several departments; recorded once, in the stream of the first of them by id).",
  schema: z
    .object({
      apologyId: recordId,
      kind: apologyKind,
      departments: z.array(z.object({ departmentId: identifier, leaderPersonId: identifier.optional() })).min(1),
      year: calendarYear,
      cause: apologyCause,
      reason: reasonText,
      at: isoInstant,
    })
    .refine((data) => (data.kind === 'joint') === (data.departments.length > 1), {
      path: ['departments'],
      message: 'a joint apology names several departments; a direct or public one names exactly one',
    }),
});

/** Where a public apology was made (SPEC 5). */
export const apologyOutlets = ['newspaper', 'broadcast', 'website'] as const;

export const ApologyCarriedOut = defineEvent({
  type: 'ApologyCarriedOut',
  version: 1,
  service: 'discipline',
  description:
    'The required apology was made. A public or joint one records where (the outlet), when and a reference, so that it can be published (SPEC 5); earlier events without them stay valid.',
  schema: z.object({
    apologyId: recordId,
    /** The department whose stream holds the apology (for a joint one, the first department by id). */
    departmentId: identifier,
    by: identifier,
    note: noteText.optional(),
    outlet: z.enum(apologyOutlets).optional(),
    madeAt: isoInstant.optional(),
    reference: z.string().min(1).max(2_000).optional(),
    at: isoInstant,
  }),
});

export const ApologyRescinded = defineEvent({
  type: 'ApologyRescinded',
  version: 1,
  service: 'discipline',
  description: 'The complaint that required an apology is no longer a valid at-fault finding; the apology stays on record, marked rescinded.',
  schema: z.object({
    apologyId: recordId,
    departmentId: identifier,
    complaintId: identifier.optional(),
    reason: reasonText,
    at: isoInstant,
  }),
});

export const bottomRankOutcomes = ['admonition-talk', 'leader-replacement'] as const;

export const BottomRankCarriedOut = defineEvent({
  type: 'BottomRankCarriedOut',
  version: 1,
  service: 'discipline',
  description:
    'A bottom-rank outcome (SPEC 6) was carried out: the admonition talk held (when, by whom, which members of the leadership team attended), or the leader replaced (by whom, from when; the registry follows).',
  schema: z.object({
    departmentId: identifier,
    year: z.int().min(2000).max(9999),
    outcome: z.enum(bottomRankOutcomes),
    by: identifier,
    attendees: z.array(identifier),
    newLeaderPersonId: identifier.optional(),
    previousLeaderPersonId: identifier.optional(),
    note: noteText.optional(),
    at: isoInstant,
  }),
});

export const PersonHistoryRead = defineEvent({
  type: 'PersonHistoryRead',
  version: 1,
  service: 'discipline',
  description: "Someone read a person's history (SPEC 8: reads are recorded with the stated reason).",
  schema: z.object({
    personId: identifier,
    /** The authenticated reader, as `role:id`. */
    reader: identifier,
    /**
     * The reason the reader stated; absent when none was (API.md's history route has no reason parameter,
     * so a read without one is served and recorded all the same, and auditors see it unexplained).
     */
    reason: reasonText.optional(),
    /** The instant the history was read as of, when it was an as-of read. */
    asOf: isoInstant.optional(),
    at: isoInstant,
  }),
});

export const disciplineEvents = [
  SanctionPolicyAdopted,
  FindingCounted,
  SanctionDecided,
  SanctionCarriedOut,
  SanctionRescinded,
  SanctionSupportChanged,
  ReferralOpened,
  ReferralDecided,
  DepartmentFaultCounted,
  IncidentRecorded,
  ApologyRequired,
  ApologyCarriedOut,
  ApologyRescinded,
  PersonHistoryRead,
  BottomRankCarriedOut,
] as const;
export type BottomRankCarriedOutData = z.infer<typeof BottomRankCarriedOut.schema>;
