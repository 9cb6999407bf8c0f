import { randomUUID } from 'node:crypto';
import { type NewEvent, toCloudEvent } from '@ledger/events';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type SqlClient, openPglite } from '@ledger/sql';
import { waitUntil } from '@ledger/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cloudEventLeafHash } from '../leaf/encoding.ts';
import { rootOf } from '../merkle/tree.ts';
import { openCheckpoint } from '../note/checkpoint.ts';
import { generateNoteKey, parseSignerKey, parseVerifierKey } from '../note/keys.ts';
import { MerkleLogKeeper } from './keeper.ts';
import { SqlMerkleLog } from './sql-merkle-log.ts';

const registration = (departmentId: string): NewEvent => ({
  eventId: randomUUID(),
  type: 'DepartmentRegistered',
  schemaVersion: 1,
  data: { departmentId, name: `Department ${departmentId}`, category: 'vertical', at: '2026-02-01T09:00:00.000+08:00' },
});

describe('the Merkle log keeper', () => {
  let sql: SqlClient;
  let store: SqlEventStore;
  let log: SqlMerkleLog;
  let appended = 0;
  const key = generateNoteKey('ledger.test/keeper');
  const messages: string[] = [];
  const logger = { info: (_: object, message: string) => void messages.push(message), error: (_: object, message: string) => void messages.push(`error: ${message}`) };
  const keeperWith = (signerKey = key.signerKey, origin = 'ledger.test/keeper') =>
    new MerkleLogKeeper({ log, store, signer: parseSignerKey(signerKey), origin, now: () => '2026-02-01T01:00:00.000Z', logger });
  const append = async (count: number) => {
    for (let i = 0; i < count; i++) await store.append(`department-k${appended}`, [registration(`k${appended++}`)], 'no-stream');
  };
  const expectedRoot = async () => rootOf((await store.readAll({ after: 0, limit: 10_000 })).map((event) => cloudEventLeafHash(toCloudEvent(event))));

  beforeAll(async () => {
    sql = await openPglite();
    store = await SqlEventStore.open(sql);
    log = await SqlMerkleLog.open(sql);
  });
  afterAll(() => sql?.close());
  beforeEach(async () => {
    await sql.query('truncate merkle_nodes, merkle_leaf_positions, merkle_checkpoints');
    await sql.query('truncate ledger_events');
    appended = 0;
  });

  it('signs a first checkpoint even of the empty log, then only when the log grew', async () => {
    const keeper = keeperWith();
    const empty = await keeper.checkpoint();
    expect(empty).toMatchObject({ issued: true, checkpoint: { size: 0, issuedAt: '2026-02-01T01:00:00.000Z' } });
    expect((await keeper.checkpoint()).issued).toBe(false);
    await append(5);
    const grown = await keeper.checkpoint();
    expect(grown).toMatchObject({ issued: true, checkpoint: { size: 5 } });
    const opened = openCheckpoint(grown.checkpoint.note, parseVerifierKey(key.verifierKey), { origin: 'ledger.test/keeper' });
    expect(Buffer.from(opened.root)).toEqual(Buffer.from(await expectedRoot()));
    expect(await keeper.checkpoint()).toEqual({ issued: false, checkpoint: grown.checkpoint });
    expect((await log.checkpoints()).map((checkpoint) => checkpoint.size)).toEqual([0, 5]);
  });

  it('signs again at the same size when its key or origin changed, so that verifiers of the new key have one', async () => {
    await append(3);
    await keeperWith().checkpoint();
    const rotated = generateNoteKey('ledger.test/keeper-2026');
    const again = await keeperWith(rotated.signerKey).checkpoint();
    expect(again).toMatchObject({ issued: true, checkpoint: { size: 3 } });
    expect(() => openCheckpoint(again.checkpoint.note, parseVerifierKey(rotated.verifierKey))).not.toThrow();
    expect((await keeperWith(rotated.signerKey, 'ledger.test/renamed').checkpoint()).issued).toBe(true);
  });

  it('follows the store on its schedule and signs at start, serialising concurrent work', async () => {
    await append(4);
    const keeper = keeperWith();
    // The start signs at once; the schedule's next tick is far enough off not to race the calls below on a loaded machine.
    keeper.start({ followIntervalMs: 20, checkpointIntervalMs: 60_000 });
    try {
      await waitUntil(async () => (await log.latestCheckpoint())?.size === 4);
      await append(3);
      await waitUntil(async () => (await log.size()) === 7);
      const sizes = await Promise.all([keeper.catchUp(), keeper.checkpoint(), keeper.catchUp(), keeper.checkpoint()]);
      expect(sizes[0]).toBe(7);
      expect(sizes[1]).toMatchObject({ issued: true, checkpoint: { size: 7 } });
      expect(sizes[3]).toMatchObject({ issued: false, checkpoint: { size: 7 } });
      expect(Buffer.from(await log.root())).toEqual(Buffer.from(await expectedRoot()));
    } finally {
      await keeper.stop();
    }
    await append(2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await log.size()).toBe(7);
    expect(messages.filter((message) => message.startsWith('error'))).toEqual([]);
  });
});
