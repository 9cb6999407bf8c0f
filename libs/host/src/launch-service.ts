import {
  ConfigError,
  type Logger,
  type ServiceContext,
  type ServiceModule,
  createLogger,
  followLedgerCalendar,
  settleLedgerTimeZone,
  startTracing,
  systemClock,
} from '@ledger/platform';
import type { z } from 'zod';
import { type CheckpointStore, type Consumer, sqlCheckpointStore } from '@ledger/messaging';
import type { Projection } from '@ledger/readstore';
import { type Adapters, openAdapters } from './adapters.ts';
import { oidcOptionsOf } from './access/oidc.ts';
import { type DistributedConfig, apiKeysOf, distributedConfigSchema, readDistributedConfig } from './config.ts';
import { kafkaProjectionPositions, relayCheckpointName } from './kafka-positions.ts';
import { type RunningModules, runModules } from './run-modules.ts';
import type { ObservedSources } from './observe.ts';
import { superviseConsumers } from './supervise.ts';

/** What a process's own wiring is given to build its modules and side work. */
export interface LaunchResources<Config extends DistributedConfig> {
  config: Config;
  adapters: Adapters;
  context: ServiceContext;
  logger: Logger;
  /** Where the relay records what Kafka acknowledged: one table in PostgreSQL, opened once (absent without PostgreSQL). */
  relayCheckpoints?: CheckpointStore;
  /**
   * How far a read model's consumer group has read (see `kafkaProjectionPositions`), answered by the process's
   * one tracker, which is made once the modules are known and closed when the process stops.
   */
  projectionPosition(projectionName: string): Promise<number>;
}

/** The configuration of a process: the common variables and its own. */
export type ConfigWith<Extra extends z.ZodRawShape> = DistributedConfig & z.infer<z.ZodObject<Extra>>;

export interface ServiceLaunch<Extra extends z.ZodRawShape> {
  /** The process's name: logs, the Kafka client id, the PostgreSQL application name. */
  name: string;
  /** The process's own variables beside the common ones (zod schemas by variable name). */
  config: Extra;
  /** True when the process keeps tables of its own in PostgreSQL (the vault, the relay's checkpoint, the Merkle log). */
  needsPostgres?: boolean;
  modules(resources: LaunchResources<ConfigWith<Extra>>): Promise<ServiceModule[]>;
  /** Read models whose positions the process answers for beside its modules' own (the relay replays every service's). */
  followedProjections?: readonly Projection[];
  /** What `/metrics` shows beyond the consumers and the store (the relay: its position, the Merkle log). */
  observed?(resources: LaunchResources<ConfigWith<Extra>>): ObservedSources;
  /** Work that is no module's, started once the modules run (the relay); each returns how to stop it. */
  sideWork?(resources: LaunchResources<ConfigWith<Extra>>): Promise<Array<{ stop(): Promise<void> }>>;
}

export interface RunningService extends RunningModules {
  address: string;
  adapters: Adapters;
}

/** Starts one distributed process inside the calling one; `launchService` wraps it for a process's entry point (signals, exit codes). */
export async function startService<Extra extends z.ZodRawShape>(
  launch: ServiceLaunch<Extra>,
  options: { env?: NodeJS.ProcessEnv; logger?: Logger; zoneRefreshMs?: number } = {},
): Promise<RunningService> {
  const schema = distributedConfigSchema.extend(launch.config);
  // The extended schema parses exactly ConfigWith<Extra>; TypeScript cannot see through zod's generic merge.
  const config = readDistributedConfig(schema, { ...(options.env ? { env: options.env } : {}), needsPostgres: launch.needsPostgres ?? false }) as unknown as ConfigWith<Extra>;
  const apiKeys = apiKeysOf(config);
  const oidc = oidcOptionsOf(config);
  const logger = options.logger ?? createLogger({ level: config.LOG_LEVEL, name: launch.name });
  const adapters = await openAdapters(config, { processName: launch.name, logger });
  // The first process of a deployment records the zone; the others check theirs against it (exit 2 if it differs).
  const settled = await settleLedgerTimeZone(adapters.store, {
    timeZone: config.LEDGER_TIME_ZONE,
    ...(config.LEDGER_TIME_ZONE_CHANGE_FROM ? { changeFrom: config.LEDGER_TIME_ZONE_CHANGE_FROM } : {}),
    clock: systemClock,
    actor: `service:${launch.name}`,
    logger,
  }).catch(async (error: unknown) => {
    await adapters.close();
    throw error;
  });
  // A change recorded later by another process is followed, so that no process answers in a zone no longer in force.
  const zones = followLedgerCalendar(adapters.store, { initial: settled.calendar, intervalMs: options.zoneRefreshMs ?? 30_000, logger });
  const context: ServiceContext = { store: adapters.store, readStore: adapters.readStore, clock: systemClock, calendar: zones.calendar, logger };
  const relayCheckpoints = adapters.sql ? await sqlCheckpointStore(adapters.sql) : undefined;
  let positions: ReturnType<typeof kafkaProjectionPositions> | undefined;
  const projectionPosition = async (projectionName: string) => {
    if (!positions) throw new Error(`no read model positions in ${launch.name}: they need the relay's checkpoint in PostgreSQL`);
    return positions.projectionPosition(projectionName);
  };
  const resources = { config, adapters, context, logger, ...(relayCheckpoints ? { relayCheckpoints } : {}), projectionPosition };
  const modules = await launch.modules(resources);
  // Commands that decide on a read model wait until it has caught up; the relay's position is in PostgreSQL.
  if (relayCheckpoints) {
    positions = kafkaProjectionPositions({
      kafka: adapters.kafka,
      topicPrefix: config.KAFKA_TOPIC_PREFIX,
      projections: [...modules.flatMap((module) => module.projections), ...(launch.followedProjections ?? [])],
      relayCheckpoints,
      relayName: relayCheckpointName(config.KAFKA_TOPIC_PREFIX),
    });
    context.projectionPosition = projectionPosition;
  }
  const running = await runModules({
    modules,
    context,
    bus: adapters.bus,
    access: {
      bootstrapKeys: apiKeys,
      keySource: config.LEDGER_API_KEYS ? 'LEDGER_API_KEYS' : (config.LEDGER_API_KEYS_FILE ?? 'LEDGER_API_KEYS_FILE'),
      actor: `service:${launch.name}`,
      ...(oidc ? { oidc } : {}),
    },
    ...(launch.observed ? { observed: launch.observed(resources) } : {}),
    ...(relayCheckpoints ? { consumerPosition: (consumer: Consumer) => positions!.consumerPosition(consumer) } : {}),
    trustedProxies: config.LEDGER_TRUSTED_PROXIES,
    title: `Accountability ledger: ${launch.name}`,
    description: `The ${launch.name} process of the distributed ledger (${config.EVENT_STORE} event store, ${config.READ_STORE} read store, Kafka).`,
  });
  let stopping = false;
  superviseConsumers(running.started, { bus: adapters.bus, logger, stopping: () => stopping });
  const sideWork = (await launch.sideWork?.(resources)) ?? [];
  const address = await running.app.listen({ host: config.HOST, port: config.PORT });
  logger.info({ address, eventStore: config.EVENT_STORE, readStore: config.READ_STORE, consumers: running.consumerNames }, `${launch.name} ready`);
  return {
    ...running,
    address,
    adapters,
    async stop() {
      stopping = true;
      zones.stop();
      for (const work of sideWork) await work.stop();
      await running.stop();
      await positions?.close();
      await adapters.close();
    },
  };
}

/**
 * A distributed process's entry point (apps/services, apps/relay): starts it from the environment and stops it cleanly on SIGTERM or SIGINT
 * (consumers commit what they handled, the relay publishes what it read). A bad configuration exits with 2
 * and names every bad variable.
 */
export async function launchService<Extra extends z.ZodRawShape>(launch: ServiceLaunch<Extra>): Promise<void> {
  // Off unless OTEL_* variables ask for it (docs/operations.md); started first, so that every part is traced.
  const tracing = startTracing({ serviceName: `accountability-ledger-${launch.name}` });
  let service: RunningService;
  try {
    service = await startService(launch);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${launch.name}: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    service.app.log.info({ signal }, 'stopping');
    try {
      await service.stop();
      await tracing?.shutdown();
      process.exit(0);
    } catch (error) {
      service.app.log.error({ err: error }, 'could not stop cleanly');
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
