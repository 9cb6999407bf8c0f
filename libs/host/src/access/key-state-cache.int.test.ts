import { executeCommand } from '@ledger/eventstore';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type SqlClient, openPglite } from '@ledger/sql';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keyDecider } from './key-decider.ts';
import { keyStateCache } from './key-state-cache.ts';

const at = '2026-04-01T08:00:00.000Z';
const issue = async (store: SqlEventStore, keyId: string) => {
  const command = { type: 'issue', keyId, role: 'auditor', personId: 'p-feng', label: keyId, keyHash: 'a'.repeat(64), at } as const;
  expect((await executeCommand(store, `access-key-${keyId}`, keyDecider, command, { actor: 'test', occurredAt: at })).ok).toBe(true);
};
const revoke = async (store: SqlEventStore, keyId: string) => {
  expect((await executeCommand(store, `access-key-${keyId}`, keyDecider, { type: 'revoke', keyId, at }, { actor: 'test', occurredAt: at })).ok).toBe(true);
};

// Issue 9: a keyed request answers from memory while the store is unchanged, and a revocation still holds at once.
describe('the cache of key states', () => {
  let sql: SqlClient;
  beforeAll(async () => {
    sql = await openPglite();
  });
  afterAll(async () => {
    await sql?.close();
  });

  it('given the one writer of its store, when a key is checked again, then the store is not asked; a revocation holds at once', async () => {
    const store = await SqlEventStore.open(sql, { soleWriter: true });
    await issue(store, 'sole-1');
    const cache = keyStateCache(store);
    expect((await cache.stateOf('sole-1')).status).toBe('active');
    const reads = vi.spyOn(store, 'readStream');
    const versions = vi.spyOn(store, 'streamVersion');
    for (let check = 0; check < 5; check += 1) expect((await cache.stateOf('sole-1')).status).toBe('active');
    expect([reads.mock.calls.length, versions.mock.calls.length]).toEqual([0, 0]);

    await revoke(store, 'sole-1');
    expect((await cache.stateOf('sole-1')).status).toBe('revoked');
  });

  it('given a check under way when the revocation is appended, then the next check sees the revocation', async () => {
    const store = await SqlEventStore.open(sql, { soleWriter: true });
    await issue(store, 'sole-2');
    const cache = keyStateCache(store);
    const during = cache.stateOf('sole-2');
    await revoke(store, 'sole-2');
    await during;
    expect((await cache.stateOf('sole-2')).status).toBe('revoked');
  });

  it('given a store other processes write to, when a key is checked again, then only the change probe of the store is asked; a revocation elsewhere holds at once', async () => {
    const here = await SqlEventStore.open(sql);
    const elsewhere = await SqlEventStore.open(sql);
    await issue(elsewhere, 'shared-1');
    const cache = keyStateCache(here);
    expect(here.watchAppends).toBeUndefined();
    expect((await cache.stateOf('shared-1')).status).toBe('active');
    const reads = vi.spyOn(here, 'readStream');
    for (let check = 0; check < 3; check += 1) expect((await cache.stateOf('shared-1')).status).toBe('active');
    expect(reads).not.toHaveBeenCalled();

    await revoke(elsewhere, 'shared-1');
    expect((await cache.stateOf('shared-1')).status).toBe('revoked');
    expect(await here.streamVersion('shared-1')).toBe(-1);
    expect(await here.streamVersion('access-key-shared-1')).toBe(1);
  });
});
