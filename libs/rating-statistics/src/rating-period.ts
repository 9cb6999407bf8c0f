import { type LedgerCalendar, calendarIn, defaultLedgerTimeZone } from '@ledger/calendar';
import type { RatingGivenData } from '@ledger/events';

/**
 * The local year and month a rating counts in (SPEC "Local time", 6: "ratings count in the year of
 * `ratedAt`"), as the evaluations service decided them with the ledger's calendar and recorded them on the
 * rating, so that every read model and a replay count it the same way whatever zone a later process runs in.
 */
export interface RatingPeriod {
  year: number;
  /** `YYYY-MM`. */
  month: string;
}

/**
 * Ratings recorded before the event carried its period were decided when the ledger's zone was its default
 * (the zone setting came with the same change); they are counted in that zone.
 */
const recordedBeforePeriods: LedgerCalendar = calendarIn(defaultLedgerTimeZone);

/** The period a rating counts in: the one it records, else its `ratedAt` in the default zone. */
export function ratingPeriodOf(rating: Pick<RatingGivenData, 'ratedAt' | 'year' | 'month'>): RatingPeriod {
  if (rating.year !== undefined && rating.month !== undefined) return { year: rating.year, month: rating.month };
  return ratingPeriodIn(recordedBeforePeriods, rating.ratedAt);
}

/** The period of `ratedAt` in a calendar: what a new rating records. */
export function ratingPeriodIn(calendar: LedgerCalendar, ratedAt: string): RatingPeriod {
  return { year: calendar.yearOf(ratedAt), month: calendar.monthOf(ratedAt) };
}
