import type { LedgerCalendar } from '@ledger/calendar';
import type {
  BottomRankAdmonitionRequired,
  DepartmentCategory,
  EvaluationPolicy,
  EventOf,
  LeaderReplacementRequired,
  PeopleRanked,
  PeopleRankedData,
  PersonBottomRankTalkRequired,
  PeriodClosed,
  RankingItem,
  RankingPublished,
  UnscoredItem,
} from '@ledger/events';
import { departmentCategories } from '@ledger/events';
import type { PreviousResults } from './accountability.ts';
import { isBottomRankAccountable, leaderReplacementIncrease } from './accountability.ts';
import type { Decision, DomainError } from '@ledger/decider';
import { refuse } from '@ledger/decider';
import { checkNotFuture, instantMs } from '@ledger/rules-kit';
import { compare, parseFraction, ratio, toFraction, toNumber } from './exact.ts';
import { type LevelCounts, ratingIndexFraction } from '@ledger/rating-statistics';
import type { PeriodInputs } from './inputs.ts';
import { byId } from './inputs.ts';
import { rankPeople } from './people.ts';
import type { RankedDepartment } from './ranking.ts';
import { rankCategory } from './ranking.ts';
import type { ScoredDepartment, UnscoredDepartment } from './scoring.ts';
import { scoreDepartment } from './scoring.ts';

/** A department as the registry knows it at the close. */
export interface DepartmentOfPeriod {
  departmentId: string;
  category: DepartmentCategory;
  leaderPersonId?: string;
}

/**
 * Close an assessment year (stream `period-<year>`). Everything the close decides comes out in one
 * append: PeriodClosed (with the policy snapshot), a RankingPublished per category (all three, even
 * empty), a PeopleRanked per department with rated people (people are ranked AS PART OF the close, on
 * the same cut-off of inputs), then per category in rank order each BottomRankAdmonitionRequired and
 * LeaderReplacementRequired. A replacement comes with that year's admonition, which still applies.
 */
export interface ClosePeriod {
  year: number;
  departments: readonly DepartmentOfPeriod[];
  inputs: PeriodInputs;
  /** The previous year's published results, when that year was closed. */
  previous?: PreviousResults;
  /** The policy in force for the year (see policyForYear). */
  policy: EvaluationPolicy;
  at: string;
  now: string;
  /** The ledger's local calendar: the year has ended at the end of its last local day (SPEC "Local time"). */
  calendar: LedgerCalendar;
}

export interface PeriodState {
  closedAt?: string;
}

export const initialPeriodState: PeriodState = {};

export type PeriodEvent =
  | EventOf<typeof PeriodClosed>
  | EventOf<typeof RankingPublished>
  | EventOf<typeof PeopleRanked>
  | EventOf<typeof PersonBottomRankTalkRequired>
  | EventOf<typeof BottomRankAdmonitionRequired>
  | EventOf<typeof LeaderReplacementRequired>;

export function evolvePeriod(state: PeriodState, event: PeriodEvent): PeriodState {
  return event.type === 'PeriodClosed' ? { closedAt: event.data.at } : state;
}

export function decideClosePeriod(command: ClosePeriod, state: PeriodState): Decision<PeriodEvent> {
  const { year, at, now, policy } = command;
  if (!Number.isInteger(year) || year < 2000 || year > 9999) return refuse('rule', 'invalid-year', `year must be a calendar year, got ${year}`, 'year');
  const time = checkNotFuture(at, 'at', now);
  if (time) return refuse(time);
  if (state.closedAt !== undefined) {
    return refuse('conflict', 'period-already-closed', `year ${year} was closed at ${state.closedAt}; a closed year stays as published`, 'year');
  }
  const yearEnd = command.calendar.yearPeriod(year).end;
  if (instantMs(at) < instantMs(yearEnd)) {
    return refuse('rule', 'period-not-ended', `year ${year} has not ended at ${at} (it ends at ${command.calendar.format(yearEnd)}); ratings may still count in it`, 'year');
  }
  const refused = refuseInconsistentInputs(command);
  if (refused) return refused;

  const inputsOf = new Map(command.inputs.departments.map((inputs) => [inputs.departmentId, inputs]));
  const leaderOf = new Map(command.departments.map((department) => [department.departmentId, department.leaderPersonId]));
  const rankings = departmentCategories.map((category) => {
    const scores = command.departments
      .filter((department) => department.category === category)
      .map((department) => scoreDepartment(department, inputsOf.get(department.departmentId), policy));
    const scored = scores.filter((score): score is ScoredDepartment => score.scored);
    const unscored = scores
      .filter((score): score is UnscoredDepartment => !score.scored)
      .toSorted((a, b) => byId(a.departmentId, b.departmentId));
    return { category, ranked: rankCategory(scored, policy.bottomCount), unscored };
  });

  const events: PeriodEvent[] = [
    {
      type: 'PeriodClosed',
      data: {
        year,
        policy,
        categories: rankings.map(({ category, ranked, unscored }) => ({ category, ranked: ranked.length, unscored: unscored.length })),
        at,
      },
    },
  ];
  for (const { category, ranked, unscored } of rankings) {
    events.push({
      type: 'RankingPublished',
      data: {
        year,
        category,
        policyVersion: policy.version,
        bottomCount: policy.bottomCount,
        items: ranked.map(rankingItem),
        unscored: unscored.map(unscoredItem),
        at,
      },
    });
  }
  for (const departmentId of [...new Set(command.inputs.people.map((person) => person.departmentId))].toSorted(byId)) {
    const people = command.inputs.people.filter((person) => person.departmentId === departmentId);
    const { items, unranked } = rankPeople(people, policy.minimumRatingsForPeopleRanking);
    if (items.length + unranked.length === 0) continue;
    events.push({
      type: 'PeopleRanked',
      data: { year, departmentId, minimumRatings: policy.minimumRatingsForPeopleRanking, items, unranked, at },
    });
    const talk = lastPersonTalk(year, departmentId, items, inputsOf.get(departmentId)?.ratings, at);
    if (talk) events.push(talk);
  }
  const previousOf = new Map((command.previous?.items ?? []).map((item) => [item.departmentId, item]));
  for (const { category, ranked } of rankings) {
    for (const department of ranked.filter(isBottomRankAccountable)) {
      const leader = leaderOf.get(department.departmentId);
      const leaderField = leader === undefined ? {} : { leaderPersonId: leader };
      events.push({
        type: 'BottomRankAdmonitionRequired',
        data: {
          year,
          departmentId: department.departmentId,
          category,
          ...leaderField,
          subjects: ['leader', 'leadership-team'],
          ...placing(department),
          rankedInCategory: ranked.length,
          bottomCount: policy.bottomCount,
          policyVersion: policy.version,
          at,
        },
      });
      const lastYear = previousOf.get(department.departmentId);
      const increase = leaderReplacementIncrease(department, lastYear, policy.leaderReplacementIncreaseThreshold);
      if (!increase || !lastYear) continue;
      events.push({
        type: 'LeaderReplacementRequired',
        data: {
          year,
          departmentId: department.departmentId,
          category,
          ...leaderField,
          thisYear: placing(department),
          lastYear: {
            year: year - 1,
            score: lastYear.score,
            exactScore: lastYear.exactScore,
            grade: lastYear.grade,
            rank: lastYear.rank,
          },
          increase,
          policyVersion: policy.version,
          at,
        },
      });
    }
  }
  return { ok: true, events };
}

export const periodDecider = { initialState: initialPeriodState, evolve: evolvePeriod, decide: decideClosePeriod };

function refuseInconsistentInputs(command: ClosePeriod): { ok: false; error: DomainError } | undefined {
  const known = new Set<string>();
  for (const department of command.departments) {
    if (known.has(department.departmentId)) {
      return refuse('rule', 'duplicate-department', `department ${department.departmentId} is listed twice`, 'departments');
    }
    known.add(department.departmentId);
  }
  if (command.inputs.year !== command.year) {
    return refuse('rule', 'inputs-of-another-year', `inputs are of year ${command.inputs.year}, not ${command.year}`, 'inputs.year');
  }
  const stranger =
    command.inputs.departments.find((inputs) => !known.has(inputs.departmentId))?.departmentId ??
    command.inputs.people.find((person) => !known.has(person.departmentId))?.departmentId;
  if (stranger !== undefined) {
    return refuse('rule', 'unknown-department-in-inputs', `inputs name department ${stranger}, which is not among the departments`, 'inputs');
  }
  if (command.previous && command.previous.year !== command.year - 1) {
    return refuse('rule', 'previous-not-last-year', `previous results are of year ${command.previous.year}, not ${command.year - 1}`, 'previous.year');
  }
  return undefined;
}

function placing(department: RankedDepartment) {
  return { score: toNumber(department.score), exactScore: toFraction(department.score), grade: department.grade, rank: department.rank };
}

function rankingItem(department: RankedDepartment): RankingItem {
  return {
    departmentId: department.departmentId,
    category: department.category,
    ...placing(department),
    bottom: department.bottom,
    weightedScore: toNumber(department.weightedScore),
    bonusPoints: toNumber(department.bonusPoints),
    deductionPoints: toNumber(department.deductionPoints),
    vetoed: department.vetoed,
    components: department.components,
    adjustments: department.adjustments,
  };
}

function unscoredItem(department: UnscoredDepartment): UnscoredItem {
  return {
    departmentId: department.departmentId,
    category: department.category,
    reason: department.reason,
    vetoed: department.vetoed,
    components: department.components,
    adjustments: department.adjustments,
  };
}

/** SPEC 6: a department of at least this many ranked people has its last person talked to (when below the department). */
export const minimumRankedPeopleForTalk = 5;

/**
 * The person ranked last in a department of at least 5 ranked people gets a bottom-rank talk when their exact
 * rating index is below the department's own rating index for the year (all its ratings, people named or not).
 */
function lastPersonTalk(
  year: number,
  departmentId: string,
  items: PeopleRankedData['items'],
  departmentRatings: LevelCounts | undefined,
  at: string,
): EventOf<typeof PersonBottomRankTalkRequired> | undefined {
  const last = items.at(-1);
  const fraction = departmentRatings ? ratingIndexFraction(departmentRatings) : null;
  if (!last || items.length < minimumRankedPeopleForTalk || fraction === null) return undefined;
  const departmentIndex = ratio(fraction.numerator, fraction.denominator);
  if (compare(parseFraction(last.exactRatingIndex), departmentIndex) >= 0) return undefined;
  return {
    type: 'PersonBottomRankTalkRequired',
    data: {
      year,
      departmentId,
      personId: last.personId,
      rank: last.rank,
      rankedPeople: items.length,
      ratingIndex: last.ratingIndex,
      exactRatingIndex: last.exactRatingIndex,
      departmentRatingIndex: toNumber(departmentIndex),
      exactDepartmentRatingIndex: toFraction(departmentIndex),
      at,
    },
  };
}
