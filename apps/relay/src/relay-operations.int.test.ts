import { randomUUID } from 'node:crypto';
import { generateNoteKey } from '@ledger/audit';
import { type RunningService, startService } from '@ledger/host';
import { createKafka, deleteTopicsWithPrefix } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { departmentRegistered, findEngine, freshPostgresDatabase, waitUntil } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayLaunch } from './relay-launch.ts';

const [postgres, kafka] = [await findEngine('postgres'), await findEngine('kafka')];

/** One gauge's value in Prometheus text (undefined when absent). */
const gauge = (text: string, name: string): number | undefined => {
  const line = text.split('\n').find((row) => row.startsWith(`${name} `));
  return line === undefined ? undefined : Number(line.slice(name.length + 1));
};

describe.runIf(postgres.available && kafka.available)("the relay process's operational HTTP server", () => {
  const prefix = `relay-ops-${randomUUID().slice(0, 8)}.`;
  let database: { url: string; drop(): Promise<void> };
  let relay: RunningService | undefined;

  beforeAll(async () => {
    database = await freshPostgresDatabase(postgres.available ? postgres.url : '');
    relay = await startService(relayLaunch(), {
      env: {
        KAFKA_BROKERS: kafka.available ? kafka.url : '',
        POSTGRES_URL: database.url,
        KAFKA_TOPIC_PREFIX: prefix,
        PORT: '0',
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
        LEDGER_SIGNING_KEY: generateNoteKey('ledger.test/relay').signerKey,
        LEDGER_CHECKPOINT_INTERVAL_MS: '0',
        LEDGER_API_KEYS: JSON.stringify([{ key: 'a-key-of-at-least-24-characters', role: 'auditor', id: 'a-1' }]),
      },
    });
  });
  afterAll(async () => {
    await relay?.stop();
    await deleteTopicsWithPrefix(createKafka({ brokers: kafka.available ? kafka.url : '', logger: createLogger({ level: 'silent' }) }), prefix);
    await database?.drop();
  });

  it('answers /healthz and /readyz on its own port', async () => {
    const address = relay!.address;
    expect((await fetch(`${address}/healthz`)).status).toBe(200);
    const ready = await fetch(`${address}/readyz`);
    // Every consumer of the process (the host's key projection too) answers its position from Kafka.
    expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 200, body: { status: 'ready', checks: expect.arrayContaining([{ name: 'consumers', ok: true }]) } });
  });

  it('shows at /metrics how far it has published the ledger to Kafka, and its lag falling to nothing', async () => {
    for (let index = 0; index < 3; index += 1) await relay!.adapters.store.append(`department-${prefix}${index}`, [departmentRegistered(`${prefix}${index}`)], 'no-stream');
    const head = await relay!.adapters.store.headPosition();
    const metrics = async () => (await relay!.app.inject({ method: 'GET', url: '/metrics' })).body;
    await waitUntil(async () => gauge(await metrics(), 'ledger_relay_position') === head, 20_000);
    const text = await metrics();
    expect(gauge(text, 'ledger_relay_lag_events')).toBe(0);
    expect(gauge(text, 'ledger_store_head_position')).toBe(head);
    // The Merkle log keeper in the same process takes in what the relay reads.
    await waitUntil(async () => gauge(await metrics(), 'ledger_merkle_log_size') === head, 20_000);
  });
});
