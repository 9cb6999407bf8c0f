import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type CryptoKey, type JWTPayload, SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 11 item 2, SPEC 8: staff sign in with OpenID Connect tokens of the organisation's identity provider. The
// test serves a real discovery document and JWKS over HTTP and signs real tokens; the ledger takes the roles from
// the configured claim and records the token's subject as the actor.

const audience = 'accountability-ledger';
const rolesClaim = 'ledger_roles';
/** A token that claims `alg: none`: no signature at all. */
const unsigned = (payload: JWTPayload) =>
  `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.`;

describe('OpenID Connect bearer tokens on the embedded ledger', () => {
  let provider: Server;
  let issuer: string;
  let signingKey: CryptoKey;
  let strangerKey: CryptoKey;
  let ledger: LedgerHost;
  let discoveries = 0;

  const sign = (claims: JWTPayload, options: { key?: CryptoKey; kid?: string; issuer?: string; audience?: string; expiresIn?: string | number } = {}) =>
    new SignJWT({ [rolesClaim]: ['auditor'], ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'ledger-test-1' })
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? audience)
      .setSubject((claims.sub as string | undefined) ?? 'staff-wu')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);

  const call = async (token: string, method: 'GET' | 'PUT' = 'GET', url = '/v1/ledger/events?after=0&limit=1', payload?: object) => {
    const reply = await ledger.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });
    return { status: reply.statusCode, body: reply.json() as Record<string, unknown> };
  };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'ledger-test-1', alg: 'RS256', use: 'sig' };
    provider = createServer((request, response) => {
      if (request.url === '/.well-known/openid-configuration') {
        discoveries += 1;
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks`, id_token_signing_alg_values_supported: ['RS256'] }));
      } else if (request.url === '/jwks') {
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
      } else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    ledger = await startTestLedger({ oidc: { issuer, audience, rolesClaim, personClaim: 'sub', departmentClaim: 'department_id' } });
  });
  afterAll(async () => {
    await ledger?.stop();
    await new Promise((resolve) => provider?.close(resolve));
  });

  it('given a valid token with a role of the configured claim, then the route answers 200', async () => {
    expect((await call(await sign({}))).status).toBe(200);
    expect(discoveries).toBe(1);
  });

  it('records the subject of the token as the actor, in the role the route admits among those the token holds', async () => {
    const token = await sign({ sub: 'staff-zheng', [rolesClaim]: ['auditor', 'evaluation-office', 'not-a-ledger-role'] });
    expect((await call(token)).status).toBe(200);
    expect((await call(token, 'PUT', '/v1/departments/oidc-d1', { name: 'Water Bureau', category: 'service-facing' })).status).toBe(200);
    const events = await ledger.store.readAll({ after: 0, limit: 1_000 });
    expect(events.find((event) => event.type === 'DepartmentRegistered')?.metadata.actor).toBe('evaluation-office:staff-zheng');
    // A role the token does not hold is still refused.
    expect((await call(await sign({ [rolesClaim]: 'auditor' }), 'PUT', '/v1/departments/oidc-d2', { name: 'X', category: 'vertical' })).status).toBe(403);
  });

  it('refuses with 401 a wrong issuer, a wrong audience, an expired token, alg none, a key the issuer does not publish, and no ledger role', async () => {
    const now = Math.floor(Date.now() / 1000);
    const refused = {
      'wrong issuer': await sign({}, { issuer: 'https://login.example.org' }),
      'wrong audience': await sign({}, { audience: 'another-application' }),
      expired: await sign({}, { expiresIn: now - 120 }),
      'alg none': unsigned({ iss: issuer, aud: audience, sub: 'staff-wu', exp: now + 300, [rolesClaim]: ['auditor'] }),
      'unknown key, published kid': await sign({}, { key: strangerKey }),
      'unknown key, unknown kid': await sign({}, { key: strangerKey, kid: 'not-published' }),
      'no ledger role': await sign({ [rolesClaim]: ['complainant', 'janitor'] }),
      'liaison without department': await sign({ [rolesClaim]: ['department-liaison'] }),
      tampered: `${(await sign({})).slice(0, -4)}AAAA`,
    };
    for (const [label, token] of Object.entries(refused)) {
      expect(await call(token), label).toMatchObject({ status: 401, body: { type: '/problems/unauthenticated', status: 401 } });
    }
    // The keys issued by the ledger still work beside tokens.
    expect((await ledger.app.inject({ method: 'GET', url: '/v1/ledger/events?after=0&limit=1', headers: { authorization: 'Bearer test-key-for-auditor-0123456789' } })).statusCode).toBe(200);
  });
});
