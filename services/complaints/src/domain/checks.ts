import { checkNotFuture, instantMs } from '@ledger/rules-kit';
import type { DomainError } from '@ledger/decider';
import { rule } from './errors.ts';
import type { ComplaintState } from './state.ts';

/** Shared input rules of the complaint decider; each returns the first error, or undefined. */

/**
 * The `at` of a step on an existing complaint: not in the future, not before the complaint was
 * received, and not before the previous step, so that the record reads in the order things happened.
 */
export function checkStepTime(at: string, now: string, state: ComplaintState): DomainError | undefined {
  const future = checkNotFuture(at, 'at', now);
  if (future) return future;
  if (instantMs(at) < instantMs(state.receivedAt)) {
    return rule('before-received', `at (${at}) is before the complaint was received (${state.receivedAt}).`, 'at');
  }
  if (instantMs(at) < instantMs(state.lastStepAt)) {
    return rule(
      'before-previous-step',
      `at (${at}) is before the complaint's previous step (${state.lastStepAt}); steps are recorded in the order they happened.`,
      'at',
    );
  }
  return undefined;
}

export function checkText(value: string, field: string, maxLength: number): DomainError | undefined {
  if (value.trim().length === 0) return rule('blank-field', `${field} must not be empty.`, field);
  if (value.length > maxLength) return rule('field-too-long', `${field} must be at most ${maxLength} characters.`, field);
  return undefined;
}

export function checkHandlingDays(days: number): DomainError | undefined {
  if (Number.isInteger(days) && days >= 1) return undefined;
  return rule('invalid-handling-days', `handlingDays must be a whole number of calendar days, at least 1 (got ${days}).`, 'handlingDays');
}

export function checkSatisfaction(satisfaction: number | undefined): DomainError | undefined {
  if (satisfaction === undefined || (Number.isInteger(satisfaction) && satisfaction >= 1 && satisfaction <= 5)) return undefined;
  return rule('invalid-satisfaction', `satisfaction must be a whole number from 1 to 5 (got ${satisfaction}).`, 'satisfaction');
}

export function checkDepartments(departments: readonly string[]): DomainError | undefined {
  if (departments.some((department) => department.trim().length === 0)) {
    return rule('blank-field', 'departmentsAtFault must not contain an empty department id.', 'departmentsAtFault');
  }
  const duplicate = departments.find((department, index) => departments.indexOf(department) !== index);
  if (duplicate === undefined) return undefined;
  return rule('duplicate-department', `departmentsAtFault names ${duplicate} more than once.`, 'departmentsAtFault');
}
