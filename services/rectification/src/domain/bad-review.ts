import { type Decider, type DomainError, accept, refuse } from '@ledger/decider';
import type { BadReviewEvent, BadReviewOpenedData } from '@ledger/events';
import { checkInstant, checkNotFuture, instantMs } from '@ledger/rules-kit';
import { defaultRectificationDeadlinePolicy } from './deadline-policy.ts';

// SPEC 11: a bad-review case [差评核实整改] as its own aggregate (stream `bad-review-<id>`).

export const badReviewStatuses = ['open', 'justified', 'unjustified', 'rectified', 'called-back'] as const;
export type BadReviewStatus = (typeof badReviewStatuses)[number];
export type Verifier = 'department-liaison' | 'evaluation-office';

export interface BadReviewState {
  badReviewId: string;
  departmentId: string;
  personId?: string;
  transactionId: string;
  level: number;
  ratedAt: string;
  verifyBy: string;
  /** Working days to verify, from the policy in force at the rating (SPEC 11's 5 for cases opened before it was policy). */
  verificationWorkingDays: number;
  /** The deadline policy version in force at the rating (1 for cases opened before deadlines were policy). */
  policyVersion: number;
  status: BadReviewStatus;
  verifiedBy?: Verifier;
  justified?: boolean;
  verifiedOnTime?: boolean;
  rectificationId?: string;
  overdue: boolean;
  callback?: string;
}

export type BadReviewCommand =
  | ({ type: 'Open' } & BadReviewOpenedData)
  | {
      type: 'Verify';
      by: Verifier;
      justified: boolean;
      note: string;
      at: string;
      now: string;
      /** The item a justified verdict opens, and its deadline (the policy's working days after `at`), worked out by the caller. */
      rectificationId: string;
      rectifyBy: string;
      /** The deadline policy version that set `rectifyBy`. */
      policyVersion: number;
    }
  | {
      /**
       * A working-day calendar was recorded after the case opened: `verifyBy` is the deadline the caller re-derived
       * from the rating, the case's working days and the calendars now in force.
       */
      type: 'MoveDeadline';
      verifyBy: string;
      yearsWithoutCalendar: number[];
      calendarYear: number;
      calendarVersion: number;
      at: string;
    }
  | { type: 'MarkRectified'; rectificationId: string; at: string }
  | { type: 'CallBack'; result: 'satisfied' | 'unsatisfied' | 'unreachable'; note?: string; at: string; now: string }
  | { type: 'MarkOverdue'; now: string };

const timeProblem = (at: string, now: string): DomainError | undefined => checkInstant(at, 'at') ?? checkNotFuture(at, 'at', now);

function decide(command: BadReviewCommand, state: BadReviewState | undefined) {
  if (command.type === 'Open') {
    if (state) return refuse('already-exists', 'bad-review-exists', `bad-review case ${command.badReviewId} is already open`);
    if (command.level > 2) return refuse('rule', 'not-a-bad-review', 'only a rating of level 1 or 2 opens a bad-review case', 'level');
    const { type: _type, ...data } = command;
    return accept<BadReviewEvent>({ type: 'BadReviewOpened', data });
  }
  if (!state) return refuse('not-found', 'bad-review-not-found', 'no such bad-review case');
  const { badReviewId, departmentId } = state;
  switch (command.type) {
    case 'Verify': {
      const problem = timeProblem(command.at, command.now);
      if (problem) return refuse(problem);
      if (instantMs(command.at) < instantMs(state.ratedAt)) return refuse('rule', 'verified-before-rating', 'a case is verified after its rating', 'at');
      // The liaison verifies once; the evaluation office may verify first or overrule the liaison, once (SPEC 11).
      if (state.verifiedBy === 'evaluation-office' || (state.verifiedBy === 'department-liaison' && command.by === 'department-liaison')) {
        return refuse('conflict', 'bad-review-already-verified', `the case was verified by the ${state.verifiedBy} already`);
      }
      const opensItem = command.justified && state.rectificationId === undefined;
      return accept<BadReviewEvent>({
        type: 'BadReviewVerified',
        data: {
          badReviewId,
          departmentId,
          justified: command.justified,
          note: command.note,
          by: command.by,
          overrules: state.verifiedBy !== undefined,
          onTime: instantMs(command.at) <= instantMs(state.verifyBy),
          ...(opensItem ? { rectificationId: command.rectificationId, rectifyBy: command.rectifyBy, policyVersion: command.policyVersion } : {}),
          at: command.at,
        },
      });
    }
    case 'MarkRectified':
      if (state.rectificationId !== command.rectificationId || state.status === 'rectified' || state.status === 'called-back') return accept<BadReviewEvent>();
      return accept<BadReviewEvent>({ type: 'BadReviewRectified', data: { badReviewId, rectificationId: command.rectificationId, at: command.at } });
    case 'CallBack': {
      const problem = timeProblem(command.at, command.now);
      if (problem) return refuse(problem);
      if (state.status === 'called-back') return refuse('conflict', 'bad-review-already-called-back', 'the rater was called back already');
      if (state.status !== 'rectified') {
        return refuse('conflict', 'bad-review-not-rectified', 'the rater is called back once the rectification item is completed (SPEC 11)');
      }
      return accept<BadReviewEvent>({
        type: 'BadReviewCalledBack',
        data: { badReviewId, result: command.result, ...(command.note ? { note: command.note } : {}), at: command.at },
      });
    }
    case 'MoveDeadline':
      // Only a deadline still running moves: a verified case was judged against the deadline it had, and a case
      // already marked overdue missed a deadline that was then in force (its overdue event stays, as history).
      if (state.verifiedBy !== undefined || state.overdue || instantMs(command.verifyBy) === instantMs(state.verifyBy)) return accept<BadReviewEvent>();
      return accept<BadReviewEvent>({
        type: 'BadReviewDeadlineMoved',
        data: {
          badReviewId,
          departmentId,
          previousVerifyBy: state.verifyBy,
          verifyBy: command.verifyBy,
          calendarYear: command.calendarYear,
          calendarVersion: command.calendarVersion,
          yearsWithoutCalendar: command.yearsWithoutCalendar,
          at: command.at,
        },
      });
    case 'MarkOverdue':
      if (state.overdue || state.verifiedBy !== undefined || instantMs(command.now) <= instantMs(state.verifyBy)) return accept<BadReviewEvent>();
      return accept<BadReviewEvent>({ type: 'BadReviewOverdue', data: { badReviewId, departmentId, verifyBy: state.verifyBy, at: command.now } });
  }
}

function evolve(state: BadReviewState | undefined, event: BadReviewEvent): BadReviewState | undefined {
  if (event.type === 'BadReviewOpened') {
    const { badReviewId, departmentId, personId, transactionId, level, ratedAt, verifyBy, verificationWorkingDays, policyVersion } = event.data;
    return {
      badReviewId,
      departmentId,
      ...(personId ? { personId } : {}),
      transactionId,
      level,
      ratedAt,
      verifyBy,
      verificationWorkingDays: verificationWorkingDays ?? defaultRectificationDeadlinePolicy.badReviewVerificationWorkingDays,
      policyVersion: policyVersion ?? defaultRectificationDeadlinePolicy.version,
      status: 'open',
      overdue: false,
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'BadReviewVerified': {
      const rectificationId = event.data.rectificationId ?? state.rectificationId;
      return {
        ...state,
        status: state.status === 'rectified' ? 'rectified' : event.data.justified ? 'justified' : 'unjustified',
        verifiedBy: event.data.by,
        justified: event.data.justified,
        // The first verdict decides whether the case was verified on time.
        verifiedOnTime: state.verifiedOnTime ?? event.data.onTime,
        ...(rectificationId ? { rectificationId } : {}),
      };
    }
    case 'BadReviewRectified':
      return { ...state, status: 'rectified' };
    case 'BadReviewCalledBack':
      return { ...state, status: 'called-back', callback: event.data.result };
    case 'BadReviewOverdue':
      return { ...state, overdue: true };
    case 'BadReviewDeadlineMoved':
      return { ...state, verifyBy: event.data.verifyBy };
    default:
      return state;
  }
}

export const badReviewDecider: Decider<BadReviewCommand, BadReviewState | undefined, BadReviewEvent> = { initialState: undefined, evolve, decide };
