import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigError } from '@ledger/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEmbeddedConfig } from './config.ts';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

const root = resolve(import.meta.dirname, '../../..');

/** `npm start` with only the environment given: what an operator sees. */
const startMain = (env: Record<string, string>) =>
  spawnSync(process.execPath, [resolve(root, 'apps/ledger/src/main.ts')], { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, encoding: 'utf8', timeout: 60_000 });

type FeedEvent = { type: string; data: Record<string, unknown> };

/** The time zone events of a running ledger, read from its feed as an auditor (the settings topic also carries the keys). */
const settings = async (host: LedgerHost): Promise<FeedEvent[]> => {
  const response = await host.app.inject({ method: 'GET', url: '/v1/ledger/events?limit=1000', headers: as('auditor') });
  return (response.json().events as FeedEvent[]).filter((event) => event.type.includes('.settings.LedgerTimeZoneSet.'));
};

/** SPEC "Local time": the zone is recorded at the first start, and a start with another zone is refused unless it changes it explicitly. */
describe('the embedded ledger records its time zone (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-time-zone-'));
  let ledger: LedgerHost | undefined;
  const stop = async () => {
    await ledger?.stop();
    ledger = undefined;
  };
  // The first start makes the embedded database (the slow part): in the hook, not in a test.
  beforeAll(async () => {
    ledger = await startTestLedger({ dataDir });
  });
  afterAll(async () => {
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records the zone at the first start, as the first event of the ledger, and gives services its calendar', async () => {
    const [first] = await settings(ledger!);
    expect(first).toMatchObject({ type: 'org.accountability-ledger.settings.LedgerTimeZoneSet.v1', data: { timeZone: 'Asia/Shanghai' } });
    expect((await ledger!.store.readAll({ after: 0, limit: 1 }))[0]!.type).toBe('LedgerTimeZoneSet');
    expect(ledger!.context.calendar.yearOf('2026-01-01T07:00:00+08:00')).toBe(2026);
    expect(ledger!.context.calendar.zones).toEqual([{ timeZone: 'Asia/Shanghai' }]);
    await stop();
  });

  it('refuses a restart with another zone, naming the recorded one, and leaves the ledger as it was', async () => {
    const refused = await startTestLedger({ dataDir, timeZone: 'Europe/Berlin' }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems).toEqual([expect.stringMatching(/^LEDGER_TIME_ZONE = "Europe\/Berlin": the ledger's recorded time zone is Asia\/Shanghai \(recorded at its first start\), not Europe\/Berlin/)]);

    // The refused start closed the database: the same folder opens again, with the recorded zone.
    ledger = await startTestLedger({ dataDir, timeZone: 'Asia/Shanghai' });
    expect(await settings(ledger)).toHaveLength(1);
    await stop();
  });

  it('records an explicit change with the instant it applies from, and honours it', async () => {
    const changeFrom = new Date(Date.now() + 86_400_000).toISOString();
    ledger = await startTestLedger({ dataDir, timeZone: 'Europe/Berlin', timeZoneChangeFrom: changeFrom });
    const recorded = await settings(ledger);
    expect(recorded.map((event) => event.data)).toEqual([
      { timeZone: 'Asia/Shanghai', at: expect.any(String) },
      { timeZone: 'Europe/Berlin', appliesFrom: changeFrom, previousTimeZone: 'Asia/Shanghai', at: expect.any(String) },
    ]);
    const { calendar } = ledger.context;
    expect(calendar.zoneAt(new Date(Date.parse(changeFrom) - 1))).toBe('Asia/Shanghai');
    expect(calendar.zoneAt(changeFrom)).toBe('Europe/Berlin');
    // Late evening UTC a year on: the next day in Beijing, the same day in Berlin, whose calendar is in force then.
    const later = new Date(Date.parse(changeFrom) + 400 * 86_400_000);
    later.setUTCHours(23, 30, 0, 0);
    const berlinDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(later);
    expect(calendar.dateOf(later)).toBe(berlinDate);
    await stop();

    // A restart with the change still configured records nothing more; the old zone is refused now.
    ledger = await startTestLedger({ dataDir, timeZone: 'Europe/Berlin', timeZoneChangeFrom: changeFrom });
    expect(await settings(ledger)).toHaveLength(2);
    await stop();
    await expect(startTestLedger({ dataDir })).rejects.toThrow(/recorded time zone is Europe\/Berlin from .* \(Asia\/Shanghai before\)/);
  });

  it('exits `npm start` with 2, naming the variable, for an unknown zone or change instant', () => {
    expect(() => readEmbeddedConfig({ LEDGER_TIME_ZONE: 'Asia/Shangai' })).toThrow(/LEDGER_TIME_ZONE = "Asia\/Shangai": unknown time zone/);
    expect(() => readEmbeddedConfig({ LEDGER_TIME_ZONE_CHANGE_FROM: 'next Monday' })).toThrow(/LEDGER_TIME_ZONE_CHANGE_FROM = "next Monday": must be an ISO 8601 instant/);
    expect(readEmbeddedConfig({ LEDGER_TIME_ZONE: 'europe/berlin' }).LEDGER_TIME_ZONE).toBe('Europe/Berlin');
    expect(readEmbeddedConfig({}).LEDGER_TIME_ZONE).toBe('Asia/Shanghai');

    const unknown = startMain({ LEDGER_DATA_DIR: dataDir, LEDGER_TIME_ZONE: 'Mars/Olympus_Mons' });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('LEDGER_TIME_ZONE = "Mars/Olympus_Mons": unknown time zone');
  });

  it('exits `npm start` with 2 for a zone that differs from the recorded one, naming it', () => {
    const differs = startMain({ LEDGER_DATA_DIR: dataDir, LEDGER_TIME_ZONE: 'Asia/Shanghai', PORT: '0' });
    expect(differs.status).toBe(2);
    expect(differs.stderr).toContain('LEDGER_TIME_ZONE = "Asia/Shanghai": the ledger\'s recorded time zone is Europe/Berlin from');
  });
});
