export * from './port.ts';
export { sqlCheckpointStore } from './sql-checkpoints.ts';
export { embeddedBus, sqlDeadLetters, type DeadLetters, type EmbeddedBus, type EmbeddedBusOptions } from './embedded/store-bus.ts';
export {
  InvalidKafkaMessageError,
  decodeKafkaMessage,
  encodeKafkaMessage,
  type IncomingKafkaMessage,
  type KafkaEventMessage,
} from './kafka/binding.ts';
export { createKafka, ensureTopics, ledgerTopics, parseBrokers, type KafkaClientOptions } from './kafka/client.ts';
export { startKafkaRelay, type KafkaRelay, type KafkaRelayOptions } from './kafka/relay.ts';
export { KafkaBus, deadLetterHeaders, type KafkaBusOptions } from './kafka/kafka-bus.ts';
export { type TopicMessage, deleteTopicsWithPrefix, readTopicsToEnd, topicMessageCount } from './kafka/topic-reader.ts';
export { tracedConsumer } from './traced-consumer.ts';
