import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlMerkleLog, generateNoteKey, parseSignerKey } from '@ledger/audit';
import type { Role } from '@ledger/platform';
import { type SqlClient, connectPostgres } from '@ledger/sql';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli/io.ts';
import { runLedgerCli } from './cli/run.ts';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

const postgres = await findEngine('postgres');

/**
 * Issue "Audit", done means: a ledger built through HTTP on real PostgreSQL, its events then altered,
 * deleted, inserted or swapped directly with SQL behind the ledger's back. `ledger verify` fails
 * every time and names the first bad index; the untouched ledger verifies.
 */
describe.skipIf(!postgres.available)('tamper evidence of a ledger on PostgreSQL', () => {
  let database: { url: string; drop(): Promise<void> };
  let sql: SqlClient;
  let ledger: LedgerHost;
  let address: string;
  let folder: string;
  const files = { checkpoint: '', verifierKey: '' };
  const auditorKey = as('auditor').authorization!.slice('Bearer '.length);
  const signingKey = generateNoteKey('ledger.test/tamper');

  const call = async (method: 'POST' | 'PUT' | 'GET', url: string, role: Role, payload?: object) => {
    const response = await ledger.app.inject({ method, url, headers: as(role), ...(payload ? { payload } : {}) });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.headers['content-type']?.toString().includes('json') ? response.json() : response.body;
  };
  const verify = async (...args: string[]) => {
    const out: string[] = [];
    const io: CliIo = { out: (text) => void out.push(text), err: (text) => void out.push(text), env: {} };
    const code = await runLedgerCli(['verify', '--verifier-key', files.verifierKey, '--checkpoint', files.checkpoint, ...args], io);
    return { code, output: out.join('') };
  };
  const overHttp = () => verify('--url', address, '--api-key', auditorKey);
  const fromDatabase = () => verify('--postgres-url', database.url);
  /** Positions of the stored events, in feed order: feed index i is positions[i]. */
  const positions = async () => (await sql.query<{ position: number }>('select position from ledger_events order by position')).rows.map((row) => Number(row.position));
  const restore = async () => {
    await sql.transaction(async (tx) => {
      await tx.query('delete from ledger_events');
      await tx.query('insert into ledger_events select * from pristine_events');
    });
  };

  beforeAll(async () => {
    if (!postgres.available) return;
    database = await freshPostgresDatabase(postgres.url);
    sql = connectPostgres({ connectionString: database.url, maxConnections: 4 });
    ledger = await startTestLedger({
      sql: connectPostgres({ connectionString: database.url, maxConnections: 4 }),
      logOrigin: 'ledger.test/tamper',
      signingKey: signingKey.signerKey,
    });
    address = await ledger.app.listen({ host: '127.0.0.1', port: 0 });

    await call('PUT', '/v1/departments/water', 'evaluation-office', { name: 'Water Bureau', category: 'service-facing' });
    await call('PUT', '/v1/people/zhao', 'evaluation-office', { name: 'Zhao Lei', departmentId: 'water' });
    // Business times given explicitly, in the past and in order: the routes refuse times in the future.
    let clock = Date.now() - 86_400_000;
    const past = () => new Date((clock += 1_000)).toISOString();
    for (let i = 0; i < 3; i++) {
      const { complaintId } = await call('POST', '/v1/complaints', 'intake-clerk', {
        channel: 'hotline-12345',
        departmentId: 'water',
        personId: 'zhao',
        category: 'inaction',
        summary: `No water for ${i + 2} days`,
        receivedAt: past(),
        complainant: { name: `Resident ${i}`, phone: `1380000000${i}` },
      });
      await call('POST', `/v1/complaints/${complaintId}/accept`, 'intake-clerk', { at: past() });
      // Positions may have gaps (a rolled-back append spends one): leave room where an insertion can hide.
      if (i === 1) await sql.query(`select nextval('ledger_events_position_seq') from generate_series(1, 5)`);
      await call('POST', `/v1/complaints/${complaintId}/finding`, 'investigator', { outcome: i === 0 ? 'valid' : 'invalid', personId: 'zhao', at: past() });
    }
    await ledger.settled();

    folder = mkdtempSync(join(tmpdir(), 'ledger-tamper-'));
    files.checkpoint = join(folder, 'checkpoint.txt');
    files.verifierKey = join(folder, 'verifier.key');
    writeFileSync(files.checkpoint, await call('POST', '/v1/ledger/checkpoint', 'auditor'));
    writeFileSync(files.verifierKey, await ledger.app.inject({ method: 'GET', url: '/v1/ledger/verifier-key' }).then((response) => response.body));
    await sql.query('create table pristine_events as select * from ledger_events');
  });
  afterAll(async () => {
    await ledger?.stop();
    await sql?.close();
    await database?.drop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Feed index of the first event recorded after a gap in positions (the scenario leaves one). */
  const afterGap = (at: number[]) => at.findIndex((position, index) => index > 0 && position - at[index - 1]! > 1);

  it('verifies the untouched ledger, over HTTP and from its database', async () => {
    const events = (await positions()).length;
    // Three complaints of three steps, two registrations; discipline's processor adds its own events.
    expect(events).toBeGreaterThanOrEqual(11);
    for (const result of [await overHttp(), await fromDatabase()]) {
      expect(result.output).toContain(`verified: the first ${events} events`);
      expect(result.code).toBe(0);
    }
  });

  // Each tamper names the feed index it damages (from the stored positions) and damages it.
  const tampers: Array<{ what: string; index(at: number[]): number; tamper(at: number[], index: number): Promise<unknown> }> = [
    {
      what: "an event's data altered",
      index: (at) => afterGap(at) - 1,
      tamper: (at, index) => sql.query(`update ledger_events set data = jsonb_set(data, '{outcome}', '"valid"') where position = $1`, [at[index]]),
    },
    {
      what: "an event's recording time moved by a millisecond",
      index: () => 2,
      tamper: (at, index) => sql.query(`update ledger_events set recorded_at = recorded_at + interval '1 millisecond' where position = $1`, [at[index]]),
    },
    {
      what: "an event's actor changed",
      index: (at) => at.length - 2,
      tamper: (at, index) =>
        sql.query(`update ledger_events set metadata = jsonb_set(metadata, '{actor}', '"investigator:someone-else"') where position = $1`, [at[index]]),
    },
    { what: 'an event deleted', index: () => 4, tamper: (at, index) => sql.query('delete from ledger_events where position = $1', [at[index]]) },
    {
      what: 'the last signed event deleted',
      index: (at) => at.length - 1,
      tamper: (at, index) => sql.query('delete from ledger_events where position = $1', [at[index]]),
    },
    {
      what: 'an event inserted into a gap of positions',
      index: afterGap,
      tamper: (at, index) =>
        sql.query(
          `insert into ledger_events (position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
           select $1, gen_random_uuid(), 'department-forged', 0, type, schema_version, jsonb_set(data, '{departmentId}', '"forged"'), metadata, occurred_at, recorded_at
           from ledger_events where position = $2`,
          [at[index]! - 1, at[0]],
        ),
    },
    {
      what: 'two events swapped',
      index: () => 3,
      tamper: (at, index) =>
        sql.transaction(async (tx) => {
          const other = afterGap(at);
          await tx.query('delete from ledger_events where position in ($1, $2)', [at[index], at[other]]);
          await tx.query(
            `insert into ledger_events select case when position = $1 then $2::bigint else $1::bigint end, event_id, stream_id, stream_version, type,
               schema_version, data, metadata, occurred_at, recorded_at from pristine_events where position in ($1, $2)`,
            [at[index], at[other]],
          );
        }),
    },
  ];

  it.each(tampers)('fails and names the first bad index when $what', async ({ index, tamper }) => {
    const before = await positions();
    expect(afterGap(before), 'the scenario leaves a gap of positions').toBeGreaterThan(4);
    const firstBad = index(before);
    await tamper(before, firstBad);
    try {
      for (const result of [await overHttp(), await fromDatabase()]) {
        expect(result.output).toContain('verification FAILED');
        expect(result.output).toContain(`first bad index: ${firstBad}`);
        expect(result.code).toBe(1);
      }
    } finally {
      await restore();
    }
    expect((await overHttp()).code).toBe(0);
  });

  it('exposes a history rewritten and signed again, against the checkpoint an auditor kept', async () => {
    const kept = join(folder, 'kept.txt');
    writeFileSync(kept, await call('GET', '/v1/ledger/checkpoint', 'auditor'));
    const at = await positions();
    const alteredIndex = afterGap(at) - 1;
    // Someone holding the signing key alters an event, rebuilds the whole Merkle log over the altered
    // history, records one more event and signs a fresh checkpoint with the ledger's own key.
    await sql.query(`update ledger_events set data = jsonb_set(data, '{outcome}', '"valid"') where position = $1`, [at[alteredIndex]]);
    await sql.query('truncate merkle_nodes, merkle_leaf_positions, merkle_checkpoints');
    await call('PUT', '/v1/departments/parks', 'evaluation-office', { name: 'Parks Bureau', category: 'vertical' });
    const keyFile = join(folder, 'signing.key');
    writeFileSync(keyFile, signingKey.signerKey, { mode: 0o600 });
    const resigned = join(folder, 'resigned.txt');
    const out: string[] = [];
    const io: CliIo = { out: (text) => void out.push(text), err: () => {}, env: {} };
    expect(await runLedgerCli(['checkpoint', '--postgres-url', database.url, '--signing-key-file', keyFile, '--origin', 'ledger.test/tamper'], io)).toBe(0);
    writeFileSync(resigned, out.join(''));
    // The department registered after the rewrite makes the new log one event longer than the ledger was.
    expect(out.join('')).toMatch(new RegExp(`^ledger\\.test/tamper\\n${at.length + 1}\\n`));
    try {
      const verifyAgainst = (...extra: string[]) =>
        runLedgerCli(['verify', '--url', address, '--api-key', auditorKey, '--verifier-key', files.verifierKey, '--checkpoint', resigned, ...extra], {
          out: (text) => void out.push(text),
          err: () => {},
          env: {},
        });
      // On its own the rewritten log is consistent with itself: only a kept checkpoint shows the fork.
      expect(await verifyAgainst()).toBe(0);
      out.length = 0;
      expect(await verifyAgainst('--previous-checkpoint', kept)).toBe(1);
      expect(out.join('')).toContain('verification FAILED (inconsistent-checkpoints)');
    } finally {
      await restore();
    }
  });

  it('refuses to sign a rebuilt tree that contradicts its own checkpoints after a restart (409, /readyz and /metrics say so, /healthz stays 200), and verify fails on the stored chain from the database and over HTTP', async () => {
    // Given a ledger whose log and checkpoints are those of its untouched history (the test above rebuilt them)
    await sql.query('truncate merkle_nodes, merkle_leaf_positions, merkle_checkpoints');
    await call('POST', '/v1/ledger/checkpoint', 'auditor');
    const signed = async () => Number((await sql.query<{ n: number }>('select count(*)::int as n from merkle_checkpoints')).rows[0]!.n);
    const before = await signed();
    const at = await positions();
    // When the Merkle tables are cleared, one event is rewritten and the ledger restarts
    await ledger.stop();
    await sql.query(`update ledger_events set data = jsonb_set(data, '{outcome}', '"valid"') where position = $1`, [at[afterGap(at) - 1]]);
    await sql.query('truncate merkle_nodes, merkle_leaf_positions');
    ledger = await startTestLedger({
      sql: connectPostgres({ connectionString: database.url, maxConnections: 4 }),
      logOrigin: 'ledger.test/tamper',
      signingKey: signingKey.signerKey,
      checkpointIntervalMs: 1_000,
      logFollowIntervalMs: 50,
    });
    address = await ledger.app.listen({ host: '127.0.0.1', port: 0 });
    try {
      // Then the keeper refuses to sign: on demand (409), in the background, and /readyz says why
      const demanded = await ledger.app.inject({ method: 'POST', url: '/v1/ledger/checkpoint', headers: as('auditor') });
      expect(demanded.statusCode).toBe(409);
      expect(demanded.json()).toMatchObject({ type: '/problems/checkpoint-chain-broken' });
      const ready = await ledger.app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ status: 'not-ready', failing: [{ name: 'audit', ok: false, detail: expect.stringContaining('not consistent with checkpoint') }] });
      // The process lives: a supervisor must not restart it over a history a restart cannot mend (API.md)
      expect((await ledger.app.inject({ url: '/healthz' })).statusCode).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(await signed()).toBe(before);
      // And /metrics shows the chain refused, with every refusal counted (the one on demand and the background ones)
      const metrics = (await ledger.app.inject({ url: '/metrics' })).body;
      expect(metrics).toMatch(/^ledger_checkpoint_chain_refused 1$/m);
      expect(Number(/^ledger_checkpoint_refusals_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
      // And ledger verify fails from the database, with no checkpoint handed to it
      const out: string[] = [];
      const io: CliIo = { out: (text) => void out.push(text), err: (text) => void out.push(text), env: {} };
      expect(await runLedgerCli(['verify', '--postgres-url', database.url, '--verifier-key', files.verifierKey], io)).toBe(1);
      expect(out.join('')).toContain('verification FAILED');
      // And the CLI, run on the database, refuses to sign it too, saying why instead of crashing
      const keyFile = join(folder, 'signing.key');
      writeFileSync(keyFile, signingKey.signerKey, { mode: 0o600 });
      out.length = 0;
      expect(await runLedgerCli(['checkpoint', '--postgres-url', database.url, '--signing-key-file', keyFile, '--origin', 'ledger.test/tamper'], io)).toBe(1);
      expect(out.join('')).toContain('ledger checkpoint: checkpoint refused: the tree of');
      expect(await signed()).toBe(before);
      // Even when someone with the key signs the rebuilt tree behind the keeper's back, the stored chain exposes it
      const log = await SqlMerkleLog.open(sql);
      await log.issueCheckpoint(parseSignerKey(signingKey.signerKey), { origin: 'ledger.test/tamper' });
      out.length = 0;
      expect(await runLedgerCli(['verify', '--postgres-url', database.url, '--verifier-key', files.verifierKey], io)).toBe(1);
      expect(out.join('')).toContain('verification FAILED (inconsistent-checkpoints)');
      // And over HTTP too: verify --url reads the stored chain from GET /v1/ledger/checkpoints, no earlier checkpoint handed to it
      const overUrl = ['verify', '--url', address, '--api-key', auditorKey, '--verifier-key', files.verifierKey];
      out.length = 0;
      expect(await runLedgerCli(overUrl, io)).toBe(1);
      expect(out.join('')).toContain('verification FAILED (inconsistent-checkpoints)');
      out.length = 0;
      expect(await runLedgerCli(['verify', '--postgres-url', database.url, '--verifier-key', files.verifierKey, '--no-chain'], io)).toBe(0);
      out.length = 0;
      expect(await runLedgerCli([...overUrl, '--no-chain'], io), out.join('')).toBe(0);
    } finally {
      await restore();
    }
  });
});
