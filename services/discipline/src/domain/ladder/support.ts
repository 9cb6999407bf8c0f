import type { SanctionPolicy } from '../policy/default-policy.ts';
import { policyInForce } from '../policy/policy-in-force.ts';
import type { LedgerCalendar, WindowBounds } from '@ledger/calendar';
import { instantMs } from '@ledger/rules-kit';
import { type CountedComplaint, type SanctionRecord, sanctionKey } from './state.ts';

/** A sanction the valid complaints support, with the evidence and policy it would be decided with. */
export interface SupportedSanction
  extends Pick<SanctionRecord, 'step' | 'year' | 'consequences' | 'complaintIds' | 'triggeredBy' | 'policyVersion' | 'threshold' | 'windowMonths' | 'windowBounds'> {
  key: string;
}

/** Only `valid` counts: `valid-violation` goes to the disciplinary inspection process instead (SPEC 3, 4). */
export const countsOnLadder = (complaint: Pick<CountedComplaint, 'outcome'>): boolean => complaint.outcome === 'valid';

/** The order complaints were counted in: by when found valid; ties by receipt, then id, so it is total. */
const countingOrder = (a: CountedComplaint, b: CountedComplaint): number =>
  instantMs(a.foundAt) - instantMs(b.foundAt) ||
  instantMs(a.receivedAt) - instantMs(b.receivedAt) ||
  (a.complaintId < b.complaintId ? -1 : a.complaintId > b.complaintId ? 1 : 0);

/**
 * Every sanction the complaints support. Valid complaints are counted in the order they were found valid;
 * a step is reached when, after counting some complaint, the count reaches the step's threshold in the
 * policy in force on the date that complaint was found valid. That complaint triggers the step and its
 * policy is recorded. Steps 1-4 count per local calendar year of receipt (the ledger's zone, SPEC "Local
 * time"); dismissal counts within any window of the policy's months, by local dates of receipt (SPEC 4.8).
 */
export function supportedSanctions(
  complaints: Iterable<CountedComplaint>,
  policies: readonly SanctionPolicy[],
  calendar: LedgerCalendar,
): SupportedSanction[] {
  const counted = [...complaints].filter(countsOnLadder).toSorted(countingOrder);
  const byYear = new Map<number, CountedComplaint[]>();
  for (const complaint of counted) {
    const year = calendar.yearOf(complaint.receivedAt);
    byYear.set(year, [...(byYear.get(year) ?? []), complaint]);
  }
  const supported = [...byYear.keys()].toSorted((a, b) => a - b).flatMap((year) => yearSteps(year, byYear.get(year)!, policies));
  const dismissal = dismissalSupport(counted, policies, calendar);
  return dismissal ? [...supported, dismissal] : supported;
}

function yearSteps(year: number, counted: CountedComplaint[], policies: readonly SanctionPolicy[]): SupportedSanction[] {
  const reached: SupportedSanction[] = [];
  counted.forEach((trigger, index) => {
    const count = index + 1;
    const policy = policyInForce(policies, trigger.foundAt);
    for (const rule of policy.steps) {
      if (rule.threshold > count || reached.some((sanction) => sanction.step === rule.step)) continue;
      reached.push({
        key: sanctionKey(rule.step, year),
        step: rule.step,
        year,
        consequences: rule.consequences,
        complaintIds: counted.slice(0, count).map((complaint) => complaint.complaintId),
        triggeredBy: trigger.complaintId,
        policyVersion: policy.version,
        threshold: rule.threshold,
      });
    }
  });
  return reached.toSorted((a, b) => a.step - b.step);
}

function dismissalSupport(counted: CountedComplaint[], policies: readonly SanctionPolicy[], calendar: LedgerCalendar): SupportedSanction | undefined {
  for (let count = 1; count <= counted.length; count += 1) {
    const trigger = counted[count - 1]!;
    const policy = policyInForce(policies, trigger.foundAt);
    const bounds = policy.dismissal.windowBounds ?? 'inclusive';
    const window = fullWindow(counted.slice(0, count), policy.dismissal.threshold, policy.dismissal.windowMonths, bounds, calendar);
    if (!window) continue;
    return {
      key: sanctionKey(5, undefined),
      step: 5,
      consequences: policy.dismissal.consequences,
      complaintIds: window.map((complaint) => complaint.complaintId),
      triggeredBy: trigger.complaintId,
      policyVersion: policy.version,
      threshold: policy.dismissal.threshold,
      windowMonths: policy.dismissal.windowMonths,
      windowBounds: bounds,
    };
  }
  return undefined;
}

/**
 * The earliest window of `months` months starting at the receipt of a complaint and holding `threshold`
 * complaints, or undefined; by local dates, both ends included unless `bounds` is exclusive (SPEC 4.8). Any
 * window holding them can slide to start at its earliest receipt, so these starts suffice.
 */
export function fullWindow<C extends Pick<CountedComplaint, 'receivedAt'>>(
  complaints: readonly C[],
  threshold: number,
  months: number,
  bounds: WindowBounds,
  calendar: LedgerCalendar,
): C[] | undefined {
  if (complaints.length < threshold) return undefined;
  const byReceipt = [...complaints].toSorted((a, b) => instantMs(a.receivedAt) - instantMs(b.receivedAt));
  for (const [start, first] of byReceipt.entries()) {
    const inside = byReceipt.slice(start).filter((complaint) => calendar.withinMonths(first.receivedAt, complaint.receivedAt, months, bounds));
    if (inside.length >= threshold) return inside;
  }
  return undefined;
}
