import { isTracingOn, tracedStore } from '@ledger/eventstore';
import { type Bus, type Consumer, type ConsumerHandle, tracedConsumer } from '@ledger/messaging';
import { type ApiKey, type HttpApp, MetricsRegistry, type PublicRateLimit, type ServiceContext, type ServiceModule, createHttpApp, firstOf } from '@ledger/platform';
import { projectionConsumer } from '@ledger/readstore';
import { keyRegistry } from './access/key-registry.ts';
import { type OidcOptions, oidcAuthenticator } from './access/oidc.ts';
import { accessModule } from './access/routes.ts';
import { type ConsoleOptions, serveConsole } from './console.ts';
import { ConsumerWatch, type ConsumerWatchOptions, type ObservedSources, countingStore, registerLedgerMetrics } from './observe.ts';

export interface ModuleRunOptions {
  modules: readonly ServiceModule[];
  context: ServiceContext;
  /** Where projections and processors read events from: the embedded bus or Kafka. */
  bus: Bus;
  /** Who may call (SPEC 8): the key file of the first start, and OpenID Connect when configured. */
  access: {
    /** Issued as ledger facts while the ledger has no keys yet (the first start); later starts do not read them. */
    bootstrapKeys: readonly ApiKey[];
    /** Where they came from (the file or variable), for the log and the keys' labels. */
    keySource: string;
    /** Who records them: `service:<process>`. */
    actor: string;
    oidc?: OidcOptions;
  };
  title: string;
  description: string;
  /** Serve the web console's pages beside the routes (the embedded host does: it serves every route they call). */
  console?: ConsoleOptions;
  /** Requests per client and window on the routes that take no key (SPEC 8). */
  publicRateLimit?: PublicRateLimit;
  /** Reverse proxies whose `X-Forwarded-For` names the client (LEDGER_TRUSTED_PROXIES); none: the peer is the client. */
  trustedProxies?: readonly string[];
  /** What `/metrics` shows beyond the consumers and the store (dead letters, the Merkle log, the relay). */
  observed?: ObservedSources;
  /**
   * How far a consumer has read the global order, for `/readyz` and `/metrics`; by default the context's
   * `projectionPosition` of its name. A distributed process answers for every consumer (processors and the
   * host's own key projection too) from its Kafka consumer group.
   */
  consumerPosition?: (consumer: Consumer) => Promise<number>;
  /** When `/readyz` calls a consumer stuck. */
  consumerWatch?: ConsumerWatchOptions;
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
  /** The consumers' states (stopped, stuck, lag) that `/readyz` and `/metrics` read; stops and resumes one by name. */
  consumers: ConsumerWatch;
  /** Stops background work and the HTTP server; the bus and the adapters belong to whoever opened them. */
  stop(): Promise<void>;
}

/**
 * Runs service modules the same way in every mode: read models set up and their projections started on
 * the bus, then processors, then every module's routes on one HTTP app, then background work. /healthz and
 * /readyz turn ready only once all of that stands, so a caller never reaches a route whose consumers are missing.
 */
export async function runModules(options: ModuleRunOptions): Promise<RunningModules> {
  const metrics = new MetricsRegistry();
  const position = options.consumerPosition ?? ((consumer: Consumer) => options.context.projectionPosition?.(consumer.name) ?? Promise.resolve(0));
  const consumers = new ConsumerWatch(options.bus, options.context.store, position, options.consumerWatch);
  const bus = consumers.bus;
  // With tracing on (OTEL_* variables, issue 14.3), every append is a span that stamps its trace context into the
  // events' metadata, and every consumer handles an event inside that trace.
  const tracing = isTracingOn();
  const counted = countingStore(options.context.store, metrics);
  const context: ServiceContext = { ...options.context, store: tracing ? tracedStore(counted) : counted, metrics };
  registerLedgerMetrics(metrics, consumers, options.observed);
  // Keys are ledger facts in every process (SPEC 8): each serves /v1/keys and checks a key against its own stream.
  const keys = keyRegistry({ store: context.store, readStore: context.readStore, logger: context.logger });
  const modules = [...options.modules, accessModule(keys)];
  await keys.bootstrap(options.access.bootstrapKeys, { actor: options.access.actor, clock: context.clock, source: options.access.keySource, logger: context.logger });
  const oidc = options.access.oidc;
  const authenticator = oidc ? firstOf(oidcAuthenticator({ ...oidc, logger: context.logger }), keys.authenticator) : keys.authenticator;
  const started: StartedConsumer[] = [];
  const start = async (given: Consumer) => {
    const consumer = tracing ? tracedConsumer(given) : given;
    started.push({ consumer, handle: await bus.start(consumer) });
  };
  for (const module of modules) {
    for (const projection of module.projections) {
      await projection.setup?.(context.readStore);
      await start(projectionConsumer(projection, context.readStore));
    }
    for (const processor of module.processors?.(context) ?? []) await start(processor);
  }
  const consumerNames = started.map(({ consumer }) => consumer.name);

  const { app, markReady, addReadinessCheck } = await createHttpApp({
    logger: context.logger,
    authenticator,
    title: options.title,
    description: options.description,
    ...(options.publicRateLimit ? { publicRateLimit: options.publicRateLimit } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    operations: { registry: metrics, readiness: () => consumers.readiness() },
    ...(context.ownWritesVisible ? { ownWritesVisible: context.ownWritesVisible } : {}),
  });
  for (const module of modules) module.routes(app, context);
  if (options.console) await serveConsole(app, options.console);
  await app.ready();
  const background = modules.flatMap((module) => (module.background ? [module.background(context)] : []));
  modules.forEach((module, index) => {
    const work = module.background ? background[modules.slice(0, index).filter((earlier) => earlier.background).length] : undefined;
    if (work?.readinessProblem) addReadinessCheck(module.name, () => work.readinessProblem?.());
  });
  markReady();

  return {
    app,
    consumerNames,
    started,
    consumers,
    async stop() {
      for (const work of background) await work.stop();
      await app.close();
    },
  };
}
