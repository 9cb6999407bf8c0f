import type { EventStore } from '@ledger/eventstore';
import type { Clock } from '@ledger/platform';
import type { ReadStore } from '@ledger/readstore';
import type { RegistryLookup } from '@ledger/registry';
import type { LedgerCalendar } from '@ledger/calendar';

/** What the evaluations routes are given by the module. */
export interface EvaluationsRouteDeps {
  store: EventStore;
  readStore: ReadStore;
  registry: RegistryLookup;
  clock: Clock;
  /** The ledger's local calendar (SPEC "Local time"): assessment years, rating months. */
  calendar: LedgerCalendar;
}
