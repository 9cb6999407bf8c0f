import type { ServiceName } from '@ledger/events';
import { type Admin, Kafka, type LogEntry, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { deadLetterTopicOf, topicOf } from '../port.ts';

export interface KafkaClientOptions {
  /** `host:port` entries, as an array or the comma-separated KAFKA_BROKERS form. */
  brokers: readonly string[] | string;
  clientId?: string;
  logger: Logger;
}

export function parseBrokers(brokers: readonly string[] | string): string[] {
  const list = (typeof brokers === 'string' ? brokers.split(',') : [...brokers]).map((broker) => broker.trim()).filter(Boolean);
  for (const broker of list) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) throw new Error(`KAFKA_BROKERS: "${broker}" is not host:port`);
  }
  if (list.length === 0) throw new Error('KAFKA_BROKERS: no broker given');
  return list;
}

/** A kafkajs client whose logs go through the ledger's pino logger. */
export function createKafka(options: KafkaClientOptions): Kafka {
  const log = options.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: options.clientId ?? 'accountability-ledger',
    brokers: parseBrokers(options.brokers),
    logLevel: logLevel.WARN,
    logCreator:
      () =>
      ({ namespace, level, log: { message, timestamp: _timestamp, logger: _logger, ...details } }: LogEntry) => {
        // kafkajs reports every retried protocol error (a coordinator still loading, a leader moving) at
        // ERROR; the relay and the bus report the failures that matter themselves, so these are warnings.
        if (level === logLevel.ERROR || level === logLevel.WARN) log.warn({ namespace, ...details }, message);
        else if (level === logLevel.INFO) log.info({ namespace, ...details }, message);
        else log.debug({ namespace, ...details }, message);
      },
  });
}

/**
 * Topic names with an optional prefix, so that test runs (or deployments sharing a cluster) never see each
 * other's messages: prefix `t1.` gives `t1.ledger.complaints` and `t1.ledger.complaints.dlq`.
 */
export function ledgerTopics(prefix = '') {
  return {
    of: (service: ServiceName): string => `${prefix}${topicOf(service)}`,
    deadLetterOf: (topic: string): string => deadLetterTopicOf(topic),
  };
}

/**
 * Creates the topics that do not exist yet, with the broker's default partitions and replication, and
 * waits until every partition has a leader. kafkajs's own `waitForLeaders` lets a metadata error escape
 * as an unhandled rejection when several processes create the same topics at once (it crashed services
 * starting together), so the wait is done here, where errors are caught.
 */
export async function ensureTopics(kafka: Kafka, topics: readonly string[], timeoutMs = 30_000): Promise<void> {
  const wanted = [...new Set(topics)];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = wanted.filter((topic) => !existing.has(topic));
    if (missing.length > 0) {
      await admin.createTopics({ topics: missing.map((topic) => ({ topic })), waitForLeaders: false }).catch((error: unknown) => {
        // Another process may have created one of them in between: that is the outcome we wanted.
        if (!(error instanceof Error && /already exists/i.test(error.message))) throw error;
      });
    }
    for (const deadline = Date.now() + timeoutMs; !(await everyPartitionLed(admin, wanted)); ) {
      if (Date.now() > deadline) throw new Error(`topics without a leader after ${timeoutMs} ms: ${wanted.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

async function everyPartitionLed(admin: Admin, topics: readonly string[]): Promise<boolean> {
  try {
    const { topics: metadata } = await admin.fetchTopicMetadata({ topics: [...topics] });
    return metadata.length === topics.length && metadata.every((topic) => topic.partitions.length > 0 && topic.partitions.every((partition) => partition.leader >= 0));
  } catch {
    // A topic just created is unknown to the broker's metadata for a moment: ask again.
    return false;
  }
}
