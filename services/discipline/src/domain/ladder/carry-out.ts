import { accept, type Decision, refuse } from '@ledger/decider';
import type { SanctionCarriedOutEvent } from '../events.ts';
import { checkCarryOut } from '../carry-out-rules.ts';
import type { LadderState } from './state.ts';

/** A disciplinary official records that a pending sanction was carried out. `now` is the caller's clock. */
export interface CarryOutSanction {
  sanctionId: string;
  by: string;
  note?: string;
  at: string;
  now: string;
}

export function decideCarryOutSanction(command: CarryOutSanction, state: LadderState): Decision<SanctionCarriedOutEvent> {
  const sanction = state.sanctions.find((candidate) => candidate.sanctionId === command.sanctionId);
  if (!sanction) return refuse('not-found', 'sanction-not-found', `sanction ${command.sanctionId} does not exist`, 'sanctionId');
  const invalid = checkCarryOut(command, sanction, command.sanctionId, sanction.decidedAt, 'sanction');
  if (invalid) return refuse(invalid);
  return accept(
    {
      type: 'SanctionCarriedOut',
      data: {
        sanctionId: sanction.sanctionId,
        personId: sanction.personId,
        by: command.by,
        ...(command.note === undefined ? {} : { note: command.note }),
        at: command.at,
      },
    },
  );
}
