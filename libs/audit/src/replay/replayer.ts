import { type RecordedEvent, handledEventTypes, upcast } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import { type Document, MemoryReadStore, type Projection, type ReadStore } from '@ledger/readstore';
import { isDeadLetter } from './delivery.ts';
import { HeldDocuments } from './held-documents.ts';

export interface ReplayProgress {
  /** Events read from the store so far. */
  events: number;
  /** Global position of the last event read. */
  position: number;
  /** The position the replay is heading for. */
  target: number;
  /** Events read a second since this `advanceTo` began. */
  eventsPerSecond: number;
  /** Seconds left at that rate, by the positions still to read (undefined before any rate is known). */
  etaSeconds?: number;
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
  /** The event types the live bus hands it (its `eventTypes`, else every type of its services). */
  types: ReadonlySet<string>;
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
  /** Changed documents held before they are stored (default 20,000): one bulk upsert per collection then. */
  flushDocuments?: number;
  /** Documents held in memory across batches (see HeldDocuments); default a million. */
  maxHeldDocuments?: number;
}

/** Where the replay stands, kept in the target with the documents, so that a replay into the same store resumes. */
const replayPositionsCollection = '_replay_positions';
type PositionDoc = Document & { through: number; applied: number; recordedUpTo: string | null };

/** The event as every consumer of its type is handed it (upcast to the latest version), or why the bus dead-letters it. */
type Delivered = { event: RecordedEvent } | { error: Error };

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
  /** Documents held in front of a database target; none for a target in memory, which the projections write directly. */
  private readonly documents: HeldDocuments | undefined;
  /** The store the projections apply to. */
  private readonly view: ReadStore;
  private readonly byType = new Map<string, number[]>();
  private eventsRead = 0;
  private lastRead = 0;

  private constructor(options: ReplayerOptions, runs: ProjectionRun[], documents: HeldDocuments | undefined) {
    this.options = options;
    this.runs = runs;
    this.documents = documents;
    this.view = documents?.store ?? options.target;
  }

  /**
   * Sets the projections up in the target and resumes where a replay into the same target stopped (its positions
   * are stored with the documents at every batch; a fresh target starts from the first event).
   */
  static async start(options: ReplayerOptions): Promise<Replayer> {
    for (const projection of options.projections) await projection.setup?.(options.target);
    // A target in memory already is what HeldDocuments makes of a database: a get without a round trip, a put
    // without a statement, the same JSON text round trip. Holding its documents twice would only cost time.
    const documents =
      options.target instanceof MemoryReadStore
        ? undefined
        : new HeldDocuments(options.target, options.maxHeldDocuments === undefined ? {} : { maxDocuments: options.maxHeldDocuments });
    await documents?.startWith([...new Set(options.projections.flatMap((projection) => projection.collections))]);
    const positions = options.target.collection<PositionDoc>(replayPositionsCollection);
    const runs: ProjectionRun[] = [];
    for (const projection of options.projections) {
      const stored = await positions.get(projection.name);
      if (stored && stored.recordedUpTo !== (options.recordedUpTo ?? null)) {
        throw new Error(`replay: the target holds a replay of ${projection.name} up to ${stored.recordedUpTo ?? 'the head'}, not ${options.recordedUpTo ?? 'the head'}: use a fresh target`);
      }
      runs.push({ projection, types: handledEventTypes(projection.services, projection.eventTypes), through: stored?.through ?? 0, applied: stored?.applied ?? 0 });
    }
    const replayer = new Replayer(options, runs, documents);
    replayer.lastRead = Math.min(...runs.map((run) => run.through));
    return replayer;
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
   * A page of events at a time: the documents they change are held in memory and stored in bulk (one upsert per
   * collection, then each projection's position) when many have changed, every few seconds, and at the end.
   */
  async advanceTo(limitOf: (projection: Projection) => number, onProgress?: (progress: ReplayProgress) => void): Promise<void> {
    const limits = this.runs.map((run) => Math.max(run.through, limitOf(run.projection)));
    const target = Math.max(0, ...limits);
    let after = Math.min(...this.runs.map((run, i) => (run.through < limits[i]! ? run.through : Number.POSITIVE_INFINITY)));
    if (!Number.isFinite(after)) return;
    const batchSize = this.options.batchSize ?? 1000;
    const started = performance.now();
    const from = after;
    const readBefore = this.eventsRead;
    const read = (afterPosition: number) =>
      this.options.store.readAll({ after: afterPosition, limit: batchSize, ...(this.options.recordedUpTo ? { recordedUpTo: this.options.recordedUpTo } : {}) });
    let stored = performance.now();
    let next = read(after);
    for (;;) {
      const batch = await next;
      // The next page is read while this one is applied (on PostgreSQL the two overlap); past the target it is not used.
      const more = batch.length === batchSize && batch.at(-1)!.position < target;
      if (more) {
        next = read(batch.at(-1)!.position);
        // Awaited at the next turn; should applying this page throw first, its failure is not unhandled.
        next.catch(() => {});
      }
      for (const event of batch) {
        if (event.position > target) break;
        let delivered: Delivered | undefined;
        for (const i of this.runsTaking(event.type)) {
          const run = this.runs[i]!;
          if (event.position <= run.through || event.position > limits[i]!) continue;
          delivered ??= deliver(event);
          if ('error' in delivered) {
            this.refused(run, event, delivered.error);
            continue;
          }
          // Awaited here rather than in a method of its own: one promise less for every model an event reaches.
          try {
            await run.projection.apply(delivered.event, this.view);
            run.applied += 1;
          } catch (error) {
            this.refused(run, event, error);
          }
        }
        after = event.position;
        if (event.position > this.lastRead) {
          this.lastRead = event.position;
          this.eventsRead += 1;
        }
      }
      // Everything up to `after` has been read (the store never fills a gap in later), and nothing
      // between `after` and a limit exists yet: a later call starts from where each run stands.
      for (const [i, run] of this.runs.entries()) run.through = Math.max(run.through, Math.min(limits[i]!, after));
      // A document changed by many pages is written once: the documents go to the store when enough have changed,
      // every few seconds (where a resumed replay starts again), and at the end.
      if (!more || (this.documents?.pending ?? 0) >= (this.options.flushDocuments ?? 20_000) || performance.now() - stored > 5_000) {
        await this.store();
        stored = performance.now();
      }
      if (onProgress) {
        const seconds = (performance.now() - started) / 1000;
        const eventsPerSecond = seconds > 0 ? (this.eventsRead - readBefore) / seconds : 0;
        const positionsPerSecond = seconds > 0 ? (after - from) / seconds : 0;
        onProgress({
          events: this.eventsRead,
          position: after,
          target,
          eventsPerSecond: Math.round(eventsPerSecond),
          ...(positionsPerSecond > 0 ? { etaSeconds: Math.max(0, target - after) / positionsPerSecond } : {}),
        });
      }
      if (!more) break;
    }
  }

  /** The runs (by index) whose projection takes events of a type, worked out once per type rather than per event. */
  private runsTaking(type: string): readonly number[] {
    let taking = this.byType.get(type);
    if (!taking) this.byType.set(type, (taking = this.runs.flatMap((run, i) => (run.types.has(type) ? [i] : []))));
    return taking;
  }

  /** The page's documents, then where each projection stands (after them: a crash between replays a page again, which `apply` takes idempotently). */
  private async store(): Promise<void> {
    await this.documents?.flush();
    const recordedUpTo = this.options.recordedUpTo ?? null;
    await this.options.target
      .collection<PositionDoc>(replayPositionsCollection)
      .putMany(this.runs.map((run) => ({ id: run.projection.name, through: run.through, applied: run.applied, recordedUpTo })));
  }

  /** A read model could not take an event: a dead letter when the live bus would make it one, else the replay fails. */
  private refused(run: ProjectionRun, event: RecordedEvent, error: unknown): void {
    if (!isDeadLetter(error)) {
      throw new Error(`replay: read model ${run.projection.name} failed on the event at position ${event.position} (${event.type}): ${(error as Error).message}`, {
        cause: error,
      });
    }
    this.deadLetters.push({ projection: run.projection.name, position: event.position, eventId: event.eventId, reason: error.message });
  }
}

/**
 * Upcast once per event for every projection that takes it, as the bus does per consumer (same input, same dead
 * letters). The one copy is handed to every projection, frozen so that none can change what the next one sees: a
 * copy per projection (fifteen an event) was about a tenth of a replay's CPU, most of it in garbage collection.
 */
function deliver(event: RecordedEvent): Delivered {
  try {
    return { event: Object.freeze({ ...event, ...upcast(event.type, event.schemaVersion, event.data) }) };
  } catch (error) {
    return { error: error as Error };
  }
}
