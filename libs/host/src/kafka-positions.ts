import { type CheckpointStore, ledgerTopics } from '@ledger/messaging';
import type { ServiceName } from '@ledger/events';
import type { Projection } from '@ledger/readstore';
import type { Admin, Kafka } from 'kafkajs';

export interface KafkaPositionsOptions {
  kafka: Kafka;
  topicPrefix: string;
  /** The projections this process runs: their names are their consumer groups (after the prefix). */
  projections: readonly Projection[];
  /** Where the relay records the last position Kafka acknowledged. */
  relayCheckpoints: CheckpointStore;
  relayName: string;
}

/**
 * How far a projection has read the ledger's global order, on Kafka (ServiceContext.projectionPosition).
 * Offsets are not positions, so it answers only the question a caller can act on: once the group has
 * committed every message its topics held, the projection has read everything the relay had published
 * before (the relay's position is read first, so nothing it covers can be missing from those topics).
 * Otherwise it answers 0: "not caught up", and the caller waits or says 503.
 */
export function kafkaProjectionPositions(options: KafkaPositionsOptions): {
  projectionPosition(projectionName: string): Promise<number>;
  /** The same for any consumer of this process (a processor, the key projection) by its name and services. */
  consumerPosition(consumer: { name: string; services: readonly ServiceName[] }): Promise<number>;
  close(): Promise<void>;
} {
  const topics = ledgerTopics(options.topicPrefix);
  const servicesOf = new Map(options.projections.map((projection) => [projection.name, projection.services]));
  let admin: Promise<Admin> | undefined;
  const connected = () =>
    (admin ??= (async () => {
      const client = options.kafka.admin();
      await client.connect();
      return client;
    })());

  const consumerPosition = async ({ name: projectionName, services }: { name: string; services: readonly ServiceName[] }): Promise<number> => {
    const published = await options.relayCheckpoints.load(options.relayName);
    try {
      const client = await connected();
      for (const topic of services.map(topics.of)) {
        const ends = await client.fetchTopicOffsets(topic);
        const [committed] = await client.fetchOffsets({ groupId: `${options.topicPrefix}${projectionName}`, topics: [topic] });
        const committedByPartition = new Map((committed?.partitions ?? []).map((partition) => [partition.partition, BigInt(partition.offset)]));
        // A group that never committed on a partition reports -1: caught up only if the partition is empty.
        if (ends.some((end) => (committedByPartition.get(end.partition) ?? -1n) < BigInt(end.high) && BigInt(end.high) > BigInt(end.low))) return 0;
      }
      return published;
    } catch (error) {
      // A broker away or restarting: the admin client reconnects on the next question.
      const stale = admin;
      admin = undefined;
      void stale?.then((client) => client.disconnect()).catch(() => {});
      throw error;
    }
  };
  const projectionPosition = async (projectionName: string): Promise<number> => {
    const services = servicesOf.get(projectionName);
    if (!services) throw new Error(`this process runs no projection named ${projectionName}`);
    return consumerPosition({ name: projectionName, services });
  };
  return {
    projectionPosition,
    consumerPosition,
    async close() {
      const open = admin;
      admin = undefined;
      await open?.then((client) => client.disconnect()).catch(() => {});
    },
  };
}

/** The relay's checkpoint name: one per topic prefix, so deployments sharing a database publish apart. */
export const relayCheckpointName = (topicPrefix: string): string => `${topicPrefix}kafka-relay`;
