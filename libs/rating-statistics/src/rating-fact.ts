import type { RatingGivenData } from '@ledger/events';
import { ratingPeriodOf } from './rating-period.ts';

/**
 * One rating as a read-model document, filed under its department and month. Its id is the transaction
 * id (a transaction is rated once), so a redelivered rating writes the same document again.
 */
// A type, not an interface: it must fit a read store's Document (an index signature interfaces lack).
export type RatingFactFields = {
  id: string;
  /** `<departmentId> <YYYY-MM>`: the key statistics are counted by (a space cannot occur in a month). */
  departmentMonth: string;
  departmentId: string;
  /** The local month `YYYY-MM` and year the rating counts in (`ratingPeriodOf`). */
  month: string;
  year: number;
  level: number;
  personId?: string;
};

export const departmentMonthKey = (departmentId: string, month: string): string => `${departmentId} ${month}`;

export function ratingFactOf(rating: RatingGivenData): RatingFactFields {
  const { month, year } = ratingPeriodOf(rating);
  return {
    id: rating.transactionId,
    departmentMonth: departmentMonthKey(rating.departmentId, month),
    departmentId: rating.departmentId,
    month,
    year,
    level: rating.level,
    ...(rating.personId === undefined ? {} : { personId: rating.personId }),
  };
}
