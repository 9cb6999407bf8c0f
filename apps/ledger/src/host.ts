import { join } from 'node:path';
import { SqlMerkleLog, auditModule, generateNoteKey, parseSignerKey } from '@ledger/audit';
import { defaultLedgerTimeZone } from '@ledger/calendar';
import { type HandlingDaysByChannel, complaintsModule, complaintsProjections } from '@ledger/complaints';
import { disciplineModule, disciplineProjections } from '@ledger/discipline';
import { evaluationsModule, evaluationsProjections, registryLookup } from '@ledger/evaluations';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type ConsoleOptions, type ConsumerWatch, type OidcOptions, runModules } from '@ledger/host';
import { type EmbeddedBus, embeddedBus, sqlCheckpointStore, sqlDeadLetters } from '@ledger/messaging';
import {
  type ApiKey,
  type Clock,
  type HttpApp,
  type Logger,
  type PublicRateLimit,
  type ServiceContext,
  type ServiceModule,
  settleLedgerTimeZone,
  systemClock,
} from '@ledger/platform';
import { type PersonalDataVault, sqlPersonalDataVault } from '@ledger/privacy';
import { rankingsModule, rankingsProjections } from '@ledger/rankings';
import { rectificationModule, rectificationProjections } from '@ledger/rectification';
import { type Projection, type ReadStore, sqlReadStore } from '@ledger/readstore';
import type { RegistryLookup } from '@ledger/registry';
import { type SqlClient, keepTableStatistics, openPglite, ownerOnlyFolder } from '@ledger/sql';

export interface LedgerHostOptions {
  /** Folder of the embedded database; none keeps everything in memory (tests). */
  dataDir?: string;
  /** The key file of the first start: issued in the ledger (hashes only) while it has no keys; later starts do not read it. */
  apiKeys: readonly ApiKey[];
  /** Where apiKeys came from (log, labels). */
  apiKeySource?: string;
  /** OpenID Connect sign-in for staff, when configured. */
  oidc?: OidcOptions;
  vaultKey: Buffer;
  logger: Logger;
  clock?: Clock;
  handlingDays?: HandlingDaysByChannel;
  /** How often the deadline watcher looks for late complaints; 0 turns it off (tests drive it by hand). */
  deadlineCheckIntervalMs?: number;
  /** How often subscriptions look for appends from elsewhere (the bus is woken by local appends at once). */
  idlePollMs?: number;
  /** The database to use instead of embedded PGlite (tests on PostgreSQL); the host closes it on stop. */
  sql?: SqlClient;
  /** Signer key text that checkpoints are signed with; none: a fresh key per start (tests). */
  signingKey?: string;
  /** The checkpoint origin (default accountability-ledger). */
  logOrigin?: string;
  /** How often a checkpoint is signed when the log grew; 0: only on demand (default 60 s). */
  checkpointIntervalMs?: number;
  /** The ledger's time zone (IANA name, default Asia/Shanghai): recorded at the first start, checked at every later one. */
  timeZone?: string;
  /** The instant from which `timeZone` replaces the recorded zone (an explicit, recorded change). */
  timeZoneChangeFrom?: string;
  /** Serve the web console (its build folder); none serves only the API. */
  console?: ConsoleOptions;
  /** How often the Merkle log looks for newly recorded events (default 250 ms). */
  logFollowIntervalMs?: number;
  /** Requests per client and window on the routes that take no key (SPEC 8; default 60 a minute). */
  publicRateLimit?: PublicRateLimit;
  /** Reverse proxies whose `X-Forwarded-For` names the client (LEDGER_TRUSTED_PROXIES); none: the peer is the client. */
  trustedProxies?: readonly string[];
  /** When /readyz calls a consumer that is behind and does not move stuck (default 60 s). */
  stuckConsumerAfterMs?: number;
  /**
   * A command answers once every consumer of this process has handled its events (ServiceContext.ownWritesVisible).
   * Default: on with embedded PGlite; off on a server database (`sql`), where the host stands in for the distributed
   * mode in tests and the benchmark, and read models are eventual as they are there.
   */
  readYourWrites?: boolean;
  /**
   * How often the embedded PGlite's planner statistics are checked, and tables that changed enough analyzed (what
   * autovacuum does on a server; libs/sql `keepTableStatistics`); the first check comes 10 s after the start. 0: never.
   * Default: 60 s when the host opens PGlite itself; off with a given `sql` (a server has autovacuum; a test that
   * counts statements passes its own client).
   */
  tableStatisticsIntervalMs?: number;
}

export interface LedgerHost {
  app: HttpApp;
  sql: SqlClient;
  store: SqlEventStore;
  readStore: ReadStore;
  bus: EmbeddedBus;
  context: ServiceContext;
  /** The consumers as /readyz and /metrics see them; stops and resumes one by name. */
  consumers: ConsumerWatch;
  /** Resolves once every projection and processor has caught up with the ledger's head (tests, replays); looks every `pollMs` (10). */
  settled(options?: { pollMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Every service of the ledger, as the embedded host runs them. The host is their composition root: the registry
 * port that complaints and discipline read is the evaluations service's own lookup on the same store.
 */
function ledgerModules(options: {
  vault: PersonalDataVault;
  registry: RegistryLookup;
  handlingDays?: HandlingDaysByChannel;
  deadlineCheckIntervalMs?: number;
}): ServiceModule[] {
  return [
    evaluationsModule(),
    complaintsModule({
      vault: options.vault,
      registry: options.registry,
      handlingDays: options.handlingDays ?? {},
      deadlineCheckIntervalMs: options.deadlineCheckIntervalMs ?? 60_000,
    }),
    disciplineModule({ registry: options.registry }),
    rankingsModule(),
    rectificationModule({ registry: options.registry, deadlineCheckIntervalMs: options.deadlineCheckIntervalMs ?? 60_000 }),
  ];
}

/** Every read model of the ledger, in the order of `ledgerModules` (each service's own list, which its module runs): what the auditor's replay rebuilds. */
export const ledgerProjections = (): Projection[] => [...evaluationsProjections, ...complaintsProjections, ...disciplineProjections, ...rankingsProjections, ...rectificationProjections];

/** How long a command's answer waits for the consumers to handle its events before it goes anyway. */
const ownWritesWaitMs = 5_000;

/** The embedded ledger: every service in one process on PGlite, the bus following the store in-process. */
export async function startLedgerHost(options: LedgerHostOptions): Promise<LedgerHost> {
  const logger = options.logger;
  // SPEC 8: the data folder and all in it are the owner's only; PGlite's own folder is also locked to this process.
  if (options.dataDir) ownerOnlyFolder(options.dataDir);
  const sql = options.sql ?? (await openPglite(options.dataDir ? join(options.dataDir, 'pglite') : undefined));
  const tableStatisticsIntervalMs = options.tableStatisticsIntervalMs ?? (options.sql ? 0 : 60_000);
  // Embedded PGlite lives in this process alone (one process per data folder), so this store object is its one writer;
  // it answers on microtasks alone, so grouped statements gather a whole event-loop turn (the requests parsed together)
  // rather than a tick; and no autovacuum runs in it. A server database is none of these.
  const embedded = sql.engine === 'pglite';
  const store = await SqlEventStore.open(sql, { idlePollMs: options.idlePollMs ?? 250, soleWriter: embedded });
  const clock = options.clock ?? systemClock;
  // Before anything decides: the zone is part of every decision (SPEC "Local time"). A refused zone stops the start.
  const { calendar } = await settleLedgerTimeZone(store, {
    timeZone: options.timeZone ?? defaultLedgerTimeZone,
    ...(options.timeZoneChangeFrom ? { changeFrom: options.timeZoneChangeFrom } : {}),
    clock,
    actor: 'service:ledger',
    logger,
  }).catch(async (error: unknown) => {
    await sql.close();
    throw error;
  });
  const readStore = await sqlReadStore(sql, embedded ? { gatherGets: 'turn' } : {});
  const checkpoints = await sqlCheckpointStore(sql);
  const bus = embeddedBus({ store, checkpoints, deadLetters: await sqlDeadLetters(sql), logger });
  const vault = await sqlPersonalDataVault(sql, options.vaultKey, { gather: embedded ? 'turn' : 'tick' });
  // Where each consumer stands, from the bus: its saved checkpoint lags over events it passes over.
  const positions = bus.positions;
  const context: ServiceContext = {
    store,
    readStore,
    clock,
    calendar,
    logger,
    projectionPosition: (name) => positions.load(name),
    // Every consumer runs here: a command answers once they all handled its events (read your own writes), within a bound.
    ...((options.readYourWrites ?? embedded)
      ? {
          ownWritesVisible: async (position: number) => {
            if (!(await bus.caughtUp(position, ownWritesWaitMs))) {
              logger.warn({ position, waitedMs: ownWritesWaitMs }, 'consumers did not handle a command\'s events in time; answering anyway (the events are stored)');
            }
          },
        }
      : {}),
  };
  const services = ledgerModules({ vault, registry: registryLookup(store), ...options });
  const origin = options.logOrigin ?? 'accountability-ledger';
  const merkleLog = await SqlMerkleLog.open(sql);
  const modules = [
    ...services,
    auditModule({
      log: merkleLog,
      signer: parseSignerKey(options.signingKey ?? generateNoteKey(origin).signerKey),
      origin,
      checkpointIntervalMs: options.checkpointIntervalMs ?? 60_000,
      ...(options.logFollowIntervalMs === undefined ? {} : { followIntervalMs: options.logFollowIntervalMs }),
      readModels: { projections: ledgerProjections(), positions },
    }),
  ];

  const running = await runModules({
    modules,
    context,
    bus,
    access: {
      bootstrapKeys: options.apiKeys,
      keySource: options.apiKeySource ?? 'key file',
      actor: 'service:ledger',
      ...(options.oidc ? { oidc: options.oidc } : {}),
    },
    ...(options.console ? { console: options.console } : {}),
    ...(options.publicRateLimit ? { publicRateLimit: options.publicRateLimit } : {}),
    ...(options.trustedProxies ? { trustedProxies: options.trustedProxies } : {}),
    observed: {
      deadLetters: async () => Number((await sql.query<{ count: string }>('select count(*) as count from dead_letters')).rows[0]?.count ?? 0),
      merkleLog: async () => {
        const [size, latest] = await Promise.all([merkleLog.size(), merkleLog.latestCheckpoint()]);
        return { size, ...(latest ? { checkpointIssuedAt: latest.issuedAt } : {}) };
      },
    },
    ...(options.stuckConsumerAfterMs === undefined ? {} : { consumerWatch: { stuckAfterMs: options.stuckConsumerAfterMs } }),
    title: 'Accountability ledger',
    description: 'Complaints against public officials, sanctions, evaluations and an auditable ledger (embedded host).',
  });
  const { app, consumerNames, consumers } = running;
  // Embedded only: a server's own autovacuum analyzes its tables.
  const tableStatistics =
    embedded && tableStatisticsIntervalMs > 0
      ? keepTableStatistics(sql, { logger: logger.child({ component: 'table-statistics' }), intervalMs: tableStatisticsIntervalMs })
      : undefined;

  return {
    app,
    sql,
    store,
    readStore,
    bus,
    context,
    consumers,
    async settled({ pollMs = 10 } = {}) {
      // Processors append events that other consumers then read: wait until the head stops moving.
      for (const deadline = Date.now() + 20_000; ; ) {
        const head = await store.headPosition();
        const reached = await Promise.all(consumerNames.map((name) => positions.load(name)));
        if (reached.every((position) => position >= head) && (await store.headPosition()) === head) return;
        if (Date.now() > deadline) throw new Error(`consumers did not reach position ${head}: ${reached.join(', ')}`);
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    async stop() {
      await tableStatistics?.stop();
      await running.stop();
      await bus.close();
      await sql.close();
    },
  };
}
