export { serveConsole, consolePagePaths, type ConsoleOptions } from './console.ts';
export { runModules, type ModuleRunOptions, type RunningModules, type StartedConsumer } from './run-modules.ts';
export { superviseConsumers, type SupervisionOptions } from './supervise.ts';
export { distributedConfigSchema, readDistributedConfig, apiKeysOf, type DistributedConfig } from './config.ts';
export { openAdapters, type Adapters } from './adapters.ts';
export { launchService, startService, type ConfigWith, type LaunchResources, type RunningService, type ServiceLaunch } from './launch-service.ts';
export { kafkaProjectionPositions, relayCheckpointName, type KafkaPositionsOptions } from './kafka-positions.ts';
export { ConsumerWatch, countingStore, registerLedgerMetrics, type ConsumerWatchOptions, type ObservedSources } from './observe.ts';
