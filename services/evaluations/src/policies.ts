import type { EvaluationPolicy } from '@ledger/events';
import { fold } from '@ledger/decider';
import { type EventStore, loadStream } from '@ledger/eventstore';
import { evaluationPolicyDecider, evaluationPolicyStream } from './domain/policy.ts';

/** Every adopted evaluation policy version, from the ledger (none: the SPEC 6 default applies). */
export async function loadEvaluationPolicies(store: EventStore, recordedUpTo?: string): Promise<readonly EvaluationPolicy[]> {
  return fold(evaluationPolicyDecider, await loadStream(store, evaluationPolicyStream, recordedUpTo)).adopted;
}
