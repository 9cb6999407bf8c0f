import type { DepartmentCategory } from '@ledger/events';

/**
 * The registry of departments and people (SPEC 2) as the services that need it see it: a port. The evaluations
 * service owns the registry and implements it; the host that runs a service passes an implementation in, so
 * no service imports another.
 */
export interface RegistryLookup {
  department(departmentId: string): Promise<Department | undefined>;
  person(personId: string): Promise<Person | undefined>;
}

/** A registered department as it stands now. */
export interface Department {
  departmentId: string;
  name: string;
  category: DepartmentCategory;
  leaderPersonId?: string;
  registeredAt: string;
  changedAt: string;
}

/** A registered person as they stand now. */
export interface Person {
  personId: string;
  name: string;
  departmentId: string;
  post?: string;
  /** Every department the person has belonged to, oldest first: history follows the person. */
  departmentHistory: Array<{ departmentId: string; from: string }>;
  registeredAt: string;
  changedAt: string;
}
