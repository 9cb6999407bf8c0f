import { fold } from '@ledger/decider';
import { type EventStore, streamStateCache } from '@ledger/eventstore';
import type { Department, Person, RegistryLookup } from '@ledger/registry';
import {
  type DepartmentEvent,
  type PersonEvent,
  departmentDecider,
  departmentStream,
  personDecider,
  personStream,
} from './domain/registry.ts';

/**
 * The registry port (@ledger/registry), read from the registry's streams in the ledger, so a department registered a
 * moment ago is known to the next command in every mode (a projection could lag behind). The folded states are kept
 * (streamStateCache): every rating and filing looks its department up, and a change still holds at once.
 */
export function registryLookup(store: EventStore): RegistryLookup {
  const departments = streamStateCache(store, { streamPrefix: departmentStream(''), fold: (events) => fold<Department | undefined, DepartmentEvent>(departmentDecider, events) });
  const people = streamStateCache(store, { streamPrefix: personStream(''), fold: (events) => fold<Person | undefined, PersonEvent>(personDecider, events) });
  return {
    department: (departmentId) => departments.stateOf(departmentStream(departmentId)),
    person: (personId) => people.stateOf(personStream(personId)),
  };
}
