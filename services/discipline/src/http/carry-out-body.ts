import { identifier, isoInstant, safeText } from '@ledger/events';
import { z } from 'zod';

/** The body of both carry-out routes (API.md: `{ by, note?, at? }`). */
export const carryOutBody = z
  .object({
    by: identifier.describe('Who carried it out'),
    note: safeText().max(2_000).optional(),
    at: isoInstant.optional().describe('When; defaults to now; never in the future nor before the decision'),
  })
  .strict();

/** Sanction and apology ids embed a person or department id, so they may be longer than an identifier. */
export const recordId = safeText().min(1).max(500);
