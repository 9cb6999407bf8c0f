import { randomBytes } from 'node:crypto';
import { openPglite, type SqlClient } from '@ledger/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PersonalDataVault, sqlPersonalDataVault } from './vault.ts';

describe('the personal data vault', () => {
  let sql: SqlClient;
  let vault: PersonalDataVault;
  const masterKey = randomBytes(32);
  beforeAll(async () => {
    sql = await openPglite();
    vault = await sqlPersonalDataVault(sql, masterKey);
  });
  afterAll(() => sql.close());

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
