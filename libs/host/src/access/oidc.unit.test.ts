import { ConfigError, createHttpApp, createLogger, firstOf } from '@ledger/platform';
import { describe, expect, it } from 'vitest';
import { oidcConfigSchema, oidcOptionsOf } from './oidc.ts';

describe('OpenID Connect configuration (SPEC 8)', () => {
  it('is off without an issuer, and names the claims it reads by default', () => {
    expect(oidcOptionsOf(oidcConfigSchema.parse({}))).toBeUndefined();
    expect(oidcOptionsOf(oidcConfigSchema.parse({ LEDGER_OIDC_ISSUER: 'https://login.example.org/realms/city', LEDGER_OIDC_AUDIENCE: 'ledger' }))).toEqual({
      issuer: 'https://login.example.org/realms/city',
      audience: 'ledger',
      rolesClaim: 'roles',
      personClaim: 'sub',
      departmentClaim: 'department_id',
    });
  });

  it('refuses an issuer without an audience, an audience without an issuer, and an issuer that is not an http(s) URL', () => {
    expect(() => oidcOptionsOf(oidcConfigSchema.parse({ LEDGER_OIDC_ISSUER: 'https://login.example.org' }))).toThrow(ConfigError);
    expect(() => oidcOptionsOf(oidcConfigSchema.parse({ LEDGER_OIDC_AUDIENCE: 'ledger' }))).toThrow(/LEDGER_OIDC_AUDIENCE/);
    expect(oidcConfigSchema.safeParse({ LEDGER_OIDC_ISSUER: 'ftp://login.example.org' }).success).toBe(false);
  });
});

describe('a caller holding several roles', () => {
  it('is let in as the first role the route admits, and refused when it admits none', async () => {
    const { app } = await createHttpApp({
      logger: createLogger({ level: 'silent' }),
      authenticator: firstOf({ authenticate: (token) => (token === 'two-roles' ? { role: 'auditor', roles: ['auditor', 'evaluation-office'], id: 'p-1' } : undefined) }),
      title: 'test',
    });
    app.get('/v1/office', { config: { access: ['evaluation-office'] } }, async (request) => ({ role: request.principal!.role, id: request.principal!.id }));
    app.get('/v1/keys-only', { config: { access: ['administrator'] } }, async () => ({}));
    await app.ready();
    const headers = { authorization: 'Bearer two-roles' };
    expect((await app.inject({ method: 'GET', url: '/v1/office', headers })).json()).toEqual({ role: 'evaluation-office', id: 'p-1' });
    expect((await app.inject({ method: 'GET', url: '/v1/keys-only', headers })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/office', headers: { authorization: 'Bearer nobody' } })).statusCode).toBe(401);
    await app.close();
  });
});
