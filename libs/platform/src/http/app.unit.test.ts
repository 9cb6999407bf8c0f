import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../logger.ts';
import { createHttpApp } from './app.ts';
import { apiKeyAuthenticator } from './auth.ts';
import { problemFromDomainError } from './problem.ts';

const clerkKey = 'clerk-key-0123456789abcdefghij';
const auditorKey = 'auditor-key-0123456789abcdefghij';

async function testApp() {
  const { app, markReady } = await createHttpApp({
    logger: createLogger({ level: 'silent' }),
    authenticator: apiKeyAuthenticator([
      { key: clerkKey, role: 'intake-clerk', id: 'alice' },
      { key: auditorKey, role: 'auditor', id: 'bob' },
    ]),
    title: 'test',
  });
  app.post(
    '/v1/things',
    { schema: { body: z.object({ name: z.string().min(1), size: z.int().max(10) }) }, config: { access: ['intake-clerk'] } },
    async (request) => ({ name: request.body.name, caller: request.principal }),
  );
  app.post('/v1/optional', { schema: { body: z.object({ at: z.string().optional() }).strict().nullish() }, config: { access: ['intake-clerk'] } }, async (request) => ({
    body: request.body ?? null,
  }));
  app.post('/v1/refusals', { config: { access: ['intake-clerk'] } }, async () => {
    throw problemFromDomainError({ kind: 'rule', code: 'too-late', message: 'too late', field: 'at' });
  });
  await app.ready();
  return { app, markReady };
}

const asClerk = { authorization: `Bearer ${clerkKey}` };

describe('the HTTP app factory', () => {
  it('answers validation errors as RFC 9457 problems naming each field', async () => {
    const { app } = await testApp();
    const response = await app.inject({ method: 'POST', url: '/v1/things', headers: asClerk, payload: { name: '', size: 11 } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = response.json();
    expect(problem).toMatchObject({ type: '/problems/validation', status: 400, title: 'Invalid request' });
    expect(problem.errors.map((error: { path: string }) => error.path).sort()).toEqual(['body.name', 'body.size']);
  });

  it('answers malformed JSON and unknown routes with problems', async () => {
    const { app } = await testApp();
    const malformed = await app.inject({
      method: 'POST',
      url: '/v1/things',
      headers: { ...asClerk, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().status).toBe(400);
    const poisoned = await app.inject({ method: 'POST', url: '/v1/things', headers: { ...asClerk, 'content-type': 'application/json' }, payload: '{"__proto__":{"x":1},"name":"a","size":1}' });
    expect(poisoned.statusCode).toBe(400);
    const missing = await app.inject({ method: 'GET', url: '/v1/nowhere', headers: asClerk });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().type).toBe('/problems/route-not-found');
  });

  it('takes a JSON content type with no body as no body: optional bodies pass, required ones are a validation problem', async () => {
    const { app } = await testApp();
    const empty = { ...asClerk, 'content-type': 'application/json' };
    const optional = await app.inject({ method: 'POST', url: '/v1/optional', headers: empty });
    expect(optional.statusCode).toBe(200);
    expect(optional.json()).toEqual({ body: null });
    const required = await app.inject({ method: 'POST', url: '/v1/things', headers: empty });
    expect(required.statusCode).toBe(400);
    expect(required.json()).toMatchObject({ type: '/problems/validation', errors: [{ path: 'body' }] });
    const parsed = await app.inject({ method: 'POST', url: '/v1/things', headers: empty, payload: '{"name":"a","size":1}' });
    expect(parsed.json()).toMatchObject({ name: 'a' });
  });

  it('lets in only the roles a route names', async () => {
    const { app } = await testApp();
    const anonymous = await app.inject({ method: 'POST', url: '/v1/things', payload: { name: 'x', size: 1 } });
    expect(anonymous.statusCode).toBe(401);
    const wrongKey = await app.inject({ method: 'POST', url: '/v1/things', headers: { authorization: 'Bearer nope' }, payload: { name: 'x', size: 1 } });
    expect(wrongKey.statusCode).toBe(401);
    const auditor = await app.inject({ method: 'POST', url: '/v1/things', headers: { authorization: `Bearer ${auditorKey}` }, payload: { name: 'x', size: 1 } });
    expect(auditor.statusCode).toBe(403);
    expect(auditor.json().detail).toContain('auditor');
    const clerk = await app.inject({ method: 'POST', url: '/v1/things', headers: asClerk, payload: { name: 'x', size: 1 } });
    expect(clerk.statusCode).toBe(200);
    expect(clerk.json()).toEqual({ name: 'x', caller: { role: 'intake-clerk', id: 'alice' } });
  });

  it('maps a domain refusal to its status and names the field', async () => {
    const { app } = await testApp();
    const response = await app.inject({ method: 'POST', url: '/v1/refusals', headers: asClerk });
    expect(response.statusCode).toBe(422);
    expect(response.json()).toMatchObject({ type: '/problems/too-late', errors: [{ path: 'body.at', message: 'too late' }] });
  });

  it('refuses to start with a /v1 route that does not declare its roles', async () => {
    const { app } = await createHttpApp({ logger: createLogger({ level: 'silent' }), authenticator: apiKeyAuthenticator([]), title: 't' });
    expect(() => app.get('/v1/open', async () => 'x')).toThrow(/does not declare which roles/);
  });

  it('reports health only once ready, echoes request ids and serves OpenAPI', async () => {
    const { app, markReady } = await testApp();
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(503);
    markReady();
    const health = await app.inject({ method: 'GET', url: '/healthz', headers: { 'x-request-id': 'req-42' } });
    expect(health.statusCode).toBe(200);
    expect(health.headers['x-request-id']).toBe('req-42');
    const openapi = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(openapi.paths['/v1/things'].post.security).toEqual([{ apiKey: [] }]);
    expect(openapi.paths['/v1/things'].post.description).toContain('Roles: intake-clerk');
  });

  it('answers /healthz 200 while the process lives, and only /readyz 503 while a module names a problem', async () => {
    // Given a module that reports a problem a restart would not fix (a checkpoint chain the keeper refuses to extend)
    const { app, markReady, addReadinessCheck } = await createHttpApp({ logger: createLogger({ level: 'silent' }), authenticator: apiKeyAuthenticator([]), title: 't' });
    let problem: string | undefined = 'the log does not extend checkpoint 3';
    addReadinessCheck('audit', () => problem);
    await app.ready();
    markReady();
    // Then the process is alive but not ready, and /readyz names why
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const notReady = await app.inject({ method: 'GET', url: '/readyz' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({ status: 'not-ready', failing: [{ name: 'audit', ok: false, detail: problem }] });
    // And once the problem is gone, it is ready again
    problem = undefined;
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });
});
