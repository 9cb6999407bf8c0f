import type { DomainError } from '@ledger/decider';
import { type AppealDecided, type EventOf, type FindingRecorded, countedOutcomes } from '@ledger/events';
import { checkInstant } from '@ledger/rules-kit';
import type { CountDepartmentFault } from '../apologies/count-fault.ts';
import type { CountFinding } from '../ladder/count-finding.ts';

export type FindingRecordedEvent = EventOf<typeof FindingRecorded>;
export type AppealDecidedEvent = EventOf<typeof AppealDecided>;

/** Where a complaint event sits in the ledger: its id and 0-based revision in the complaint's stream. */
export interface ComplaintEventSource {
  eventId: string;
  streamVersion: number;
}

/** The ladder and accountability commands a complaint event implies, without the data the wiring adds (policies, leaders). */
export interface ComplaintFacts {
  people: Omit<CountFinding, 'policies' | 'calendar'>[];
  departments: Omit<CountDepartmentFault, 'leaders' | 'calendar'>[];
}

/** What the ladder and leader accountability both check of a counted fact: its outcome, its revision and its times. */
export function checkCountedFact(fact: Pick<CountFinding, 'outcome' | 'complaintRevision' | 'receivedAt' | 'foundAt'>): DomainError | undefined {
  if (!countedOutcomes.includes(fact.outcome)) {
    return { kind: 'rule', code: 'invalid-outcome', message: `outcome must be one of ${countedOutcomes.join(', ')}`, field: 'outcome' };
  }
  if (!Number.isInteger(fact.complaintRevision) || fact.complaintRevision < 0) {
    return { kind: 'rule', code: 'invalid-revision', message: 'complaintRevision must be a non-negative integer', field: 'complaintRevision' };
  }
  return checkInstant(fact.receivedAt, 'receivedAt') ?? checkInstant(fact.foundAt, 'foundAt');
}

/** The fields of a finding that counting needs. */
type Finding = Pick<FindingRecordedEvent['data'], 'outcome' | 'personId' | 'departmentsAtFault'>;

/**
 * Translates a finding or an appeal decision into what each person and department must count. The new
 * finding in force counts for the person and departments it names; whoever the replaced finding named and
 * the new one does not gets `withdrawn`. An upheld appeal changes nothing.
 */
export function complaintFacts(event: FindingRecordedEvent | AppealDecidedEvent, source: ComplaintEventSource): ComplaintFacts {
  if (event.type === 'AppealDecided' && event.data.decision === 'upheld') return { people: [], departments: [] };
  const { complaintId, receivedAt, at } = event.data;
  const [current, replaced, change]: [Finding, Finding | undefined, CountFinding['change']] =
    event.type === 'FindingRecorded'
      ? [event.data, event.data.replacesFinding, event.data.replacesFinding ? 'redo-finding' : 'finding']
      : [event.data.finding, event.data.previousFinding, 'appeal-overturned'];
  const reason = event.type === 'AppealDecided' ? event.data.reason : undefined;
  const common = {
    complaintId,
    receivedAt,
    foundAt: at,
    sourceEventId: source.eventId,
    complaintRevision: source.streamVersion,
    change,
    ...(reason === undefined ? {} : { reason }),
  };

  const people: ComplaintFacts['people'] = [];
  if (current.personId !== undefined) people.push({ ...common, personId: current.personId, outcome: current.outcome });
  if (replaced?.personId !== undefined && replaced.personId !== current.personId) {
    people.push({ ...common, personId: replaced.personId, outcome: 'withdrawn' });
  }

  const departmentsAtFault = [...new Set(current.departmentsAtFault)].toSorted();
  const concerned = [...new Set([...departmentsAtFault, ...(replaced?.departmentsAtFault ?? [])])].toSorted();
  const departments = concerned.map((departmentId) => ({
    ...common,
    departmentId,
    departmentsAtFault,
    outcome: departmentsAtFault.includes(departmentId) ? current.outcome : ('withdrawn' as const),
  }));
  return { people, departments };
}
