import type { AdjustmentData, AdjustmentRecorded, EventOf, SuperiorEvaluationScored, SurveyScored } from '@ledger/events';
import type { LedgerCalendar } from '@ledger/calendar';
import { adjustmentKinds, adjustmentSourcesByKind, deductionSources } from '@ledger/events';
import type { Decision, DomainError } from '@ledger/decider';
import { accept, refuse } from '@ledger/decider';
import { checkNotFuture } from '@ledger/rules-kit';

/**
 * A department's evaluation inputs for one year (stream `evaluation-<departmentId>-<year>`): the survey
 * score, the superior evaluation score and the adjustments.
 *
 * A second survey (or superior) score for the same department and year is a CORRECTION: it replaces the
 * score in force and its event says so in `replaces` (the earlier score and when it was given). Only the
 * latest counts for the year; both stay in the ledger. Restating the score in force changes nothing and
 * records nothing.
 */
export interface AnnualEvaluationState {
  survey?: ScoreInForce;
  superior?: ScoreInForce;
  adjustmentIds: readonly string[];
  /** Bonus points recorded for the year, all bonuses together (SPEC 6's cap bounds them). */
  bonusPoints: number;
}

/** The year closes the name: department ids may hold `-`, a year never does, so the name stays unambiguous. */
export const annualEvaluationStream = (departmentId: string, year: number): string => `evaluation-${departmentId}-${year}`;

export interface ScoreInForce {
  score: number;
  at: string;
}

export const initialAnnualEvaluationState: AnnualEvaluationState = { adjustmentIds: [], bonusPoints: 0 };

export type AnnualEvaluationEvent =
  | EventOf<typeof SurveyScored>
  | EventOf<typeof SuperiorEvaluationScored>
  | EventOf<typeof AdjustmentRecorded>;

/** Survey score [服务对象评议] or superior evaluation score [上级对口评议] of a department for a year. */
export interface ScoreDepartment {
  departmentId: string;
  year: number;
  score: number;
  at: string;
  now: string;
  /** Looked up by the caller in the registry. */
  departmentIsRegistered: boolean;
  /** Looked up by the caller: whether the rankings service has closed `year` (PeriodClosed). */
  periodIsClosed: boolean;
  /** The ledger's local calendar: the assessment year must have begun by `at` (SPEC "Local time"). */
  calendar: LedgerCalendar;
}

export interface RecordAdjustment {
  adjustmentId: string;
  departmentId: string;
  year: number;
  kind: string;
  source: string;
  /** Required for deductions and bonuses; a veto has none. */
  points?: number;
  reason: string;
  at: string;
  now: string;
  departmentIsRegistered: boolean;
  periodIsClosed: boolean;
  /** The most bonus points of the department and year, from the evaluation policy for the year (SPEC 6). */
  bonusCap: number;
  calendar: LedgerCalendar;
}

export function evolveAnnualEvaluation(state: AnnualEvaluationState, event: AnnualEvaluationEvent): AnnualEvaluationState {
  switch (event.type) {
    case 'SurveyScored':
      return { ...state, survey: { score: event.data.score, at: event.data.at } };
    case 'SuperiorEvaluationScored':
      return { ...state, superior: { score: event.data.score, at: event.data.at } };
    case 'AdjustmentRecorded':
      return {
        ...state,
        adjustmentIds: [...state.adjustmentIds, event.data.adjustmentId],
        bonusPoints: (state.bonusPoints ?? 0) + (event.data.kind === 'bonus' ? event.data.points : 0),
      };
  }
}

export function decideScoreSurvey(
  command: ScoreDepartment,
  state: AnnualEvaluationState,
): Decision<AnnualEvaluationEvent> {
  return decideScore('SurveyScored', state.survey, command);
}

export function decideScoreSuperiorEvaluation(
  command: ScoreDepartment,
  state: AnnualEvaluationState,
): Decision<AnnualEvaluationEvent> {
  return decideScore('SuperiorEvaluationScored', state.superior, command);
}

function decideScore(
  type: 'SurveyScored' | 'SuperiorEvaluationScored',
  inForce: ScoreInForce | undefined,
  command: ScoreDepartment,
): Decision<AnnualEvaluationEvent> {
  if (!Number.isFinite(command.score) || command.score < 0 || command.score > 100) {
    return refuse('rule', 'score-out-of-range', `score must be from 0 to 100, got ${command.score}`, 'score');
  }
  const refused = refuseBadPeriod(command) ?? refuseUnknownDepartment(command) ?? refuseClosedPeriod(command);
  if (refused) return { ok: false, error: refused };
  if (inForce?.score === command.score) return accept();
  const data = {
    departmentId: command.departmentId,
    year: command.year,
    score: command.score,
    at: command.at,
    ...(inForce ? { replaces: { score: inForce.score, at: inForce.at } } : {}),
  };
  return accept({ type, data });
}

export function decideRecordAdjustment(
  command: RecordAdjustment,
  state: AnnualEvaluationState,
): Decision<AnnualEvaluationEvent> {
  const kind = adjustmentKinds.find((known) => known === command.kind);
  if (!kind) return refuse('rule', 'unknown-adjustment-kind', `kind must be one of ${adjustmentKinds.join(', ')}`, 'kind');
  const sources: readonly string[] = adjustmentSourcesByKind[kind];
  if (!sources.includes(command.source)) {
    return refuse('rule', 'source-not-allowed', `a ${kind} must come from ${sources.join(' or ')}, not ${command.source}`, 'source');
  }
  if (kind === 'veto' && command.points !== undefined) {
    return refuse('rule', 'points-not-allowed', 'a veto carries no points: it forces the lowest grade', 'points');
  }
  if (kind !== 'veto') {
    if (command.points === undefined) return refuse('rule', 'points-required', `a ${kind} needs points`, 'points');
    if (!Number.isFinite(command.points) || command.points <= 0 || command.points > 100) {
      return refuse('rule', 'points-out-of-range', `points must be above 0 and at most 100, got ${command.points}`, 'points');
    }
  }
  if (command.reason.trim() === '') return refuse('rule', 'reason-required', 'an adjustment needs a reason', 'reason');
  const refused = refuseBadPeriod(command) ?? refuseUnknownDepartment(command) ?? refuseClosedPeriod(command);
  if (refused) return { ok: false, error: refused };
  if (state.adjustmentIds.includes(command.adjustmentId)) {
    return refuse('conflict', 'adjustment-exists', `adjustment ${command.adjustmentId} is already recorded`, 'adjustmentId');
  }
  // SPEC 6: bonuses of a department and year add up to at most the cap (a hair of tolerance for decimal points).
  if (kind === 'bonus' && (state.bonusPoints ?? 0) + command.points! > command.bonusCap + 1e-9) {
    return refuse(
      'rule',
      'bonus-cap-exceeded',
      `bonuses of department ${command.departmentId} for ${command.year} may add up to at most ${command.bonusCap} points; ${state.bonusPoints ?? 0} are recorded, so ${command.points} more would exceed the cap`,
      'points',
    );
  }
  const base = {
    adjustmentId: command.adjustmentId,
    departmentId: command.departmentId,
    year: command.year,
    reason: command.reason,
    at: command.at,
  };
  const data: AdjustmentData =
    kind === 'veto'
      ? { ...base, kind, source: 'leading-group' }
      : kind === 'bonus'
        ? { ...base, kind, source: 'leading-group', points: command.points! }
        : { ...base, kind, source: deductionSources.find((source) => source === command.source)!, points: command.points! };
  return accept({ type: 'AdjustmentRecorded', data });
}

/** The year must have begun by `at`, and `at` must not be after `now`. */
function refuseBadPeriod(command: { year: number; at: string; now: string; calendar: LedgerCalendar }): DomainError | undefined {
  if (!Number.isInteger(command.year) || command.year < 2000 || command.year > 9999) {
    return { kind: 'rule', code: 'invalid-year', message: `year must be a calendar year, got ${command.year}`, field: 'year' };
  }
  const time = checkNotFuture(command.at, 'at', command.now);
  if (time) return time;
  if (command.year > command.calendar.yearOf(command.at)) {
    return {
      kind: 'rule',
      code: 'year-not-started',
      message: `year ${command.year} had not begun at ${command.at}`,
      field: 'year',
    };
  }
  return undefined;
}

function refuseUnknownDepartment({ departmentId, departmentIsRegistered }: { departmentId: string; departmentIsRegistered: boolean }): DomainError | undefined {
  if (departmentIsRegistered) return undefined;
  return { kind: 'rule', code: 'unknown-department', message: `department ${departmentId} is not registered`, field: 'departmentId' };
}

/**
 * A closed year's ranking is published and never recomputed, so an input for it could change nothing:
 * accepting it would mislead the office into thinking it counted.
 */
function refuseClosedPeriod({ year, periodIsClosed }: { year: number; periodIsClosed: boolean }): DomainError | undefined {
  if (!periodIsClosed) return undefined;
  return { kind: 'conflict', code: 'period-closed', message: `year ${year} is closed: its ranking is published and no input changes it`, field: 'year' };
}

const annualEvaluation = { initialState: initialAnnualEvaluationState, evolve: evolveAnnualEvaluation };
export const surveyDecider = { ...annualEvaluation, decide: decideScoreSurvey };
export const superiorEvaluationDecider = { ...annualEvaluation, decide: decideScoreSuperiorEvaluation };
export const adjustmentDecider = { ...annualEvaluation, decide: decideRecordAdjustment };
