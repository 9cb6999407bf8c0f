import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';

/** A message as read back, with its text decoded: for inspecting topics and dead letters. */
export interface TopicMessage {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

/** How many messages the topics hold now (high watermark less low watermark, summed over partitions). */
export async function topicMessageCount(kafka: Kafka, topics: readonly string[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    let count = 0;
    for (const topic of topics) {
      for (const partition of await admin.fetchTopicOffsets(topic)) count += Number(partition.high) - Number(partition.low);
    }
    return count;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads every message the topics hold at the time of the call, in each partition's order, with a
 * throw-away consumer group (deleted afterwards), so that it never moves any real consumer's offsets.
 */
export async function readTopicsToEnd(kafka: Kafka, topics: readonly string[], timeoutMs = 30_000): Promise<TopicMessage[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `topic-reader-${randomUUID()}`;
  try {
    const remaining = new Map<string, number>();
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (Number(high) > Number(low)) remaining.set(`${topic}/${partition}`, Number(high) - 1);
      }
    }
    const messages: TopicMessage[] = [];
    if (remaining.size === 0) return messages;

    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [...topics], fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`read ${messages.length} messages from ${topics.join(', ')}, then nothing more for ${timeoutMs} ms`)),
          timeoutMs,
        );
        consumer
          .run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              const last = remaining.get(`${topic}/${partition}`);
              if (last === undefined || Number(message.offset) > last) return;
              messages.push({
                topic,
                partition,
                offset: message.offset,
                key: message.key?.toString() ?? null,
                value: message.value?.toString() ?? null,
                headers: Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)])),
              });
              if (Number(message.offset) === last) remaining.delete(`${topic}/${partition}`);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return messages;
  } finally {
    await admin.deleteGroups([groupId]).catch(() => {});
    await admin.disconnect();
  }
}

/** Deletes every topic whose name starts with `prefix` (a test run's, or a retired deployment's). */
export async function deleteTopicsWithPrefix(kafka: Kafka, prefix: string): Promise<string[]> {
  if (prefix === '') throw new Error('refusing to delete every topic: give a non-empty prefix');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
    return topics;
  } finally {
    await admin.disconnect();
  }
}
