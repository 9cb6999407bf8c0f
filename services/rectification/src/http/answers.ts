import {
  BadReviewCalledBack,
  BadReviewDeadlineMoved,
  BadReviewOpened,
  BadReviewOverdue,
  BadReviewRectified,
  BadReviewVerified,
  EfficiencyWarningIssued,
  RectificationCompleted,
  RectificationDeadlineMoved,
  RectificationOpened,
  RectificationOverdue,
  RectificationProgressed,
  RectificationSentBack,
  RectificationVerified,
  callbackResult,
  rectificationSource,
  rectificationStatuses,
} from '@ledger/events';
import { answer } from '@ledger/platform';
import { z } from 'zod';
import { badReviewStatuses } from '../domain/index.ts';

// The answers of the rectification routes (API.md "Rectification, bad reviews, calendar"): fastify serialises
// each with its schema. Every answer is a closed object with its fields described; a history step is the event it
// records, described by that event's own schema.

const instant = z.string().describe('ISO 8601 instant');
const localDate = z.string().describe('A local date YYYY-MM-DD');
const rectificationStatus = z.enum(rectificationStatuses);
const badReviewStatus = z.enum(badReviewStatuses);
const next = z.string().optional().describe('Pass as `after` for the next page');
const exampleItemId = 'rect-6f0e2c4a-8d1b-4c3e-9a57-2b1d0f7e9c31';
const exampleCaseId = 'br-3c9a1f52-7d4e-4b8a-a1c6-5e2f0d9b7a14';

// The working-day calendar (SPEC "Local time").
export const calendarAnswer = (description: string) =>
  answer(
    z.object({
      year: z.int(),
      recorded: z.boolean().describe('False while no calendar is recorded for the year: only weekends are days off'),
      version: z.int().describe('0 while none is recorded'),
      holidays: z.array(localDate),
      workdays: z.array(localDate).describe('Adjusted working days [调休上班日]'),
      recordedAt: instant.optional(),
      note: z.string().optional(),
    }),
    description,
    { year: 2026, recorded: true, version: 2, holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-09-27'], recordedAt: '2026-01-05T09:00:00+08:00' },
  );

// The deadline policy (SPEC 10, 11), versioned as the sanction ladder and the evaluation policy are.
const deadlinePolicyFields = {
  version: z.int().describe('1 is the SPEC numbers, built in; adopted versions follow'),
  effectiveFrom: instant,
  bottomRankDays: z.int().describe('Calendar days to rectify a bottom-rank outcome'),
  inspectionDays: z.int().describe('Calendar days to rectify an inspection incident'),
  badReviewVerificationWorkingDays: z.int().describe('Working days to verify a bad review after its rating'),
  badReviewRectificationWorkingDays: z.int().describe('Working days to rectify a justified bad review after its verification'),
};
const deadlinePolicyExample = {
  version: 2,
  effectiveFrom: '2027-01-01T00:00:00+08:00',
  bottomRankDays: 60,
  inspectionDays: 30,
  badReviewVerificationWorkingDays: 5,
  badReviewRectificationWorkingDays: 15,
};
export const deadlinePolicyInForceAnswer = answer(z.object({ ...deadlinePolicyFields, inForceAt: instant }), 'The deadline policy in force at `inForceAt`', {
  ...deadlinePolicyExample,
  inForceAt: '2027-03-01T09:00:00+08:00',
});
export const deadlinePolicyAdoptedAnswer = answer(z.object({ ...deadlinePolicyFields, adoptedAt: instant }), 'The adopted deadline policy and its version', {
  ...deadlinePolicyExample,
  adoptedAt: '2026-12-01T09:00:00+08:00',
});

// Rectification items (SPEC 10).
export const openedItemAnswer = answer(
  z.object({ rectificationId: z.string(), status: z.literal('open') }),
  'The rectification item is opened',
  { rectificationId: exampleItemId, status: 'open' },
);

export const itemStepAnswer = (description: string, status: z.infer<typeof rectificationStatus>) =>
  answer(z.object({ rectificationId: z.string(), status: rectificationStatus }), description, { rectificationId: exampleItemId, status });

const itemFields = {
  rectificationId: z.string(),
  departmentId: z.string(),
  source: rectificationSource,
  problem: z.string(),
  measure: z.string(),
  target: z.string(),
  deadline: instant.describe('The deadline; one counted in working days moves when a calendar recorded later changes it (a RectificationDeadlineMoved step in the history)'),
  responsiblePersonId: z.string().optional(),
  status: rectificationStatus,
  overdue: z.boolean().describe('Marked by the deadline watcher, or past its deadline and not verified'),
  openedAt: instant,
  verifiedAt: instant.optional(),
  verifiedOnTime: z.boolean().optional(),
  policyVersion: z.int().optional().describe('The deadline policy version that set the deadline of an item that opened by itself'),
  workingDays: z.int().optional().describe('A deadline counted in working days (a justified bad review\'s item): how many'),
  deadlineFrom: instant.optional().describe('The instant those working days count from (the verification)'),
};
const itemExample = {
  rectificationId: exampleItemId,
  departmentId: 'housing-bureau',
  source: { kind: 'inspection' as const, ref: 'insp-2026-03' },
  problem: '窗口办件超时',
  measure: '增设周末窗口',
  target: '办件按时率达到 100%',
  deadline: '2026-04-30T23:59:59+08:00',
  responsiblePersonId: 'wang-fang',
  status: 'in-progress' as const,
  overdue: false,
  openedAt: '2026-03-02T09:00:00+08:00',
};
/** One step of a history: the event's type, its instant (`at`, or an issued warning's `issuedAt`) and the rest of its data. */
const historyStep = <Type extends string, Shape extends z.ZodRawShape>(event: { type: Type; schema: z.ZodObject<Shape> }) => {
  const { issuedAt: _issuedAt, ...shape } = event.schema.shape as Shape & { issuedAt?: z.ZodType };
  return z.object({ ...shape, type: z.literal(event.type).describe('The event recorded'), at: instant });
};
const itemHistoryStep = z.discriminatedUnion('type', [
  historyStep(RectificationOpened),
  historyStep(RectificationProgressed),
  historyStep(RectificationCompleted),
  historyStep(RectificationVerified),
  historyStep(RectificationSentBack),
  historyStep(RectificationOverdue),
  historyStep(RectificationDeadlineMoved),
  historyStep(EfficiencyWarningIssued),
]);
export type ItemHistoryStep = z.output<typeof itemHistoryStep>;
const caseHistoryStep = z.discriminatedUnion('type', [
  historyStep(BadReviewOpened),
  historyStep(BadReviewVerified),
  historyStep(BadReviewDeadlineMoved),
  historyStep(BadReviewRectified),
  historyStep(BadReviewCalledBack),
  historyStep(BadReviewOverdue),
]);
export type CaseHistoryStep = z.output<typeof caseHistoryStep>;

export const itemListAnswer = answer(
  z.object({ items: z.array(z.object(itemFields)), next }),
  'One page of rectification items',
  { items: [itemExample] },
);

export const itemAnswer = answer(
  z.object({ ...itemFields, history: z.array(itemHistoryStep).describe('Every step of the item, oldest first') }),
  'A rectification item with its history',
  {
    ...itemExample,
    history: [
      {
        type: 'RectificationOpened' as const,
        at: '2026-03-02T09:00:00+08:00',
        rectificationId: exampleItemId,
        departmentId: 'housing-bureau',
        source: itemExample.source,
        problem: itemExample.problem,
        measure: itemExample.measure,
        target: itemExample.target,
        deadline: itemExample.deadline,
        responsiblePersonId: 'wang-fang',
      },
      { type: 'RectificationProgressed' as const, at: '2026-03-10T09:00:00+08:00', rectificationId: exampleItemId, note: '已增设周六窗口' },
    ],
  },
);

export const departmentItemsAnswer = answer(
  z.object({
    departmentId: z.string(),
    year: z.int(),
    opened: z.int(),
    verified: z.int(),
    verifiedOnTime: z.int(),
    overdue: z.int(),
    rate: z.number().nullable().describe('Verified over opened; null when none was opened'),
  }),
  "A department's rectification in a year",
  { departmentId: 'housing-bureau', year: 2026, opened: 4, verified: 3, verifiedOnTime: 2, overdue: 1, rate: 0.75 },
);

// Bad-review cases (SPEC 11).
const caseFields = {
  badReviewId: z.string(),
  transactionId: z.string(),
  departmentId: z.string(),
  personId: z.string().optional(),
  level: z.int().describe('The rating level: 1 or 2'),
  ratedAt: instant,
  verifyBy: instant.describe('The verification deadline; a calendar recorded later moves it (a BadReviewDeadlineMoved step in the history)'),
  policyVersion: z.int().optional().describe('The deadline policy version in force at the rating'),
  status: badReviewStatus,
  overdue: z.boolean().describe('Marked by the deadline watcher, or past verifyBy and not verified'),
  justified: z.boolean().optional(),
  verifiedBy: z.enum(['department-liaison', 'evaluation-office']).optional(),
  verifiedOnTime: z.boolean().optional(),
  rectificationId: z.string().optional(),
  callback: z.string().optional().describe('The result of the call-back: satisfied, unsatisfied or unreachable'),
};
const caseExample = {
  badReviewId: exampleCaseId,
  transactionId: 'tx-20260302-0042',
  departmentId: 'housing-bureau',
  personId: 'wang-fang',
  level: 1,
  ratedAt: '2026-03-02T10:15:00+08:00',
  verifyBy: '2026-03-05T23:59:59.999+08:00',
  status: 'justified' as const,
  overdue: false,
  justified: true,
  verifiedBy: 'department-liaison' as const,
  verifiedOnTime: true,
  rectificationId: `bad-review-${exampleCaseId}`,
};

export const caseListAnswer = answer(
  z.object({ items: z.array(z.object(caseFields)), next }),
  'One page of bad-review cases',
  { items: [caseExample] },
);

export const caseAnswer = answer(
  z.object({ ...caseFields, history: z.array(caseHistoryStep).describe('Every step of the case, oldest first') }),
  'A bad-review case with its history',
  {
    ...caseExample,
    history: [
      {
        type: 'BadReviewOpened' as const,
        at: '2026-03-02T10:15:00+08:00',
        badReviewId: exampleCaseId,
        transactionId: caseExample.transactionId,
        departmentId: 'housing-bureau',
        personId: 'wang-fang',
        level: 1,
        ratedAt: caseExample.ratedAt,
        verifyBy: caseExample.verifyBy,
        yearsWithoutCalendar: [],
        policyVersion: 1,
      },
      {
        type: 'BadReviewVerified' as const,
        at: '2026-03-03T09:00:00+08:00',
        badReviewId: exampleCaseId,
        departmentId: 'housing-bureau',
        justified: true,
        note: '窗口人员态度生硬属实',
        by: 'department-liaison' as const,
        overrules: false,
        onTime: true,
        rectificationId: `bad-review-${exampleCaseId}`,
        rectifyBy: '2026-03-24T23:59:59.999+08:00',
      },
    ],
  },
);

export const verificationAnswer = answer(
  z.object({
    badReviewId: z.string(),
    status: badReviewStatus,
    justified: z.boolean(),
    onTime: z.boolean().optional().describe('Whether the verification came by verifyBy'),
    rectificationId: z.string().optional().describe('The rectification item a justified bad review opened'),
    rectifyBy: instant.optional(),
  }),
  'The verification is recorded: a justified bad review opens a rectification item',
  { badReviewId: exampleCaseId, status: 'justified', justified: true, onTime: true, rectificationId: `bad-review-${exampleCaseId}`, rectifyBy: '2026-03-17T23:59:59.999+08:00' },
);

export const callbackAnswer = answer(
  z.object({ badReviewId: z.string(), status: badReviewStatus, result: callbackResult }),
  'The call-back of the rater is recorded',
  { badReviewId: exampleCaseId, status: 'called-back', result: 'satisfied' },
);

export const departmentCasesAnswer = answer(
  z.object({
    departmentId: z.string(),
    month: z.string().describe('A month YYYY-MM'),
    opened: z.int(),
    verifiedOnTime: z.int(),
    justified: z.int(),
    rectified: z.int(),
    callbacksSatisfied: z.int(),
  }),
  "A department's bad reviews in a month (by the local month of the rating)",
  { departmentId: 'housing-bureau', month: '2026-03', opened: 5, verifiedOnTime: 4, justified: 2, rectified: 1, callbacksSatisfied: 1 },
);
