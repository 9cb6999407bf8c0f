import type { ApologyCause, ApologyKind, CountedOutcome, IncidentKind, SanctionStatus, apologyOutlets } from '@ledger/events';

export type ApologyOutlet = (typeof apologyOutlets)[number];
import type { DepartmentAccountabilityEvent } from '../events.ts';

/** A complaint as a department's accountability counts it. */
export interface FaultFact {
  complaintId: string;
  receivedAt: string;
  outcome: CountedOutcome;
  /** Every department at fault in the finding in force, sorted. */
  departmentsAtFault: readonly string[];
  foundAt: string;
  revision: number;
}

export interface ApologyRecord {
  apologyId: string;
  kind: ApologyKind;
  departments: readonly { departmentId: string; leaderPersonId?: string }[];
  year: number;
  cause: ApologyCause;
  reason: string;
  requiredAt: string;
  status: SanctionStatus;
  carriedOut?: { by: string; note?: string; at: string; outlet?: ApologyOutlet; madeAt?: string; reference?: string };
  rescinded?: { reason: string; complaintId?: string; at: string };
}

export interface IncidentRecord {
  incidentId: string;
  kind: IncidentKind;
  note?: string;
  at: string;
}

/** One department's leader accountability, folded from its stream (`accountability-<departmentId>`). */
export interface DepartmentAccountabilityState {
  departmentId?: string;
  faults: ReadonlyMap<string, FaultFact>;
  sourceEventIds: ReadonlySet<string>;
  incidents: ReadonlyMap<string, IncidentRecord>;
  /** Every apology this stream required, in order; rescinded ones stay. */
  apologies: readonly ApologyRecord[];
}

export const initialDepartmentAccountabilityState: DepartmentAccountabilityState = {
  faults: new Map(),
  sourceEventIds: new Set(),
  incidents: new Map(),
  apologies: [],
};

export const isApologyInForce = (apology: ApologyRecord): boolean => apology.status !== 'rescinded';

const updateApology = (
  state: DepartmentAccountabilityState,
  apologyId: string,
  change: (apology: ApologyRecord) => ApologyRecord,
): DepartmentAccountabilityState => ({
  ...state,
  apologies: state.apologies.map((apology) => (apology.apologyId === apologyId ? change(apology) : apology)),
});

export function evolveDepartmentAccountability(
  state: DepartmentAccountabilityState,
  event: DepartmentAccountabilityEvent,
): DepartmentAccountabilityState {
  switch (event.type) {
    case 'DepartmentFaultCounted': {
      const { departmentId, complaintId, receivedAt, outcome, departmentsAtFault, foundAt, sourceEventId, complaintRevision } = event.data;
      const fact: FaultFact = {
        complaintId,
        receivedAt,
        outcome,
        departmentsAtFault: [...departmentsAtFault].toSorted(),
        foundAt,
        revision: complaintRevision,
      };
      return {
        ...state,
        departmentId,
        faults: new Map(state.faults).set(complaintId, fact),
        sourceEventIds: new Set(state.sourceEventIds).add(sourceEventId),
      };
    }
    case 'IncidentRecorded': {
      const { incidentId, departmentId, kind, note, at } = event.data;
      return {
        ...state,
        departmentId,
        incidents: new Map(state.incidents).set(incidentId, { incidentId, kind, ...(note === undefined ? {} : { note }), at }),
      };
    }
    case 'ApologyRequired': {
      const { at, ...apology } = event.data;
      return { ...state, apologies: [...state.apologies, { ...apology, requiredAt: at, status: 'pending' }] };
    }
    case 'ApologyCarriedOut': {
      const { apologyId: _id, departmentId: _department, ...carriedOut } = event.data;
      return updateApology(state, event.data.apologyId, (apology) => ({ ...apology, status: 'carried-out', carriedOut }));
    }
    case 'ApologyRescinded': {
      const { reason, complaintId, at } = event.data;
      return updateApology(state, event.data.apologyId, (apology) => ({
        ...apology,
        status: 'rescinded',
        rescinded: { reason, ...(complaintId === undefined ? {} : { complaintId }), at },
      }));
    }
  }
}

export const foldDepartmentAccountability = (
  events: Iterable<DepartmentAccountabilityEvent>,
  state: DepartmentAccountabilityState = initialDepartmentAccountabilityState,
): DepartmentAccountabilityState => {
  let folded = state;
  for (const event of events) folded = evolveDepartmentAccountability(folded, event);
  return folded;
};
