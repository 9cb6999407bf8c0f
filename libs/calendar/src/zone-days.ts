import { Temporal } from 'temporal-polyfill';
import { formatInstant } from './instants.ts';

const dayMs = 86_400_000;

/** A local date with the forms the calendar answers in, made once per day. */
export interface LocalDay {
  readonly date: Temporal.PlainDate;
  /** `YYYY-MM-DD` */
  readonly text: string;
  /** `YYYY-MM` */
  readonly month: string;
  readonly year: number;
}

const localDay = (date: Temporal.PlainDate): LocalDay => ({ date, text: date.toString(), month: date.toPlainYearMonth().toString(), year: date.year });

/** A local day of one zone whose offset does not change inside it: every instant in [startMs, endMs) has `date`. */
interface CleanDay {
  readonly day: LocalDay;
  readonly date: Temporal.PlainDate;
  readonly start: Temporal.Instant;
  /** The start as ISO text with the zone's offset (`2026-03-19T00:00:00+08:00`), as deadlines and periods give it. */
  readonly startText: string;
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * The local days of one zone, remembered: asking Temporal for the date of an instant costs a formatting of
 * the zone's rules each time, and a replay asks it for every event. A day is remembered only when the zone
 * has no transition inside it (its offset is one and the same from its first instant to its last), so an
 * instant inside it has its date by comparison alone; days with a transition are asked of Temporal every
 * time. Nothing here computes an offset: bounds, dates and transitions all come from Temporal.
 */
export class ZoneDays {
  readonly timeZone: string;
  readonly #limit: number;
  /** Clean days by the UTC day numbers they overlap (a local day overlaps two or three). */
  readonly #byUtcDay = new Map<number, CleanDay[]>();
  /** Clean days by their date, in the order remembered (the oldest is forgotten first). */
  readonly #byDate = new Map<string, CleanDay>();

  constructor(timeZone: string, limit = 4_096) {
    this.timeZone = timeZone;
    this.#limit = limit;
  }

  dateOf(instant: Temporal.Instant): LocalDay {
    const ms = instant.epochMilliseconds;
    const known = this.#byUtcDay.get(Math.floor(ms / dayMs))?.find((day) => day.startMs <= ms && ms < day.endMs);
    if (known) return known.day;
    const date = instant.toZonedDateTimeISO(this.timeZone).toPlainDate();
    return this.#remember(date)?.day ?? localDay(date);
  }

  /**
   * The first instant of a local date in this zone (its midnight, or the first instant after a skipped one),
   * with its ISO text in the zone when the day is remembered (else the caller formats it).
   */
  startOf(date: Temporal.PlainDate): { instant: Temporal.Instant; text?: string } {
    const day = this.#byDate.get(date.toString()) ?? this.#remember(date);
    return day ? { instant: day.start, text: day.startText } : { instant: date.toZonedDateTime({ timeZone: this.timeZone }).toInstant() };
  }

  #remember(date: Temporal.PlainDate): CleanDay | undefined {
    const first = date.toZonedDateTime({ timeZone: this.timeZone });
    const next = date.add({ days: 1 }).toZonedDateTime({ timeZone: this.timeZone });
    const transition = first.getTimeZoneTransition('next');
    if (transition && Temporal.ZonedDateTime.compare(transition, next) < 0) return undefined;
    const start = first.toInstant();
    const day: CleanDay = { day: localDay(date), date, start, startText: formatInstant(start, this.timeZone), startMs: first.epochMilliseconds, endMs: next.epochMilliseconds };
    if (this.#byDate.size >= this.#limit) this.#forget(this.#byDate.values().next().value!);
    this.#byDate.set(date.toString(), day);
    for (let utcDay = Math.floor(day.startMs / dayMs); utcDay <= Math.floor((day.endMs - 1) / dayMs); utcDay += 1) {
      const days = this.#byUtcDay.get(utcDay);
      if (days) days.push(day);
      else this.#byUtcDay.set(utcDay, [day]);
    }
    return day;
  }

  #forget(day: CleanDay): void {
    this.#byDate.delete(day.date.toString());
    for (let utcDay = Math.floor(day.startMs / dayMs); utcDay <= Math.floor((day.endMs - 1) / dayMs); utcDay += 1) {
      const days = this.#byUtcDay.get(utcDay)?.filter((other) => other !== day);
      if (days?.length) this.#byUtcDay.set(utcDay, days);
      else this.#byUtcDay.delete(utcDay);
    }
  }
}

const shared = new Map<string, ZoneDays>();

/** The remembered days of a zone, shared by every calendar in the process (the rules of a zone are the same for all). */
export function zoneDays(timeZone: string): ZoneDays {
  let days = shared.get(timeZone);
  if (!days) shared.set(timeZone, (days = new ZoneDays(timeZone)));
  return days;
}
