import { isoInstant } from '@ledger/events';

/** Whether the text is an instant as API.md writes every time: ISO 8601 date and time with an offset or `Z`. */
export function isInstant(text: string): boolean {
  return isoInstant.safeParse(text).success;
}

/** Milliseconds since the epoch of an instant (NaN when the text is none): for comparing instants, since ISO text with different offsets does not sort as text. */
export function instantMs(instant: string): number {
  return Date.parse(instant);
}
