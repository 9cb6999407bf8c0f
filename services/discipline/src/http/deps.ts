import type { LedgerCalendar } from '@ledger/calendar';
import type { RegistryLookup } from '@ledger/registry';
import type { EventStore } from '@ledger/eventstore';
import type { Clock } from '@ledger/platform';
import type { ReadStore } from '@ledger/readstore';

export interface DisciplineRouteDeps {
  store: EventStore;
  readStore: ReadStore;
  registry: RegistryLookup;
  clock: Clock;
  /** The ledger's local calendar (SPEC "Local time"). */
  calendar: LedgerCalendar;
}
