import {
  BottomRankAdmonitionRequired,
  BottomRankCarriedOut,
  LeaderReplacementRequired,
  apologyCause,
  apologyKind,
  apologyOutlets,
  appliedAdjustment,
  bottomRankOutcomes,
  componentResult,
  departmentCategory,
  findingOutcome,
  grade,
  identifier,
  incidentKind,
  imposedMeasure,
  sanctionConsequence,
  sanctionLadderFields,
  sanctionStatuses,
} from '@ledger/events';
import { answer, type SameType } from '@ledger/platform';
import { z } from 'zod';
import type { ReferralRecord, SanctionRecord } from '../domain/index.ts';
import type { PersonHistory } from '../person-history/query.ts';

// The answers of the discipline routes (API.md "Discipline"), closed objects with every field described, held to
// the records the routes give by the compile-time checks at the end. A department's bottom-rank outcomes are the
// rankings service's event data, described by those events' own schemas.

const instant = z.string().describe('ISO 8601 instant');
const at = '2026-03-02T10:00:00+08:00';
const carriedOut = z.object({
  by: identifier,
  note: z.string().optional(),
  at: instant,
  outlet: z.enum(apologyOutlets).optional().describe('Where a public or joint apology was made (SPEC 5)'),
  madeAt: instant.optional(),
  reference: z.string().optional(),
});
const sanctionCarriedOut = carriedOut.pick({ by: true, note: true, at: true });

const sanction = z.object({
  sanctionId: z.string(),
  personId: identifier,
  step: z.int().min(1).max(5),
  year: z.int().optional().describe('Absent for dismissal (step 5)'),
  consequences: z.array(sanctionConsequence),
  complaintIds: z.array(identifier),
  triggeredBy: z.string().describe('The complaint whose counting reached the step'),
  policyVersion: z.int(),
  threshold: z.int().describe("The step's threshold of valid complaints"),
  windowMonths: z.int().optional(),
  windowBounds: z.enum(['inclusive', 'exclusive']).optional(),
  status: z.enum(sanctionStatuses),
  decidedAt: instant,
  carriedOut: sanctionCarriedOut.optional(),
  imposed: imposedMeasure.optional().describe('At step 4: the heavier measure chosen when carried out (SPEC 4.6)'),
  imposedNote: z.string().optional(),
  supportChanged: z
    .object({ previousComplaintIds: z.array(identifier), reason: z.string(), at: instant })
    .optional()
    .describe('The last change of the complaints that support it (SPEC 4.4)'),
  rescindedReason: z.string().optional(),
  rescindedAt: instant.optional(),
});
const sanctionExample = {
  sanctionId: 'wang-fang-step-1-2026',
  personId: 'wang-fang',
  step: 1,
  year: 2026,
  consequences: ['admonition-talk' as const],
  complaintIds: ['6f0e2c4a-8d1b-4c3e-9a57-2b1d0f7e9c31'],
  policyVersion: 1,
  status: 'pending' as const,
  decidedAt: at,
  triggeredBy: '6f0e2c4a-8d1b-4c3e-9a57-2b1d0f7e9c31',
  threshold: 2,
};

export const sanctionListAnswer = answer(z.object({ items: z.array(sanction), next: z.string().optional() }), 'One page of sanctions', { items: [sanctionExample] });

export const sanctionCarriedOutAnswer = answer(
  z.object({
    sanctionId: z.string(),
    personId: identifier,
    step: z.int().min(1).max(5),
    status: z.enum(sanctionStatuses),
    carriedOut: sanctionCarriedOut.optional(),
    imposed: imposedMeasure.optional().describe('At step 4: the heavier measure chosen (SPEC 4.6)'),
    imposedNote: z.string().optional(),
  }),
  'The sanction, carried out',
  { sanctionId: sanctionExample.sanctionId, personId: 'wang-fang', step: 1, status: 'carried-out', carriedOut: { by: 'official-1', at } },
);

export const apologyCarriedOutAnswer = answer(
  z.object({ apologyId: z.string(), status: z.enum(sanctionStatuses), carriedOut: carriedOut.optional() }),
  'The apology, made',
  { apologyId: 'housing-bureau-apology-1', status: 'carried-out', carriedOut: { by: 'official-1', at } },
);

const ladderFields = { version: z.int(), effectiveFrom: instant, steps: sanctionLadderFields.steps, dismissal: sanctionLadderFields.dismissal };
const ladderExample = {
  version: 1,
  effectiveFrom: '2020-01-01T00:00:00+08:00',
  steps: [
    { step: 1, threshold: 2, consequences: ['admonition-talk' as const] },
    { step: 2, threshold: 3, consequences: ['no-excellent-rating' as const] },
    { step: 3, threshold: 4, consequences: ['incompetent-rating' as const, 'mandatory-training' as const] },
    { step: 4, threshold: 5, consequences: ['removal-from-post' as const] },
  ],
  dismissal: { threshold: 6, windowMonths: 24, consequences: ['dismissal' as const] },
} satisfies z.output<z.ZodObject<typeof ladderFields>>;

export const ladderInForceAnswer = answer(z.object({ ...ladderFields, inForceAt: instant }), 'The sanction ladder in force at `inForceAt`', { ...ladderExample, inForceAt: at });
export const ladderAdoptedAnswer = answer(z.object({ ...ladderFields, adoptedAt: instant }), 'The adopted ladder and its version', { ...ladderExample, adoptedAt: at });

export const incidentAnswer = answer(
  z.object({
    incidentId: identifier,
    departmentId: identifier,
    kind: incidentKind,
    note: z.string().optional(),
    at: instant,
    apology: z.object({ apologyId: z.string(), kind: z.enum(['direct', 'public', 'joint']), year: z.int(), status: z.literal('pending') }),
  }),
  'The incident, and the public apology it requires',
  { incidentId: 'i-1', departmentId: 'housing-bureau', kind: 'media-exposure', at, apology: { apologyId: 'housing-bureau-apology-1', kind: 'public', year: 2026, status: 'pending' } },
);

const bottomRankStatus = { status: z.enum(['pending', 'carried-out']).optional() };
/** How a bottom-rank outcome was carried out (SPEC 6): the event's data less the outcome it names. */
export const bottomRankCarryOut = BottomRankCarriedOut.schema.omit({ departmentId: true, year: true, outcome: true }).describe('The talk held, or the leader replaced');

export const accountabilityAnswer = answer(
  z.object({
    departmentId: identifier,
    year: z.int().optional(),
    apologies: z.array(
      z.object({
        apologyId: z.string(),
        kind: apologyKind,
        departments: z.array(z.object({ departmentId: identifier, leaderPersonId: identifier.optional() })),
        year: z.int(),
        cause: apologyCause.describe('The at-fault complaint or the incident that required it'),
        reason: z.string(),
        requiredAt: instant,
        status: z.enum(sanctionStatuses),
        carriedOut: carriedOut.optional(),
        rescindedReason: z.string().optional(),
        rescindedAt: instant.optional(),
      }),
    ),
    bottomRank: z
      .array(
        z.discriminatedUnion('outcome', [
          BottomRankAdmonitionRequired.schema.extend({ outcome: z.literal('admonition-talk'), ...bottomRankStatus, carriedOut: bottomRankCarryOut.optional() }),
          LeaderReplacementRequired.schema.extend({ outcome: z.literal('leader-replacement'), ...bottomRankStatus, carriedOut: bottomRankCarryOut.optional() }),
        ]),
      )
      .describe("The rankings service's bottom-rank outcomes (SPEC 6), with how each was carried out"),
    rankings: z.array(
      z.object({
        year: z.int(),
        category: departmentCategory,
        score: z.number().describe('Shown to 2 decimals from exactScore'),
        exactScore: z.string().describe('The exact value ranked on, n/d or n'),
        grade,
        rank: z.int(),
        rankedInCategory: z.int(),
        bottom: z.boolean(),
        vetoed: z.boolean(),
        components: z.array(componentResult),
        adjustments: z.array(appliedAdjustment),
      }),
    ),
    statistics: z
      .array(
        z.object({
          month: z.string(),
          counts: z.object({ '1': z.int(), '2': z.int(), '3': z.int(), '4': z.int(), '5': z.int() }),
          total: z.int(),
          satisfactionRate: z.number().nullable(),
          meanIndex: z.number().nullable(),
        }),
      )
      .describe('Monthly rating statistics'),
  }),
  "A department's accountability record",
  { departmentId: 'housing-bureau', year: 2026, apologies: [], bottomRank: [], rankings: [], statistics: [] },
);

export const bottomRankCarriedOutAnswer = answer(
  z.object({ departmentId: z.string(), year: z.int(), outcome: z.enum(bottomRankOutcomes), status: z.literal('carried-out'), carriedOut: bottomRankCarryOut.optional() }),
  'The outcome, carried out, with what was recorded',
  { departmentId: 'housing', year: 2026, outcome: 'admonition-talk', status: 'carried-out', carriedOut: { by: 'official-3', attendees: [], at: '2027-01-20T10:00:00+08:00' } },
);

/**
 * A person's history, every field described (no field passes through undescribed): exactly `PersonHistory`, which
 * the compile-time check below holds it to, so a field added to the view and not here fails the typecheck.
 */
export const personHistoryAnswer = answer(
  z.object({
    personId: identifier,
    name: z.string().optional().describe('From the registry, once the person is registered'),
    departmentId: identifier.optional().describe("The person's department in the registry"),
    complaints: z
      .array(
        z.object({
          complaintId: identifier,
          receivedAt: instant,
          status: z.enum(['filed', 'accepted', 'rejected', 'found', 'appealed', 'closed']),
          outcome: findingOutcome.optional().describe('The finding in force, once found'),
          departmentId: identifier,
        }),
      )
      .describe('Complaints naming the person, oldest first'),
    validCounts: z.object({
      byYear: z.record(z.string(), z.int()).describe('Valid complaints by local year'),
      last24Months: z.int().describe('Valid complaints in the 24 months before the read instant (SPEC 4.8)'),
    }),
    currentStep: z.int().min(0).max(5).describe('The ladder step reached at the read instant (0: none)'),
    sanctions: z.array(
      z.object({
        sanctionId: z.string(),
        step: z.int().min(1).max(5),
        year: z.int().optional(),
        consequences: z.array(sanctionConsequence),
        complaintIds: z.array(identifier),
        policyVersion: z.int().describe('The ladder version the sanction was decided under'),
        status: z.enum(sanctionStatuses),
        decidedAt: instant,
        rescindedReason: z.string().optional(),
        imposed: imposedMeasure.optional().describe("At step 4: the heavier measure chosen when carried out (SPEC 4.6)"),
        imposedNote: z.string().optional(),
      }),
    ),
    ratingCaps: z.record(z.string(), z.enum(['not-excellent', 'incompetent'])).describe('By year'),
    referrals: z.array(
      z.object({
        referralId: z.string(),
        complaintId: identifier,
        status: z.enum(['open', 'decided']),
        openedAt: instant,
        outcome: z.enum(['sanctioned', 'no-sanction']).optional(),
        sanction: z.string().optional(),
        reference: z.string().optional(),
        decidedAt: instant.optional(),
      }),
    ),
    efficiencyWarnings: z.array(z.object({ rectificationId: z.string(), issuedAt: instant })).describe('Efficiency warnings of rectification (SPEC 10)'),
    bottomRankTalks: z.array(z.object({ year: z.int(), departmentId: identifier })).describe('Talks after a bottom rank of the department (SPEC 6)'),
  }),
  "A person's history (SPEC 7)",
  {
    personId: 'wang-fang',
    name: '王芳',
    departmentId: 'housing-bureau',
    complaints: [{ complaintId: sanctionExample.complaintIds[0]!, receivedAt: at, status: 'found', outcome: 'valid', departmentId: 'housing-bureau' }],
    validCounts: { byYear: { '2026': 2 }, last24Months: 2 },
    currentStep: 1,
    sanctions: [{ sanctionId: sanctionExample.sanctionId, step: 1, year: 2026, consequences: ['admonition-talk'], complaintIds: sanctionExample.complaintIds, policyVersion: 1, status: 'pending', decidedAt: at }],
    ratingCaps: {},
    referrals: [],
    efficiencyWarnings: [],
    bottomRankTalks: [],
  },
);

// The answer is the view, field for field, at every level (the keys, and each type both ways).
type Described = z.output<typeof personHistoryAnswer>;
const personHistoryDescribed: [
  SameType<keyof Described, keyof PersonHistory>,
  SameType<keyof Described['complaints'][number], keyof PersonHistory['complaints'][number]>,
  SameType<keyof Described['sanctions'][number], keyof PersonHistory['sanctions'][number]>,
  SameType<keyof Described['referrals'][number], keyof PersonHistory['referrals'][number]>,
  SameType<keyof Described['validCounts'], keyof PersonHistory['validCounts']>,
  SameType<Described, PersonHistory>,
] = [true, true, true, true, true, true];
void personHistoryDescribed;

export const historyReadsAnswer = answer(
  z.object({
    items: z.array(
      z.object({
        personId: identifier,
        reader: z.string().describe('`role:id` of who read'),
        at: instant.describe('When it was read'),
        reason: z.string().optional(),
        asOf: instant.optional().describe('The instant the history was read as of, when asked for'),
        recordedAt: instant.describe('When the ledger recorded the read'),
      }),
    ),
    next: z.string().optional(),
  }),
  'Recorded reads of person histories, oldest first',
  { items: [{ personId: 'wang-fang', reader: 'auditor:a-1', at, reason: '年度考核复核', recordedAt: at }] },
);

/** A referral to the disciplinary inspection process (SPEC 4.7), as its routes answer it. */
export const referral = z.object({
  referralId: z.string(),
  personId: identifier,
  complaintId: identifier,
  receivedAt: instant,
  openedAt: instant,
  status: z.enum(['open', 'decided']),
  outcome: z.enum(['sanctioned', 'no-sanction']).optional(),
  sanction: z.string().optional().describe('The sanction imposed, in the inspection’s own words'),
  reference: z.string().optional(),
  decidedBy: z.string().optional(),
  decidedAt: instant.optional(),
});

const sanctionListed: [
  SameType<z.output<typeof sanction>, Omit<SanctionRecord, 'rescinded'> & { rescindedReason?: string; rescindedAt?: string }>,
  SameType<z.output<typeof referral>, ReferralRecord>,
] = [true, true];
void sanctionListed;
