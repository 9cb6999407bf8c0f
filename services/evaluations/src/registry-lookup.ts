import { fold } from '@ledger/decider';
import { type EventStore, loadStream } from '@ledger/eventstore';
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
 * The registry port (@ledger/registry), read straight from the registry's streams in the ledger, so a department
 * registered a moment ago is known to the next command in every mode (a projection could lag behind).
 */
export function registryLookup(store: EventStore): RegistryLookup {
  return {
    async department(departmentId) {
      return fold<Department | undefined, DepartmentEvent>(departmentDecider, await loadStream(store, departmentStream(departmentId)));
    },
    async person(personId) {
      return fold<Person | undefined, PersonEvent>(personDecider, await loadStream(store, personStream(personId)));
    },
  };
}
