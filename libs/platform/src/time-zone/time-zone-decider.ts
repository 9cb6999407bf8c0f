import { type ZoneSpan, assertTimeZone, compareInstants } from '@ledger/calendar';
import { type DomainError, accept, refuse } from '@ledger/decider';
import type { LedgerTimeZoneSetData } from '@ledger/events';

/** The variables a start configures the ledger's zone with (what a refusal names). */
export const timeZoneVariable = 'LEDGER_TIME_ZONE';
export const timeZoneChangeVariable = 'LEDGER_TIME_ZONE_CHANGE_FROM';

/** A start of the ledger, with the zone it is configured with and, for a change, from when it applies. */
export interface StartWithTimeZone {
  timeZone: string;
  changeFrom?: string;
  /** Now: when the start records anything. */
  at: string;
}

export type TimeZoneEvent = { type: 'LedgerTimeZoneSet'; data: LedgerTimeZoneSetData };

/** The recorded zones, oldest first (ZoneSpan: what @ledger/calendar takes); empty before the first start. */
export type RecordedZones = readonly ZoneSpan[];

export function evolveZones(zones: RecordedZones, event: TimeZoneEvent): RecordedZones {
  const { timeZone, appliesFrom } = event.data;
  return [...zones, appliesFrom === undefined ? { timeZone } : { timeZone, from: appliesFrom }];
}

const describeZone = (zones: RecordedZones) => {
  const latest = zones.at(-1)!;
  return latest.from === undefined ? `${latest.timeZone} (recorded at its first start)` : `${latest.timeZone} from ${latest.from} (${zones.at(-2)!.timeZone} before)`;
};

/**
 * What a start records about the zone (SPEC "Local time"): the first start records its zone, in force from
 * the beginning; a later start with the recorded zone records nothing; another zone is refused unless the
 * start says from when it applies, which is then recorded. A change cannot apply before it is recorded:
 * the years, months and deadlines the ledger already decided stay as they were decided, and a replay gives
 * the same answers.
 */
export function decideTimeZone(start: StartWithTimeZone, zones: RecordedZones): { ok: true; events: TimeZoneEvent[] } | { ok: false; error: DomainError } {
  let timeZone: string;
  try {
    timeZone = assertTimeZone(start.timeZone);
  } catch (error) {
    return refuse('rule', 'unknown-time-zone', (error as Error).message, timeZoneVariable);
  }
  const latest = zones.at(-1);
  if (!latest) {
    if (start.changeFrom !== undefined) {
      return refuse(
        'rule',
        'no-time-zone-to-change',
        `this ledger has no time zone recorded yet (a new ledger), so there is nothing to change from ${start.changeFrom}: remove ${timeZoneChangeVariable}, or check that this is the ledger you meant to start`,
        timeZoneChangeVariable,
      );
    }
    return accept({ type: 'LedgerTimeZoneSet', data: { timeZone, at: start.at } });
  }
  if (timeZone === latest.timeZone) {
    if (start.changeFrom === undefined) return accept();
    if (latest.from !== undefined && compareInstants(latest.from, start.changeFrom) === 0) return accept();
    return refuse(
      'conflict',
      'time-zone-unchanged',
      `the ledger's time zone is already ${describeZone(zones)}: there is no change to ${timeZone} to record from ${start.changeFrom}; remove ${timeZoneChangeVariable}`,
      timeZoneChangeVariable,
    );
  }
  if (start.changeFrom === undefined) {
    return refuse(
      'conflict',
      'time-zone-differs',
      `the ledger's recorded time zone is ${describeZone(zones)}, not ${timeZone}: every year, month and deadline it decided was taken in ${latest.timeZone}. ` +
        `Start with ${timeZoneVariable}=${latest.timeZone}, or set ${timeZoneChangeVariable}=<instant> to change to ${timeZone} from that instant on (recorded in the ledger)`,
      timeZoneVariable,
    );
  }
  if (compareInstants(start.changeFrom, start.at) < 0) {
    return refuse(
      'rule',
      'time-zone-change-in-the-past',
      `${start.changeFrom} is in the past (now ${start.at}): a change of zone applies from now on at the earliest, so that what the ledger decided in ${latest.timeZone} stays decided`,
      timeZoneChangeVariable,
    );
  }
  if (latest.from !== undefined && compareInstants(start.changeFrom, latest.from) <= 0) {
    return refuse(
      'conflict',
      'time-zone-change-out-of-order',
      `${start.changeFrom} is not after the last recorded change (${describeZone(zones)}): a new change applies after it`,
      timeZoneChangeVariable,
    );
  }
  return accept({ type: 'LedgerTimeZoneSet', data: { timeZone, appliesFrom: start.changeFrom, previousTimeZone: latest.timeZone, at: start.at } });
}

export const timeZoneDecider = {
  initialState: [] as RecordedZones,
  evolve: evolveZones,
  decide: decideTimeZone,
};

