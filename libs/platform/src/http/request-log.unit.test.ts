import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { createHttpApp } from './app.ts';
import { apiKeyAuthenticator } from './auth.ts';
import { z } from 'zod';

// Issue 14.4: who called (principal, role) is on every request log line; no secret reaches a log or a config error.

const clerkKey = 'clerk-key-0123456789abcdefghij';

async function loggedApp() {
  const lines: Array<Record<string, unknown>> = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const { app } = await createHttpApp({
    logger: pino({ level: 'info' }, sink),
    authenticator: apiKeyAuthenticator([{ key: clerkKey, role: 'intake-clerk', id: 'alice' }]),
    title: 'test',
  });
  app.get('/v1/things', { config: { access: ['intake-clerk'] } }, async () => ({ ok: true }));
  app.get('/v1/public/things', { config: { access: 'public' } }, async () => ({ ok: true }));
  await app.ready();
  return { app, lines };
}

describe('request logs', () => {
  it('given calls with a key, a wrong key and none, then each completed-request line names the principal and role, never the key', async () => {
    const { app, lines } = await loggedApp();
    await app.inject({ method: 'GET', url: '/v1/things', headers: { authorization: `Bearer ${clerkKey}` } });
    await app.inject({ method: 'GET', url: '/v1/things', headers: { authorization: 'Bearer wrong-secret-0123456789abcdef' } });
    await app.inject({ method: 'GET', url: '/v1/public/things' });
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed.map((line) => [line.principal, line.role])).toEqual([
      ['alice', 'intake-clerk'],
      ['unknown', 'unauthenticated'],
      ['anonymous', 'public'],
    ]);
    // Bound on the request's own logger: the request id stays, the principal is there once, and a refusal's line
    // (logged by the error handler on the request) names the caller too.
    expect(completed.every((line) => typeof line.reqId === 'string')).toBe(true);
    expect(new Set(completed.map((line) => line.reqId)).size).toBe(3);
    const refused = lines.filter((line) => line.msg === 'request refused');
    expect(refused.map((line) => [line.principal, line.role])).toEqual([['unknown', 'unauthenticated']]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain(clerkKey);
    expect(text).not.toContain('wrong-secret-0123456789abcdef');
  });

  it('given two callers one after the other, then the first caller is not named on the second request', async () => {
    const { app, lines } = await loggedApp();
    await app.inject({ method: 'GET', url: '/v1/things', headers: { authorization: `Bearer ${clerkKey}` } });
    await app.inject({ method: 'GET', url: '/v1/public/things' });
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed.map((line) => [line.principal, line.role])).toEqual([
      ['alice', 'intake-clerk'],
      ['anonymous', 'public'],
    ]);
    const raw = lines.map((line) => JSON.stringify(line));
    expect(raw[raw.length - 1]).not.toContain('alice');
  });
});

describe('config errors', () => {
  it('given a bad secret and a database URL with a password, then the error names the variables and shows neither secret', () => {
    const schema = z.object({ LEDGER_VAULT_KEY: z.string().min(100), POSTGRES_URL: z.url().max(10) });
    let error: unknown;
    try {
      loadConfig(schema, { LEDGER_VAULT_KEY: 'vault-secret-value', POSTGRES_URL: 'postgres://ledger:db-password@localhost:5432/ledger' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('LEDGER_VAULT_KEY');
    expect(message).toContain('postgres://ledger:***@localhost');
    expect(message).not.toContain('vault-secret-value');
    expect(message).not.toContain('db-password');
  });
});
