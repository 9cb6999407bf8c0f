import type { DomainError } from '@ledger/decider';
import type { SanctionStatus } from '@ledger/events';
import { checkNotFuture, instantMs } from '@ledger/rules-kit';

const maxIdLength = 200;
const maxNoteLength = 2_000;

/** A sanction or an apology: pending until carried out once, unless rescinded first. */
interface CarriedOutOnce {
  status: SanctionStatus;
  carriedOut?: { by: string; at: string };
  rescinded?: { reason: string };
}

/**
 * The rules a carry-out (of a sanction or an apology) keeps: the record is still pending (409 otherwise), and the
 * command names who, a bounded note, a time neither future nor before the decision.
 */
export function checkCarryOut(
  command: { by: string; note?: string; at: string; now: string },
  record: CarriedOutOnce,
  id: string,
  decidedAt: string,
  what: 'sanction' | 'apology',
): DomainError | undefined {
  if (record.status === 'rescinded') {
    return { kind: 'conflict', code: `${what}-rescinded`, message: `${what} ${id} was rescinded: ${record.rescinded?.reason ?? ''}` };
  }
  if (record.status === 'carried-out') {
    return {
      kind: 'conflict',
      code: `${what}-already-carried-out`,
      message: `${what} ${id} was already carried out by ${record.carriedOut?.by ?? '?'} at ${record.carriedOut?.at ?? '?'}`,
    };
  }
  if (command.by.trim() === '' || command.by.length > maxIdLength) {
    return { kind: 'rule', code: 'invalid-by', message: `by must name who carried it out (1-${maxIdLength} characters)`, field: 'by' };
  }
  if (command.note !== undefined && command.note.length > maxNoteLength) {
    return { kind: 'rule', code: 'note-too-long', message: `note may hold at most ${maxNoteLength} characters`, field: 'note' };
  }
  const time = checkNotFuture(command.at, 'at', command.now);
  if (time) return time;
  if (instantMs(command.at) < instantMs(decidedAt)) {
    return {
      kind: 'rule',
      code: 'carried-out-before-decided',
      message: `at ${command.at} is before the ${what} was decided (${decidedAt})`,
      field: 'at',
    };
  }
  return undefined;
}
