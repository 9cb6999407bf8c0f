import { accept, type Decision, refuse } from '@ledger/decider';
import type { PersonHistoryReadEvent } from '../../domain/events.ts';
import { checkInstant, checkNotFuture } from '@ledger/rules-kit';

/** Someone reads a person's history (SPEC 8): who, with what stated reason. `now` is the caller's clock. */
export interface RecordHistoryRead {
  personId: string;
  /** The authenticated reader, as `role:id`. */
  reader: string;
  /** The reason the reader stated, if any. */
  reason?: string;
  /** Set for an as-of read: the instant the history was read as of. */
  asOf?: string;
  at: string;
  now: string;
}

/**
 * Every read is recorded, with the reason when one is stated. A reason given but blank or too long is refused
 * rather than dropped: the reader meant to state one. (No reason at all is allowed: API.md's contract has none.)
 */
export function decideRecordHistoryRead(command: RecordHistoryRead): Decision<PersonHistoryReadEvent> {
  const reason = command.reason?.trim();
  if (reason !== undefined && (reason === '' || reason.length > 2_000)) {
    return refuse('rule', 'invalid-reason', 'a stated reason for reading a person history has 1-2000 characters', 'reason');
  }
  if (command.reader.trim() === '' || command.reader.length > 200) {
    return refuse('rule', 'invalid-reader', 'reader must name the authenticated caller', 'reader');
  }
  const time = checkNotFuture(command.at, 'at', command.now) ?? (command.asOf === undefined ? undefined : checkInstant(command.asOf, 'asOf'));
  if (time) return refuse(time);
  const asOf = command.asOf === undefined ? {} : { asOf: command.asOf };
  return accept({ type: 'PersonHistoryRead', data: { personId: command.personId, reader: command.reader, ...(reason === undefined ? {} : { reason }), ...asOf, at: command.at } });
}
