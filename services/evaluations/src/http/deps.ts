import type { EventStore } from '@ledger/eventstore';
import type { Clock } from '@ledger/platform';
import type { ReadStore } from '@ledger/readstore';
import type { RegistryLookup } from '@ledger/registry';

/** What the evaluations routes are given by the module. */
export interface EvaluationsRouteDeps {
  store: EventStore;
  readStore: ReadStore;
  registry: RegistryLookup;
  clock: Clock;
}
