import type { LedgerCalendar } from '@ledger/calendar';
import type { CountedOutcome } from '@ledger/events';
import { accept, type Decision, refuse } from '@ledger/decider';
import type {
  ApologyRequiredEvent,
  ApologyRescindedEvent,
  DepartmentAccountabilityEvent,
  DepartmentFaultCountedEvent,
} from '../events.ts';
import { checkCountedFact } from '../inputs/complaint-facts.ts';
import type { FindingChange } from '../ladder/count-finding.ts';
import { apologyIdFor, leadDepartment } from './ids.ts';
import {
  type ApologyRecord,
  type DepartmentAccountabilityState,
  evolveDepartmentAccountability,
  type FaultFact,
  isApologyInForce,
} from './state.ts';

/** A complaint's outcome in force for one department, read from a complaint event (see inputs/). */
export interface CountDepartmentFault {
  departmentId: string;
  complaintId: string;
  receivedAt: string;
  outcome: CountedOutcome;
  /** Every department at fault in the finding in force (several = joint fault). */
  departmentsAtFault: readonly string[];
  foundAt: string;
  sourceEventId: string;
  complaintRevision: number;
  /** Leader person ids by department, from the registry; a department without a known leader is omitted. */
  leaders: Readonly<Record<string, string>>;
  /** The ledger's local calendar: the year a complaint counts in (SPEC "Local time"). */
  calendar: LedgerCalendar;
  change?: FindingChange;
}

/**
 * Leader accountability counts `valid` and `valid-violation` findings with the department at fault: SPEC 5
 * counts "valid findings", and a valid-violation is valid (only the personal ladder of SPEC 4 leaves it to
 * the disciplinary inspection process).
 */
export const countsForDepartment = (fact: Pick<FaultFact, 'outcome' | 'departmentsAtFault'>, departmentId: string): boolean =>
  (fact.outcome === 'valid' || fact.outcome === 'valid-violation') && fact.departmentsAtFault.includes(departmentId);

type Wanted = { kind: 'joint'; departments: readonly string[] } | { kind: 'solo' } | undefined;

/**
 * Records the fact, then settles this complaint's apology: the 1st complaint counted in the calendar year of
 * receipt gets a direct apology, later ones a public one, a joint fault one joint apology. The kind is fixed
 * when required: withdrawing an earlier complaint does not turn a public apology (perhaps already made in
 * the media) into a direct one. A withdrawn finding rescinds its apology; valid again, it is required afresh.
 */
export function decideCountDepartmentFault(
  command: CountDepartmentFault,
  state: DepartmentAccountabilityState,
): Decision<DepartmentAccountabilityEvent> {
  const invalid = validate(command, state);
  if (invalid) return invalid;
  const departmentsAtFault = [...new Set(command.departmentsAtFault)].toSorted();
  const previous = state.faults.get(command.complaintId);
  const stale = previous !== undefined && command.complaintRevision <= previous.revision;
  const unchanged =
    (previous?.outcome ?? 'withdrawn') === command.outcome &&
    (previous?.departmentsAtFault ?? []).join('\n') === departmentsAtFault.join('\n');
  if (state.sourceEventIds.has(command.sourceEventId) || stale || unchanged) return accept();

  const counted: DepartmentFaultCountedEvent = {
    type: 'DepartmentFaultCounted',
    data: {
      departmentId: command.departmentId,
      complaintId: command.complaintId,
      receivedAt: command.receivedAt,
      outcome: command.outcome,
      departmentsAtFault,
      foundAt: command.foundAt,
      sourceEventId: command.sourceEventId,
      complaintRevision: command.complaintRevision,
    },
  };
  const next = evolveDepartmentAccountability(state, counted);
  const fact = next.faults.get(command.complaintId)!;
  const wanted = wantedApology(fact, command.departmentId);
  const existing = next.apologies.find(
    (apology) => isApologyInForce(apology) && apology.cause.type === 'complaint' && apology.cause.complaintId === command.complaintId,
  );
  if (existing && fits(existing, wanted)) return accept(counted);

  const rescinded: ApologyRescindedEvent[] = existing
    ? [
        {
          type: 'ApologyRescinded',
          data: {
            apologyId: existing.apologyId,
            departmentId: command.departmentId,
            complaintId: command.complaintId,
            reason: rescissionReason(command, fact),
            at: command.foundAt,
          },
        },
      ]
    : [];
  const required = wanted ? [requirement(wanted, command, next)] : [];
  return accept<DepartmentAccountabilityEvent>(counted, ...rescinded, ...required);
}

function validate(command: CountDepartmentFault, state: DepartmentAccountabilityState): Decision<DepartmentAccountabilityEvent> | undefined {
  if (state.departmentId !== undefined && state.departmentId !== command.departmentId) {
    return refuse('rule', 'wrong-department', `this stream belongs to department ${state.departmentId}, not ${command.departmentId}`, 'departmentId');
  }
  const invalid = checkCountedFact(command);
  if (invalid) return refuse(invalid);
  if ((command.outcome === 'valid' || command.outcome === 'valid-violation') && !command.departmentsAtFault.includes(command.departmentId)) {
    return refuse(
      'rule',
      'department-not-at-fault',
      `a ${command.outcome} finding counts for department ${command.departmentId} only if it is among the departments at fault; send "withdrawn" otherwise`,
      'departmentsAtFault',
    );
  }
  return undefined;
}

function wantedApology(fact: FaultFact, departmentId: string): Wanted {
  if (!countsForDepartment(fact, departmentId)) return undefined;
  if (fact.departmentsAtFault.length === 1) return { kind: 'solo' };
  return leadDepartment(fact.departmentsAtFault) === departmentId ? { kind: 'joint', departments: fact.departmentsAtFault } : undefined;
}

function fits(existing: ApologyRecord, wanted: Wanted): boolean {
  if (!wanted) return false;
  if (wanted.kind === 'solo') return existing.kind !== 'joint';
  return existing.kind === 'joint' && existing.departments.map((department) => department.departmentId).join('\n') === wanted.departments.join('\n');
}

const ordinal = (n: number): string => {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
};

function requirement(wanted: NonNullable<Wanted>, command: CountDepartmentFault, state: DepartmentAccountabilityState): ApologyRequiredEvent {
  const year = command.calendar.yearOf(command.receivedAt);
  const cause = { type: 'complaint' as const, complaintId: command.complaintId };
  const generation =
    state.apologies.filter((apology) => apology.cause.type === 'complaint' && apology.cause.complaintId === command.complaintId).length + 1;
  const withLeader = (departmentId: string) => {
    const leaderPersonId = command.leaders[departmentId];
    return leaderPersonId === undefined ? { departmentId } : { departmentId, leaderPersonId };
  };
  const common = { apologyId: apologyIdFor(command.departmentId, cause, generation), year, cause, at: command.foundAt };
  if (wanted.kind === 'joint') {
    return {
      type: 'ApologyRequired',
      data: {
        ...common,
        kind: 'joint',
        departments: wanted.departments.map(withLeader),
        reason: `complaint ${command.complaintId} faults departments ${wanted.departments.join(', ')}: one joint apology by their leaders`,
      },
    };
  }
  const rank = [...state.faults.values()].filter(
    (fact) => countsForDepartment(fact, command.departmentId) && command.calendar.yearOf(fact.receivedAt) === year,
  ).length;
  const where = `${ordinal(rank)} valid complaint with department ${command.departmentId} at fault received in ${year} (complaint ${command.complaintId})`;
  return {
    type: 'ApologyRequired',
    data: {
      ...common,
      kind: rank === 1 ? 'direct' : 'public',
      departments: [withLeader(command.departmentId)],
      reason: rank === 1 ? `${where}: the leader apologises directly to the complainant` : `${where}: a public apology in the media`,
    },
  };
}

const changeWords: Record<FindingChange, string> = {
  finding: 'was found',
  'redo-finding': 'was found on redo',
  'appeal-overturned': 'was overturned on appeal: now',
};

function rescissionReason(command: CountDepartmentFault, fact: FaultFact): string {
  const when = `(${command.foundAt})`;
  if (countsForDepartment(fact, command.departmentId)) {
    return `the departments at fault in complaint ${command.complaintId} are now ${fact.departmentsAtFault.join(', ')} ${when}`;
  }
  if (command.outcome === 'withdrawn' || command.outcome === 'valid' || command.outcome === 'valid-violation') {
    return `complaint ${command.complaintId} no longer finds department ${command.departmentId} at fault ${when}`;
  }
  return `complaint ${command.complaintId} ${changeWords[command.change ?? 'finding']} ${command.outcome} ${when}`;
}
