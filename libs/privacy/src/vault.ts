import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedPersonalData } from '@ledger/events';
import type { SqlQueryable } from '@ledger/sql';
import { type TrackingCodes, trackingCodes } from './tracking-codes.ts';

/** A complainant's identity as given at filing: personal data under SPEC 8. */
export interface PersonalData {
  name?: string;
  phone?: string;
  email?: string;
  /** The complainant's words with a rating (SPEC 3.5), sealed like their identity. */
  comment?: string;
}

/**
 * Crypto-shredding: each complainant's data is sealed with a key of its own (AES-256-GCM), and only the
 * ciphertext goes into events. The keys live in a table outside the event log, themselves wrapped by a master
 * key from configuration, so a copy of the database alone reveals nothing. Erasing destroys the key: the events
 * stay byte-for-byte as they were, and their ciphertext can no longer be read by anyone.
 */
export interface PersonalDataVault {
  seal(complainantRef: string, data: PersonalData): Promise<SealedPersonalData>;
  /** The data, or undefined when it was erased. */
  open(sealed: SealedPersonalData): Promise<PersonalData | undefined>;
  /** Destroys the key. Returns false when there was nothing left to erase. */
  erase(complainantRef: string): Promise<boolean>;
  isErased(complainantRef: string): Promise<boolean>;
  /** Tracking codes and their keyed digests, under a key derived from the same master key (SPEC 8). */
  readonly trackingCodes: TrackingCodes;
}

function encrypt(key: Buffer, plaintext: Buffer, associated: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associated));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

function decrypt(key: Buffer, parts: { iv: Buffer; ciphertext: Buffer; tag: Buffer }, associated: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, parts.iv);
  decipher.setAAD(Buffer.from(associated));
  decipher.setAuthTag(parts.tag);
  return Buffer.concat([decipher.update(parts.ciphertext), decipher.final()]);
}

export async function sqlPersonalDataVault(sql: SqlQueryable, masterKey: Buffer): Promise<PersonalDataVault> {
  if (masterKey.length !== 32) throw new Error('the vault master key must be 32 bytes');
  await sql.query(`
    create table if not exists personal_data_keys (
      complainant_ref  text primary key,
      wrapped_key      bytea,
      created_at       timestamptz not null default now(),
      erased_at        timestamptz
    )`);

  const unwrap = (ref: string, wrapped: Uint8Array): Buffer => {
    const bytes = Buffer.from(wrapped);
    return decrypt(masterKey, { iv: bytes.subarray(0, 12), tag: bytes.subarray(12, 28), ciphertext: bytes.subarray(28) }, `key:${ref}`);
  };
  const keyOf = async (ref: string): Promise<Buffer | undefined> => {
    const result = await sql.query<{ wrapped_key: Uint8Array | null }>('select wrapped_key from personal_data_keys where complainant_ref = $1', [ref]);
    const wrapped = result.rows[0]?.wrapped_key;
    return wrapped ? unwrap(ref, wrapped) : undefined;
  };

  /**
   * The complainant's key, made on first use, in one statement (issue 9: a filing is a write, and read-then-insert
   * cost it a round trip): the insert of a fresh key does nothing when the ref has one, and the select beside it
   * then answers the stored one. Two first filings for one ref at once end with one key, the primary key's: the
   * later insert waits for the earlier and does nothing; the statement's snapshot may predate that key, so an
   * empty answer (that race only) reads the key again with a fresh one.
   */
  const keyFor = async (ref: string): Promise<Buffer> => {
    const key = randomBytes(32);
    const wrapped = encrypt(masterKey, key, `key:${ref}`);
    const result = await sql.query<{ wrapped_key: Uint8Array | null; made: boolean }>(
      `with made as (
         insert into personal_data_keys (complainant_ref, wrapped_key) values ($1, $2)
         on conflict (complainant_ref) do nothing
         returning wrapped_key
       )
       select wrapped_key, true as made from made
       union all
       select wrapped_key, false as made from personal_data_keys where complainant_ref = $1 and not exists (select 1 from made)`,
      [ref, Buffer.concat([wrapped.iv, wrapped.tag, wrapped.ciphertext])],
    );
    const row = result.rows[0];
    if (row?.made) return key;
    const stored = row ? (row.wrapped_key ? unwrap(ref, row.wrapped_key) : undefined) : await keyOf(ref);
    // Never reuse an erased ref: its key is gone, and so must be whatever would be sealed under it.
    if (!stored) throw new Error(`complainant ${ref} was erased; personal data can no longer be recorded under that reference`);
    return stored;
  };

  return {
    trackingCodes: trackingCodes(masterKey),
    async seal(complainantRef, data) {
      const key = await keyFor(complainantRef);
      const sealed = encrypt(key, Buffer.from(JSON.stringify(data)), `data:${complainantRef}`);
      return {
        complainantRef,
        alg: 'A256GCM',
        iv: sealed.iv.toString('base64'),
        ciphertext: sealed.ciphertext.toString('base64'),
        tag: sealed.tag.toString('base64'),
      };
    },
    async open(sealed) {
      const key = await keyOf(sealed.complainantRef);
      if (!key) return undefined;
      const plaintext = decrypt(
        key,
        { iv: Buffer.from(sealed.iv, 'base64'), ciphertext: Buffer.from(sealed.ciphertext, 'base64'), tag: Buffer.from(sealed.tag, 'base64') },
        `data:${sealed.complainantRef}`,
      );
      return JSON.parse(plaintext.toString('utf8')) as PersonalData;
    },
    async erase(complainantRef) {
      const result = await sql.query<{ complainant_ref: string }>(
        `update personal_data_keys set wrapped_key = null, erased_at = now()
         where complainant_ref = $1 and wrapped_key is not null returning complainant_ref`,
        [complainantRef],
      );
      return result.rows.length > 0;
    },
    async isErased(complainantRef) {
      const result = await sql.query<{ erased: boolean }>(
        'select (wrapped_key is null) as erased from personal_data_keys where complainant_ref = $1',
        [complainantRef],
      );
      return result.rows[0]?.erased ?? false;
    },
  };
}
