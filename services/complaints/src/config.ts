import { complaintChannel } from '@ledger/events';
import { z } from 'zod';

/** COMPLAINT_HANDLING_DAYS: handling days per channel as JSON (see domain/policy.ts for the default). */
export const handlingDaysByChannelSchema = z
  .string()
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'must be a JSON object such as {"hotline-12345": 5}' });
      return z.NEVER;
    }
  })
  .pipe(z.partialRecord(complaintChannel, z.int().positive().max(365)));
