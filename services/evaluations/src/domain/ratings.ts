import type { EventOf, RatingGivenData, RatingGiven } from '@ledger/events';
import { ratingPlatforms } from '@ledger/events';
import type { Decision } from '@ledger/decider';
import { accept, refuse } from '@ledger/decider';
import type { LedgerCalendar } from '@ledger/calendar';
import type { Person } from '@ledger/registry';
import { checkNotFuture, instantMs } from '@ledger/rules-kit';

/** Rate one service transaction [一次一评]. `now` is the caller's clock, as data. */
export interface GiveRating {
  transactionId: string;
  departmentId: string;
  personId?: string;
  platform: string;
  level: number;
  ratedAt: string;
  now: string;
  /** Looked up by the caller in the registry. */
  departmentIsRegistered: boolean;
  /** Looked up by the caller when `personId` is given: the person as the registry holds them, with their department history. */
  person?: Pick<Person, 'personId' | 'departmentHistory'>;
  /** The ledger's local calendar: the year and month the rating counts in (SPEC "Local time"). */
  calendar: LedgerCalendar;
}

/**
 * The department a person belonged to at `at`, from their department history (SPEC 2: history follows the
 * person). Before the first entry the registry knows of no other department, so the first one answers.
 */
export function departmentAt(person: Pick<Person, 'departmentHistory'>, at: string): string | undefined {
  const moment = instantMs(at);
  let department = person.departmentHistory[0]?.departmentId;
  for (const entry of person.departmentHistory) if (instantMs(entry.from) <= moment) department = entry.departmentId;
  return department;
}

export type RatingEvent = EventOf<typeof RatingGiven>;

export const ratingStream = (transactionId: string): string => `rating-${transactionId}`;

/**
 * One transaction's stream (`rating-<transactionId>`): the app appends with expected version
 * no-stream, so a race between two first ratings also ends in one rating and one conflict.
 */
export interface RatingState {
  rating?: RatingGivenData;
}

export const initialRatingState: RatingState = {};

export function evolveRating(state: RatingState, event: RatingEvent): RatingState {
  switch (event.type) {
    case 'RatingGiven':
      return { ...state, rating: event.data };
  }
}

export function decideGiveRating(command: GiveRating, state: RatingState): Decision<RatingEvent> {
  if (!Number.isInteger(command.level) || command.level < 1 || command.level > 5) {
    return refuse('rule', 'level-out-of-range', `level must be an integer from 1 to 5, got ${command.level}`, 'level');
  }
  if (!(ratingPlatforms as readonly string[]).includes(command.platform)) {
    return refuse('rule', 'unknown-platform', `platform must be one of ${ratingPlatforms.join(', ')}`, 'platform');
  }
  const time = checkNotFuture(command.ratedAt, 'ratedAt', command.now);
  if (time) return refuse(time);
  if (!command.departmentIsRegistered) {
    return refuse('rule', 'unknown-department', `department ${command.departmentId} is not registered`, 'departmentId');
  }
  if (command.personId !== undefined) {
    if (command.person === undefined) return refuse('rule', 'unknown-person', `person ${command.personId} is not registered`, 'personId');
    // SPEC 6: a rating names a person only of the rated department at the time rated.
    const department = departmentAt(command.person, command.ratedAt);
    if (department !== command.departmentId) {
      return refuse(
        'rule',
        'person-not-in-department',
        `person ${command.personId} belonged to department ${department ?? '(none)'} at ${command.ratedAt}, not to the rated department ${command.departmentId}`,
        'personId',
      );
    }
  }
  if (state.rating) {
    return refuse(
      'conflict',
      'transaction-already-rated',
      `transaction ${command.transactionId} was already rated (level ${state.rating.level} at ${state.rating.ratedAt}); one rating per transaction`,
      'transactionId',
    );
  }
  return accept({
    type: 'RatingGiven',
    data: {
      transactionId: command.transactionId,
      departmentId: command.departmentId,
      ...(command.personId === undefined ? {} : { personId: command.personId }),
      platform: command.platform as RatingGivenData['platform'],
      level: command.level,
      ratedAt: command.ratedAt,
      year: command.calendar.yearOf(command.ratedAt),
      month: command.calendar.monthOf(command.ratedAt),
    },
  });
}

export const ratingDecider = { initialState: initialRatingState, evolve: evolveRating, decide: decideGiveRating };
