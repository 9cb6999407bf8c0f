import { type Decider, accept, refuse } from '@ledger/decider';
import type { RectificationPolicyAdoptedData, RectificationPolicyEvent } from '@ledger/events';
import { checkInstant, checkNotFuture, instantMs, latestPolicy, nextPolicyVersion, policyInForce } from '@ledger/rules-kit';

// SPEC 10, 11 and "configurable" in the SPEC's preamble: the deadline numbers are data, adopted as versions in
// force from a date (stream `deadline-policy`), as the sanction ladder and the evaluation policy are.

/** One version of the deadline policy. */
export type RectificationDeadlinePolicy = Omit<RectificationPolicyAdoptedData, 'at'>;
export type RectificationDeadlines = Omit<RectificationDeadlinePolicy, 'version' | 'effectiveFrom'>;

/**
 * The SPEC's numbers: version 1, in force from the beginning of time, so a ledger needs no bootstrap event and
 * items recorded before deadlines were policy (no `policyVersion` on their events) read as version 1.
 */
export const defaultRectificationDeadlinePolicy: RectificationDeadlinePolicy = {
  version: 1,
  effectiveFrom: '1970-01-01T00:00:00.000Z',
  bottomRankDays: 90,
  inspectionDays: 30,
  badReviewVerificationWorkingDays: 5,
  badReviewRectificationWorkingDays: 15,
};

/** The version in force at `instant` (the instant a deadline starts from). */
export const deadlinePolicyInForce = (adopted: readonly RectificationDeadlinePolicy[], instant: string): RectificationDeadlinePolicy =>
  policyInForce(defaultRectificationDeadlinePolicy, adopted, instant);

export const latestDeadlinePolicy = (adopted: readonly RectificationDeadlinePolicy[]): RectificationDeadlinePolicy =>
  latestPolicy(defaultRectificationDeadlinePolicy, adopted);

export interface DeadlinePolicyState {
  /** In adoption order. */
  adopted: readonly RectificationDeadlinePolicy[];
}

/** A new version: numbers left out are carried over from the latest version, so one number can change alone. */
export type AdoptDeadlinePolicy = Partial<RectificationDeadlines> & { effectiveFrom: string; at: string; now: string };

const limits: Record<keyof RectificationDeadlines, [number, number]> = {
  bottomRankDays: [1, 366],
  inspectionDays: [1, 366],
  badReviewVerificationWorkingDays: [1, 60],
  badReviewRectificationWorkingDays: [1, 120],
};

export const deadlinePolicyDecider: Decider<AdoptDeadlinePolicy, DeadlinePolicyState, RectificationPolicyEvent> = {
  initialState: { adopted: [] },
  evolve(state, event) {
    const { at: _at, ...policy } = event.data;
    return { adopted: [...state.adopted, policy] };
  },
  decide(command, state) {
    const latest = latestDeadlinePolicy(state.adopted);
    const numbers = {} as RectificationDeadlines;
    for (const [field, [min, max]] of Object.entries(limits) as Array<[keyof RectificationDeadlines, [number, number]]>) {
      const value = command[field] ?? latest[field];
      if (!Number.isInteger(value) || value < min || value > max) return refuse('rule', 'invalid-deadline-days', `${field} is a whole number of days from ${min} to ${max}`, field);
      numbers[field] = value;
    }
    const time = checkInstant(command.effectiveFrom, 'effectiveFrom') ?? checkInstant(command.at, 'at') ?? checkNotFuture(command.at, 'at', command.now);
    if (time) return refuse(time);
    // Never retroactive (as the sanction ladder): every item and case recorded so far started its deadline before
    // now, under the version then in force, so a version reaching back would describe deadlines it never set.
    if (instantMs(command.effectiveFrom) < instantMs(command.now)) {
      return refuse('rule', 'effective-before-adoption', `effectiveFrom ${command.effectiveFrom} is before the adoption is recorded (${command.now}): a policy cannot apply retroactively`, 'effectiveFrom');
    }
    if (state.adopted.length > 0 && instantMs(command.effectiveFrom) < instantMs(latest.effectiveFrom)) {
      return refuse('rule', 'effective-before-latest', `effectiveFrom ${command.effectiveFrom} is before version ${latest.version}'s ${latest.effectiveFrom}; versions take effect in order`, 'effectiveFrom');
    }
    return accept<RectificationPolicyEvent>({
      type: 'RectificationPolicyAdopted',
      data: { version: nextPolicyVersion(defaultRectificationDeadlinePolicy, state.adopted), effectiveFrom: command.effectiveFrom, ...numbers, at: command.at },
    });
  },
};
