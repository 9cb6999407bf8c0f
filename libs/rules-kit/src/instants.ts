import { isoInstant } from '@ledger/events';

/** Whether the text is an instant as API.md writes every time: ISO 8601 date and time with an offset or `Z`. */
export function isInstant(text: string): boolean {
  return isoInstant.safeParse(text).success;
}

/** Milliseconds since the epoch of an instant (NaN when the text is none): for comparing instants, since ISO text with different offsets does not sort as text. */
export function instantMs(instant: string): number {
  return Date.parse(instant);
}

/** Past this many, the memo of `utcInstant` starts again: it serves the models that take one event, and events close together. */
const utcMemoSize = 10_000;
const utcMemo = new Map<string, string>();

/**
 * An instant as UTC ISO text, as `new Date(instant).toISOString()` writes it (and throws for a text that is no
 * instant). Read models store instants so, to compare them as text, and normalise the same instants of a complaint
 * in several models, on each of its events: parsing and formatting them every time was about a tenth of a replay's
 * CPU (issue 9); a look-up is not.
 */
export function utcInstant(instant: string): string {
  let utc = utcMemo.get(instant);
  if (utc === undefined) {
    utc = new Date(instant).toISOString();
    if (utcMemo.size >= utcMemoSize) utcMemo.clear();
    utcMemo.set(instant, utc);
  }
  return utc;
}
