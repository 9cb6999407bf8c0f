import { z } from 'zod';
import { defineEvent, identifier, isoInstant } from './define.ts';

// Events of the ledger's own access keys (SPEC 8): who may call it is a fact of the ledger like any other.
// The secret of a key is never recorded: only its SHA-256, from which the key cannot be recovered.

/** The stream of one key: its issue and, once, its revocation. */
export const accessKeyStream = (keyId: string): string => `access-key-${keyId}`;

/** Lower-case hex SHA-256 of the key's secret, as presented in `Authorization: Bearer <key>`. */
export const keyHash = z.string().regex(/^[0-9a-f]{64}$/, 'the hex SHA-256 of the key');

export const ApiKeyIssued = defineEvent({
  type: 'ApiKeyIssued',
  version: 1,
  service: 'settings',
  description:
    'An API key was issued (by an administrator, or from the key file at the first start): the role it acts in, the person it names (and for a department liaison the department), a label, and the SHA-256 of its secret (never the secret).',
  schema: z.object({
    keyId: identifier,
    role: z.string().min(1).max(64),
    personId: identifier.optional(),
    departmentId: identifier.optional(),
    label: z.string().min(1).max(200),
    keyHash,
    issuedAt: isoInstant,
  }),
});
export type ApiKeyIssuedData = z.infer<typeof ApiKeyIssued.schema>;

export const ApiKeyRevoked = defineEvent({
  type: 'ApiKeyRevoked',
  version: 1,
  service: 'settings',
  description: 'An API key was revoked: from then on it authenticates nobody, in every process of the ledger.',
  schema: z.object({ keyId: identifier, revokedAt: isoInstant }),
});
export type ApiKeyRevokedData = z.infer<typeof ApiKeyRevoked.schema>;

export const accessEvents = [ApiKeyIssued, ApiKeyRevoked] as const;
