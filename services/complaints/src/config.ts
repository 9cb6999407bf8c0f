import { type ComplaintChannel, complaintChannel } from '@ledger/events';
import { z } from 'zod';

/** SPEC 3: handling deadline in calendar days per channel; 15 unless configured. */
export const defaultHandlingDays = 15;

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

export type HandlingDaysByChannel = Partial<Record<ComplaintChannel, number>>;

export const handlingDaysFor = (policy: HandlingDaysByChannel, channel: ComplaintChannel): number => policy[channel] ?? defaultHandlingDays;
