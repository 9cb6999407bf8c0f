import type { DomainError } from '@ledger/decider';
import { checkNotFuture, instantMs } from '@ledger/rules-kit';

const maxIdLength = 200;
const maxNoteLength = 2_000;

/** The rules a carry-out (of a sanction or an apology) keeps: who, a bounded note, a time neither future nor before the decision. */
export function checkCarryOut(
  command: { by: string; note?: string; at: string; now: string },
  decidedAt: string,
  what: 'sanction' | 'apology',
): DomainError | undefined {
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
