import { createHash, randomBytes } from 'node:crypto';
import { type ApiKeyIssuedData, type ApiKeyRevokedData, accessKeyStream, identifier, isoInstant } from '@ledger/events';
import { type HttpApp, type ServiceModule, executeHttpCommand, idempotencyKeyOf, roles } from '@ledger/platform';
import { z } from 'zod';
import { keyDecider } from './key-decider.ts';
import { type KeyDocument, type KeyRegistry, accessKeysCollection, accessKeysProjection, hashOfKey, recordKeyEvent } from './key-registry.ts';

const issueBody = z
  .object({
    role: z
      .enum(roles)
      .refine((role) => role !== 'complainant', 'complainants need no key: the tracking code is their credential (SPEC 8)')
      .describe('The one role the key acts in (SPEC 1)'),
    personId: identifier.optional().describe('The person who uses the key: the actor of everything done with it. Required but for role service'),
    departmentId: identifier.optional().describe('The department a department-liaison key acts for; only for that role'),
    label: z.string().trim().min(1).max(200).describe('What the key is for, as the list shows it'),
  })
  .strict();

const keyView = z
  .object({
    keyId: z.string(),
    role: z.string(),
    personId: z.string().optional(),
    departmentId: z.string().optional(),
    label: z.string(),
    createdAt: isoInstant,
    revokedAt: isoInstant.optional(),
  })
  .meta({ id: 'ApiKeyView' });

const exampleKey = { keyId: 'k-3q9Vd0c2mXhT7a1B', role: 'investigator', personId: 'p-wang', label: 'Wang Fang, investigator', createdAt: '2026-03-02T09:00:00.000Z' };

const issued = keyView
  .extend({ key: z.string().describe('The secret, shown this once: the ledger keeps only its SHA-256') })
  .meta({ id: 'ApiKeyIssuedAnswer', description: 'The key issued, with its secret', examples: [{ ...exampleKey, key: 'lk_8f1HqV0y3…' }] });
const revoked = z
  .object({ keyId: z.string(), revokedAt: isoInstant })
  .meta({ id: 'ApiKeyRevokedAnswer', description: 'When the key stopped working', examples: [{ keyId: exampleKey.keyId, revokedAt: '2026-04-01T08:00:00.000Z' }] });
const keyList = z.object({ items: z.array(keyView) }).meta({ id: 'ApiKeyList', description: 'Every key, without its secret', examples: [{ items: [exampleKey] }] });

const viewOf = (doc: KeyDocument) => ({
  keyId: doc.id,
  role: doc.role,
  ...(doc.personId === undefined ? {} : { personId: doc.personId }),
  ...(doc.departmentId === undefined ? {} : { departmentId: doc.departmentId }),
  label: doc.label,
  createdAt: doc.createdAt,
  ...(doc.revokedAt === undefined ? {} : { revokedAt: doc.revokedAt }),
});

/**
 * A key id: random, or with an Idempotency-Key derived from it and the administrator, so that a retry finds the
 * key it issued (and is told so: the secret is shown once and never stored, so it cannot be answered again).
 */
function newKeyId(idempotencyKey: string | undefined, administrator: string): string {
  if (!idempotencyKey) return `k-${randomBytes(12).toString('base64url')}`;
  return `k-${createHash('sha256').update(`${administrator}\u0000${idempotencyKey}`).digest('base64url').slice(0, 16)}`;
}

/** SPEC 8 and API.md "Keys": an administrator issues, lists and revokes the keys staff sign in with. */
export function accessModule(registry: KeyRegistry): ServiceModule {
  return {
    name: 'settings',
    projections: [accessKeysProjection],
    routes(app: HttpApp, context) {
      app.post(
        '/v1/keys',
        {
          schema: {
            operationId: 'issueKey',
            tags: ['keys'],
            summary: 'Issue a key for one role and one person: 201 with the secret, shown only this once',
            description:
              'The ledger records the key as a fact (ApiKeyIssued) with the SHA-256 of the secret, never the secret. ' +
              'A repeat with the same Idempotency-Key is refused with 409 key-exists: the secret cannot be shown twice; revoke that key and issue another.',
            body: issueBody,
            response: { 201: issued },
          },
          config: { access: ['administrator'] },
        },
        async (request, reply) => {
          const secret = `lk_${randomBytes(32).toString('base64url')}`;
          const keyId = newKeyId(idempotencyKeyOf(request), request.principal!.id);
          const at = context.clock.now().toISOString();
          // The key id already makes a retry land on the same stream, where it is refused: an empty idempotency key
          // keeps the command from answering with the first events, whose secret is gone.
          const result = await executeHttpCommand(
            request,
            context.store,
            accessKeyStream(keyId),
            keyDecider,
            { type: 'issue', keyId, ...request.body, keyHash: hashOfKey(secret), at },
            { idempotencyKey: '' },
          );
          const key = result.events[0]!.data as ApiKeyIssuedData;
          registry.learn(key);
          await recordKeyEvent(context.readStore, { type: 'ApiKeyIssued', data: key });
          request.log.info({ keyId, role: key.role, personId: key.personId }, 'key issued');
          return reply.code(201).send({ ...viewOf({ id: key.keyId, keyHash: key.keyHash, role: key.role, label: key.label, createdAt: key.issuedAt, ...(key.personId ? { personId: key.personId } : {}), ...(key.departmentId ? { departmentId: key.departmentId } : {}) }), key: secret });
        },
      );

      app.get(
        '/v1/keys',
        {
          schema: {
            operationId: 'listKeys',
            tags: ['keys'],
            summary: 'Every key issued, revoked ones with revokedAt; never a secret',
            querystring: z.object({ role: z.enum(roles).optional(), personId: identifier.optional() }).strict(),
            response: { 200: keyList },
          },
          config: { access: ['administrator'] },
        },
        async (request) => {
          const filter = { ...(request.query.role ? { role: request.query.role } : {}), ...(request.query.personId ? { personId: request.query.personId } : {}) };
          const items = await context.readStore.collection<KeyDocument>(accessKeysCollection).find(filter, { limit: 10_000, sort: { field: 'createdAt', direction: 'asc' } });
          return { items: items.map(viewOf) };
        },
      );

      app.delete(
        '/v1/keys/:keyId',
        {
          schema: {
            operationId: 'revokeKey',
            tags: ['keys'],
            summary: 'Revoke a key: from the next request on it authenticates nobody, in every process',
            description: 'Revoking a revoked key changes nothing and answers when it was revoked.',
            params: z.object({ keyId: identifier }),
            response: { 200: revoked },
          },
          config: { access: ['administrator'] },
        },
        async (request) => {
          const { keyId } = request.params;
          const result = await executeHttpCommand(request, context.store, accessKeyStream(keyId), keyDecider, { type: 'revoke', keyId, at: context.clock.now().toISOString() }, { idempotencyKey: '' });
          const state = result.state;
          if (state.status !== 'revoked') throw new Error(`key ${keyId} is not revoked after its revocation`);
          const revocation: ApiKeyRevokedData = { keyId, revokedAt: state.revokedAt };
          await recordKeyEvent(context.readStore, { type: 'ApiKeyRevoked', data: revocation });
          request.log.info({ keyId }, 'key revoked');
          return revocation;
        },
      );
    },
  };
}
