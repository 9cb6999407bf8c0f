import { accept, type Decision, refuse } from '@ledger/decider';
import { type ImposedMeasure, imposedMeasures } from '@ledger/events';
import type { SanctionCarriedOutEvent } from '../events.ts';
import { checkCarryOut } from '../carry-out-rules.ts';
import type { LadderState } from './state.ts';

/** A disciplinary official records that a pending sanction was carried out. `now` is the caller's clock. */
export interface CarryOutSanction {
  sanctionId: string;
  by: string;
  note?: string;
  /** Step 4's heavier sanction, chosen now (SPEC 4.6); required at step 4 and only there. */
  imposed?: ImposedMeasure;
  /** The measure in words; required when `imposed` is `other`. */
  imposedNote?: string;
  at: string;
  now: string;
}

/** The step whose heavier sanction is chosen when carried out (SPEC 4.6). */
const heavierSanctionStep = 4;

export function decideCarryOutSanction(command: CarryOutSanction, state: LadderState): Decision<SanctionCarriedOutEvent> {
  const sanction = state.sanctions.find((candidate) => candidate.sanctionId === command.sanctionId);
  if (!sanction) return refuse('not-found', 'sanction-not-found', `sanction ${command.sanctionId} does not exist`, 'sanctionId');
  const invalid = checkCarryOut(command, sanction, command.sanctionId, sanction.decidedAt, 'sanction');
  if (invalid) return refuse(invalid);
  const measure = checkMeasure(command, sanction.step);
  if (measure) return measure;
  return accept({
    type: 'SanctionCarriedOut',
    data: {
      sanctionId: sanction.sanctionId,
      personId: sanction.personId,
      by: command.by,
      ...(command.note === undefined ? {} : { note: command.note }),
      ...(command.imposed === undefined ? {} : { imposed: command.imposed }),
      ...(command.imposedNote === undefined ? {} : { imposedNote: command.imposedNote }),
      at: command.at,
    },
  });
}

function checkMeasure(command: CarryOutSanction, step: number): Decision<SanctionCarriedOutEvent> | undefined {
  if (step !== heavierSanctionStep) {
    if (command.imposed !== undefined || command.imposedNote !== undefined) {
      return refuse('rule', 'measure-not-chosen-at-this-step', `only step 4's heavier sanction is chosen at carry-out; this sanction is step ${step}`, 'imposed');
    }
    return undefined;
  }
  if (command.imposed === undefined) {
    return refuse(
      'rule',
      'measure-required',
      `step 4's heavier sanction is chosen when it is carried out: imposed must be one of ${imposedMeasures.join(', ')} (SPEC 4.6)`,
      'imposed',
    );
  }
  if (!imposedMeasures.includes(command.imposed)) return refuse('rule', 'invalid-measure', `imposed must be one of ${imposedMeasures.join(', ')}`, 'imposed');
  if (command.imposed === 'other' && (command.imposedNote === undefined || command.imposedNote.trim() === '')) {
    return refuse('rule', 'measure-note-required', 'another measure must be stated in words in imposedNote', 'imposedNote');
  }
  if (command.imposedNote !== undefined && command.imposedNote.length > 2_000) {
    return refuse('rule', 'note-too-long', 'imposedNote may hold at most 2000 characters', 'imposedNote');
  }
  return undefined;
}
