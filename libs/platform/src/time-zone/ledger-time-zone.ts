import { type LedgerCalendar, calendarOfZones, followingCalendar } from '@ledger/calendar';
import { fold } from '@ledger/decider';
import { executeCommand, loadStream, type EventStore } from '@ledger/eventstore';
import { type LedgerTimeZoneSetData, ledgerSettingsStream } from '@ledger/events';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import { type RecordedZones, type TimeZoneEvent, timeZoneChangeVariable, timeZoneDecider, timeZoneVariable } from './time-zone-decider.ts';

export interface LedgerTimeZoneStart {
  /** LEDGER_TIME_ZONE: an IANA name. */
  timeZone: string;
  /** LEDGER_TIME_ZONE_CHANGE_FROM: the instant a different zone applies from, when the start changes it. */
  changeFrom?: string;
  clock: Clock;
  /** Who records: `service:<process>`, kept in the event's metadata. */
  actor: string;
  logger?: Logger;
}

export interface SettledTimeZone {
  /** The ledger's calendar: the recorded zones, the start's own included. */
  calendar: LedgerCalendar;
  /** What this start recorded, if anything (the first start, or a change). */
  recorded?: LedgerTimeZoneSetData;
}

/** The zones recorded in the ledger, oldest first (empty before the first start). */
export async function loadRecordedZones(store: EventStore): Promise<RecordedZones> {
  const events = await loadStream(store, ledgerSettingsStream);
  return fold<RecordedZones, TimeZoneEvent>(timeZoneDecider, events.filter((event) => event.type === 'LedgerTimeZoneSet'));
}

/**
 * The calendar the ledger decided with, read from its recorded zones (for replays and tools that read a
 * ledger without starting it), or undefined for a ledger that was never started.
 */
export async function loadLedgerCalendar(store: EventStore): Promise<LedgerCalendar | undefined> {
  const zones = await loadRecordedZones(store);
  return zones.length === 0 ? undefined : calendarOfZones(zones);
}

/**
 * Records the start's zone in the ledger at its first start, or an explicit change, and refuses a zone
 * that differs from the recorded one (a ConfigError naming the variable and the recorded zone, which hosts
 * turn into exit code 2). Several processes starting at once record it once: the append expects the
 * version it decided on, and the loser decides again on what the winner recorded.
 */
export async function settleLedgerTimeZone(store: EventStore, start: LedgerTimeZoneStart): Promise<SettledTimeZone> {
  const at = start.clock.now().toISOString();
  const result = await executeCommand(
    store,
    ledgerSettingsStream,
    timeZoneDecider,
    { timeZone: start.timeZone, ...(start.changeFrom === undefined ? {} : { changeFrom: start.changeFrom }), at },
    { actor: start.actor, occurredAt: at },
  );
  if (!result.ok) {
    const variable = result.error.field ?? timeZoneVariable;
    const value = variable === timeZoneChangeVariable ? start.changeFrom : start.timeZone;
    throw new ConfigError([`${variable}${value === undefined ? '' : ` = ${JSON.stringify(value)}`}: ${result.error.message}`]);
  }
  const calendar = calendarOfZones(result.state);
  const recorded = result.events.at(-1)?.data as LedgerTimeZoneSetData | undefined;
  if (recorded) {
    start.logger?.info({ timeZone: recorded.timeZone, appliesFrom: recorded.appliesFrom, previousTimeZone: recorded.previousTimeZone }, recorded.appliesFrom ? 'ledger time zone change recorded' : 'ledger time zone recorded');
  }
  start.logger?.info({ zones: calendar.zones }, `ledger time zone ${calendar.latestZone}`);
  return { calendar, ...(recorded ? { recorded } : {}) };
}

/**
 * A calendar that follows the recorded zones while the process runs: a change recorded by another process
 * of the deployment (which must be restarted with the new zone anyway) is taken up within `intervalMs`,
 * so that no process goes on answering in the old zone after the change applies.
 */
export function followLedgerCalendar(
  store: EventStore,
  options: { initial: LedgerCalendar; intervalMs: number; logger?: Logger },
): { calendar: LedgerCalendar; refresh(): Promise<void>; stop(): void } {
  let current = options.initial;
  const refresh = async () => {
    const zones = await loadRecordedZones(store);
    if (zones.length > current.zones.length) {
      current = calendarOfZones(zones);
      options.logger?.warn({ zones }, `the ledger's time zone changes to ${current.latestZone}: following the recorded change; restart this process with ${timeZoneVariable}=${current.latestZone}`);
    }
  };
  const timer = setInterval(() => {
    refresh().catch((error: unknown) => options.logger?.warn({ err: error }, 'could not read the recorded time zones; keeping the ones known'));
  }, options.intervalMs);
  timer.unref();
  return { calendar: followingCalendar(() => current), refresh, stop: () => clearInterval(timer) };
}
