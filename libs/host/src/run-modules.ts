import type { Bus, Consumer, ConsumerHandle } from '@ledger/messaging';
import { type ApiKey, type HttpApp, type PublicRateLimit, type ServiceContext, type ServiceModule, apiKeyAuthenticator, createHttpApp } from '@ledger/platform';
import { projectionConsumer } from '@ledger/readstore';
import { type ConsoleOptions, serveConsole } from './console.ts';

export interface ModuleRunOptions {
  modules: readonly ServiceModule[];
  context: ServiceContext;
  /** Where projections and processors read events from: the embedded bus or Kafka. */
  bus: Bus;
  apiKeys: readonly ApiKey[];
  title: string;
  description: string;
  /** Serve the web console's pages beside the routes (the embedded host does: it serves every route they call). */
  console?: ConsoleOptions;
  /** Requests per client and window on the routes that take no key (SPEC 8). */
  publicRateLimit?: PublicRateLimit;
}

/** A consumer as the bus runs it: what to start again if it stops on an error. */
export interface StartedConsumer {
  consumer: Consumer;
  handle: ConsumerHandle;
}

export interface RunningModules {
  app: HttpApp;
  /** Every consumer started (projections and processors), by name: what "caught up" is measured on. */
  consumerNames: readonly string[];
  started: readonly StartedConsumer[];
  /** Stops background work and the HTTP server; the bus and the adapters belong to whoever opened them. */
  stop(): Promise<void>;
}

/**
 * Runs service modules the same way in every mode: read models set up and their projections started on
 * the bus, then processors, then every module's routes on one HTTP app, then background work. /healthz
 * turns ready only once all of that stands, so a caller never reaches a route whose consumers are missing.
 */
export async function runModules(options: ModuleRunOptions): Promise<RunningModules> {
  const { modules, context, bus } = options;
  const started: StartedConsumer[] = [];
  const start = async (consumer: Consumer) => started.push({ consumer, handle: await bus.start(consumer) });
  for (const module of modules) {
    for (const projection of module.projections) {
      await projection.setup?.(context.readStore);
      await start(projectionConsumer(projection, context.readStore));
    }
    for (const processor of module.processors?.(context) ?? []) await start(processor);
  }
  const consumerNames = started.map(({ consumer }) => consumer.name);

  const { app, markReady } = await createHttpApp({
    logger: context.logger,
    authenticator: apiKeyAuthenticator(options.apiKeys),
    title: options.title,
    description: options.description,
    ...(options.publicRateLimit ? { publicRateLimit: options.publicRateLimit } : {}),
  });
  for (const module of modules) module.routes(app, context);
  if (options.console) await serveConsole(app, options.console);
  await app.ready();
  const background = modules.flatMap((module) => (module.background ? [module.background(context)] : []));
  markReady();

  return {
    app,
    consumerNames,
    started,
    async stop() {
      for (const work of background) await work.stop();
      await app.close();
    },
  };
}
