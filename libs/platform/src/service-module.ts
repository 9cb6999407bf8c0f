import type { LedgerCalendar } from '@ledger/calendar';
import type { ServiceName } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import type { Consumer } from '@ledger/messaging';
import type { Projection, ReadStore } from '@ledger/readstore';
import type { Logger } from 'pino';
import type { Clock } from './clock.ts';
import type { HttpApp } from './http/app.ts';
import type { MetricsRegistry } from './http/operations.ts';

/** What every service is given by the host that runs it (embedded: all in one process; distributed: its own). */
export interface ServiceContext {
  store: EventStore;
  readStore: ReadStore;
  clock: Clock;
  /**
   * The ledger's one local calendar (SPEC "Local time"): every year, month, date and deadline in the zone
   * the ledger recorded (the zone in force at each instant), never UTC or the server's zone.
   */
  calendar: LedgerCalendar;
  logger: Logger;
  /**
   * How far a projection's live consumer has read the ledger's global order, where the host can tell
   * (embedded: its bus checkpoints). A command that decides on a read model waits on it until the model
   * has seen everything recorded before the command.
   */
  projectionPosition?(projectionName: string): Promise<number>;
  /** The host's Prometheus registry (served at /metrics), where a module registers metrics of its own. */
  metrics?: MetricsRegistry;
  /**
   * Read your own writes: resolves once the consumers this process runs have handled the global order through
   * `position`; an HTTP command answers only then, so its caller reads its own write in any read model at once.
   * Only the embedded host provides it (one process runs every consumer, and it knows their positions in memory; on
   * PGlite by default, see LedgerHostOptions.readYourWrites);
   * it is bounded and never fails (past its bound the answer goes, with a warning: the write is stored). Follow-ups
   * of processors (what they append in reaction) stay eventual. A distributed service over Kafka does not provide it:
   * its read models are eventual there, a reader may have to look again.
   */
  ownWritesVisible?(position: number): Promise<void>;
}

/**
 * A service as a host sees it. The embedded host runs every module in one process; in distributed mode each
 * service's process (apps/services) runs its own. The same projections are rebuilt by the auditor's replay.
 */
export interface ServiceModule {
  readonly name: ServiceName;
  /** Read models kept from events: run live as bus consumers, rebuilt from the first event by replay. */
  readonly projections: readonly Projection[];
  /** Processors: consumers that decide and append this service's events in reaction to other events. */
  processors?(context: ServiceContext): Consumer[];
  routes(app: HttpApp, context: ServiceContext): void;
  /** Background work (timers); returns how to stop it, and optionally a problem that makes the host not ready. */
  background?(context: ServiceContext): { stop(): Promise<void>; readinessProblem?(): string | undefined };
}
