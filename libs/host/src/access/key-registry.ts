import { createHash } from 'node:crypto';
import { ApiKeyIssued, type ApiKeyIssuedData, ApiKeyRevoked, type ApiKeyRevokedData, accessKeyStream } from '@ledger/events';
import { type EventStore, executeCommand } from '@ledger/eventstore';
import { type ApiKey, type Authenticator, type Clock, ConfigError, type Logger, type Principal, type Role, roles } from '@ledger/platform';
import type { Document, Projection, ReadStore } from '@ledger/readstore';
import { keyStateCache } from './key-state-cache.ts';
import { type KeyEvent, keyDecider } from './key-decider.ts';

export const accessKeysCollection = 'access_keys';
const accessKeysProjectionName = 'access.keys';

/** One issued key as listed (GET /v1/keys): never its secret; its hash only to find it by. */
export interface KeyDocument extends Document {
  id: string;
  keyHash: string;
  role: string;
  personId?: string;
  departmentId?: string;
  label: string;
  createdAt: string;
  revokedAt?: string;
}

/** The hex SHA-256 of a presented key: what the ledger records and looks keys up by. */
export const hashOfKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

const documentOf = (key: ApiKeyIssuedData, revokedAt?: string): KeyDocument => ({
  id: key.keyId,
  keyHash: key.keyHash,
  role: key.role,
  ...(key.personId === undefined ? {} : { personId: key.personId }),
  ...(key.departmentId === undefined ? {} : { departmentId: key.departmentId }),
  label: key.label,
  createdAt: key.issuedAt,
  ...(revokedAt === undefined ? {} : { revokedAt }),
});

/**
 * Writes what a key's events say into the list, only ever forward: an issue never replaces a document
 * (it may already carry the revocation, written by the route that revoked it), a revocation only adds.
 * Safe under redelivery and against the routes' own writes of the same facts.
 */
export async function recordKeyEvent(store: ReadStore, event: KeyEvent): Promise<void> {
  const keys = store.collection<KeyDocument>(accessKeysCollection);
  const existing = await keys.get(event.data.keyId);
  if (event.type === 'ApiKeyIssued') {
    if (!existing) await keys.put(documentOf(event.data));
    return;
  }
  if (existing && existing.revokedAt === undefined) await keys.put({ ...existing, revokedAt: (event.data as ApiKeyRevokedData).revokedAt });
}

/** The list of keys, kept from their events in every deployment (the embedded bus, or Kafka). */
export const accessKeysProjection: Projection = {
  name: accessKeysProjectionName,
  services: ['settings'],
  eventTypes: [ApiKeyIssued.type, ApiKeyRevoked.type],
  collections: [accessKeysCollection],
  async setup(store) {
    await store.collection(accessKeysCollection).ensureIndex('keyHash');
  },
  async apply(event, store) {
    if (event.type !== ApiKeyIssued.type && event.type !== ApiKeyRevoked.type) return;
    await recordKeyEvent(store, { type: event.type, data: event.data } as KeyEvent);
  },
};

export interface KeyRegistry {
  /** Authenticates issued keys: found by hash, then checked against the key's own stream, so a revocation holds at once. */
  authenticator: Authenticator;
  /** Tells the registry of a key issued here, so that it works at once (other processes find it in the list). */
  learn(key: ApiKeyIssuedData): void;
  /**
   * The key file of the first start (SPEC 8): its keys are issued as ledger facts (hashes only) while the ledger
   * has none; afterwards keys are the ledger's own and the file is not read again. Answers what it issued.
   */
  bootstrap(keys: readonly ApiKey[], options: { actor: string; clock: Clock; source: string; logger?: Logger }): Promise<number>;
}

const isRole = (role: string): role is Role => (roles as readonly string[]).includes(role);

/** The id a key of the key file gets: from its hash, so every process bootstrapping the same file issues it once. */
export const bootstrapKeyId = (hash: string): string => `bootstrap-${hash.slice(0, 20)}`;

export function keyRegistry(options: { store: EventStore; readStore: ReadStore; logger?: Logger }): KeyRegistry {
  const { store, readStore } = options;
  const keys = () => readStore.collection<KeyDocument>(accessKeysCollection);
  /** Hash to key id: fixed once issued, so kept; whether the key still works is read from its stream (or the cache below). */
  const known = new Map<string, string>();
  const keyStates = keyStateCache(store);

  const keyIdOf = async (hash: string): Promise<string | undefined> => {
    const cached = known.get(hash);
    if (cached) return cached;
    const [found] = await keys().find({ keyHash: hash }, { limit: 1 });
    if (found) known.set(hash, found.id);
    return found?.id;
  };

  return {
    authenticator: {
      async authenticate(token) {
        if (token.length > 512) return undefined;
        const hash = hashOfKey(token);
        const keyId = await keyIdOf(hash);
        if (!keyId) return undefined;
        // The key's stream is the truth in every process: a revocation recorded anywhere is seen by the next request.
        const state = await keyStates.stateOf(keyId);
        if (state.status !== 'active' || state.key.keyHash !== hash || !isRole(state.key.role)) return undefined;
        const { key } = state;
        const principal: Principal = {
          role: key.role as Role,
          id: key.personId ?? `key:${key.keyId}`,
          keyId: key.keyId,
          ...(key.departmentId === undefined ? {} : { departmentId: key.departmentId }),
        };
        return principal;
      },
    },
    learn(key) {
      known.set(key.keyHash, key.keyId);
    },
    async bootstrap(fileKeys, { actor, clock, source, logger }) {
      if ((await keys().count()) > 0) {
        logger?.info({ source }, 'the ledger has issued keys: the key file is not read again (issue and revoke keys at /v1/keys)');
        return 0;
      }
      // Each key is its own stream: issued side by side (a pool runs them at once; PGlite one after another).
      const outcomes = await Promise.all(
        fileKeys.map(async (fileKey) => {
          const hash = hashOfKey(fileKey.key);
          const keyId = bootstrapKeyId(hash);
          const at = clock.now().toISOString();
          const result = await executeCommand(
            store,
            accessKeyStream(keyId),
            keyDecider,
            {
              type: 'issue',
              keyId,
              role: fileKey.role,
              personId: fileKey.id,
              ...(fileKey.departmentId === undefined ? {} : { departmentId: fileKey.departmentId }),
              label: `${source}: ${fileKey.role} ${fileKey.id}`,
              keyHash: hash,
              at,
            },
            { actor, occurredAt: at },
          );
          if (!result.ok) {
            // Issued before (another process of the deployment, or an earlier start that stopped half-way): it stays as recorded, revoked or not.
            if (result.error.code === 'key-exists') {
              known.set(hash, keyId);
              return 0;
            }
            throw new ConfigError([`${source}: the key of ${fileKey.role} ${fileKey.id}: ${result.error.message}`]);
          }
          const recorded = result.events[0]!.data as ApiKeyIssuedData;
          known.set(hash, keyId);
          await recordKeyEvent(readStore, { type: 'ApiKeyIssued', data: recorded });
          return 1;
        }),
      );
      const issued = outcomes.reduce<number>((sum, one) => sum + one, 0);
      logger?.info({ source, issued }, 'keys of the key file issued in the ledger (hashes only)');
      return issued;
    },
  };
}
