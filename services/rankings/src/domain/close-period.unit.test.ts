import { calendarIn } from '@ledger/calendar';
import type { DepartmentCategory } from '@ledger/events';
import { validateEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import type { PreviousResults } from './accountability.ts';
import type { ClosePeriod, PeriodEvent, PeriodState } from './close-period.ts';
import { decideClosePeriod, evolvePeriod, initialPeriodState } from './close-period.ts';
import type { EvaluationInputEvent } from './inputs.ts';
import { collectPeriodInputs } from './inputs.ts';
import { adjustment } from './inputs.testkit.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

const at = '2027-01-20T10:00:00+08:00';
const now = '2027-01-20T10:05:00+08:00';

const departments: ClosePeriod['departments'] = [
  { departmentId: 'sf-a', category: 'service-facing', leaderPersonId: 'lead-a' },
  { departmentId: 'sf-b', category: 'service-facing', leaderPersonId: 'lead-b' },
  { departmentId: 'sf-c', category: 'service-facing', leaderPersonId: 'lead-c' },
  { departmentId: 'sf-d', category: 'service-facing', leaderPersonId: 'lead-d' },
  { departmentId: 'sf-e', category: 'service-facing' },
  { departmentId: 'pm-a', category: 'party-mass', leaderPersonId: 'lead-pm' },
  { departmentId: 'pm-b', category: 'party-mass' },
  { departmentId: 'v-a', category: 'vertical', leaderPersonId: 'lead-va' },
  { departmentId: 'v-b', category: 'vertical', leaderPersonId: 'lead-vb' },
];

const scores = (departmentId: string, survey: number, superior: number): EvaluationInputEvent[] => [
  { type: 'SurveyScored', data: { departmentId, year: 2026, score: survey, at: '2027-01-05T00:00:00Z' } },
  { type: 'SuperiorEvaluationScored', data: { departmentId, year: 2026, score: superior, at: '2027-01-05T00:00:00Z' } },
];
const ratings = (departmentId: string, count: number, level: number, personId?: string, from = 0): EvaluationInputEvent[] =>
  Array.from({ length: count }, (_, index) => ({
    type: 'RatingGiven' as const,
    data: {
      transactionId: `${departmentId}-${personId ?? 'none'}-${from + index}`,
      departmentId,
      platform: 'service-center' as const,
      level,
      ratedAt: '2026-06-01T10:00:00+08:00',
      ...(personId ? { personId } : {}),
    },
  }));

// Service-facing (80/10/10; without ratings, survey and superior 50/50):
//   sf-a: 12 ratings of 5 (index 100), survey 60, superior 60: 0.8·100 + 0.1·60 + 0.1·60 = 92  → rank 1
//   sf-b: (88 + 88) / 2 = 88 → rank 2;  sf-c: 86 → rank 3 (bottom, but satisfied: no admonition)
//   sf-d: 75 → rank 4, basically-satisfied, bottom → admonition; last year 72: (75 − 72)/72 = 4.17 % < 5 % → replacement
//   sf-e: 60 → rank 5, unsatisfied, bottom → admonition; last year 57: (60 − 57)/57 = 5.26 % → no replacement
// Party-mass (—/80/20): pm-a: 0.8·90 + 0.2·80 = 72 + 16 = 88, rank 1 of 1, bottom but satisfied.
//   pm-b: ratings only, which weigh 0 → no component data → unscored.
// Vertical: v-b: 0.8·95 + 0.2·95 = 95 but vetoed → unsatisfied, and after every department without a veto:
//   rank 2 of 2 (bottom) → admonition. v-a: 0.8·50 + 0.2·100 = 40 + 20 = 60 → unsatisfied, rank 1 (bottom) → admonition.
const evaluationEvents: EvaluationInputEvent[] = [
  ...ratings('sf-a', 10, 5, 'p-1'),
  ...ratings('sf-a', 2, 5, 'p-2'),
  ...scores('sf-a', 60, 60),
  ...scores('sf-b', 88, 88),
  ...scores('sf-c', 86, 86),
  ...scores('sf-d', 75, 75),
  ...scores('sf-e', 60, 60),
  ...scores('pm-a', 90, 80),
  ...ratings('pm-b', 3, 4),
  ...scores('v-a', 50, 100),
  ...scores('v-b', 95, 95),
  { type: 'AdjustmentRecorded', data: adjustment('veto-1', 'veto', undefined, 'v-b') },
];

const previous: PreviousResults = {
  year: 2025,
  items: [
    { departmentId: 'sf-d', score: 72, exactScore: '72', grade: 'basically-satisfied', rank: 5, bottom: true },
    { departmentId: 'sf-e', score: 57, exactScore: '57', grade: 'unsatisfied', rank: 4, bottom: true },
    { departmentId: 'sf-c', score: 60, exactScore: '60', grade: 'unsatisfied', rank: 3, bottom: true },
  ],
};

const close = (overrides: Partial<ClosePeriod> = {}): ClosePeriod => ({
  year: 2026,
  departments,
  inputs: collectPeriodInputs(2026, evaluationEvents),
  previous,
  policy: defaultEvaluationPolicy,
  at,
  now,
  calendar: calendarIn('Asia/Shanghai'),
  ...overrides,
});

function closed(command: ClosePeriod, state: PeriodState = initialPeriodState): PeriodEvent[] {
  const decision = decideClosePeriod(command, state);
  if (!decision.ok) throw new Error(`refused: ${decision.error.code}`);
  for (const event of decision.events) validateEvent(event.type, 1, event.data);
  return decision.events;
}

type DataOf<T extends PeriodEvent['type']> = Extract<PeriodEvent, { type: T }>['data'];
const ofType = <T extends PeriodEvent['type']>(events: PeriodEvent[], type: T): DataOf<T>[] =>
  events.flatMap((event) => (event.type === type ? [event.data as DataOf<T>] : []));

describe('closing a year', () => {
  const events = closed(close());

  it('publishes in order: PeriodClosed, a ranking per category, people, then accountability', () => {
    expect(events.map((event) => event.type)).toEqual([
      'PeriodClosed',
      'RankingPublished',
      'RankingPublished',
      'RankingPublished',
      'PeopleRanked',
      'BottomRankAdmonitionRequired',
      'LeaderReplacementRequired',
      'BottomRankAdmonitionRequired',
      'BottomRankAdmonitionRequired',
      'BottomRankAdmonitionRequired',
    ]);
    expect(ofType(events, 'PeriodClosed')).toEqual([
      {
        year: 2026,
        policy: defaultEvaluationPolicy,
        categories: [
          { category: 'service-facing', ranked: 5, unscored: 0 },
          { category: 'party-mass', ranked: 1, unscored: 1 },
          { category: 'vertical', ranked: 2, unscored: 0 },
        ],
        at,
      },
    ]);
  });

  it('ranks each category with scores, grades and bottom marks', () => {
    const rankings = ofType(events, 'RankingPublished');
    const summary = (category: DepartmentCategory) =>
      rankings
        .find((ranking) => ranking.category === category)!
        .items.map(({ departmentId, exactScore, grade, rank, bottom }) => [departmentId, exactScore, grade, rank, bottom]);
    expect(summary('service-facing')).toEqual([
      ['sf-a', '92', 'satisfied', 1, false],
      ['sf-b', '88', 'satisfied', 2, false],
      ['sf-c', '86', 'satisfied', 3, true],
      ['sf-d', '75', 'basically-satisfied', 4, true],
      ['sf-e', '60', 'unsatisfied', 5, true],
    ]);
    expect(summary('party-mass')).toEqual([['pm-a', '88', 'satisfied', 1, true]]);
    expect(summary('vertical')).toEqual([
      ['v-a', '60', 'unsatisfied', 1, true],
      ['v-b', '95', 'unsatisfied', 2, true],
    ]);
  });

  it('explains each place: components with weights applied, adjustments, policy version', () => {
    const serviceFacing = ofType(events, 'RankingPublished').find((ranking) => ranking.category === 'service-facing')!;
    expect(serviceFacing).toMatchObject({ year: 2026, policyVersion: 0, bottomCount: 3, unscored: [], at });
    expect(serviceFacing.items[0]).toEqual({
      departmentId: 'sf-a',
      category: 'service-facing',
      score: 92,
      exactScore: '92',
      grade: 'satisfied',
      rank: 1,
      bottom: false,
      weightedScore: 92,
      bonusPoints: 0,
      deductionPoints: 0,
      vetoed: false,
      components: [
        { component: 'ratings', value: 100, weight: 80, appliedWeight: 80, missing: false, ratingCount: 12 },
        { component: 'survey', value: 60, weight: 10, appliedWeight: 10, missing: false },
        { component: 'superior', value: 60, weight: 10, appliedWeight: 10, missing: false },
      ],
      adjustments: [],
    });
    const vertical = ofType(events, 'RankingPublished').find((ranking) => ranking.category === 'vertical')!;
    expect(vertical.items[1]).toMatchObject({
      departmentId: 'v-b',
      rank: 2,
      vetoed: true,
      adjustments: [{ adjustmentId: 'veto-1', kind: 'veto', source: 'leading-group', reason: 'veto veto-1' }],
    });
  });

  it('lists a department without component data apart, unranked', () => {
    const partyMass = ofType(events, 'RankingPublished').find((ranking) => ranking.category === 'party-mass')!;
    expect(partyMass.unscored).toEqual([
      {
        departmentId: 'pm-b',
        category: 'party-mass',
        reason: 'no-component-data',
        vetoed: false,
        components: [
          { component: 'ratings', value: 75, weight: 0, appliedWeight: 0, missing: false, ratingCount: 3 },
          { component: 'survey', value: null, weight: 80, appliedWeight: 0, missing: true },
          { component: 'superior', value: null, weight: 20, appliedWeight: 0, missing: true },
        ],
        adjustments: [],
      },
    ]);
  });

  it('ranks people with at least 10 ratings as part of the close', () => {
    expect(ofType(events, 'PeopleRanked')).toEqual([
      {
        year: 2026,
        departmentId: 'sf-a',
        minimumRatings: 10,
        items: [{ personId: 'p-1', rank: 1, ratingCount: 10, ratingIndex: 100, exactRatingIndex: '100' }],
        unranked: [{ personId: 'p-2', ratingCount: 2 }],
        at,
      },
    ]);
  });

  it('requires admonition of the leader and leadership team for basically-satisfied or worse in the last 3 places', () => {
    expect(ofType(events, 'BottomRankAdmonitionRequired')).toEqual([
      {
        year: 2026,
        departmentId: 'sf-d',
        category: 'service-facing',
        leaderPersonId: 'lead-d',
        subjects: ['leader', 'leadership-team'],
        score: 75,
        exactScore: '75',
        grade: 'basically-satisfied',
        rank: 4,
        rankedInCategory: 5,
        bottomCount: 3,
        policyVersion: 0,
        at,
      },
      expect.objectContaining({ departmentId: 'sf-e', rank: 5, grade: 'unsatisfied' }),
      expect.objectContaining({ departmentId: 'v-a', rank: 1 }),
      expect.objectContaining({ departmentId: 'v-b', leaderPersonId: 'lead-vb', rank: 2, rankedInCategory: 2, grade: 'unsatisfied' }),
    ]);
    // sf-e has no leader registered: the leadership team is still admonished.
    expect(ofType(events, 'BottomRankAdmonitionRequired')[1]).not.toHaveProperty('leaderPersonId');
  });

  it('requires replacing the leader of sf-d (second year, +4.17 %) but not of sf-e (+5.26 %)', () => {
    expect(ofType(events, 'LeaderReplacementRequired')).toEqual([
      {
        year: 2026,
        departmentId: 'sf-d',
        category: 'service-facing',
        leaderPersonId: 'lead-d',
        thisYear: { score: 75, exactScore: '75', grade: 'basically-satisfied', rank: 4 },
        lastYear: { year: 2025, score: 72, exactScore: '72', grade: 'basically-satisfied', rank: 5 },
        increase: { absolute: 3, relative: 1 / 24, threshold: 0.05, basis: 'relative' },
        policyVersion: 0,
        at,
      },
    ]);
  });

  it('requires no replacement without the previous year’s results', () => {
    const { previous: _none, ...withoutPrevious } = close();
    expect(ofType(closed(withoutPrevious), 'LeaderReplacementRequired')).toEqual([]);
  });

  it('refuses to close a closed year, as a conflict', () => {
    const state = events.reduce(evolvePeriod, initialPeriodState);
    expect(decideClosePeriod(close({ at: now }), state)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'conflict', code: 'period-already-closed', field: 'year' }),
    });
  });
});

describe('refusing a close', () => {
  it.each<[string, Partial<ClosePeriod>, string, string]>([
    ['before the local year ended', { at: '2026-12-31T23:59:59+08:00', now: '2027-01-01T08:00:00+08:00' }, 'period-not-ended', 'year'],
    ['before the year ended in the ledger\'s zone (UTC here)', { at: '2027-01-01T07:59:59+08:00', now: '2027-01-01T08:00:00+08:00', calendar: calendarIn('UTC') }, 'period-not-ended', 'year'],
    ['dated after now', { at: '2027-01-20T10:06:00+08:00' }, 'future-business-time', 'at'],
    ['with inputs of another year', { inputs: collectPeriodInputs(2025, evaluationEvents) }, 'inputs-of-another-year', 'inputs.year'],
    ['with inputs of an unlisted department', { departments: departments.filter((department) => department.departmentId !== 'v-a') }, 'unknown-department-in-inputs', 'inputs'],
    ['with a department listed twice', { departments: [...departments, departments[0]!] }, 'duplicate-department', 'departments'],
    ['with previous results not of the year before', { previous: { ...previous, year: 2024 } }, 'previous-not-last-year', 'previous.year'],
  ])('%s', (_case, overrides, code, field) => {
    expect(decideClosePeriod(close(overrides), initialPeriodState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code, field }),
    });
  });

  it('closes at the first instant of the next year (UTC)', () => {
    expect(decideClosePeriod(close({ at: '2027-01-01T08:00:00+08:00' }), initialPeriodState).ok).toBe(true);
  });
});

describe('the person ranked last of a department (SPEC 6)', () => {
  // sf-b: five people of 10 ratings each, four of them at 5 and p-e at 2 (index 25); the department's own index
  // over all 50 ratings is (4 × 10 × 100 + 10 × 25) / 50 = 85, above p-e's: p-e gets a bottom-rank talk.
  const team = (lastLevel: number, people = 5): EvaluationInputEvent[] => [
    ...['p-a', 'p-b', 'p-c', 'p-d'].slice(0, people - 1).flatMap((personId, index) => ratings('sf-b', 10, 5, personId, index * 10)),
    ...ratings('sf-b', 10, lastLevel, 'p-e', 100),
    ...scores('sf-b', 88, 88),
  ];
  const talks = (events: EvaluationInputEvent[]) => ofType(closed(close({ inputs: collectPeriodInputs(2026, events) })), 'PersonBottomRankTalkRequired');

  it('gets a bottom-rank talk when below the department index, with the figures', () => {
    expect(talks(team(2))).toEqual([
      {
        year: 2026, departmentId: 'sf-b', personId: 'p-e', rank: 5, rankedPeople: 5, ratingIndex: 25, exactRatingIndex: '25',
        departmentRatingIndex: 85, exactDepartmentRatingIndex: '85', at,
      },
    ]);
  });

  it('gets none when level with the department, or in a department of fewer than 5 ranked people', () => {
    expect(talks(team(5))).toEqual([]);
    expect(talks(team(2, 4))).toEqual([]);
  });
});
