import type { Decision } from '@ledger/decider';
import type { ComplaintEvent } from '@ledger/events';
import { notFound } from './errors.ts';
import type { ComplaintState } from './state.ts';

/** SPEC 8: a lawful request to erase the complainant's personal data of one complaint. */
export interface EraseComplainantData {
  readonly type: 'EraseComplainantData';
  readonly complainantRef: string;
  readonly legalBasis: string;
  readonly now: string;
}

/**
 * Records the erasure (the key itself is destroyed in the vault, outside the ledger). Erasing twice records
 * nothing more: the request is already satisfied, so a retried DELETE is harmless.
 */
export function decideErasure(
  command: EraseComplainantData,
  state: ComplaintState | undefined,
): Decision<ComplaintEvent> {
  if (!state || state.complainant?.complainantRef !== command.complainantRef) return { ok: false, error: notFound() };
  if (state.complainantErased) return { ok: true, events: [] };
  return {
    ok: true,
    events: [{ type: 'ComplainantDataErased', data: { complainantRef: command.complainantRef, legalBasis: command.legalBasis, at: command.now } }],
  };
}
