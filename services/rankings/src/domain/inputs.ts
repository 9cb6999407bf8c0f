import type { AdjustmentData, AdjustmentRecorded, EventOf, RatingGiven, SuperiorEvaluationScored, SurveyScored } from '@ledger/events';
import { emptyLevelCounts, type LevelCounts, ratingPeriodOf } from '@ledger/rating-statistics';

/** What the evaluations service recorded for one department and year: the inputs of its score. */
export interface DepartmentInputs {
  departmentId: string;
  /** Ratings whose `ratedAt` falls in the year (UTC), counted by level. */
  ratings: LevelCounts;
  /** The survey score in force (the latest correction), when there is one. */
  survey?: number;
  superior?: number;
  adjustments: readonly AdjustmentData[];
}

/** A person's ratings in the year, in the department named on the ratings (the one that served). */
export interface PersonRatings {
  personId: string;
  departmentId: string;
  ratings: LevelCounts;
}

export interface PeriodInputs {
  year: number;
  departments: readonly DepartmentInputs[];
  people: readonly PersonRatings[];
}

export type EvaluationInputEvent =
  | EventOf<typeof RatingGiven>
  | EventOf<typeof SurveyScored>
  | EventOf<typeof SuperiorEvaluationScored>
  | EventOf<typeof AdjustmentRecorded>;

/** Folds evaluation events, in ledger order, into the inputs of one year; events of other years are skipped. */
export function collectPeriodInputs(year: number, events: Iterable<EvaluationInputEvent>): PeriodInputs {
  const departments = new Map<string, DepartmentInputs>();
  const people = new Map<string, PersonRatings>();
  const departmentInputs = (departmentId: string): DepartmentInputs => {
    let inputs = departments.get(departmentId);
    if (!inputs) {
      inputs = { departmentId, ratings: emptyLevelCounts(), adjustments: [] };
      departments.set(departmentId, inputs);
    }
    return inputs;
  };
  for (const event of events) {
    switch (event.type) {
      case 'RatingGiven': {
        const { departmentId, personId, level } = event.data;
        if (ratingPeriodOf(event.data).year !== year) break;
        const key = levelKey(level);
        const inputs = departmentInputs(departmentId);
        departments.set(departmentId, { ...inputs, ratings: { ...inputs.ratings, [key]: inputs.ratings[key] + 1 } });
        if (personId !== undefined) {
          // JSON keeps the pair unambiguous whatever characters the ids contain.
          const personKey = JSON.stringify([departmentId, personId]);
          const person = people.get(personKey) ?? { personId, departmentId, ratings: emptyLevelCounts() };
          people.set(personKey, { ...person, ratings: { ...person.ratings, [key]: person.ratings[key] + 1 } });
        }
        break;
      }
      case 'SurveyScored':
        if (event.data.year === year) departments.set(event.data.departmentId, { ...departmentInputs(event.data.departmentId), survey: event.data.score });
        break;
      case 'SuperiorEvaluationScored':
        if (event.data.year === year) departments.set(event.data.departmentId, { ...departmentInputs(event.data.departmentId), superior: event.data.score });
        break;
      case 'AdjustmentRecorded': {
        if (event.data.year !== year) break;
        const inputs = departmentInputs(event.data.departmentId);
        departments.set(event.data.departmentId, { ...inputs, adjustments: [...inputs.adjustments, event.data] });
        break;
      }
    }
  }
  return {
    year,
    departments: [...departments.values()].toSorted((a, b) => byId(a.departmentId, b.departmentId)),
    people: [...people.values()].toSorted((a, b) => byId(a.departmentId, b.departmentId) || byId(a.personId, b.personId)),
  };
}

function levelKey(level: number): keyof LevelCounts {
  return String(level) as keyof LevelCounts;
}

/** Plain code-unit order: the same everywhere, unlike locale collation. */
export function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
