import type { Decision as DeciderDecision } from '@ledger/decider';
import type { DepartmentCategory, DepartmentChanged, DepartmentRegistered, EventOf, PersonChanged, PersonRegistered } from '@ledger/events';
import type { Department, Person } from '@ledger/registry';

/**
 * The registry of departments and people (SPEC 2). A PUT carries the full record: the first registers,
 * a different one records a change, the same one again records nothing (so a retried PUT is harmless).
 */

export interface RegistryError {
  kind: 'rule';
  code: 'unknown-department' | 'unknown-leader';
  message: string;
  field: string;
}

type Decision<Event> = DeciderDecision<Event, RegistryError>;

export type DepartmentEvent = EventOf<typeof DepartmentRegistered> | EventOf<typeof DepartmentChanged>;
/** A department as the registry port (@ledger/registry) shows it, or none yet. */
export type DepartmentState = Department | undefined;

export interface PutDepartment {
  departmentId: string;
  name: string;
  category: DepartmentCategory;
  leaderPersonId?: string;
  /** Looked up by the caller: a leader must be a registered person. */
  leaderIsRegistered: boolean;
  at: string;
}

export const departmentDecider = {
  initialState: undefined as DepartmentState,
  evolve(state: DepartmentState, event: DepartmentEvent): DepartmentState {
    const { at, ...record } = event.data;
    return { ...record, registeredAt: state?.registeredAt ?? at, changedAt: at };
  },
  decide(command: PutDepartment, state: DepartmentState): Decision<DepartmentEvent> {
    if (command.leaderPersonId !== undefined && !command.leaderIsRegistered) {
      return {
        ok: false,
        error: {
          kind: 'rule',
          code: 'unknown-leader',
          message: `the leader ${command.leaderPersonId} is not a registered person; register the person first`,
          field: 'leaderPersonId',
        },
      };
    }
    const data = {
      departmentId: command.departmentId,
      name: command.name,
      category: command.category,
      ...(command.leaderPersonId !== undefined ? { leaderPersonId: command.leaderPersonId } : {}),
      at: command.at,
    };
    if (!state) return { ok: true, events: [{ type: 'DepartmentRegistered', data }] };
    const unchanged = state.name === data.name && state.category === data.category && state.leaderPersonId === data.leaderPersonId;
    return { ok: true, events: unchanged ? [] : [{ type: 'DepartmentChanged', data }] };
  },
};

export type PersonEvent = EventOf<typeof PersonRegistered> | EventOf<typeof PersonChanged>;
/** A person as the registry port (@ledger/registry) shows them, or none yet. */
export type PersonState = Person | undefined;

export interface PutPerson {
  personId: string;
  name: string;
  departmentId: string;
  post?: string;
  departmentIsRegistered: boolean;
  at: string;
}

export const personDecider = {
  initialState: undefined as PersonState,
  evolve(state: PersonState, event: PersonEvent): PersonState {
    const { personId, name, departmentId, post, at } = event.data;
    const moved = state?.departmentId !== departmentId;
    return {
      personId,
      name,
      departmentId,
      ...(post !== undefined ? { post } : {}),
      departmentHistory: moved ? [...(state?.departmentHistory ?? []), { departmentId, from: at }] : state.departmentHistory,
      registeredAt: state?.registeredAt ?? at,
      changedAt: at,
    };
  },
  decide(command: PutPerson, state: PersonState): Decision<PersonEvent> {
    if (!command.departmentIsRegistered) {
      return {
        ok: false,
        error: { kind: 'rule', code: 'unknown-department', message: `department ${command.departmentId} is not registered`, field: 'departmentId' },
      };
    }
    const data = {
      personId: command.personId,
      name: command.name,
      departmentId: command.departmentId,
      ...(command.post !== undefined ? { post: command.post } : {}),
      at: command.at,
    };
    if (!state) return { ok: true, events: [{ type: 'PersonRegistered', data }] };
    const unchanged = state.name === data.name && state.departmentId === data.departmentId && state.post === data.post;
    if (unchanged) return { ok: true, events: [] };
    return { ok: true, events: [{ type: 'PersonChanged', data: { ...data, previousDepartmentId: state.departmentId } }] };
  },
};

export const departmentStream = (departmentId: string): string => `department-${departmentId}`;
export const personStream = (personId: string): string => `person-${personId}`;
