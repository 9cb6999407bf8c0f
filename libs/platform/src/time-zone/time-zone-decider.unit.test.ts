import { describe, expect, it } from 'vitest';
import { type RecordedZones, type TimeZoneEvent, decideTimeZone, evolveZones } from './time-zone-decider.ts';

const now = '2026-05-01T09:00:00+08:00';
const given = (...events: TimeZoneEvent['data'][]): RecordedZones => events.reduce<RecordedZones>((zones, data) => evolveZones(zones, { type: 'LedgerTimeZoneSet', data }), []);
const firstStart = { timeZone: 'Asia/Shanghai', at: '2026-01-02T08:00:00+08:00' };
const toBerlin = { timeZone: 'Europe/Berlin', appliesFrom: '2026-07-01T00:00:00+02:00', previousTimeZone: 'Asia/Shanghai', at: '2026-04-01T10:00:00+08:00' };

describe('the ledger time zone at a start (SPEC "Local time")', () => {
  it('records the zone of the first start, in force from the beginning, spelled as the zone database does', () => {
    expect(decideTimeZone({ timeZone: 'asia/shanghai', at: now }, given())).toEqual({ ok: true, events: [{ type: 'LedgerTimeZoneSet', data: { timeZone: 'Asia/Shanghai', at: now } }] });
  });

  it('records nothing when a start has the recorded zone', () => {
    expect(decideTimeZone({ timeZone: 'Asia/Shanghai', at: now }, given(firstStart))).toEqual({ ok: true, events: [] });
  });

  it('refuses another zone without a change, naming the recorded zone and the way to change it', () => {
    const decision = decideTimeZone({ timeZone: 'Europe/Berlin', at: now }, given(firstStart));
    expect(decision).toMatchObject({ ok: false, error: { kind: 'conflict', code: 'time-zone-differs', field: 'LEDGER_TIME_ZONE' } });
    const { message } = (decision as { error: { message: string } }).error;
    expect(message).toContain("the ledger's recorded time zone is Asia/Shanghai (recorded at its first start), not Europe/Berlin");
    expect(message).toContain('LEDGER_TIME_ZONE_CHANGE_FROM=<instant>');
  });

  it('records an explicit change with the instant it applies from and the zone it replaces', () => {
    const change = { timeZone: 'Europe/Berlin', changeFrom: '2026-07-01T00:00:00+02:00', at: now };
    expect(decideTimeZone(change, given(firstStart))).toEqual({
      ok: true,
      events: [{ type: 'LedgerTimeZoneSet', data: { timeZone: 'Europe/Berlin', appliesFrom: '2026-07-01T00:00:00+02:00', previousTimeZone: 'Asia/Shanghai', at: now } }],
    });
    expect(given(firstStart, toBerlin)).toEqual([
      { timeZone: 'Asia/Shanghai' },
      { timeZone: 'Europe/Berlin', from: '2026-07-01T00:00:00+02:00' },
    ]);
  });

  it('records a change once: a restart with the same change, or without it, records nothing', () => {
    expect(decideTimeZone({ timeZone: 'Europe/Berlin', changeFrom: '2026-06-30T22:00:00Z', at: now }, given(firstStart, toBerlin))).toEqual({ ok: true, events: [] });
    expect(decideTimeZone({ timeZone: 'Europe/Berlin', at: now }, given(firstStart, toBerlin))).toEqual({ ok: true, events: [] });
  });

  it('refuses the old zone once a change is recorded, naming the recorded change', () => {
    const decision = decideTimeZone({ timeZone: 'Asia/Shanghai', at: now }, given(firstStart, toBerlin));
    expect(decision).toMatchObject({ ok: false, error: { code: 'time-zone-differs', field: 'LEDGER_TIME_ZONE' } });
    expect((decision as { error: { message: string } }).error.message).toContain('Europe/Berlin from 2026-07-01T00:00:00+02:00 (Asia/Shanghai before)');
  });

  it('refuses a change that would apply in the past, before the last change, or to the zone already recorded', () => {
    expect(decideTimeZone({ timeZone: 'Europe/Berlin', changeFrom: '2026-05-01T08:59:59+08:00', at: now }, given(firstStart))).toMatchObject({
      ok: false,
      error: { code: 'time-zone-change-in-the-past', field: 'LEDGER_TIME_ZONE_CHANGE_FROM' },
    });
    expect(decideTimeZone({ timeZone: 'Asia/Tokyo', changeFrom: '2026-06-30T00:00:00Z', at: now }, given(firstStart, toBerlin))).toMatchObject({
      ok: false,
      error: { code: 'time-zone-change-out-of-order' },
    });
    expect(decideTimeZone({ timeZone: 'Asia/Shanghai', changeFrom: '2026-08-01T00:00:00+08:00', at: now }, given(firstStart))).toMatchObject({
      ok: false,
      error: { code: 'time-zone-unchanged', field: 'LEDGER_TIME_ZONE_CHANGE_FROM' },
    });
  });

  it('refuses a change on a ledger that has no zone yet, and an unknown zone', () => {
    expect(decideTimeZone({ timeZone: 'Europe/Berlin', changeFrom: '2026-08-01T00:00:00+02:00', at: now }, given())).toMatchObject({
      ok: false,
      error: { code: 'no-time-zone-to-change', field: 'LEDGER_TIME_ZONE_CHANGE_FROM' },
    });
    expect(decideTimeZone({ timeZone: 'Asia/Shangai', at: now }, given())).toMatchObject({ ok: false, error: { code: 'unknown-time-zone', field: 'LEDGER_TIME_ZONE', message: expect.stringContaining('"Asia/Shangai"') } });
  });
});
