import { Temporal } from 'temporal-polyfill';

/** A time zone name that is not one the ledger can use: unknown to the IANA database, or a bare offset. */
export class UnknownTimeZoneError extends RangeError {
  readonly timeZone: string;
  constructor(timeZone: string, reason: string) {
    super(`unknown time zone ${JSON.stringify(timeZone)}: ${reason}`);
    this.name = 'UnknownTimeZoneError';
    this.timeZone = timeZone;
  }
}

const example = 'an IANA time zone name such as Asia/Shanghai';

/**
 * The zone's IANA name as the time zone database spells it (`asia/shanghai` → `Asia/Shanghai`), or an
 * UnknownTimeZoneError. A bare offset (`+08:00`) is refused: it has no rules, so it would silently ignore
 * daylight saving time where the ledger's place has it, and the SPEC asks for a named zone.
 */
export function assertTimeZone(timeZone: string): string {
  if (typeof timeZone !== 'string' || timeZone.trim() === '') throw new UnknownTimeZoneError(String(timeZone), `expected ${example}`);
  if (/^[+-\u2212]\d/.test(timeZone)) throw new UnknownTimeZoneError(timeZone, `a fixed offset is not a time zone; expected ${example}`);
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone).timeZoneId;
  } catch {
    throw new UnknownTimeZoneError(timeZone, `not in the time zone database; expected ${example}`);
  }
}

/** Why `timeZone` cannot be used (for configuration checks that list every problem), or undefined. */
export function timeZoneProblem(timeZone: string): string | undefined {
  try {
    assertTimeZone(timeZone);
    return undefined;
  } catch (error) {
    if (error instanceof UnknownTimeZoneError) return error.message;
    throw error;
  }
}
