import { z } from 'zod';
import { defineEvent, isoInstant } from './define.ts';

// Events of the ledger's own settings: what the ledger decided with, beside what it decided, so that a
// replay answers as the live ledger did (SPEC "Local time": the zone is part of every year, month and deadline).

/** The one stream of the ledger's settings. */
export const ledgerSettingsStream = 'ledger-settings';

/** An IANA time zone name as written (`Asia/Shanghai`, `America/Argentina/Buenos_Aires`, `UTC`); @ledger/calendar checks it exists. */
export const timeZoneName = z
  .string()
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/, 'an IANA time zone name such as Asia/Shanghai');

export const LedgerTimeZoneSet = defineEvent({
  type: 'LedgerTimeZoneSet',
  version: 1,
  service: 'settings',
  description:
    "The ledger's time zone (IANA name), in which every calendar year, month, date and deadline is taken. Recorded at the first start, in force from the beginning (no appliesFrom); a later one is an explicit change, in force from appliesFrom on, naming the zone it replaces.",
  schema: z
    .object({
      timeZone: timeZoneName,
      /** The instant the zone applies from; absent on the first record, which covers everything before any change. */
      appliesFrom: isoInstant.optional(),
      /** The zone in force before appliesFrom: given exactly when appliesFrom is. */
      previousTimeZone: timeZoneName.optional(),
      /** When it was recorded. */
      at: isoInstant,
    })
    .refine((data) => (data.appliesFrom === undefined) === (data.previousTimeZone === undefined), {
      message: 'a change names both appliesFrom and previousTimeZone; the first record names neither',
      path: ['appliesFrom'],
    }),
});
export type LedgerTimeZoneSetData = z.infer<typeof LedgerTimeZoneSet.schema>;

export const settingsEvents = [LedgerTimeZoneSet] as const;
