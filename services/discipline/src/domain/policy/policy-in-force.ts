import { instantMs } from '../time.ts';
import { defaultSanctionPolicy, type SanctionPolicy } from './default-policy.ts';

/**
 * The policy in force at `date`: the adopted one with the latest `effectiveFrom` at or before it (the
 * higher version on a tie), otherwise the default ladder.
 */
export function policyInForce(policies: readonly SanctionPolicy[], date: string): SanctionPolicy {
  const at = instantMs(date);
  let inForce = defaultSanctionPolicy;
  for (const policy of policies) {
    const from = instantMs(policy.effectiveFrom);
    if (from > at) continue;
    const current = instantMs(inForce.effectiveFrom);
    if (from > current || (from === current && policy.version > inForce.version)) inForce = policy;
  }
  return inForce;
}

/** The latest adopted policy (the default when none was adopted): the one a new adoption follows. */
export function latestPolicy(policies: readonly SanctionPolicy[]): SanctionPolicy {
  return policies.reduce((latest, policy) => (policy.version > latest.version ? policy : latest), defaultSanctionPolicy);
}
