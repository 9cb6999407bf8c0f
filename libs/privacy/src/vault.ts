import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SealedPersonalData } from '@ledger/events';
import { groupCommit } from '@ledger/batching';
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

/** Never reuse an erased ref: its key is gone, and so must be whatever would be sealed under it. */
function erasedError(ref: string): Error {
  return new Error(`complainant ${ref} was erased; personal data can no longer be recorded under that reference`);
}

export interface SqlPersonalDataVaultOptions {
  /**
   * How long concurrent seals gather before their shared key statement (GroupCommitOptions.gather): `tick` (the
   * default) for a database server, `turn` for embedded PGlite, which answers on microtasks alone: there the seals of
   * one event-loop turn (the filings parsed together) would otherwise each ask for their key alone.
   */
  gather?: 'tick' | 'turn';
}

export async function sqlPersonalDataVault(sql: SqlQueryable, masterKey: Buffer, options: SqlPersonalDataVaultOptions = {}): Promise<PersonalDataVault> {
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

  type KeyAnswer = { ok: true; value: Buffer } | { ok: false; error: unknown };

  /**
   * The keys of every distinct ref of a batch, made on first use, in one statement (issue 9: a filing is a write;
   * one key statement per filing, each a commit of its own, cost it a round trip and a commit). The insert of fresh
   * keys does nothing for refs that have one, and the select beside it answers the stored ones. Two first filings
   * for one ref at once end with one key, the primary key's: in one batch the ref is asked once; across batches (or
   * vaults) the later insert waits for the earlier and does nothing, and its snapshot may predate that key, so a ref
   * left without an answer (that race only) reads its key again with a fresh snapshot.
   */
  const keysFor = async (refs: readonly string[]): Promise<Map<string, KeyAnswer>> => {
    const fresh = new Map(refs.map((ref) => [ref, randomBytes(32)]));
    const wrappedHex = refs.map((ref) => {
      const wrapped = encrypt(masterKey, fresh.get(ref)!, `key:${ref}`);
      return Buffer.concat([wrapped.iv, wrapped.tag, wrapped.ciphertext]).toString('hex');
    });
    const result = await sql.query<{ complainant_ref: string; wrapped_key: Uint8Array | null; made: boolean }>(
      `with wanted as (
         select * from unnest($1::text[], $2::text[]) as wanted (complainant_ref, wrapped_hex)
       ), made as (
         insert into personal_data_keys (complainant_ref, wrapped_key)
         select complainant_ref, decode(wrapped_hex, 'hex') from wanted
         on conflict (complainant_ref) do nothing
         returning complainant_ref
       )
       select complainant_ref, null::bytea as wrapped_key, true as made from made
       union all
       select complainant_ref, wrapped_key, false as made from personal_data_keys
       where complainant_ref = any($1::text[]) and complainant_ref not in (select complainant_ref from made)`,
      [refs, wrappedHex],
    );
    const answers = new Map<string, KeyAnswer>();
    const settle = (ref: string, compute: () => Buffer) => {
      try {
        answers.set(ref, { ok: true, value: compute() });
      } catch (error) {
        answers.set(ref, { ok: false, error });
      }
    };
    for (const row of result.rows) {
      const ref = row.complainant_ref;
      settle(ref, () => {
        if (row.made) return fresh.get(ref)!;
        if (!row.wrapped_key) throw erasedError(ref);
        return unwrap(ref, row.wrapped_key);
      });
    }
    for (const ref of refs.filter((one) => !answers.has(one))) {
      try {
        const stored = await keyOf(ref);
        answers.set(ref, stored ? { ok: true, value: stored } : { ok: false, error: erasedError(ref) });
      } catch (error) {
        answers.set(ref, { ok: false, error });
      }
    }
    return answers;
  };

  /**
   * Concurrent seals share one key statement (group commit): each caller is answered with its own ref's key or
   * error. Should the shared statement fail, each request is asked alone (`retryAlone`; two requests for one ref are asked twice), so one
   * bad request fails only itself.
   */
  const keyRequests = groupCommit<string, Buffer>(
    async (refs) => {
      // In one order everywhere: two processes' batches inserting the same refs then wait for each other in that order
      // instead of deadlocking (which the retry alone would still survive, at a cost).
      const answers = await keysFor([...new Set(refs)].toSorted());
      return refs.map((ref) => answers.get(ref)!);
    },
    { gather: options.gather ?? 'tick', retryAlone: true },
  );
  const keyFor = (ref: string): Promise<Buffer> => keyRequests.submit(ref);

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
