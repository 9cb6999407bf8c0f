import { Counter, Gauge, type MetricsRegistry, type ServiceContext, type ServiceModule } from '@ledger/platform';
import type { Projection } from '@ledger/readstore';
import { feedRoutes, schemaRoutes } from '../http/feed-routes.ts';
import { logRoutes } from '../http/log-routes.ts';
import { replayRoutes } from '../http/replay-routes.ts';
import { MerkleLogKeeper } from '../log/keeper.ts';
import type { SqlMerkleLog } from '../log/sql-merkle-log.ts';
import type { NoteSigner } from '../note/keys.ts';
import type { LivePositions } from '../replay/replay-read-models.ts';
import { type ReplayTarget, inMemoryReplayTarget } from '../replay/replay-target.ts';

export interface AuditModuleOptions {
  /** The Merkle log, in the same database as the event store it follows. */
  log: SqlMerkleLog;
  signer: NoteSigner;
  /** The checkpoint origin: the log's name. */
  origin: string;
  /** How often a checkpoint is signed when the log grew; 0: only on demand. */
  checkpointIntervalMs: number;
  /** How often the log looks for newly recorded events (default 250 ms). */
  followIntervalMs?: number;
  /** Every read model the host runs, and where their consumers stand: what POST /v1/ledger/replays rebuilds and compares. */
  readModels: { projections: readonly Projection[]; positions: LivePositions };
  /** Where a replay on the running ledger rebuilds; default a fresh store in this process's memory per replay. */
  replayTarget?: () => Promise<ReplayTarget>;
}

/**
 * SPEC 7 as a module every deployment hosts: the ledger feed and event schemas, the Merkle log kept
 * level with the event store and signed on a schedule and on demand, proofs, and replays of the
 * running ledger. It has no read models of its own.
 */
export function auditModule(options: AuditModuleOptions): ServiceModule {
  let keeper: MerkleLogKeeper | undefined;
  const keeperFor = (context: ServiceContext) => {
    if (keeper) return keeper;
    const refusals = context.metrics ? chainMetrics(context.metrics, () => keeper?.chainProblem) : undefined;
    keeper = new MerkleLogKeeper({
      log: options.log,
      store: context.store,
      signer: options.signer,
      origin: options.origin,
      now: () => context.clock.now().toISOString(),
      logger: context.logger.child({ component: 'merkle-log' }),
      ...(refusals ? { onRefusal: () => refusals.inc() } : {}),
    });
    return keeper;
  };

  return {
    name: 'audit',
    projections: [],
    routes(app, context) {
      feedRoutes(app, { store: context.store });
      schemaRoutes(app);
      logRoutes(app, { log: options.log, keeper: keeperFor(context) });
      replayRoutes(app, {
        store: context.store,
        readStore: context.readStore,
        projections: options.readModels.projections,
        positions: options.readModels.positions,
        replayTarget: options.replayTarget ?? inMemoryReplayTarget,
      });
    },
    background(context) {
      const running = keeperFor(context);
      running.start({ followIntervalMs: options.followIntervalMs ?? 250, checkpointIntervalMs: options.checkpointIntervalMs });
      return { stop: () => running.stop(), readinessProblem: () => running.chainProblem };
    },
  };
}

/**
 * What an operator alerts on when the keeper refuses to sign (SPEC 7: a checkpoint never contradicts an earlier
 * one): every refusal counted, and whether the chain is refused now. The log line says why; /readyz names it too.
 */
function chainMetrics(registry: MetricsRegistry, problem: () => string | undefined): Counter {
  new Gauge({
    name: 'ledger_checkpoint_chain_refused',
    help: '1 while the Merkle log does not extend the latest signed checkpoint and the keeper refuses to sign, else 0',
    registers: [registry],
    collect() {
      this.set(problem() ? 1 : 0);
    },
  });
  return new Counter({
    name: 'ledger_checkpoint_refusals_total',
    help: 'Checkpoints the keeper refused to sign because the log does not extend the latest signed checkpoint (history rewritten)',
    registers: [registry],
  });
}
