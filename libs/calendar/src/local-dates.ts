import { Temporal } from 'temporal-polyfill';

/** A local calendar date, `YYYY-MM-DD`. */
export type LocalDate = string;
/** A local calendar month, `YYYY-MM`. */
export type LocalMonth = string;

export class InvalidLocalDateError extends RangeError {
  readonly value: unknown;
  constructor(value: unknown, expected: string) {
    super(`not a ${expected}: ${JSON.stringify(value)}`);
    this.name = 'InvalidLocalDateError';
    this.value = value;
  }
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthPattern = /^(\d{4})-(\d{2})$/;

/** A `YYYY-MM-DD` date that exists (no 2026-02-30), as a Temporal date. */
export function parseLocalDate(value: LocalDate): Temporal.PlainDate {
  const match = typeof value === 'string' ? datePattern.exec(value) : null;
  if (!match) throw new InvalidLocalDateError(value, 'date YYYY-MM-DD');
  try {
    return Temporal.PlainDate.from({ year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }, { overflow: 'reject' });
  } catch {
    throw new InvalidLocalDateError(value, 'date YYYY-MM-DD that exists');
  }
}

/** A `YYYY-MM` month, as a Temporal year-month. */
export function parseLocalMonth(value: LocalMonth): Temporal.PlainYearMonth {
  const match = typeof value === 'string' ? monthPattern.exec(value) : null;
  if (!match) throw new InvalidLocalDateError(value, 'month YYYY-MM');
  try {
    return Temporal.PlainYearMonth.from({ year: Number(match[1]), month: Number(match[2]) }, { overflow: 'reject' });
  } catch {
    throw new InvalidLocalDateError(value, 'month YYYY-MM that exists');
  }
}

/** A calendar year of four digits (the form every local date and month of the ledger has). */
export function assertYear(year: number): number {
  if (!Number.isInteger(year) || year < 1 || year > 9999) throw new InvalidLocalDateError(year, 'year from 1 to 9999');
  return year;
}

export const isLocalDate = (value: unknown): value is LocalDate => {
  try {
    parseLocalDate(value as string);
    return true;
  } catch {
    return false;
  }
};

/** A count of days, working days or months: a whole number, at least 0. */
export function assertCount(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number of at least 0, got ${String(value)}`);
  return value;
}
