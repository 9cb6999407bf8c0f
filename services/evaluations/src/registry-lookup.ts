import { fold } from '@ledger/decider';
import { type EventStore, loadStream } from '@ledger/eventstore';
import {
  type Department,
  type DepartmentEvent,
  type Person,
  type PersonEvent,
  departmentDecider,
  departmentStream,
  personDecider,
  personStream,
} from './domain/registry.ts';

/**
 * Reads the registry straight from its streams in the ledger, so a department registered a moment ago is
 * known to the next command in every mode (a projection could lag behind).
 */
export interface RegistryLookup {
  department(departmentId: string): Promise<Department | undefined>;
  person(personId: string): Promise<Person | undefined>;
}

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
