import type { Decider } from '@ledger/eventstore';
import {
  type CarryOutApology,
  type CarryOutSanction,
  type CountDepartmentFault,
  type CountFinding,
  type DepartmentAccountabilityEvent,
  type DepartmentAccountabilityState,
  type DomainError,
  type AdoptPolicy,
  type LadderState,
  type PersonEvent,
  type PolicyState,
  type RecordIncident,
  type SanctionPolicyAdoptedEvent,
  decideAdoptPolicy,
  decideCarryOutApology,
  decideCarryOutSanction,
  decideCountDepartmentFault,
  decideCountFinding,
  decideRecordIncident,
  evolveDepartmentAccountability,
  evolveLadder,
  evolvePolicies,
  initialDepartmentAccountabilityState,
  initialLadderState,
  initialPolicyState,
} from './domain/index.ts';

/** The domain's deciders in the shape `executeCommand` runs: one per command, over the stream it writes. */

type LadderDecider<Command> = Decider<Command, LadderState, PersonEvent, DomainError>;
type AccountabilityDecider<Command> = Decider<Command, DepartmentAccountabilityState, DepartmentAccountabilityEvent, DomainError>;

const ladder = { initialState: initialLadderState, evolve: evolveLadder };
const accountability = { initialState: initialDepartmentAccountabilityState, evolve: evolveDepartmentAccountability };

export const countFindingDecider: LadderDecider<CountFinding> = { ...ladder, decide: decideCountFinding };
export const carryOutSanctionDecider: LadderDecider<CarryOutSanction> = { ...ladder, decide: decideCarryOutSanction };

export const countDepartmentFaultDecider: AccountabilityDecider<CountDepartmentFault> = { ...accountability, decide: decideCountDepartmentFault };
export const recordIncidentDecider: AccountabilityDecider<RecordIncident> = { ...accountability, decide: decideRecordIncident };
export const carryOutApologyDecider: AccountabilityDecider<CarryOutApology> = { ...accountability, decide: decideCarryOutApology };

export const adoptPolicyDecider: Decider<AdoptPolicy, PolicyState, SanctionPolicyAdoptedEvent, DomainError> = {
  initialState: initialPolicyState,
  evolve: evolvePolicies,
  decide: decideAdoptPolicy,
};
