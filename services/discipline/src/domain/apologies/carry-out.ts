import { checkCarryOut } from '../carry-out-rules.ts';
import { accept, type Decision, refuse } from '@ledger/decider';
import type { ApologyCarriedOutEvent } from '../events.ts';
import type { DepartmentAccountabilityState } from './state.ts';

/** Records that a required apology was made. Sent to the stream that holds it (a joint one: its first department). */
export interface CarryOutApology {
  apologyId: string;
  by: string;
  note?: string;
  at: string;
  now: string;
}

export function decideCarryOutApology(command: CarryOutApology, state: DepartmentAccountabilityState): Decision<ApologyCarriedOutEvent> {
  const apology = state.apologies.find((candidate) => candidate.apologyId === command.apologyId);
  if (!apology || state.departmentId === undefined) {
    return refuse('not-found', 'apology-not-found', `apology ${command.apologyId} does not exist`, 'apologyId');
  }
  const invalid = checkCarryOut(command, apology, command.apologyId, apology.requiredAt, 'apology');
  if (invalid) return refuse(invalid);
  return accept(
    {
      type: 'ApologyCarriedOut',
      data: {
        apologyId: apology.apologyId,
        departmentId: state.departmentId,
        by: command.by,
        ...(command.note === undefined ? {} : { note: command.note }),
        at: command.at,
      },
    },
  );
}
