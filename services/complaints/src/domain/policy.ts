import type { ComplaintChannel } from '@ledger/events';

/** SPEC 3: the handling deadline in calendar days, per channel where one is configured; 15 otherwise. */
export const defaultHandlingDays = 15;

export type HandlingDaysByChannel = Partial<Record<ComplaintChannel, number>>;

export const handlingDaysFor = (policy: HandlingDaysByChannel, channel: ComplaintChannel): number => policy[channel] ?? defaultHandlingDays;
