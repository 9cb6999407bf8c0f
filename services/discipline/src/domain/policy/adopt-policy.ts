import { accept, type Decision, refuse } from '@ledger/decider';
import type { SanctionPolicyAdoptedEvent } from '../events.ts';
import { checkNotFuture, instantMs, nextPolicyVersion } from '@ledger/rules-kit';
import { defaultSanctionPolicy, type SanctionPolicy } from './default-policy.ts';
import { latestPolicy } from './policy-in-force.ts';
import { sanctionPolicyInputSchema, type SanctionPolicyInput } from './schema.ts';

/** Every policy adopted so far, in adoption order (the stream `sanction-policy`). */
export interface PolicyState {
  policies: readonly SanctionPolicy[];
}

export const initialPolicyState: PolicyState = { policies: [] };

export function evolvePolicies(state: PolicyState, event: SanctionPolicyAdoptedEvent): PolicyState {
  const { at: _adoptedAt, ...policy } = event.data;
  return { policies: [...state.policies, policy] };
}

/** Adopt a full ladder from `effectiveFrom`. `at` is when it was adopted; `now` is the caller's clock. */
export interface AdoptPolicy extends SanctionPolicyInput {
  at: string;
  now: string;
}

/**
 * The new policy gets the next version. It may not take effect before the ledger records it (`now`), even
 * when its adoption `at` is given in the past: findings recorded until then were already counted under the
 * policy then in force, and a recount or a fresh consumer must decide them alike. Nor may it take effect
 * before the previous policy's start, so that versions in force follow adoption order.
 */
export function decideAdoptPolicy(command: AdoptPolicy, state: PolicyState): Decision<SanctionPolicyAdoptedEvent> {
  const parsed = sanctionPolicyInputSchema.safeParse({
    steps: command.steps,
    dismissal: command.dismissal,
    effectiveFrom: command.effectiveFrom,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.');
    return refuse('rule', 'invalid-sanction-ladder', `${field || 'ladder'}: ${issue.message}`, field || undefined);
  }
  const time = checkNotFuture(command.at, 'at', command.now);
  if (time) return refuse(time);
  const ladder = parsed.data;
  if (instantMs(ladder.effectiveFrom) < instantMs(command.now)) {
    return refuse(
      'rule',
      'retroactive-policy',
      `effectiveFrom ${ladder.effectiveFrom} is before the adoption is recorded (${command.now}): a policy cannot apply retroactively`,
      'effectiveFrom',
    );
  }
  const previous = latestPolicy(state.policies);
  if (instantMs(ladder.effectiveFrom) < instantMs(previous.effectiveFrom)) {
    return refuse(
      'rule',
      'effective-before-previous-policy',
      `effectiveFrom ${ladder.effectiveFrom} is before version ${previous.version}'s effectiveFrom ${previous.effectiveFrom}`,
      'effectiveFrom',
    );
  }
  return accept(
    {
      type: 'SanctionPolicyAdopted',
      data: {
        version: nextPolicyVersion(defaultSanctionPolicy, state.policies),
        effectiveFrom: ladder.effectiveFrom,
        steps: ladder.steps,
        dismissal: ladder.dismissal,
        at: command.at,
      },
    },
  );
}
