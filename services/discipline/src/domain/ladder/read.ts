import { instantMs } from '@ledger/rules-kit';
import { addUtcMonths, utcYear } from '../time.ts';
import { isInForce, type LadderState, type SanctionRecord } from './state.ts';
import { countsOnLadder } from './support.ts';

/** What the person history shows, derived from the ladder state (SPEC 7, API.md person history). */

export type RatingCap = 'not-excellent' | 'incompetent';

const validComplaints = (state: LadderState) => [...state.complaints.values()].filter(countsOnLadder);

/** Valid complaints per calendar year (UTC) of receipt, e.g. `{ "2026": 2 }`; years without any are absent. */
export function validCountsByYear(state: LadderState): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const complaint of validComplaints(state)) {
    const year = String(utcYear(complaint.receivedAt));
    counts[year] = (counts[year] ?? 0) + 1;
  }
  return counts;
}

/** Valid complaints received in the `months` (default 24) calendar months up to and including `at`. */
export function validCountInLastMonths(state: LadderState, at: string, months = 24): number {
  const end = instantMs(at);
  const start = addUtcMonths(at, -months);
  return validComplaints(state).filter((complaint) => {
    const received = instantMs(complaint.receivedAt);
    return received > start && received <= end;
  }).length;
}

export const sanctionsInForce = (state: LadderState): SanctionRecord[] => state.sanctions.filter(isInForce);

/**
 * The step the person stands on at `at` (SPEC 4.1): 5 while a dismissal is in force; otherwise the highest
 * step in force in the latest calendar year (UTC, up to the year of `at`) that holds one of their valid
 * complaints or a step in force, 0 without any. Steps restart each year, so a new year's first valid
 * complaint brings the person back to step 1; until then last year's step is the latest one.
 */
export function currentStep(state: LadderState, at: string): number {
  const inForce = sanctionsInForce(state);
  if (inForce.some((sanction) => sanction.step === 5)) return 5;
  const readYear = utcYear(at);
  const years = [
    ...validComplaints(state).map((complaint) => utcYear(complaint.receivedAt)),
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
