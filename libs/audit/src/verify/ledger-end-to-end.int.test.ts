import { randomUUID } from 'node:crypto';
import { type NewEvent, toCloudEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type SqlClient, openPglite } from '@ledger/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catchUpWithStore } from '../log/catch-up.ts';
import { SqlMerkleLog } from '../log/sql-merkle-log.ts';
import { consistencyProofFromJson, consistencyProofToJson } from '../merkle/proof-json.ts';
import { generateNoteKey, parseSignerKey } from '../note/keys.ts';
import { verifyLedger } from './verify-ledger.ts';

const registration = (departmentId: string, name: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'DepartmentRegistered',
  schemaVersion: 1,
  data: { departmentId, name, category: 'service-facing', at: '2026-02-01T09:00:00.000+08:00' },
  metadata: { commandId: randomUUID(), actor: 'evaluation-office:e1' },
});

/**
 * The whole path on a real engine: events appended to the SQL event store, the log catching up
 * from it, a signed checkpoint, the feed read back as CloudEvents JSON, proofs passed through
 * their HTTP JSON form, and rows altered or removed behind the ledger's back.
 */
describe('verification of a ledger on PGlite', () => {
  let sql: SqlClient;
  let store: SqlEventStore;
  let log: SqlMerkleLog;
  const keys = generateNoteKey('ledger.test/e2e');
  const signer = parseSignerKey(keys.signerKey);

  async function feed(): Promise<unknown[]> {
    const events = await store.readAll({ after: 0, limit: 10_000 });
    return events.map((event) => JSON.parse(JSON.stringify(toCloudEvent(event))));
  }

  const proofsOverHttp = (from: number, to: number) =>
    log.consistencyProof(from, to).then((proof) => consistencyProofFromJson(JSON.parse(JSON.stringify(consistencyProofToJson(proof)))).hashes);

  beforeAll(async () => {
    sql = await openPglite();
    store = await SqlEventStore.open(sql);
    log = await SqlMerkleLog.open(sql);
    for (let i = 0; i < 25; i++) await store.append(`department-d${i}`, [registration(`d${i}`, `Department ${i}`)], 'no-stream');
  });
  afterAll(async () => sql?.close());

  it('indexes the store, signs a checkpoint, and the untouched feed verifies', async () => {
    expect(await catchUpWithStore(log, store, { batchSize: 7 })).toBe(25);
    expect(await catchUpWithStore(log, store)).toBe(25);
    const checkpoint = await log.issueCheckpoint(signer);
    const result = await verifyLedger({
      feed: await feed(),
      checkpoint: checkpoint.note,
      verifierKey: keys.verifierKey,
      origin: 'ledger.test/e2e',
      consistencyProof: proofsOverHttp,
    });
    expect(result).toEqual({ ok: true, size: 25, root: Buffer.from(checkpoint.root).toString('base64'), eventsBeyondCheckpoint: 0 });
  });

  it('verifies a later checkpoint against the one the auditor kept', async () => {
    const earlier = (await log.latestCheckpoint())!;
    for (let i = 25; i < 31; i++) await store.append(`department-d${i}`, [registration(`d${i}`, `Department ${i}`)], 'no-stream');
    expect(await catchUpWithStore(log, store)).toBe(31);
    const later = await log.issueCheckpoint(signer);
    const result = await verifyLedger({
      feed: await feed(),
      checkpoint: later.note,
      previousCheckpoint: earlier.note,
      verifierKey: keys.verifierKey,
      consistencyProof: proofsOverHttp,
    });
    expect(result).toMatchObject({ ok: true, size: 31 });
  });

  it('names the event whose row was altered in the database', async () => {
    const checkpoint = (await log.latestCheckpoint())!;
    const target = (await store.readAll({ after: 0, limit: 100 }))[12]!;
    await sql.query(`update ledger_events set data = jsonb_set(data, '{name}', '"Renamed quietly"') where position = $1`, [target.position]);
    const result = await verifyLedger({
      feed: await feed(),
      checkpoint: checkpoint.note,
      verifierKey: keys.verifierKey,
      consistencyProof: proofsOverHttp,
    });
    expect(result).toMatchObject({ ok: false, reason: 'feed-mismatch', firstBadIndex: 12 });
  });

  it('names the place of an event deleted from the database', async () => {
    const checkpoint = (await log.latestCheckpoint())!;
    const target = (await store.readAll({ after: 0, limit: 100 }))[4]!;
    await sql.query('delete from ledger_events where position = $1', [target.position]);
    const result = await verifyLedger({
      feed: await feed(),
      checkpoint: checkpoint.note,
      verifierKey: keys.verifierKey,
      consistencyProof: proofsOverHttp,
    });
    expect(result).toMatchObject({ ok: false, reason: 'feed-mismatch', firstBadIndex: 4 });
  });
});
