import { z } from 'zod';
import { type EventOf, defineEvent, identifier, isoInstant } from './define.ts';
import { ratingLevel } from './evaluations.ts';

// Events owned by the rectification service: the working-day calendar (SPEC "Local time"), rectification
// items [整改台账] (SPEC 10) and bad-review cases [差评核实整改] (SPEC 11).

const year = z.int().min(2000).max(9999);
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
const text = z.string().min(1).max(4000);
const policyVersion = z.int().positive();

export const rectificationSourceKinds = ['bottom-rank', 'inspection', 'bad-review', 'complaint', 'audit', 'other'] as const;
export const rectificationSourceKind = z.enum(rectificationSourceKinds);
export const rectificationSource = z.object({ kind: rectificationSourceKind, ref: identifier.optional() });
export type RectificationSource = z.infer<typeof rectificationSource>;

export const rectificationStatuses = ['open', 'in-progress', 'completed', 'verified'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];

export const callbackResults = ['satisfied', 'unsatisfied', 'unreachable'] as const;
export const callbackResult = z.enum(callbackResults);

/**
 * A rectification item as it is opened (SPEC 10). The item's later events repeat the fields of it they need (so that
 * a consumer need not load the item), picked from here so that each field is said once.
 */
const rectificationItem = z.object({
  rectificationId: identifier,
  departmentId: identifier,
  source: rectificationSource,
  problem: text,
  measure: text,
  target: text,
  deadline: isoInstant,
  /** Absent only for an item opened by itself where the registry named no one (no efficiency warning then). */
  responsiblePersonId: identifier.optional(),
  /** The deadline policy version that set `deadline` (items opened by themselves); absent for a deadline given by hand, or recorded before deadlines were policy. */
  policyVersion: policyVersion.optional(),
  /**
   * A deadline counted in working days (the item of a justified bad review, SPEC 11): how many, and the instant the
   * count starts from (the verification). With them a working-day calendar recorded later can move the deadline
   * (RectificationDeadlineMoved); absent for a deadline in calendar days or given by hand, or recorded before.
   */
  workingDays: z.int().positive().optional(),
  deadlineFrom: isoInstant.optional(),
  /** When it was opened. */
  at: isoInstant,
});
const itemId = rectificationItem.pick({ rectificationId: true });
/** A note on an item: its progress, or why a completion was sent back. */
const itemNote = itemId.extend({ note: text, at: isoInstant });

export const WorkingCalendarRecorded = defineEvent({
  type: 'WorkingCalendarRecorded',
  version: 1,
  service: 'rectification',
  description:
    "One year's working-day calendar as the evaluation office records it: public holidays and adjusted working days [调休上班日]. Each recording is a new version (stream `working-calendar-<year>`); the latest is in force.",
  schema: z.object({ year, version: z.int().positive(), holidays: z.array(localDate), workdays: z.array(localDate), at: isoInstant }),
});

/** The deadline numbers of SPEC 10 and 11 (defaults 90, 30, 5, 15), versioned like the other policies. */
export const rectificationDeadlineFields = {
  bottomRankDays: z.int().min(1).max(366).describe('Calendar days to rectify a bottom-rank outcome (SPEC 10, 90 by default)'),
  inspectionDays: z.int().min(1).max(366).describe('Calendar days to rectify an inspection incident (30 by default)'),
  badReviewVerificationWorkingDays: z.int().min(1).max(60).describe('Working days to verify a bad review after its rating (SPEC 11, 5 by default)'),
  badReviewRectificationWorkingDays: z.int().min(1).max(120).describe('Working days to rectify a justified bad review after its verification (SPEC 11, 15 by default)'),
};
export const RectificationPolicyAdopted = defineEvent({
  type: 'RectificationPolicyAdopted',
  version: 1,
  service: 'rectification',
  description:
    'A new version of the rectification deadline policy (SPEC 10, 11: days to rectify a bottom-rank outcome and an inspection incident, working days to verify and to rectify a bad review), in force from `effectiveFrom` (stream `deadline-policy`). Version 1 is the built-in SPEC numbers; an item or case takes the version in force when its deadline starts, and records it.',
  schema: z.object({ version: z.int().min(2), effectiveFrom: isoInstant, ...rectificationDeadlineFields, at: isoInstant }),
});

export const RectificationOpened = defineEvent({
  type: 'RectificationOpened',
  version: 1,
  service: 'rectification',
  description:
    'A rectification item was opened (SPEC 10): by hand, or by itself from a bottom-rank outcome, an inspection incident or a justified bad review (the source names which).',
  schema: rectificationItem,
});

export const RectificationProgressed = defineEvent({
  type: 'RectificationProgressed',
  version: 1,
  service: 'rectification',
  description: 'A progress note on a rectification item; the item is in progress.',
  schema: itemNote,
});

export const RectificationCompleted = defineEvent({
  type: 'RectificationCompleted',
  version: 1,
  service: 'rectification',
  description: 'The department reported a rectification item completed, with its evidence; it awaits verification.',
  schema: rectificationItem.pick({ rectificationId: true, departmentId: true, source: true }).extend({ evidence: text, at: isoInstant }),
});

export const RectificationVerified = defineEvent({
  type: 'RectificationVerified',
  version: 1,
  service: 'rectification',
  description: 'The evaluation office verified a completed rectification item; `onTime` when verified by its deadline.',
  schema: itemId.extend({ note: text, onTime: z.boolean(), at: isoInstant }),
});

export const RectificationSentBack = defineEvent({
  type: 'RectificationSentBack',
  version: 1,
  service: 'rectification',
  description: 'The evaluation office did not accept a completed rectification item: it goes back to in-progress, with the reason.',
  schema: itemNote,
});

export const RectificationOverdue = defineEvent({
  type: 'RectificationOverdue',
  version: 1,
  service: 'rectification',
  description: 'A rectification item was not verified by its deadline (once per item).',
  schema: rectificationItem.pick({ rectificationId: true, departmentId: true, deadline: true }).extend({ at: isoInstant }),
});

export const RectificationDeadlineMoved = defineEvent({
  type: 'RectificationDeadlineMoved',
  version: 1,
  service: 'rectification',
  description:
    "A working-day calendar recorded after a rectification item opened changed the item's deadline, which was counted in working days (the item of a justified bad review): `deadline` is re-derived from the item's `deadlineFrom`, its working days and the calendars in force, `previousDeadline` the one it replaces (the item's earlier events stay as they were).",
  schema: rectificationItem.pick({ rectificationId: true, departmentId: true, deadline: true }).extend({
    previousDeadline: isoInstant,
    /** The calendar recording that moved it. */
    calendarYear: year,
    calendarVersion: z.int().positive(),
    /** Years whose calendar was still not recorded: weekends only were skipped there. */
    yearsWithoutCalendar: z.array(year),
    at: isoInstant,
  }),
});

export const EfficiencyWarningIssued = defineEvent({
  type: 'EfficiencyWarningIssued',
  version: 1,
  service: 'rectification',
  description:
    "An efficiency warning [效能告诫] to the person responsible for an overdue rectification item (SPEC 10); it shows in the person's history and is no ladder step.",
  schema: z.object({ personId: identifier, ...rectificationItem.pick({ rectificationId: true, departmentId: true }).shape, issuedAt: isoInstant }),
});

export const BadReviewOpened = defineEvent({
  type: 'BadReviewOpened',
  version: 1,
  service: 'rectification',
  description:
    'A rating of level 1 or 2 opened a bad-review case for its department (SPEC 11), to be verified by the end of the 5th working day after the rating.',
  schema: z.object({
    badReviewId: identifier,
    transactionId: identifier,
    departmentId: identifier,
    personId: identifier.optional(),
    level: ratingLevel,
    ratedAt: isoInstant,
    verifyBy: isoInstant,
    /** Years whose working-day calendar was not recorded when the deadline was set: weekends only were skipped. */
    yearsWithoutCalendar: z.array(year),
    /** The deadline policy version in force at the rating, and its working days to verify (absent before deadlines were policy: version 1, 5 days). */
    policyVersion: policyVersion.optional(),
    verificationWorkingDays: z.int().positive().optional(),
    at: isoInstant,
  }),
});

export const BadReviewVerified = defineEvent({
  type: 'BadReviewVerified',
  version: 1,
  service: 'rectification',
  description:
    "A bad-review case was verified, justified or not, by the department's liaison or (first, or overruling the liaison) by the evaluation office; a justified one names the rectification item it opens.",
  schema: z.object({
    badReviewId: identifier,
    departmentId: identifier,
    justified: z.boolean(),
    note: text,
    by: z.enum(['department-liaison', 'evaluation-office']),
    overrules: z.boolean(),
    onTime: z.boolean(),
    rectificationId: identifier.optional(),
    /** Due date of the item a justified verdict opens: the end of the 15th working day after the verification. */
    rectifyBy: isoInstant.optional(),
    /** The deadline policy version in force at the verification, which set `rectifyBy` (absent before deadlines were policy, or when no item opens). */
    policyVersion: policyVersion.optional(),
    at: isoInstant,
  }),
});

export const BadReviewDeadlineMoved = defineEvent({
  type: 'BadReviewDeadlineMoved',
  version: 1,
  service: 'rectification',
  description:
    "A working-day calendar recorded after a bad-review case opened changed the case's verification deadline: `verifyBy` is the deadline re-derived from the case's rating, its working days and the calendars in force, `previousVerifyBy` the one it replaces (the case's earlier events stay as they were).",
  schema: z.object({
    badReviewId: identifier,
    departmentId: identifier,
    previousVerifyBy: isoInstant,
    verifyBy: isoInstant,
    /** The calendar recording that moved it. */
    calendarYear: year,
    calendarVersion: z.int().positive(),
    yearsWithoutCalendar: z.array(year),
    at: isoInstant,
  }),
});

export const BadReviewRectified = defineEvent({
  type: 'BadReviewRectified',
  version: 1,
  service: 'rectification',
  description: "The rectification item of a justified bad review was completed: the rater may now be called back.",
  schema: z.object({ badReviewId: identifier, rectificationId: identifier, at: isoInstant }),
});

export const BadReviewCalledBack = defineEvent({
  type: 'BadReviewCalledBack',
  version: 1,
  service: 'rectification',
  description: 'The rater of a bad review was called back with the result of its rectification.',
  schema: z.object({ badReviewId: identifier, result: callbackResult, note: text.optional(), at: isoInstant }),
});

export const BadReviewOverdue = defineEvent({
  type: 'BadReviewOverdue',
  version: 1,
  service: 'rectification',
  description: 'A bad-review case was not verified by its deadline (once per case).',
  schema: z.object({ badReviewId: identifier, departmentId: identifier, verifyBy: isoInstant, at: isoInstant }),
});

export type RectificationOpenedData = z.infer<typeof RectificationOpened.schema>;
export type BadReviewOpenedData = z.infer<typeof BadReviewOpened.schema>;
export type RectificationPolicyAdoptedData = z.infer<typeof RectificationPolicyAdopted.schema>;

export const rectificationEvents = [
  WorkingCalendarRecorded,
  RectificationPolicyAdopted,
  RectificationOpened,
  RectificationProgressed,
  RectificationCompleted,
  RectificationVerified,
  RectificationSentBack,
  RectificationOverdue,
  RectificationDeadlineMoved,
  EfficiencyWarningIssued,
  BadReviewOpened,
  BadReviewVerified,
  BadReviewRectified,
  BadReviewCalledBack,
  BadReviewOverdue,
  BadReviewDeadlineMoved,
] as const;

export type RectificationServiceEvent = EventOf<(typeof rectificationEvents)[number]>;
export type RectificationItemEvent = Exclude<
  Extract<RectificationServiceEvent, { type: `Rectification${string}` } | { type: 'EfficiencyWarningIssued' }>,
  { type: 'RectificationPolicyAdopted' }
>;
export type RectificationPolicyEvent = EventOf<typeof RectificationPolicyAdopted>;
export type BadReviewEvent = Extract<RectificationServiceEvent, { type: `BadReview${string}` }>;
