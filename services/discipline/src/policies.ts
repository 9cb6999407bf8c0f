import { fold } from '@ledger/decider';
import { type EventStore, loadStream } from '@ledger/eventstore';
import type { SanctionPolicy } from './domain/index.ts';
import { adoptPolicyDecider } from './domain/index.ts';
import { sanctionPolicyStream } from './streams.ts';

/** Every adopted sanction policy, from the ledger (none: the default ladder applies). */
export async function loadSanctionPolicies(store: EventStore, recordedUpTo?: string): Promise<readonly SanctionPolicy[]> {
  return fold(adoptPolicyDecider, await loadStream(store, sanctionPolicyStream, recordedUpTo)).policies;
}
