import { EventStoreDBClient } from '@eventstore/db-client';
import type { EventStore } from '@ledger/eventstore';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { EsdbEventStore } from '@ledger/eventstore/esdb';
import { type Bus, KafkaBus, createKafka } from '@ledger/messaging';
import type { Logger } from '@ledger/platform';
import { type ReadStore, sqlReadStore } from '@ledger/readstore';
import { openMongoReadStore } from '@ledger/readstore/mongo';
import { type SqlClient, connectPostgres } from '@ledger/sql';
import type { Kafka } from 'kafkajs';
import type { DistributedConfig } from './config.ts';

/** What a distributed process runs on, opened from its configuration. */
export interface Adapters {
  /** PostgreSQL, when configured: the SQL event store and read store, the vault, checkpoints, the Merkle log. */
  sql: SqlClient | undefined;
  store: EventStore;
  readStore: ReadStore;
  kafka: Kafka;
  bus: Bus;
  close(): Promise<void>;
}

const retryDelayMs = 1_000;

/**
 * Tries again while an engine is not answering yet (containers start together; several processes may
 * create the same tables at once on a fresh database), then gives up with the last error.
 */
async function withRetries<T>(what: string, logger: Logger, attempts: number, open: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await open();
    } catch (error) {
      if (attempt >= attempts) throw error;
      logger.warn({ err: error, attempt }, `${what} not ready; retrying`);
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    }
  }
}

export async function openAdapters(config: DistributedConfig, options: { processName: string; logger: Logger; attempts?: number }): Promise<Adapters> {
  const { logger, processName } = options;
  const attempts = options.attempts ?? 30;
  const sql = config.POSTGRES_URL ? connectPostgres({ connectionString: config.POSTGRES_URL, applicationName: `ledger-${processName}` }) : undefined;
  const store: EventStore =
    config.EVENT_STORE === 'postgres'
      ? await withRetries('PostgreSQL event store', logger, attempts, () => SqlEventStore.open(sql!, { idlePollMs: config.STORE_POLL_MS }))
      : new EsdbEventStore(EventStoreDBClient.connectionString(config.ESDB_URL!), { idlePollMs: config.STORE_POLL_MS });
  const readStore = await withRetries(`${config.READ_STORE} read store`, logger, attempts, () => openReadStore(config, sql));
  const kafka = createKafka({ brokers: config.KAFKA_BROKERS, clientId: `ledger-${processName}`, logger });
  const bus = new KafkaBus({ kafka, logger, topicPrefix: config.KAFKA_TOPIC_PREFIX, sessionTimeoutMs: config.KAFKA_SESSION_TIMEOUT_MS });
  return {
    sql,
    store,
    readStore,
    kafka,
    bus,
    async close() {
      await bus.close();
      await readStore.close();
      await store.close();
      await sql?.close();
    },
  };
}

async function openReadStore(config: DistributedConfig, sql: SqlClient | undefined): Promise<ReadStore> {
  if (config.READ_STORE === 'postgres') return sqlReadStore(sql!);
  return openMongoReadStore({ url: config.MONGO_URL!, database: config.MONGO_DATABASE });
}
