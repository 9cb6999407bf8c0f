import type { Decider, DomainError } from '@ledger/decider';
import {
  type CarryOutApology,
  type CountDepartmentFault,
  type DepartmentAccountabilityState,
  type RecordIncident,
  decideCarryOutApology,
  decideCountDepartmentFault,
  decideRecordIncident,
  evolveDepartmentAccountability,
  initialDepartmentAccountabilityState,
} from './apologies/index.ts';
import type { DepartmentAccountabilityEvent, PersonEvent, SanctionPolicyAdoptedEvent } from './events.ts';
import {
  type CarryOutSanction,
  type CountFinding,
  type DecideReferral,
  type LadderState,
  decideCarryOutSanction,
  decideCountFinding,
  decideReferralOutcome,
  evolveLadder,
  initialLadderState,
} from './ladder/index.ts';
import { type AdoptPolicy, type PolicyState, decideAdoptPolicy, evolvePolicies, initialPolicyState } from './policy/index.ts';

/** The domain's deciders in the shape `executeCommand` runs: one per command, over the stream it writes. */

type LadderDecider<Command> = Decider<Command, LadderState, PersonEvent, DomainError>;
type AccountabilityDecider<Command> = Decider<Command, DepartmentAccountabilityState, DepartmentAccountabilityEvent, DomainError>;

const ladder = { initialState: initialLadderState, evolve: evolveLadder };
const accountability = { initialState: initialDepartmentAccountabilityState, evolve: evolveDepartmentAccountability };

export const countFindingDecider: LadderDecider<CountFinding> = { ...ladder, decide: decideCountFinding };
export const carryOutSanctionDecider: LadderDecider<CarryOutSanction> = { ...ladder, decide: decideCarryOutSanction };
export const decideReferralDecider: LadderDecider<DecideReferral> = { ...ladder, decide: decideReferralOutcome };

export const countDepartmentFaultDecider: AccountabilityDecider<CountDepartmentFault> = { ...accountability, decide: decideCountDepartmentFault };
export const recordIncidentDecider: AccountabilityDecider<RecordIncident> = { ...accountability, decide: decideRecordIncident };
export const carryOutApologyDecider: AccountabilityDecider<CarryOutApology> = { ...accountability, decide: decideCarryOutApology };

export const adoptPolicyDecider: Decider<AdoptPolicy, PolicyState, SanctionPolicyAdoptedEvent, DomainError> = {
  initialState: initialPolicyState,
  evolve: evolvePolicies,
  decide: decideAdoptPolicy,
};
