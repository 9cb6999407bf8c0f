import { latestPolicy as latestOf, policyInForce as inForceOf } from '@ledger/rules-kit';
import { defaultSanctionPolicy, type SanctionPolicy } from './default-policy.ts';

/** The ladder in force at `date` (SPEC 4.5: the finding's date chooses it); the default ladder before any adopted one takes effect. */
export const policyInForce = (policies: readonly SanctionPolicy[], date: string): SanctionPolicy => inForceOf(defaultSanctionPolicy, policies, date);

/** The latest adopted policy (the default when none was adopted): the one a new adoption follows. */
export const latestPolicy = (policies: readonly SanctionPolicy[]): SanctionPolicy => latestOf(defaultSanctionPolicy, policies);
