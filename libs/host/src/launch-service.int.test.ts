import { randomUUID } from 'node:crypto';
import { ensureTopics, ledgerTopics, sqlCheckpointStore } from '@ledger/messaging';
import { ConfigError } from '@ledger/platform';
import type { Projection } from '@ledger/readstore';
import { connectPostgres } from '@ledger/sql';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { relayCheckpointName } from './kafka-positions.ts';
import { type LaunchResources, type RunningService, startService } from './launch-service.ts';

const [postgres, kafka] = [await findEngine('postgres'), await findEngine('kafka')];

describe.runIf(postgres.available && kafka.available)("a process's read model positions and relay checkpoints, one of each", () => {
  const prefix = `launch-${randomUUID().slice(0, 8)}.`;
  // A read model the process does not run but answers for, as the relay does for every service's replays.
  const followed: Projection = { name: 'evaluations.followed-under-test', services: ['evaluations'], collections: [], apply: async () => {} };
  let database: { url: string; drop(): Promise<void> };
  let service: RunningService | undefined;
  let given: LaunchResources<never> | undefined;
  let givenToSideWork: LaunchResources<never> | undefined;
  const admins: Array<{ connected: boolean }> = [];

  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await freshPostgresDatabase(postgres.available ? postgres.url : '');
    env = {
      KAFKA_BROKERS: kafka.available ? kafka.url : '',
      POSTGRES_URL: database.url,
      KAFKA_TOPIC_PREFIX: prefix,
      PORT: '0',
      LOG_LEVEL: 'silent',
      LEDGER_API_KEYS: JSON.stringify([{ key: 'a-key-of-at-least-24-characters', role: 'auditor', id: 'a-1' }]),
    };
    const sql = connectPostgres({ connectionString: database.url, maxConnections: 1 });
    await (await sqlCheckpointStore(sql)).save(relayCheckpointName(prefix), 5);
    await sql.close();
    service = await startService(
      {
        name: 'launch-under-test',
        needsPostgres: true,
        config: {},
        followedProjections: [followed],
        async modules(resources) {
          given = resources as never;
          await ensureTopics(resources.adapters.kafka, [ledgerTopics(prefix).of('evaluations')]);
          // Every Kafka admin client the process makes from here on, and whether it is still connected.
          const makeAdmin = resources.adapters.kafka.admin.bind(resources.adapters.kafka);
          resources.adapters.kafka.admin = ((...args: Parameters<typeof makeAdmin>) => {
            const admin: Admin = makeAdmin(...args);
            const state = { connected: false };
            admins.push(state);
            const [connect, disconnect] = [admin.connect.bind(admin), admin.disconnect.bind(admin)];
            admin.connect = async () => {
              await connect();
              state.connected = true;
            };
            admin.disconnect = async () => {
              await disconnect();
              state.connected = false;
            };
            return admin;
          }) as typeof resources.adapters.kafka.admin;
          return [];
        },
        async sideWork(resources) {
          givenToSideWork = resources as never;
          return [];
        },
      },
      { env },
    );
  });
  afterAll(async () => {
    await service?.stop();
    await database?.drop();
  });

  it('gives the modules and the side work the same relay checkpoint store', () => {
    expect(given?.relayCheckpoints).toBeDefined();
    expect(givenToSideWork?.relayCheckpoints).toBe(given?.relayCheckpoints);
  });

  it('answers for a followed read model with its one tracker, and refuses a name it does not know', async () => {
    // The followed group has read its (empty) topic: caught up to what the relay published.
    expect(await given!.projectionPosition(followed.name)).toBe(5);
    expect(await service!.app.inject({ method: 'GET', url: '/healthz' }).then((response) => response.statusCode)).toBe(200);
    // Every consumer of the process answers its position from Kafka, the host's own key projection too.
    const ready = await service!.app.inject({ method: 'GET', url: '/readyz' });
    expect({ status: ready.statusCode, body: ready.json() as unknown }).toMatchObject({ status: 200, body: { status: 'ready' } });
    await expect(given!.projectionPosition('nobody.unknown')).rejects.toThrow(/no projection named nobody.unknown/);
    // One tracker stays connected (short-lived admin clients, e.g. making a topic, are closed at once).
    expect(admins.filter((admin) => admin.connected)).toEqual([{ connected: true }]);
  });

  it('records the ledger time zone at the first start and refuses a process with another one, naming the recorded zone', async () => {
    expect(given!.context.calendar.zones).toEqual([{ timeZone: 'Asia/Shanghai' }]);
    const other = await startService(
      { name: 'other-zone-under-test', config: {}, modules: async () => [] },
      { env: { ...env, LEDGER_TIME_ZONE: 'Europe/Berlin' } },
    ).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(other).toBeInstanceOf(ConfigError);
    expect((other as ConfigError).problems).toEqual([expect.stringMatching(/^LEDGER_TIME_ZONE = "Europe\/Berlin": the ledger's recorded time zone is Asia\/Shanghai/)]);
  });

  it('closes its Kafka admin client when it stops', async () => {
    await service!.stop();
    service = undefined;
    expect(admins.length).toBeGreaterThan(0);
    expect(admins.filter((admin) => admin.connected)).toEqual([]);
  });
});
