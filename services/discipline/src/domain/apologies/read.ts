import { isApologyInForce, type ApologyRecord, type DepartmentAccountabilityState } from './state.ts';
import { countsForDepartment } from './count-fault.ts';
import { utcYear } from '../time.ts';

/** Valid at-fault complaints counted per calendar year (UTC) of receipt. */
export function faultCountsByYear(state: DepartmentAccountabilityState): Record<string, number> {
  const counts: Record<string, number> = {};
  if (state.departmentId === undefined) return counts;
  for (const fact of state.faults.values()) {
    if (!countsForDepartment(fact, state.departmentId)) continue;
    const year = String(utcYear(fact.receivedAt));
    counts[year] = (counts[year] ?? 0) + 1;
  }
  return counts;
}

export const apologiesInForce = (state: DepartmentAccountabilityState): ApologyRecord[] => state.apologies.filter(isApologyInForce);
