import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The roles of SPEC section 1. `service` is another service calling in (distributed mode). */
export const roles = [
  'intake-clerk',
  'investigator',
  'disciplinary-official',
  'evaluation-office',
  'auditor',
  'department-liaison',
  'complainant',
  'service',
] as const;
export type Role = (typeof roles)[number];

/** Who is calling: their role and their id within it (a clerk's staff id, say). */
export interface Principal {
  role: Role;
  id: string;
  /** The department a department liaison acts for (SPEC 1: their own department only). */
  departmentId?: string;
}

/**
 * What a route lets in: a list of roles, or `public` for the few routes that need no account
 * (health, docs, and the complainant's tracking view, whose tracking code is itself the secret).
 */
export type RouteAccess = readonly Role[] | 'public';

export const apiKeySchema = z.object({
  key: z.string().min(24, 'an API key needs at least 24 characters'),
  role: z.enum(roles),
  id: z.string().min(1).max(200),
  /** The department a `department-liaison` key acts for (SPEC 1). */
  departmentId: z.string().min(1).max(200).optional(),
});
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeysSchema = z.array(apiKeySchema);

export interface Authenticator {
  /** The principal a bearer token stands for, or undefined when it stands for nobody. */
  authenticate(token: string): Principal | undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Bearer API keys, compared by digest in constant time so timing reveals nothing about a key. */
export function apiKeyAuthenticator(keys: readonly ApiKey[]): Authenticator {
  const known = keys.map((key) => ({ digest: digest(key.key), principal: { role: key.role, id: key.id, ...(key.departmentId ? { departmentId: key.departmentId } : {}) } }));
  return {
    authenticate(token) {
      const presented = digest(token);
      let found: Principal | undefined;
      for (const candidate of known) if (timingSafeEqual(candidate.digest, presented)) found = candidate.principal;
      return found;
    },
  };
}

/** One fresh key per role, for a first start with none configured. */
export function generateApiKeys(): ApiKey[] {
  return roles.map((role) => ({ key: randomBytes(24).toString('base64url'), role, id: `default-${role}` }));
}
