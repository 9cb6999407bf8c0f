const dayMs = 86_400_000;

/**
 * `instant` plus `days` calendar days, written in the instant's own offset so that a deadline reads in
 * the clerk's local time (a fixed offset has no daylight saving, so a calendar day is 24 hours).
 */
export function addCalendarDays(instant: string, days: number): string {
  const offset = /(Z|[+-]\d{2}:\d{2})$/.exec(instant)?.[1] ?? 'Z';
  const offsetMs = offset === 'Z' ? 0 : offsetMinutes(offset) * 60_000;
  const shiftedLocal = new Date(Date.parse(instant) + days * dayMs + offsetMs).toISOString();
  return shiftedLocal.replace(/\.000Z$|Z$/, '') + offset;
}

function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours = 0, minutes = 0] = offset.slice(1).split(':').map(Number);
  return sign * (hours * 60 + minutes);
}
