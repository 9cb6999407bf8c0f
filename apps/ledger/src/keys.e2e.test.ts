import { createHash } from 'node:crypto';
import { connectPostgres } from '@ledger/sql';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import { as, testApiKeys, testLiaisonDepartmentId } from '@ledger/testing/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 11 item 1, SPEC 8: keys are ledger facts. An administrator issues a key for one role and one person (the
// secret shown once, the ledger keeps its hash), lists and revokes keys; a revoked key is refused from the next
// request on, in every host on the same ledger; the key file only bootstraps the first start.

const bearer = (key: string, extra: Record<string, string> = {}) => ({ authorization: `Bearer ${key}`, ...extra });
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function request(ledger: LedgerHost, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) {
  const reply = await ledger.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  return { status: reply.statusCode, body: reply.body ? reply.json() : undefined, headers: reply.headers };
}

describe('keys as ledger facts on the embedded ledger', () => {
  let ledger: LedgerHost;
  const admin = as('administrator');
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(() => ledger?.stop());

  it('given the key file of the first start, when the administrator lists keys, then each is a recorded key without its secret', async () => {
    const listed = await request(ledger, 'GET', '/v1/keys', admin);
    expect(listed.status).toBe(200);
    const items = listed.body.items as Array<Record<string, unknown>>;
    expect(items.map((item) => item.role).toSorted()).toEqual(testApiKeys.map((key) => key.role).toSorted());
    expect(items.find((item) => item.personId === 'test-department-liaison')).toMatchObject({ personId: 'test-department-liaison', departmentId: testLiaisonDepartmentId });
    for (const item of items) {
      expect(item).toEqual({ keyId: expect.any(String), role: expect.any(String), personId: expect.any(String), label: expect.any(String), createdAt: expect.any(String), ...(item.departmentId ? { departmentId: expect.any(String) } : {}) });
    }
    expect(JSON.stringify(listed.body)).not.toContain('test-key-for-');
  });

  it('when the administrator issues a key, then it works at once, its events hold only the hash, and its actions are recorded as its person', async () => {
    const issued = await request(ledger, 'POST', '/v1/keys', admin, { role: 'evaluation-office', personId: 'p-zhao', label: 'Zhao Min, evaluation office' });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({ keyId: expect.any(String), key: expect.stringMatching(/^lk_[\w-]{43}$/), role: 'evaluation-office', personId: 'p-zhao', label: 'Zhao Min, evaluation office', createdAt: expect.any(String) });
    const key = issued.body.key as string;

    const put = await request(ledger, 'PUT', '/v1/departments/keys-d1', bearer(key), { name: 'Housing Bureau', category: 'service-facing' });
    expect(put.status).toBe(200);
    const events = await ledger.store.readAll({ after: 0, limit: 10_000 });
    const registered = events.find((event) => event.type === 'DepartmentRegistered' && JSON.stringify(event.data).includes('keys-d1'));
    expect(registered?.metadata.actor).toBe('evaluation-office:p-zhao');
    const keyIssued = events.find((event) => event.type === 'ApiKeyIssued' && (event.data as { keyId: string }).keyId === issued.body.keyId);
    expect(keyIssued).toMatchObject({ data: { keyHash: sha256(key), role: 'evaluation-office', personId: 'p-zhao' }, metadata: { actor: 'administrator:test-administrator' } });
    expect(JSON.stringify(events)).not.toContain(key);

    const listed = await request(ledger, 'GET', '/v1/keys?personId=p-zhao', admin);
    expect(listed.body.items).toEqual([{ keyId: issued.body.keyId, role: 'evaluation-office', personId: 'p-zhao', label: 'Zhao Min, evaluation office', createdAt: issued.body.createdAt }]);
  });

  it('when the administrator revokes a key, then the very next request with it is 401, the list shows when, and revoking again changes nothing', async () => {
    const { key, keyId } = (await request(ledger, 'POST', '/v1/keys', admin, { role: 'auditor', personId: 'p-qian', label: 'Qian Li, auditor' })).body as { key: string; keyId: string };
    expect((await request(ledger, 'GET', '/v1/ledger/events?after=0&limit=1', bearer(key))).status).toBe(200);

    const revoked = await request(ledger, 'DELETE', `/v1/keys/${keyId}`, admin);
    expect(revoked).toMatchObject({ status: 200, body: { keyId, revokedAt: expect.any(String) } });
    const refused = await request(ledger, 'GET', '/v1/ledger/events?after=0&limit=1', bearer(key));
    expect(refused).toMatchObject({ status: 401, body: { type: '/problems/unauthenticated', status: 401 } });

    const listed = await request(ledger, 'GET', '/v1/keys?personId=p-qian', admin);
    expect(listed.body.items).toEqual([expect.objectContaining({ keyId, revokedAt: revoked.body.revokedAt })]);
    const head = await ledger.store.headPosition();
    expect(await request(ledger, 'DELETE', `/v1/keys/${keyId}`, admin)).toMatchObject({ status: 200, body: { keyId, revokedAt: revoked.body.revokedAt } });
    expect(await ledger.store.headPosition()).toBe(head);
  });

  it('refuses what SPEC 1 and 8 rule out: non-administrators, liaisons without a department, keys for complainants, unknown keys', async () => {
    expect((await request(ledger, 'GET', '/v1/keys', as('auditor'))).status).toBe(403);
    expect((await request(ledger, 'POST', '/v1/keys', as('evaluation-office'), { role: 'administrator', personId: 'me', label: 'x' })).status).toBe(403);
    expect(await request(ledger, 'POST', '/v1/keys', admin, { role: 'department-liaison', personId: 'p-sun', label: 'Sun, liaison' })).toMatchObject({
      status: 422,
      body: { type: '/problems/department-required', errors: [{ path: 'body.departmentId' }] },
    });
    expect(await request(ledger, 'POST', '/v1/keys', admin, { role: 'investigator', label: 'nobody' })).toMatchObject({ status: 422, body: { type: '/problems/person-required' } });
    expect(await request(ledger, 'POST', '/v1/keys', admin, { role: 'complainant', personId: 'p-x', label: 'x' })).toMatchObject({ status: 400 });
    expect(await request(ledger, 'DELETE', '/v1/keys/k-none', admin)).toMatchObject({ status: 404, body: { type: '/problems/key-not-found' } });
    const liaison = await request(ledger, 'POST', '/v1/keys', admin, { role: 'department-liaison', personId: 'p-sun', departmentId: 'keys-d1', label: 'Sun, liaison' });
    expect(liaison).toMatchObject({ status: 201, body: { role: 'department-liaison', departmentId: 'keys-d1' } });
    expect((await request(ledger, 'GET', '/v1/keys', bearer('lk_not-a-key-the-ledger-issued-0000000000000'))).status).toBe(401);
  });

  it('answers a repeated Idempotency-Key with 409: the secret is shown once and never stored', async () => {
    const body = { role: 'investigator', personId: 'p-li', label: 'Li, investigator' };
    const first = await request(ledger, 'POST', '/v1/keys', { ...admin, 'idempotency-key': 'issue-li-1' }, body);
    expect(first.status).toBe(201);
    expect(await request(ledger, 'POST', '/v1/keys', { ...admin, 'idempotency-key': 'issue-li-1' }, body)).toMatchObject({ status: 409, body: { type: '/problems/key-exists' } });
  });
});

const postgres = await findEngine('postgres');
const postgresUrl = postgres.available ? postgres.url : '';

describe.runIf(postgres.available)('a revocation holds at once in every host on one PostgreSQL ledger', () => {
  let first: LedgerHost;
  let second: LedgerHost;
  let drop: () => Promise<void>;
  const extraKey = { key: 'a-key-added-to-the-file-after-the-first-start', role: 'auditor' as const, id: 'late-auditor' };

  beforeAll(async () => {
    const database = await freshPostgresDatabase(postgresUrl);
    drop = () => database.drop();
    const open = () => connectPostgres({ connectionString: database.url, maxConnections: 4 });
    first = await startTestLedger({ sql: open(), checkpointIntervalMs: 0 });
    // A second host on the same ledger: its own pool, key registry and read of every key's stream.
    second = await startTestLedger({ sql: open(), checkpointIntervalMs: 0, apiKeys: [...testApiKeys, extraKey] });
  });
  afterAll(async () => {
    await second?.stop();
    await first?.stop();
    await drop?.();
  });

  it('given a key issued in one host, when another host revokes it, then both refuse it from the next request on', async () => {
    const { key, keyId } = (await request(first, 'POST', '/v1/keys', as('administrator'), { role: 'auditor', personId: 'p-zhou', label: 'Zhou, auditor' })).body as { key: string; keyId: string };
    const read = (ledger: LedgerHost) => request(ledger, 'GET', '/v1/ledger/events?after=0&limit=1', bearer(key));
    expect((await read(first)).status).toBe(200);
    expect((await read(second)).status).toBe(200);

    expect((await request(second, 'DELETE', `/v1/keys/${keyId}`, as('administrator'))).status).toBe(200);
    expect((await read(first)).status).toBe(401);
    expect((await read(second)).status).toBe(401);
  });

  it('given keys already in the ledger, when a host starts with a key file naming a new key, then the file is not read again', async () => {
    expect((await request(second, 'GET', '/v1/ledger/events?after=0&limit=1', bearer(extraKey.key))).status).toBe(401);
    expect((await request(second, 'GET', '/v1/keys?personId=late-auditor', as('administrator'))).body.items).toEqual([]);
  });
});
