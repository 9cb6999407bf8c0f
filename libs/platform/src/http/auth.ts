import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The roles of SPEC section 1. `service` is another service calling in (distributed mode). */
export const roles = [
  'intake-clerk',
  'investigator',
  'disciplinary-official',
  'evaluation-office',
  /** Acts for their own department only (SPEC 1): its key names the department. */
  'department-liaison',
  'auditor',
  'administrator',
  'complainant',
  'service',
] as const;
export type Role = (typeof roles)[number];

/**
 * Who is calling: the role they act in and their id (the person a key names, the subject of an OpenID Connect
 * token, or for a key naming no person the key's id). The actor recorded on their events is `<role>:<id>`.
 */
export interface Principal {
  role: Role;
  id: string;
  /** The department a department liaison acts for (SPEC 1). */
  departmentId?: string;
  /** Every role the caller holds (an OpenID Connect token may carry several): a route lets them in as the first it allows. */
  roles?: readonly Role[];
  /** The issued key the caller presented, if a key. */
  keyId?: string;
}

/**
 * What a route lets in: a list of roles, or `public` for the few routes that need no account
 * (health, docs, and the complainant's tracking view, whose tracking code is itself the secret).
 */
export type RouteAccess = readonly Role[] | 'public';

export const apiKeySchema = z
  .object({
    key: z.string().min(24, 'an API key needs at least 24 characters'),
    role: z.enum(roles),
    /** The person the key names (or, for `service`, the calling service). */
    id: z.string().min(1).max(200),
    /** The department of a department liaison (required for that role). */
    departmentId: z.string().min(1).max(200).optional(),
  })
  .refine((key) => key.role !== 'department-liaison' || key.departmentId !== undefined, {
    message: 'a department-liaison key names its departmentId',
    path: ['departmentId'],
  });
export type ApiKey = z.infer<typeof apiKeySchema>;
export const apiKeysSchema = z.array(apiKeySchema);

export interface Authenticator {
  /** The principal a bearer token stands for, or undefined when it stands for nobody. */
  authenticate(token: string): Principal | undefined | Promise<Principal | undefined>;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Tries each authenticator in turn: the first that knows the token answers. */
export function firstOf(...authenticators: Authenticator[]): Authenticator {
  return {
    async authenticate(token) {
      for (const authenticator of authenticators) {
        const principal = await authenticator.authenticate(token);
        if (principal) return principal;
      }
      return undefined;
    },
  };
}

/** Bearer API keys, compared by digest in constant time so timing reveals nothing about a key. */
export function apiKeyAuthenticator(keys: readonly ApiKey[]): Authenticator {
  const known = keys.map((key) => ({
    digest: digest(key.key),
    principal: { role: key.role, id: key.id, ...(key.departmentId === undefined ? {} : { departmentId: key.departmentId }) },
  }));
  return {
    authenticate(token) {
      const presented = digest(token);
      let found: Principal | undefined;
      for (const candidate of known) if (timingSafeEqual(candidate.digest, presented)) found = candidate.principal;
      return found;
    },
  };
}

/**
 * The key file of a first start with none configured: an administrator, who issues everyone's own keys, and one
 * key per default role (not the complainant, who needs none, nor a department liaison, whose department is not known yet).
 */
export function generateApiKeys(): ApiKey[] {
  return roles
    .filter((role) => role !== 'complainant' && role !== 'department-liaison')
    .map((role) => ({ key: randomBytes(24).toString('base64url'), role, id: `default-${role}` }));
}
