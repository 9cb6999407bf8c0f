import { rule, type ComplaintError } from './errors.ts';
import type { ComplaintState } from './state.ts';
import { isAfter, isBefore, isInstant } from './time.ts';

/** Shared input rules of the complaint decider; each returns the first error, or undefined. */

export function checkInstant(value: string, field: string): ComplaintError | undefined {
  if (isInstant(value)) return undefined;
  return rule('invalid-instant', `${field} must be an ISO 8601 date and time with offset, e.g. 2026-03-01T09:30:00+08:00.`, field);
}

/** A business time may be in the past, never after the caller's clock. */
export function checkNotFuture(value: string, field: string, now: string): ComplaintError | undefined {
  const invalid = checkInstant(now, 'now') ?? checkInstant(value, field);
  if (invalid) return invalid;
  if (!isAfter(value, now)) return undefined;
  return rule('future-business-time', `${field} (${value}) is in the future; record what has already happened.`, field);
}

/**
 * The `at` of a step on an existing complaint: not in the future, not before the complaint was
 * received, and not before the previous step, so that the record reads in the order things happened.
 */
export function checkStepTime(at: string, now: string, state: ComplaintState): ComplaintError | undefined {
  const future = checkNotFuture(at, 'at', now);
  if (future) return future;
  if (isBefore(at, state.receivedAt)) {
    return rule('before-received', `at (${at}) is before the complaint was received (${state.receivedAt}).`, 'at');
  }
  if (isBefore(at, state.lastStepAt)) {
    return rule(
      'before-previous-step',
      `at (${at}) is before the complaint's previous step (${state.lastStepAt}); steps are recorded in the order they happened.`,
      'at',
    );
  }
  return undefined;
}

export function checkText(value: string, field: string, maxLength: number): ComplaintError | undefined {
  if (value.trim().length === 0) return rule('blank-field', `${field} must not be empty.`, field);
  if (value.length > maxLength) return rule('field-too-long', `${field} must be at most ${maxLength} characters.`, field);
  return undefined;
}

export function checkHandlingDays(days: number): ComplaintError | undefined {
  if (Number.isInteger(days) && days >= 1) return undefined;
  return rule('invalid-handling-days', `handlingDays must be a whole number of calendar days, at least 1 (got ${days}).`, 'handlingDays');
}

export function checkSatisfaction(satisfaction: number | undefined): ComplaintError | undefined {
  if (satisfaction === undefined || (Number.isInteger(satisfaction) && satisfaction >= 1 && satisfaction <= 5)) return undefined;
  return rule('invalid-satisfaction', `satisfaction must be a whole number from 1 to 5 (got ${satisfaction}).`, 'satisfaction');
}

export function checkDepartments(departments: readonly string[]): ComplaintError | undefined {
  if (departments.some((department) => department.trim().length === 0)) {
    return rule('blank-field', 'departmentsAtFault must not contain an empty department id.', 'departmentsAtFault');
  }
  const duplicate = departments.find((department, index) => departments.indexOf(department) !== index);
  if (duplicate === undefined) return undefined;
  return rule('duplicate-department', `departmentsAtFault names ${duplicate} more than once.`, 'departmentsAtFault');
}
