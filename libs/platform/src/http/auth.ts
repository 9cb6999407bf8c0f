import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** The roles of SPEC section 1. `service` is another service calling in (distributed mode). */
export const roles = [
  'intake-clerk',
  'investigator',
  'disciplinary-official',
  'evaluation-office',
  'auditor',
  'complainant',
  'service',
  /** Acts for their own department only (SPEC 1): its key names the department. */
  'department-liaison',
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

export const apiKeySchema = z
  .object({
    key: z.string().min(24, 'an API key needs at least 24 characters'),
    role: z.enum(roles),
    id: z.string().min(1).max(200),
    /** Required for a department liaison: the department they act for. */
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
  authenticate(token: string): Principal | undefined;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

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

/** One fresh key per role, for a first start with none configured (a liaison's key needs its department: none). */
export function generateApiKeys(): ApiKey[] {
  return roles
    .filter((role) => role !== 'department-liaison')
    .map((role) => ({ key: randomBytes(24).toString('base64url'), role, id: `default-${role}` }));
}
