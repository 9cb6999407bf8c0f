/**
 * The ledger's one local calendar (SPEC "Local time"), pure: years, months, dates, periods, deadlines in
 * calendar and working days, and windows of months, all in the ledger's time zone (or its recorded
 * history of zones), never in UTC or the server's zone. Built on the Temporal polyfill.
 */
export * from './ledger-calendar.ts';
export { type InstantInput, InvalidInstantError, compareInstants, toUtcIso } from './instants.ts';
export { type LocalDate, type LocalMonth, InvalidLocalDateError, isLocalDate } from './local-dates.ts';
export { UnknownTimeZoneError, assertTimeZone, timeZoneProblem } from './time-zones.ts';
export { type WorkingDayAnswer, type WorkingDayCalendars, type YearCalendar, isWorkingDay, yearCalendarProblems } from './working-days.ts';
export { InvalidZoneHistoryError, type ZoneSpan } from './zone-history.ts';

/** The ledger's zone when none is configured (SPEC: China Standard Time). */
export const defaultLedgerTimeZone = 'Asia/Shanghai';
