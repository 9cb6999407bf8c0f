import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKafka, deleteTopicsWithPrefix } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { connectPostgres } from '@ledger/sql';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import { ServiceProcess, as, freePort, testApiKeys } from '@ledger/testing/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 11 item 1: a revocation works at once in every process. The embedded host and a distributed process (the
// evaluations service, run as `npm run start:evaluations` runs it) on one PostgreSQL ledger: a key issued in one
// and revoked in the other is refused by both from the next request on.
const postgres = await findEngine('postgres');
const kafka = await findEngine('kafka');
const postgresUrl = postgres.available ? postgres.url : '';
const brokers = kafka.available ? kafka.url : '';

describe.skipIf(!postgres.available || !kafka.available)('key revocation across the embedded host and a distributed process', () => {
  let host: LedgerHost;
  let evaluations: ServiceProcess;
  let drop: () => Promise<void>;
  const prefix = `t-${randomUUID().slice(0, 8)}.`;
  const logDir = mkdtempSync(join(tmpdir(), 'ledger-keys-'));

  beforeAll(async () => {
    const database = await freshPostgresDatabase(postgresUrl);
    drop = () => database.drop();
    host = await startTestLedger({ sql: connectPostgres({ connectionString: database.url, maxConnections: 4 }), checkpointIntervalMs: 0 });
    evaluations = new ServiceProcess({
      name: 'evaluations',
      script: 'apps/services/src/evaluations.ts',
      port: await freePort(),
      logDir,
      env: {
        EVENT_STORE: 'postgres',
        READ_STORE: 'postgres',
        POSTGRES_URL: database.url,
        KAFKA_BROKERS: brokers,
        KAFKA_TOPIC_PREFIX: prefix,
        LEDGER_API_KEYS: JSON.stringify(testApiKeys),
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
      },
    });
    await evaluations.start();
  });
  afterAll(async () => {
    await evaluations?.kill('SIGTERM');
    await host?.stop();
    await drop?.();
    const admin = createKafka({ brokers, logger: createLogger({ level: 'silent' }) });
    await deleteTopicsWithPrefix(admin, prefix).catch(() => {});
    rmSync(logDir, { recursive: true, force: true });
  });

  const inProcess = async (key: string) => (await fetch(`http://127.0.0.1:${evaluations.port}/v1/departments/nowhere`, { headers: { authorization: `Bearer ${key}` } })).status;
  const inHost = async (key: string) => (await host.app.inject({ method: 'GET', url: '/v1/departments/nowhere', headers: { authorization: `Bearer ${key}` } })).statusCode;

  it('given a key issued by the embedded host, when the distributed process revokes it, then both refuse it at once', async () => {
    const issued = await host.app.inject({ method: 'POST', url: '/v1/keys', headers: as('administrator'), payload: { role: 'auditor', personId: 'p-feng', label: 'Feng, auditor' } });
    const { key, keyId } = issued.json() as { key: string; keyId: string };
    // 404: the key is let in, and the department does not exist.
    expect([await inHost(key), await inProcess(key)]).toEqual([404, 404]);

    const revoked = await fetch(`http://127.0.0.1:${evaluations.port}/v1/keys/${keyId}`, { method: 'DELETE', headers: as('administrator') });
    expect(revoked.status, evaluations.logTail()).toBe(200);
    expect([await inHost(key), await inProcess(key)]).toEqual([401, 401]);
  });

  it('given a key issued by the distributed process, when the embedded host revokes it, then both refuse it at once', async () => {
    const issued = await fetch(`http://127.0.0.1:${evaluations.port}/v1/keys`, {
      method: 'POST',
      headers: as('administrator', { 'content-type': 'application/json' }),
      body: JSON.stringify({ role: 'evaluation-office', personId: 'p-chen', label: 'Chen, evaluation office' }),
    });
    expect(issued.status).toBe(201);
    const { key, keyId } = (await issued.json()) as { key: string; keyId: string };
    expect([await inHost(key), await inProcess(key)]).toEqual([404, 404]);

    expect((await host.app.inject({ method: 'DELETE', url: `/v1/keys/${keyId}`, headers: as('administrator') })).statusCode).toBe(200);
    expect([await inHost(key), await inProcess(key)]).toEqual([401, 401]);
  });
});
