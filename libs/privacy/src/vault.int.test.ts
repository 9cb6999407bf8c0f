import { randomBytes } from 'node:crypto';
import type { SqlClient } from '@ledger/sql';
import { type CountingSqlClient, countingSqlClient, sqlEngines } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PersonalDataVault, sqlPersonalDataVault } from './vault.ts';

describe.each(await sqlEngines(4))('the personal data vault on %s', (_engine, open) => {
  let sql: CountingSqlClient;
  let raw: SqlClient;
  let dispose: () => Promise<void>;
  let vault: PersonalDataVault;
  const masterKey = randomBytes(32);
  beforeAll(async () => {
    ({ sql: raw, dispose } = await open());
    sql = countingSqlClient(raw);
    vault = await sqlPersonalDataVault(sql, masterKey);
  });
  afterAll(async () => {
    await raw.close();
    await dispose();
  });

  it('makes a key in one statement, and finds the stored one in one statement', async () => {
    sql.reset();
    const first = await vault.seal('ref-one-statement', { name: 'Sun Qi' });
    expect(sql.statements).toBe(1);
    sql.reset();
    const second = await vault.seal('ref-one-statement', { name: 'Sun Qi', phone: '13900000000' });
    expect(sql.statements).toBe(1);
    expect(await vault.open(first)).toEqual({ name: 'Sun Qi' });
    expect(await vault.open(second)).toEqual({ name: 'Sun Qi', phone: '13900000000' });
  });

  it('gathering a turn, shares one key statement among seals started by separate callbacks of one event-loop turn', async () => {
    const turnVault = await sqlPersonalDataVault(sql, masterKey, { gather: 'turn' });
    // Requests parsed in one turn each start in their own callback: a tick's gathering holds only the first.
    const sealsOfOneTurn = (target: PersonalDataVault, prefix: string) =>
      Promise.all(Array.from({ length: 4 }, (_, i) => new Promise((resolve, reject) => setImmediate(() => target.seal(`${prefix}-${i}`, { name: `${i}` }).then(resolve, reject)))));
    sql.reset();
    await sealsOfOneTurn(turnVault, 'ref-turn');
    expect(sql.statements).toBe(1);
    const keys = await raw.query<{ n: number }>(`select count(*)::int as n from personal_data_keys where complainant_ref like 'ref-turn-%'`);
    expect(keys.rows[0]!.n).toBe(4);
  });

  it('ends two concurrent first filings for one complainant with one key, which opens both', async () => {
    for (let round = 0; round < 10; round += 1) {
      const ref = `ref-race-${round}`;
      const sealed = await Promise.all(Array.from({ length: 4 }, (_, i) => vault.seal(ref, { name: `Filing ${i}` })));
      const keys = await raw.query<{ n: number }>('select count(*)::int as n from personal_data_keys where complainant_ref = $1', [ref]);
      expect(keys.rows[0]!.n).toBe(1);
      expect(await Promise.all(sealed.map((one) => vault.open(one)))).toEqual(sealed.map((_, i) => ({ name: `Filing ${i}` })));
    }
  });

  it('makes or finds the keys of concurrent seals in one statement, one key per person', async () => {
    const distinct = Array.from({ length: 8 }, (_, i) => `ref-batch-${i}`);
    sql.reset();
    const first = await Promise.all(distinct.map((ref) => vault.seal(ref, { name: ref })));
    expect(sql.statements).toBe(1);
    sql.reset();
    const again = await Promise.all(distinct.map((ref) => vault.seal(ref, { name: `${ref} again` })));
    expect(sql.statements).toBe(1);
    sql.reset();
    const same = await Promise.all(Array.from({ length: 8 }, (_, i) => vault.seal('ref-batch-same', { name: `Filing ${i}` })));
    expect(sql.statements).toBe(1);
    const keys = await raw.query<{ complainant_ref: string; n: number }>(
      `select complainant_ref, count(*)::int as n from personal_data_keys where complainant_ref like 'ref-batch-%' group by complainant_ref`,
    );
    expect(keys.rows).toHaveLength(distinct.length + 1);
    expect(keys.rows.every((row) => row.n === 1)).toBe(true);
    expect(await Promise.all(first.map((one) => vault.open(one)))).toEqual(distinct.map((ref) => ({ name: ref })));
    expect(await Promise.all(again.map((one) => vault.open(one)))).toEqual(distinct.map((ref) => ({ name: `${ref} again` })));
    expect(await Promise.all(same.map((one) => vault.open(one)))).toEqual(same.map((_, i) => ({ name: `Filing ${i}` })));
  });

  it('fails only the seal of an erased person among concurrent seals', async () => {
    await vault.seal('ref-batch-erased', { name: 'Gone' });
    await vault.erase('ref-batch-erased');
    sql.reset();
    const outcomes = await Promise.allSettled([
      vault.seal('ref-batch-alive', { name: 'Here' }),
      vault.seal('ref-batch-erased', { name: 'Gone again' }),
    ]);
    expect(sql.statements).toBe(1);
    expect(outcomes[0]!.status).toBe('fulfilled');
    expect(outcomes[1]!.status).toBe('rejected');
    expect(await vault.isErased('ref-batch-erased')).toBe(true);
  });

  it('answers the key of a first filing that committed while its own insert waited for it', async () => {
    // On PostgreSQL the second seal's statement starts before the first commits: its insert waits, then does
    // nothing, and its snapshot does not show the key that stopped it (the one race that reads the key again).
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let sealedInside!: (sealed: Awaited<ReturnType<PersonalDataVault['seal']>>) => void;
    const firstSealed = new Promise<Awaited<ReturnType<PersonalDataVault['seal']>>>((resolve) => (sealedInside = resolve));
    const first = raw.transaction(async (tx) => {
      sealedInside(await (await sqlPersonalDataVault(tx, masterKey)).seal('ref-waited', { name: 'First' }));
      await released;
    });
    const firstSeal = await firstSealed;
    const second = vault.seal('ref-waited', { name: 'Second' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    release();
    await first;
    expect(await vault.open(await second)).toEqual({ name: 'Second' });
    expect(await vault.open(firstSeal)).toEqual({ name: 'First' });
  });

  it('seals personal data so that nothing of it is readable in the sealed form', async () => {
    const data = { name: 'Zhang San', phone: '+86 138 0000 0000', email: 'zhang@example.org' };
    const sealed = await vault.seal('ref-1', data);
    const text = JSON.stringify(sealed);
    for (const value of Object.values(data)) expect(text).not.toContain(value);
    expect(await vault.open(sealed)).toEqual(data);
  });

  it('keeps keys wrapped by the master key: the key table alone reveals nothing', async () => {
    await vault.seal('ref-2', { name: 'Li Si' });
    const rows = await sql.query<{ wrapped_key: Uint8Array }>("select wrapped_key from personal_data_keys where complainant_ref = 'ref-2'");
    expect(rows.rows[0]!.wrapped_key.length).toBe(12 + 16 + 32);
    const otherVault = await sqlPersonalDataVault(sql, randomBytes(32));
    await expect(otherVault.open(await vault.seal('ref-2', { name: 'Li Si' }))).rejects.toThrow();
  });

  it('erases by destroying the key: the sealed data stays, unreadable, and the ref cannot be reused', async () => {
    const sealed = await vault.seal('ref-3', { name: 'Wang Wu' });
    expect(await vault.erase('ref-3')).toBe(true);
    expect(await vault.erase('ref-3')).toBe(false);
    expect(await vault.isErased('ref-3')).toBe(true);
    expect(await vault.open(sealed)).toBeUndefined();
    await expect(vault.seal('ref-3', { name: 'Wang Wu' })).rejects.toThrow(/erased/);
  });

  it('refuses ciphertext that was tampered with', async () => {
    const sealed = await vault.seal('ref-4', { name: 'Zhao Liu' });
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    await expect(vault.open({ ...sealed, ciphertext: bytes.toString('base64') })).rejects.toThrow();
  });
});
