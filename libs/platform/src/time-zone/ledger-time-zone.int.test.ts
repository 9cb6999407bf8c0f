import { SqlEventStore } from '@ledger/eventstore/sql';
import { ledgerSettingsStream } from '@ledger/events';
import { type SqlClient, openPglite } from '@ledger/sql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { manualClock } from '../clock.ts';
import { ConfigError } from '../config.ts';
import { followLedgerCalendar, loadLedgerCalendar, settleLedgerTimeZone } from './ledger-time-zone.ts';

/** The problems of the ConfigError a start is refused with. */
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
};

describe('the ledger time zone recorded in the ledger (PGlite)', () => {
  let sql: SqlClient;
  let store: SqlEventStore;
  let clock = manualClock('2026-05-01T09:00:00+08:00');
  const start = (timeZone: string, changeFrom?: string) =>
    settleLedgerTimeZone(store, { timeZone, ...(changeFrom ? { changeFrom } : {}), clock, actor: 'service:test' });

  // One embedded database for the file (opening PGlite is the slow part); each test starts from an empty ledger.
  beforeAll(async () => {
    sql = await openPglite();
    store = await SqlEventStore.open(sql, { idlePollMs: 20 });
  });
  beforeEach(async () => {
    await sql.query('delete from ledger_events');
    clock = manualClock('2026-05-01T09:00:00+08:00');
  });
  afterAll(async () => {
    await sql?.close();
  });

  it('records the zone at the first start as an event of the settings stream, and nothing at the next', async () => {
    const first = await start('Asia/Shanghai');
    expect(first.recorded).toEqual({ timeZone: 'Asia/Shanghai', at: '2026-05-01T01:00:00.000Z' });
    expect(first.calendar.yearOf('2025-12-31T16:30:00Z')).toBe(2026);
    expect((await start('Asia/Shanghai')).recorded).toBeUndefined();
    const events = await store.readStream(ledgerSettingsStream);
    expect(events.map(({ type, data, metadata }) => ({ type, data, actor: metadata.actor }))).toEqual([
      { type: 'LedgerTimeZoneSet', data: { timeZone: 'Asia/Shanghai', at: '2026-05-01T01:00:00.000Z' }, actor: 'service:test' },
    ]);
  });

  it('refuses a restart with another zone, naming the variable and the recorded zone, and writes nothing', async () => {
    await start('Asia/Shanghai');
    const problems = await refusal(start('Europe/Berlin'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^LEDGER_TIME_ZONE = "Europe\/Berlin": the ledger's recorded time zone is Asia\/Shanghai/);
    expect(await store.readStream(ledgerSettingsStream)).toHaveLength(1);
  });

  it('records an explicit change once, and answers in the new zone from its instant on', async () => {
    await start('Asia/Shanghai');
    const changeFrom = '2026-07-01T00:00:00+02:00';
    const changed = await start('Europe/Berlin', changeFrom);
    expect(changed.recorded).toEqual({ timeZone: 'Europe/Berlin', appliesFrom: changeFrom, previousTimeZone: 'Asia/Shanghai', at: '2026-05-01T01:00:00.000Z' });
    // Honoured: before the change Beijing's calendar, after it Berlin's.
    expect(changed.calendar.zoneAt('2026-06-30T21:59:59Z')).toBe('Asia/Shanghai');
    expect(changed.calendar.dateOf('2026-06-30T21:00:00Z')).toBe('2026-07-01');
    expect(changed.calendar.zoneAt('2026-06-30T22:00:00Z')).toBe('Europe/Berlin');
    expect(changed.calendar.monthOf('2026-12-31T23:30:00Z')).toBe('2027-01');

    // Restarts with the new zone, with or without the change still configured, record nothing more.
    clock.advance(90 * 86_400_000);
    expect((await start('Europe/Berlin', changeFrom)).recorded).toBeUndefined();
    expect((await start('Europe/Berlin')).calendar.zones).toEqual([{ timeZone: 'Asia/Shanghai' }, { timeZone: 'Europe/Berlin', from: changeFrom }]);
    expect(await store.readStream(ledgerSettingsStream)).toHaveLength(2);
    // The old zone is refused now, naming the change.
    expect((await refusal(start('Asia/Shanghai')))[0]).toContain('Europe/Berlin from 2026-07-01T00:00:00+02:00 (Asia/Shanghai before)');
    // And a replay reads the same calendar from the ledger alone.
    expect((await loadLedgerCalendar(store))?.zones).toEqual([{ timeZone: 'Asia/Shanghai' }, { timeZone: 'Europe/Berlin', from: changeFrom }]);
  });

  it('refuses a change into the past, naming LEDGER_TIME_ZONE_CHANGE_FROM', async () => {
    await start('Asia/Shanghai');
    expect((await refusal(start('Europe/Berlin', '2026-04-30T00:00:00Z')))[0]).toMatch(/^LEDGER_TIME_ZONE_CHANGE_FROM = "2026-04-30T00:00:00Z": 2026-04-30T00:00:00Z is in the past/);
    expect(await loadLedgerCalendar(store).then((calendar) => calendar?.zones)).toEqual([{ timeZone: 'Asia/Shanghai' }]);
  });

  it('records the zone once when several processes start at the same time', async () => {
    const settled = await Promise.all([start('Asia/Shanghai'), start('Asia/Shanghai'), start('Asia/Shanghai')]);
    expect(settled.filter((result) => result.recorded)).toHaveLength(1);
    expect(await store.readStream(ledgerSettingsStream)).toHaveLength(1);
  });

  it('has no calendar to read from a ledger that never started', async () => {
    expect(await loadLedgerCalendar(store)).toBeUndefined();
  });

  it('lets a running process follow a change another process recorded', async () => {
    const { calendar } = await start('Asia/Shanghai');
    const followed = followLedgerCalendar(store, { initial: calendar, intervalMs: 60_000 });
    try {
      await start('Europe/Berlin', '2026-07-01T00:00:00+02:00');
      expect(followed.calendar.zoneAt('2026-08-01T00:00:00Z')).toBe('Asia/Shanghai');
      await followed.refresh();
      expect(followed.calendar.zoneAt('2026-08-01T00:00:00Z')).toBe('Europe/Berlin');
      expect(followed.calendar.zoneAt('2026-06-01T00:00:00Z')).toBe('Asia/Shanghai');
    } finally {
      followed.stop();
    }
  });
});
