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
  if (sanction.status === 'rescinded') {
    return refuse('conflict', 'sanction-rescinded', `sanction ${command.sanctionId} was rescinded: ${sanction.rescinded?.reason ?? ''}`);
  }
  if (sanction.status === 'carried-out') {
    return refuse(
      'conflict',
      'sanction-already-carried-out',
      `sanction ${command.sanctionId} was already carried out by ${sanction.carriedOut?.by ?? '?'} at ${sanction.carriedOut?.at ?? '?'}`,
    );
  }
  const invalid = checkCarryOut(command, sanction.decidedAt, 'sanction');
  if (invalid) return { ok: false, error: invalid };
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
