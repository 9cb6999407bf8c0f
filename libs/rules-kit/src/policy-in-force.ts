import { instantMs } from './instants.ts';

/**
 * A policy that is data (SPEC 4.5, 6): adopted as a numbered version that applies from `effectiveFrom`. Until one
 * is adopted, the SPEC's own rules, built in, are in force as a version like any other.
 */
export interface VersionedPolicy {
  version: number;
  effectiveFrom: string;
}

/**
 * The policy in force at `instant`: of the versions whose `effectiveFrom` has come, the one that took effect last
 * (the higher version of two that take effect together); the built-in one before any. The order `adopted` comes in
 * does not matter.
 */
export function policyInForce<Policy extends VersionedPolicy>(builtIn: Policy, adopted: readonly Policy[], instant: string): Policy {
  const at = instantMs(instant);
  let inForce = builtIn;
  for (const policy of adopted) {
    const from = instantMs(policy.effectiveFrom);
    if (from > at) continue;
    const current = instantMs(inForce.effectiveFrom);
    if (from > current || (from === current && policy.version > inForce.version)) inForce = policy;
  }
  return inForce;
}

/** The highest version adopted, or the built-in one: what the next adoption follows. */
export function latestPolicy<Policy extends VersionedPolicy>(builtIn: Policy, adopted: readonly Policy[]): Policy {
  return adopted.reduce((latest, policy) => (policy.version > latest.version ? policy : latest), builtIn);
}

/**
 * The version number of the next adoption: one above the latest, the built-in policy counting as a version. Each
 * policy keeps the number its built-in version has always had (stored sanctions and closed periods cite it).
 */
export function nextPolicyVersion(builtIn: VersionedPolicy, adopted: readonly VersionedPolicy[]): number {
  return latestPolicy(builtIn, adopted).version + 1;
}
