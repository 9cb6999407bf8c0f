import { type JWTPayload, type JWTVerifyGetKey, createRemoteJWKSet, jwtVerify } from 'jose';
import { type Authenticator, ConfigError, type Logger, type Principal, type Role, roles } from '@ledger/platform';
import { z } from 'zod';

/**
 * The variables of OpenID Connect sign-in for staff (SPEC 8), the same in every host. Without an issuer only
 * the ledger's own keys authenticate.
 */
export const oidcConfigShape = {
  /** The identity provider's issuer URL; its discovery document is at <issuer>/.well-known/openid-configuration. */
  LEDGER_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  /** The audience tokens must name (the ledger's client id at the provider); required with an issuer. */
  LEDGER_OIDC_AUDIENCE: z.string().min(1).optional(),
  /** The claim holding the caller's roles (a string or an array of strings; a dotted path reaches into objects, e.g. realm_access.roles). */
  LEDGER_OIDC_ROLES_CLAIM: z.string().min(1).default('roles'),
  /** The claim naming the person: the actor of what they do. */
  LEDGER_OIDC_PERSON_CLAIM: z.string().min(1).default('sub'),
  /** The claim naming a department liaison's department. */
  LEDGER_OIDC_DEPARTMENT_CLAIM: z.string().min(1).default('department_id'),
};
export const oidcConfigSchema = z.object(oidcConfigShape);
export type OidcConfig = z.infer<typeof oidcConfigSchema>;

export interface OidcOptions {
  issuer: string;
  audience: string;
  rolesClaim: string;
  personClaim: string;
  departmentClaim: string;
}

/** The OIDC options of a configuration, or undefined when none is set; an issuer without an audience is a ConfigError. */
export function oidcOptionsOf(config: OidcConfig): OidcOptions | undefined {
  if (!config.LEDGER_OIDC_ISSUER) {
    if (config.LEDGER_OIDC_AUDIENCE) throw new ConfigError(['LEDGER_OIDC_AUDIENCE: given without LEDGER_OIDC_ISSUER']);
    return undefined;
  }
  if (!config.LEDGER_OIDC_AUDIENCE) throw new ConfigError(['LEDGER_OIDC_AUDIENCE: required with LEDGER_OIDC_ISSUER (the client id tokens must name)']);
  return {
    issuer: config.LEDGER_OIDC_ISSUER,
    audience: config.LEDGER_OIDC_AUDIENCE,
    rolesClaim: config.LEDGER_OIDC_ROLES_CLAIM,
    personClaim: config.LEDGER_OIDC_PERSON_CLAIM,
    departmentClaim: config.LEDGER_OIDC_DEPARTMENT_CLAIM,
  };
}

/** Signature algorithms accepted: asymmetric only (never `none`, never a shared secret an issuer's public key could forge). */
const algorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

const jwtShape = /^[\w-]+\.[\w-]+\.[\w-]*$/;

function claimAt(payload: JWTPayload, path: string): unknown {
  if (path in payload) return payload[path];
  return path.split('.').reduce<unknown>((value, part) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined), payload);
}

const isRole = (role: unknown): role is Role => typeof role === 'string' && (roles as readonly string[]).includes(role) && role !== 'complainant';

/**
 * Bearer JWTs of the organisation's identity provider: the signing keys come from its JWKS, found through
 * discovery (fetched on first use, retried on the next token after a failure); issuer, audience and expiry are
 * checked; the roles come from the configured claim, the person from its own. A token without a role the ledger
 * knows, or without a person, authenticates nobody.
 */
export function oidcAuthenticator(options: OidcOptions & { logger?: Logger }): Authenticator {
  const issuer = options.issuer;
  let keys: Promise<JWTVerifyGetKey> | undefined;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const document = z.object({ issuer: z.string(), jwks_uri: z.url() }).parse(await response.json());
    if (document.issuer !== issuer) throw new Error(`${url} names issuer ${document.issuer}, not ${issuer}`);
    return createRemoteJWKSet(new URL(document.jwks_uri), { timeoutDuration: 5_000 });
  };

  return {
    async authenticate(token) {
      if (!jwtShape.test(token)) return undefined;
      keys ??= discover().catch((error: unknown) => {
        keys = undefined;
        throw error;
      });
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, await keys, { issuer, audience: options.audience, algorithms, requiredClaims: ['exp'] }));
      } catch (error) {
        options.logger?.info({ reason: (error as Error).message, code: (error as { code?: string }).code }, 'OpenID Connect token refused');
        return undefined;
      }
      const claimed = claimAt(payload, options.rolesClaim);
      const department = claimAt(payload, options.departmentClaim);
      const departmentId = typeof department === 'string' && department !== '' ? department : undefined;
      // A liaison acts for one department: without it in the token the role is not given.
      const held = [...new Set((Array.isArray(claimed) ? claimed : [claimed]).filter(isRole))].filter((role) => role !== 'department-liaison' || departmentId);
      const person = claimAt(payload, options.personClaim);
      if (held.length === 0 || typeof person !== 'string' || person === '' || person.length > 200) return undefined;
      const principal: Principal = { role: held[0]!, roles: held, id: person, ...(departmentId ? { departmentId } : {}) };
      return principal;
    },
  };
}
