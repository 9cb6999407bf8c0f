import type { RecordedEvent, ServiceName } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import type { Projection, ReadStore } from '@ledger/readstore';
import { deliveredForm, isDeadLetter } from './delivery.ts';

export interface ReplayProgress {
  /** Events read from the store so far. */
  events: number;
  /** Global position of the last event read. */
  position: number;
  /** The position the replay is heading for. */
  target: number;
}

/** An event a read model could not take: the live bus records it as a dead letter and moves on; so does the replay. */
export interface ReplayDeadLetter {
  projection: string;
  position: number;
  eventId: string;
  reason: string;
}

interface ProjectionRun {
  projection: Projection;
  services: ReadonlySet<ServiceName>;
  /** Every event up to this position has been offered to the projection. */
  through: number;
  applied: number;
}

export interface ReplayerOptions {
  store: Pick<EventStore, 'readAll'>;
  projections: readonly Projection[];
  /** A store the replay owns: it must hold none of the projections' documents yet. */
  target: ReadStore;
  /** Only events recorded at or before this instant: the ledger as it stood then. */
  recordedUpTo?: string;
  batchSize?: number;
}

/**
 * Rebuilds read models by running their own `apply` over the store's global order, as the live bus
 * does (same filter by service, same upcasting, same dead letters), into a store of its own.
 * Incremental: `advanceTo` may be called again with higher limits, and each projection can stop at
 * a limit of its own (where its live consumer stands), so a rebuild lines up with a live read model.
 */
export class Replayer {
  readonly deadLetters: ReplayDeadLetter[] = [];
  private readonly options: ReplayerOptions;
  private readonly runs: ProjectionRun[];
  private eventsRead = 0;
  private lastRead = 0;

  private constructor(options: ReplayerOptions) {
    this.options = options;
    this.runs = options.projections.map((projection) => ({ projection, services: new Set(projection.services), through: 0, applied: 0 }));
  }

  static async start(options: ReplayerOptions): Promise<Replayer> {
    for (const projection of options.projections) await projection.setup?.(options.target);
    return new Replayer(options);
  }

  get events(): number {
    return this.eventsRead;
  }

  get lastPosition(): number {
    return this.lastRead;
  }

  /** Events each projection was handed, by projection name. */
  applied(): Map<string, { through: number; applied: number }> {
    return new Map(this.runs.map((run) => [run.projection.name, { through: run.through, applied: run.applied }]));
  }

  /**
   * Offers every projection the events after those it has seen, up to `limitOf(projection)`
   * (inclusive): a position already recorded, such as the head or a live consumer's checkpoint.
   */
  async advanceTo(limitOf: (projection: Projection) => number, onProgress?: (progress: ReplayProgress) => void): Promise<void> {
    const limits = this.runs.map((run) => Math.max(run.through, limitOf(run.projection)));
    const target = Math.max(0, ...limits);
    let after = Math.min(...this.runs.map((run, i) => (run.through < limits[i]! ? run.through : Number.POSITIVE_INFINITY)));
    if (!Number.isFinite(after)) return;
    const batchSize = this.options.batchSize ?? 1000;
    for (;;) {
      const batch = await this.options.store.readAll({
        after,
        limit: batchSize,
        ...(this.options.recordedUpTo ? { recordedUpTo: this.options.recordedUpTo } : {}),
      });
      for (const event of batch) {
        if (event.position > target) break;
        for (const [i, run] of this.runs.entries()) {
          if (event.position <= run.through || event.position > limits[i]!) continue;
          await this.offer(run, event);
        }
        after = event.position;
        if (event.position > this.lastRead) {
          this.lastRead = event.position;
          this.eventsRead += 1;
        }
      }
      onProgress?.({ events: this.eventsRead, position: after, target });
      if (batch.length < batchSize || after >= target || batch.at(-1)!.position > target) break;
    }
    // Everything up to `after` has been read (the store never fills a gap in later), and nothing
    // between `after` and a limit exists yet: a later call starts from where each run stands.
    for (const [i, run] of this.runs.entries()) run.through = Math.max(run.through, Math.min(limits[i]!, after));
  }

  private async offer(run: ProjectionRun, event: RecordedEvent): Promise<void> {
    try {
      const delivered = deliveredForm(event, run.services);
      if (!delivered) return;
      await run.projection.apply(delivered, this.options.target);
      run.applied += 1;
    } catch (error) {
      if (!isDeadLetter(error)) {
        throw new Error(`replay: read model ${run.projection.name} failed on the event at position ${event.position} (${event.type}): ${(error as Error).message}`, {
          cause: error,
        });
      }
      this.deadLetters.push({ projection: run.projection.name, position: event.position, eventId: event.eventId, reason: error.message });
    }
  }
}
