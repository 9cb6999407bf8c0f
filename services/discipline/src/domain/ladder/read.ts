import type { LedgerCalendar } from '@ledger/calendar';
import { instantMs } from '@ledger/rules-kit';
import { isInForce, type LadderState, type SanctionRecord } from './state.ts';
import { countsOnLadder } from './support.ts';

/**
 * What the person history shows, derived from the ladder state (SPEC 7, API.md person history). Every year
 * and month is local: the ledger's calendar (SPEC "Local time").
 */

export type RatingCap = 'not-excellent' | 'incompetent';

const validComplaints = (state: LadderState) => [...state.complaints.values()].filter(countsOnLadder);

/** Valid complaints per local calendar year of receipt, e.g. `{ "2026": 2 }`; years without any are absent. */
export function validCountsByYear(state: LadderState, calendar: LedgerCalendar): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const complaint of validComplaints(state)) {
    const year = String(calendar.yearOf(complaint.receivedAt));
    counts[year] = (counts[year] ?? 0) + 1;
  }
  return counts;
}

/**
 * Valid complaints received within `months` (default 24) months up to and including `at`, by local dates,
 * both ends included (SPEC 4.8).
 */
export function validCountInLastMonths(state: LadderState, at: string, calendar: LedgerCalendar, months = 24): number {
  const end = instantMs(at);
  return validComplaints(state).filter((complaint) => instantMs(complaint.receivedAt) <= end && calendar.withinMonths(complaint.receivedAt, at, months, 'inclusive')).length;
}

export const sanctionsInForce = (state: LadderState): SanctionRecord[] => state.sanctions.filter(isInForce);

/**
 * The step the person stands on at `at` (SPEC 4.1): 5 while a dismissal is in force; otherwise the highest
 * step in force in the latest local calendar year (up to the year of `at`) that holds one of their valid
 * complaints or a step in force, 0 without any. Steps restart each year, so a new year's first valid
 * complaint brings the person back to step 1; until then last year's step is the latest one.
 */
export function currentStep(state: LadderState, at: string, calendar: LedgerCalendar): number {
  const inForce = sanctionsInForce(state);
  if (inForce.some((sanction) => sanction.step === 5)) return 5;
  const readYear = calendar.yearOf(at);
  const years = [
    ...validComplaints(state).map((complaint) => calendar.yearOf(complaint.receivedAt)),
    ...inForce.flatMap((sanction) => (sanction.year === undefined ? [] : [sanction.year])),
  ].filter((year) => year <= readYear);
  if (years.length === 0) return 0;
  const latest = Math.max(...years);
  return Math.max(0, ...inForce.filter((sanction) => sanction.year === latest).map((sanction) => sanction.step));
}
/** The annual rating cap per year with a step in force: step 1 rules out "excellent", step 2 and up mean "incompetent". */
export function ratingCaps(state: LadderState): Record<string, RatingCap> {
  const highest = new Map<number, number>();
  for (const sanction of sanctionsInForce(state)) {
    if (sanction.year === undefined) continue;
    highest.set(sanction.year, Math.max(highest.get(sanction.year) ?? 0, sanction.step));
  }
  const caps: Record<string, RatingCap> = {};
  for (const [year, step] of [...highest].toSorted(([a], [b]) => a - b)) caps[String(year)] = step >= 2 ? 'incompetent' : 'not-excellent';
  return caps;
}
