import { complaintCategory, complaintChannel, findingOutcome, identifier } from '@ledger/events';
import { answer, type SameType } from '@ledger/platform';
import { z } from 'zod';
import type { complaintSummary, complaintView } from './complaint-view.ts';

// The answers of the complaint routes (API.md "Complaints"), closed and every field described: fastify serialises
// each with its schema.

export const complaintStatus = z.enum(['filed', 'accepted', 'rejected', 'found', 'appealed', 'closed']);
const instant = z.string().describe('ISO 8601 instant');
const exampleId = '6f0e2c4a-8d1b-4c3e-9a57-2b1d0f7e9c31';
const exampleDue = '2026-03-04T15:59:59.999Z';

export const filedAnswer = answer(
  z.object({ complaintId: identifier, trackingCode: z.string(), status: complaintStatus }),
  'The complaint is filed: keep the tracking code for the complainant',
  { complaintId: exampleId, trackingCode: 'K7QD-M2XP-9HTA', status: 'filed' },
);

export const dueAnswer = (status: 'accepted', description: string) =>
  answer(z.object({ status: z.literal(status), dueAt: instant }), description, { status, dueAt: exampleDue });

export const assignedAnswer = answer(
  z.object({ status: complaintStatus, investigators: z.array(z.object({ investigatorId: identifier, at: instant })).readonly() }),
  'Every assignment so far, the current investigator last',
  { status: 'accepted', investigators: [{ investigatorId: 'inv-7', at: '2026-02-04T09:00:00+08:00' }] },
);

export const foundAnswer = answer(z.object({ status: z.literal('found'), outcome: findingOutcome }), 'The finding is recorded', {
  status: 'found',
  outcome: 'valid',
});

export const appealDecidedAnswer = answer(
  z.object({
    status: complaintStatus,
    decision: z.enum(['upheld', 'overturned']),
    outcome: findingOutcome,
    personId: identifier.optional().describe('The responsible person of the finding in force'),
    reason: z.string().describe("The decision's stated reason (SPEC 3.6)"),
  }),
  'The appeal is decided: the outcome in force',
  { status: 'found', decision: 'overturned', outcome: 'invalid', reason: 'The call recording shows no rudeness' },
);

const summaryFields = {
  complaintId: identifier,
  status: complaintStatus,
  overdue: z.literal(true).optional().describe('Present when the deadline (or the commitment) has passed'),
  channel: complaintChannel,
  departmentId: identifier,
  personId: identifier.optional(),
  category: complaintCategory,
  receivedAt: instant,
  dueAt: instant.optional(),
  outcome: findingOutcome.optional(),
  closedAt: instant.optional(),
};
const summaryExample = {
  complaintId: exampleId,
  status: 'accepted' as const,
  channel: 'web' as const,
  departmentId: 'housing-bureau',
  personId: 'wang-fang',
  category: 'attitude' as const,
  receivedAt: '2026-02-03T09:00:00+08:00',
  dueAt: exampleDue,
};

export const complaintListAnswer = answer(
  z.object({ items: z.array(z.object(summaryFields)), next: z.string().optional().describe('Pass as `after` for the next page') }),
  'One page of complaints',
  { items: [summaryExample] },
);

/**
 * A complaint as GET /v1/complaints/{id} answers it, every field described (no field passes through undescribed):
 * exactly what `complaintView` returns, which the compile-time check below holds it to.
 */
export const complaintAnswer = answer(
  z.object({
    complaintId: identifier,
    status: complaintStatus,
    overdue: z.boolean().describe('True while the complaint is past its deadline (or was marked so by the deadline watcher)'),
    channel: complaintChannel,
    departmentId: identifier,
    personId: identifier.optional(),
    category: complaintCategory,
    summary: z.string(),
    occurredAt: instant.optional(),
    receivedAt: instant,
    handlingDays: z.int().optional().describe('Days allowed for the deadline in force'),
    dueAt: instant.optional().describe('The deadline set at filing (SPEC 3.2), or by the reopening'),
    extension: z
      .object({ days: z.int(), reason: z.string(), previousDueAt: instant, dueAt: instant, at: instant })
      .readonly()
      .optional()
      .describe('The one extension of the deadline (SPEC 3.2)'),
    extendedDueAt: instant.optional().describe('The extended deadline, while it is the one in force'),
    explanations: z
      .array(z.object({ explanation: z.string(), commitmentAt: instant, at: instant }).readonly())
      .readonly()
      .describe('Every explanation of the overdue complaint with its commitment (SPEC 3.7), in order'),
    commitmentAt: instant.optional().describe('The commitment in force'),
    acceptedAt: instant.optional(),
    rejectedAt: instant.optional(),
    rejectionReason: z.string().optional(),
    investigators: z.array(z.object({ investigatorId: identifier, at: instant }).readonly()).readonly().describe('Every assignment in order, the current investigator last'),
    finding: z
      .object({
        outcome: findingOutcome,
        personId: identifier.optional(),
        departmentsAtFault: z.array(identifier).readonly(),
        note: z.string().optional(),
        at: instant,
        decidedOnAppeal: z.boolean(),
      })
      .readonly()
      .optional()
      .describe('The finding in force'),
    findingAppealed: z.boolean(),
    closedAt: instant.optional(),
    satisfaction: z.int().min(1).max(5).optional().describe('The call-back rating recorded with the close'),
    complainantRating: z.object({ satisfaction: z.int().min(1).max(5), at: instant }).readonly().optional().describe("The complainant's own rating through the tracking code"),
    reopened: z.boolean(),
    reopenedAt: instant.optional(),
    reopenReason: z.string().optional(),
    appeal: z
      .object({
        pending: z.boolean(),
        reason: z.string(),
        filedAt: instant,
        statusBefore: z.enum(['found', 'closed']),
        decision: z.enum(['upheld', 'overturned']).optional(),
        decidedAt: instant.optional(),
      })
      .readonly()
      .optional()
      .describe('The latest appeal, pending or decided'),
    overdueMarkedAt: instant.optional(),
    complainant: z
      .object({ ref: z.string(), erased: z.literal(true).optional(), name: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })
      .optional()
      .describe('Only for intake clerks and investigators'),
    history: z.array(
      z.object({
        position: z.int(),
        type: z.string().describe('The event type (see /v1/schemas)'),
        recordedAt: instant,
        actor: z.string().optional(),
        data: z.record(z.string(), z.unknown()).describe("The event's data, without personal data"),
      }),
    ),
  }),
  'The complaint as its events tell it, with its event history',
  {
    ...summaryExample,
    overdue: false,
    summary: 'Rude at the counter',
    explanations: [],
    investigators: [],
    findingAppealed: false,
    reopened: false,
    history: [{ position: 12, type: 'ComplaintFiled', recordedAt: '2026-02-03T01:00:00.000Z', actor: 'intake-clerk:clerk-1', data: {} }],
  },
);

// The answer is the view, field for field (the keys at every level, and each type both ways; the complainant's
// opened data is typed as the vault's, so only its keys are held to the schema).
type Described = z.output<typeof complaintAnswer>;
type Viewed = Awaited<ReturnType<typeof complaintView>>;
const complaintDescribed: [
  SameType<keyof Described, keyof Viewed>,
  SameType<keyof NonNullable<Described['finding']>, keyof NonNullable<Viewed['finding']>>,
  SameType<keyof NonNullable<Described['appeal']>, keyof NonNullable<Viewed['appeal']>>,
  SameType<keyof NonNullable<Described['extension']>, keyof NonNullable<Viewed['extension']>>,
  SameType<keyof Described['history'][number], keyof Viewed['history'][number]>,
  SameType<Omit<Described, 'complainant'>, Omit<Viewed, 'complainant'>>,
  SameType<z.output<typeof complaintListAnswer>['items'][number], ReturnType<typeof complaintSummary>>,
] = [true, true, true, true, true, true, true];
void complaintDescribed;

export const erasedAnswer = answer(
  z.object({ complainantRef: identifier, erased: z.boolean() }),
  'The personal data is unreadable from now on; the events stay',
  { complainantRef: 'c1a2b3', erased: true },
);
