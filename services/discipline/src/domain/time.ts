import { instantMs } from '@ledger/rules-kit';

/**
 * Calendar arithmetic on ISO instants. Years and months are taken in UTC: a complaint received at
 * 2026-01-01T00:30+08:00 counts in 2025. The deployment serves one time zone, and UTC keeps the ledger's
 * answers independent of the server's zone; a zone-aware year would be a policy field.
 */

export const utcYear = (iso: string): number => new Date(instantMs(iso)).getUTCFullYear();

/** `iso` plus `months` calendar months in UTC; a day past the target month's end becomes its last day. */
export function addUtcMonths(iso: string, months: number): number {
  const date = new Date(instantMs(iso));
  const target = new Date(date.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(date.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return target.getTime();
}
