import { isApologyInForce, type ApologyRecord, type DepartmentAccountabilityState } from './state.ts';
import { countsForDepartment } from './count-fault.ts';
import type { LedgerCalendar } from '@ledger/calendar';

/** Valid at-fault complaints counted per local calendar year of receipt (SPEC "Local time"). */
export function faultCountsByYear(state: DepartmentAccountabilityState, calendar: LedgerCalendar): Record<string, number> {
  const counts: Record<string, number> = {};
  if (state.departmentId === undefined) return counts;
  for (const fact of state.faults.values()) {
    if (!countsForDepartment(fact, state.departmentId)) continue;
    const year = String(calendar.yearOf(fact.receivedAt));
    counts[year] = (counts[year] ?? 0) + 1;
  }
  return counts;
}

export const apologiesInForce = (state: DepartmentAccountabilityState): ApologyRecord[] => state.apologies.filter(isApologyInForce);
