import { calendarIn } from '@ledger/calendar';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlMerkleLog, generateNoteKey } from '@ledger/audit';
import { complaintDecider } from '@ledger/complaints';
import { type NewEvent, latestVersionOf, legacyTrackingCodeDigest, toCloudEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { openPglite } from '@ledger/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedFromFile } from './feed-file.ts';
import type { CliIo } from './io.ts';
import { runLedgerCli } from './run.ts';

const registration = (departmentId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'DepartmentRegistered',
  schemaVersion: 1,
  data: { departmentId, name: `Department ${departmentId}`, category: 'party-mass', at: '2026-02-01T09:00:00.000+08:00' },
  metadata: { actor: 'evaluation-office:e1' },
});

/**
 * Each replay opens the data folder's PGlite anew (seconds on a quiet machine, tens of seconds on a loaded one);
 * what it rebuilds goes to a store in memory, which costs nothing to open. 29 s measured at load 30 on 2 cores.
 */
const threeReplaysTimeoutMs = 120_000;

/** The CLI against a stopped embedded ledger: a PGlite data folder written by the same adapters the host uses. */
describe('the ledger CLI on a stopped embedded ledger', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  const dataDir = join(folder, 'data');
  const key = generateNoteKey('ledger.test/cli');
  const files = { verifierKey: join(folder, 'verifier.key'), checkpoint: join(folder, 'checkpoint.txt'), feed: join(folder, 'feed.ndjson') };
  let feedLines: string[] = [];

  const cli = async (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (text) => void out.push(text), err: (text) => void err.push(text), env };
    const code = await runLedgerCli(args, io);
    return { code, out: out.join(''), err: err.join('') };
  };

  beforeAll(async () => {
    mkdirSync(dataDir, { recursive: true });
    const sql = await openPglite(join(dataDir, 'pglite'));
    const store = await SqlEventStore.open(sql);
    await SqlMerkleLog.open(sql);
    for (let i = 0; i < 11; i++) await store.append(`department-c${i}`, [registration(`c${i}`)], 'no-stream');
    const filed = complaintDecider.decide(
      {
        type: 'FileComplaint',
        now: '2026-02-02T00:00:00Z',
        complaintId: 'cli-1',
        trackingCodeDigest: legacyTrackingCodeDigest('CLIT-0000-0001'),
        channel: 'mailbox',
        departmentId: 'c1',
        category: 'other',
        summary: 'Filed while no read model ran',
        receivedAt: '2026-02-01T00:00:00Z',
        handlingDays: 15,
        calendar: calendarIn('Asia/Shanghai'),
      },
      complaintDecider.initialState,
    );
    if (!filed.ok) throw new Error(filed.error.message);
    await store.append(
      'complaint-cli-1',
      filed.events.map((event) => ({ eventId: randomUUID(), type: event.type, schemaVersion: latestVersionOf(event.type), data: event.data })),
      'no-stream',
    );
    feedLines = (await store.readAll({ after: 0, limit: 100 })).map((event) => JSON.stringify(toCloudEvent(event)));
    await sql.close();
    writeFileSync(join(dataDir, 'ledger-signing.key'), `${key.signerKey}\n`, { mode: 0o600 });
    writeFileSync(files.verifierKey, `${key.verifierKey}\n`);
    writeFileSync(files.feed, `${feedLines.join('\n')}\n`);
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('signs a checkpoint with the key in the data folder, once per size', async () => {
    const first = await cli(['checkpoint', '--data-dir', dataDir, '--origin', 'ledger.test/cli']);
    expect(first).toMatchObject({ code: 0, err: 'signed a checkpoint of 12 events' });
    expect(first.out).toMatch(/^ledger\.test\/cli\n12\n[A-Za-z0-9+/]{43}=\n\n— ledger\.test\/cli [A-Za-z0-9+/]+=*\n$/);
    writeFileSync(files.checkpoint, first.out);
    const again = await cli(['checkpoint', '--data-dir', dataDir, '--origin', 'ledger.test/cli']);
    expect(again).toMatchObject({ code: 0, out: first.out });
    expect(again.err).toContain('has not grown');
  });

  it('verifies from the data folder, and from files alone', async () => {
    const fromFolder = await cli(['verify', '--data-dir', dataDir, '--verifier-key', files.verifierKey, '--origin', 'ledger.test/cli']);
    expect(fromFolder).toMatchObject({ code: 0 });
    expect(fromFolder.out).toContain('verified: the first 12 events');
    const fromFiles = await cli(['verify', '--feed', files.feed, '--checkpoint', files.checkpoint, '--verifier-key', key.verifierKey, '--json']);
    expect(fromFiles.code).toBe(0);
    expect(JSON.parse(fromFiles.out)).toMatchObject({ ok: true, size: 12, eventsBeyondCheckpoint: 0, source: files.feed });
  });

  it('names the first bad event of an altered feed file, with the ledger to ask for proofs; without, it still fails', async () => {
    const altered = join(folder, 'altered.ndjson');
    const lines = [...feedLines];
    lines[5] = lines[5]!.replace('Department c5', 'Department c5 (renamed)');
    writeFileSync(altered, `${lines.join('\n')}\n`);
    const withLedger = await cli(['verify', '--feed', altered, '--data-dir', dataDir, '--verifier-key', files.verifierKey]);
    expect(withLedger.code).toBe(1);
    expect(withLedger.out).toContain('verification FAILED (feed-mismatch)');
    expect(withLedger.out).toContain(`first bad index: 5 (feed event id ${(JSON.parse(feedLines[5]!) as { id: string }).id}, position 6)`);
    const alone = await cli(['verify', '--feed', altered, '--checkpoint', files.checkpoint, '--verifier-key', files.verifierKey]);
    expect(alone.code).toBe(1);
    // Files alone: the feed does not match the checkpoint, said as such; naming the event needs the ledger's proofs.
    expect(alone.out).toContain('verification FAILED (feed-mismatch)');
    expect(alone.out).toContain(`the feed ${altered} does not match the checkpoint`);

    const otherKey = generateNoteKey('ledger.test/cli');
    const wrongKey = await cli(['verify', '--data-dir', dataDir, '--verifier-key', otherKey.verifierKey]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.out).toContain('verification FAILED (unknown-key)');
  });

  it('compares each read model where its consumer stands, or at the head when asked', async () => {
    // No consumer ever ran in this folder: the live models are empty and stand at position 0.
    const whereTheyStand = await cli(['replay', '--compare', '--data-dir', dataDir, '--json']);
    expect(whereTheyStand.code).toBe(0);
    expect(JSON.parse(whereTheyStand.out)).toMatchObject({ events: 0, comparison: { equal: true } });
    const atHead = await cli(['replay', '--compare', '--at-head', '--data-dir', dataDir]);
    expect(atHead.out).toContain('complaints/cli-1 (complaints.complaint-list): produced by the replay, missing from the live store');
    expect(atHead.code).toBe(1);
    const plain = await cli(['replay', '--data-dir', dataDir]);
    expect(plain.out).toContain('replayed 12 events');
    expect(plain.out).toContain('complaints: 1 documents');
    expect(plain.code).toBe(0);
  }, threeReplaysTimeoutMs);

  it('reads feed files as JSON lines of events or of feed pages, or as one JSON array', async () => {
    const events = feedLines.slice(0, 3).map((line) => JSON.parse(line) as unknown);
    const pages = join(folder, 'pages.ndjson');
    writeFileSync(pages, `${JSON.stringify({ events: events.slice(0, 2), next: 2 })}\n\n${JSON.stringify({ events: events.slice(2), next: 3 })}\n`);
    const array = join(folder, 'array.json');
    writeFileSync(array, `  ${JSON.stringify(events, null, 2)}`);
    for (const file of [pages, array]) {
      const read: unknown[] = [];
      for await (const event of feedFromFile(file)) read.push(event);
      expect(read).toEqual(events);
    }
    const broken = join(folder, 'broken.ndjson');
    writeFileSync(broken, `${feedLines[0]}\n{"specversion": \n`);
    await expect(async () => {
      for await (const _ of feedFromFile(broken)) void _;
    }).rejects.toThrow(/broken\.ndjson:2: not JSON/);
  });

  it('answers usage errors with exit code 2 and a message naming the option', async () => {
    const cases: Array<[string[], string]> = [
      [['rewrite-history'], 'unknown command "rewrite-history"'],
      [['replay', '--frobnicate'], "Unknown option '--frobnicate'"],
      [['replay', '--url', 'http://x', '--data-dir', dataDir], 'give one of --url, --postgres-url, --data-dir, not --url and --data-dir'],
      [['replay', '--url', 'ftp://x'], '--url must be an http(s) URL'],
      [['replay', '--compare', '--as-of', '2026-01-01T00:00:00Z', '--data-dir', dataDir], '--as-of cannot be combined with --compare'],
      [['replay', '--data-dir', join(folder, 'nowhere')], 'no embedded ledger in'],
      [['verify', '--data-dir', dataDir], '--verifier-key is required'],
      [['verify', '--data-dir', dataDir, '--verifier-key', join(folder, 'missing.key')], '--verifier-key: no file'],
      [['checkpoint', '--postgres-url', 'postgres://127.0.0.1:1/x'], 'no signing key: give --signing-key-file or set LEDGER_SIGNING_KEY'],
    ];
    for (const [args, message] of cases) {
      const result = await cli(args);
      expect(result.err, args.join(' ')).toContain(message);
      expect(result.code, args.join(' ')).toBe(2);
    }
    expect(await cli(['help'])).toMatchObject({ code: 0, out: expect.stringContaining('ledger <command> [options]') });
    expect((await cli([])).code).toBe(2);
    const unreachable = await cli(['checkpoint', '--url', 'http://127.0.0.1:9']);
    expect(unreachable.code).toBe(2);
    expect(unreachable.err).toContain('POST http://127.0.0.1:9/v1/ledger/checkpoint');
  });
});
