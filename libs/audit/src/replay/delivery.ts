import { InvalidEventError } from '@ledger/events';
import { PoisonMessageError } from '@ledger/messaging';

/** Errors the live bus records as dead letters and passes, instead of retrying: the replay does the same. */
export function isDeadLetter(error: unknown): error is Error {
  return error instanceof InvalidEventError || error instanceof PoisonMessageError;
}
