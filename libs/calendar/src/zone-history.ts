import { Temporal } from 'temporal-polyfill';
import { formatInstant, toInstant } from './instants.ts';
import { assertTimeZone } from './time-zones.ts';
import { type LocalDay, type ZoneDays, zoneDays } from './zone-days.ts';

/**
 * One zone of the ledger's history: in force from `from` (an instant) until the next span's `from`.
 * The first span has no `from`: the zone the ledger started with covers everything before any change,
 * including instants older than the ledger (a complaint received before it was installed).
 */
export interface ZoneSpan {
  readonly timeZone: string;
  readonly from?: string;
}

export class InvalidZoneHistoryError extends RangeError {
  constructor(reason: string) {
    super(`invalid time zone history: ${reason}`);
    this.name = 'InvalidZoneHistoryError';
  }
}

/** A span as resolved: its zone's canonical name and the bounds `[from, until)` as instants. */
interface ResolvedSpan {
  readonly timeZone: string;
  readonly days: ZoneDays;
  readonly from?: Temporal.Instant;
  readonly until?: Temporal.Instant;
}

/**
 * The two questions every calendar notion reduces to, for a zone history: which local date an instant
 * falls on, and the first instant of a local date. Everything else (months, years, deadlines, windows)
 * is date arithmetic between them.
 */
export interface ZoneResolver {
  readonly spans: readonly ZoneSpan[];
  zoneAt(instant: Temporal.Instant): string;
  dateOf(instant: Temporal.Instant): LocalDay;
  /**
   * The first instant whose local date is `date` or later. Within one zone it is the local midnight (or the
   * first instant after a skipped midnight); across a change of zone it is the earliest such instant of
   * either zone, so that a day always starts where the calendar in force says it does.
   */
  startOf(date: Temporal.PlainDate): { instant: Temporal.Instant; text: string };
}

function resolveSpans(spans: readonly ZoneSpan[]): ResolvedSpan[] {
  if (spans.length === 0) throw new InvalidZoneHistoryError('it names no zone');
  const parsed = spans.map((span, index) => {
    if (index === 0 && span.from !== undefined) throw new InvalidZoneHistoryError('the first zone applies from the beginning and takes no "from"');
    if (index > 0 && span.from === undefined) throw new InvalidZoneHistoryError(`zone ${index + 1} (${span.timeZone}) needs the instant it applies from`);
    const timeZone = assertTimeZone(span.timeZone);
    return { timeZone, days: zoneDays(timeZone), ...(span.from === undefined ? {} : { from: toInstant(span.from) }) };
  });
  for (let index = 2; index < parsed.length; index += 1) {
    if (Temporal.Instant.compare(parsed[index]!.from!, parsed[index - 1]!.from!) <= 0) {
      throw new InvalidZoneHistoryError(`zone ${index + 1} (${spans[index]!.timeZone}) must apply after the zone before it (${spans[index - 1]!.from})`);
    }
  }
  return parsed.map((span, index) => {
    const until = parsed[index + 1]?.from;
    return { ...span, ...(until ? { until } : {}) };
  });
}

const before = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) < 0;

export function zoneResolver(spans: readonly ZoneSpan[]): ZoneResolver {
  const resolved = resolveSpans(spans);
  const spanAt = (instant: Temporal.Instant): ResolvedSpan => {
    for (let index = resolved.length - 1; index > 0; index -= 1) {
      if (!before(instant, resolved[index]!.from!)) return resolved[index]!;
    }
    return resolved[0]!;
  };
  const frozen = Object.freeze(spans.map((span, index) => Object.freeze({ timeZone: resolved[index]!.timeZone, ...(span.from === undefined ? {} : { from: span.from }) })));
  return {
    spans: frozen,
    zoneAt: (instant) => spanAt(instant).timeZone,
    dateOf: (instant) => spanAt(instant).days.dateOf(instant),
    startOf(date) {
      let earliest: { instant: Temporal.Instant; span: ResolvedSpan; text?: string } | undefined;
      for (const span of resolved) {
        // Within a span the local date only moves forward, so its first instant on or after `date` is
        // the later of the span's start and the zone's start of that day, if that is still in the span.
        const inZone = span.days.startOf(date);
        const candidate = span.from && before(inZone.instant, span.from) ? { instant: span.from } : inZone;
        if (span.until && !before(candidate.instant, span.until)) continue;
        if (!earliest || before(candidate.instant, earliest.instant)) earliest = { ...candidate, span };
      }
      // The last span has no end, so some span always answers; the text is in the zone in force then.
      return { instant: earliest!.instant, text: earliest!.text ?? formatInstant(earliest!.instant, earliest!.span.timeZone) };
    },
  };
}

