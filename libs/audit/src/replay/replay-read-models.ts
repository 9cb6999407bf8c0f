import { isoInstant } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import type { Projection, ReadStore } from '@ledger/readstore';
import { type CollectionRef, type ReadModelDifference, compareReadModels, recompare } from './compare.ts';
import { type ReplayDeadLetter, type ReplayProgress, Replayer } from './replayer.ts';

/** Where each live read model stands: the position its consumer has handled (a bus checkpoint store fits). */
export interface LivePositions {
  load(name: string): Promise<number>;
}

export interface ReplayRequest {
  store: Pick<EventStore, 'readAll' | 'headPosition'>;
  /** Every read model to rebuild (the embedded host's `ledgerProjections()`). */
  projections: readonly Projection[];
  /** A fresh store of the replay's own. */
  target: ReadStore;
  /** Rebuild the ledger as it stood at this instant (ISO 8601): events recorded up to it. */
  asOf?: string;
  /**
   * Compare the rebuilt models with these live ones. With `positions`, each model is rebuilt up to
   * where its live consumer stands, so that a ledger whose consumers lag compares like for like;
   * without, up to the head.
   */
  compareWith?: { readStore: ReadStore; positions?: LivePositions };
  /** Fields the comparison leaves out (top-level names or dotted paths); none by default. */
  ignoreFields?: readonly string[];
  onProgress?: (progress: ReplayProgress) => void;
  batchSize?: number;
  /**
   * On a running ledger the live models move on while they are compared. A document that differs
   * is compared again after the replay caught up with the live positions, this many times at most.
   */
  settleAttempts?: number;
}

export interface ReplayedReadModel {
  projection: string;
  /** Events up to this position were offered to it. */
  upTo: number;
  /** Events it took (those of the services it reads). */
  applied: number;
  /** Documents rebuilt, per collection. */
  documents: Record<string, number>;
}

export interface ReplayComparison {
  equal: boolean;
  /** Distinct documents compared. */
  documents: number;
  ignoredFields: string[];
  differences: ReadModelDifference[];
}

export interface ReplayReport {
  asOf?: string;
  /** The ledger's head position when the replay started. */
  head: number;
  /** Events read from the store, and the position of the last one. */
  events: number;
  lastPosition: number;
  durationMs: number;
  eventsPerSecond: number;
  readModels: ReplayedReadModel[];
  deadLetters: ReplayDeadLetter[];
  comparison?: ReplayComparison;
}

/** A replay asked for with options that cannot go together or are malformed; names the option. */
export class ReplayRequestError extends Error {
  readonly field: string;
  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'ReplayRequestError';
    this.field = field;
  }
}

function checkRequest(request: ReplayRequest): void {
  if (request.asOf !== undefined && !isoInstant.safeParse(request.asOf).success) {
    throw new ReplayRequestError('asOf', `must be an ISO 8601 instant with an offset from 1900 to 9999, e.g. 2026-03-01T00:00:00Z; got ${JSON.stringify(request.asOf)}`);
  }
  if (request.asOf !== undefined && request.compareWith) {
    throw new ReplayRequestError('compare', 'an as-of replay cannot be compared with the live read models, which stand at the head of the ledger');
  }
}

/** Every collection once, with the projection that writes it. */
function collectionsOf(projections: readonly Projection[]): CollectionRef[] {
  const seen = new Map<string, CollectionRef>();
  for (const projection of projections) {
    for (const collection of projection.collections) if (!seen.has(collection)) seen.set(collection, { projection: projection.name, collection });
  }
  return [...seen.values()];
}

async function limitsOf(request: ReplayRequest): Promise<Map<string, number>> {
  const positions = request.compareWith?.positions;
  if (!positions) {
    const head = await request.store.headPosition();
    return new Map(request.projections.map((projection) => [projection.name, head]));
  }
  return new Map(await Promise.all(request.projections.map(async (projection) => [projection.name, await positions.load(projection.name)] as const)));
}

/**
 * SPEC 7 "Replay": rebuilds every read model from the first event into `target`, and with
 * `compareWith` reports every document where the rebuild and the live model differ. As of an
 * instant, it rebuilds from the events recorded up to then (recording times never decrease along
 * the global order, so that is a prefix of the ledger).
 */
export async function replayReadModels(request: ReplayRequest): Promise<ReplayReport> {
  checkRequest(request);
  const started = performance.now();
  const head = await request.store.headPosition();
  const replayer = await Replayer.start({
    store: request.store,
    projections: request.projections,
    target: request.target,
    ...(request.asOf ? { recordedUpTo: new Date(request.asOf).toISOString() } : {}),
    ...(request.batchSize ? { batchSize: request.batchSize } : {}),
  });
  let limits = request.asOf ? new Map(request.projections.map((projection) => [projection.name, head])) : await limitsOf(request);
  await replayer.advanceTo((projection) => limits.get(projection.name)!, request.onProgress);
  const replayedIn = performance.now() - started;

  let comparison: ReplayComparison | undefined;
  if (request.compareWith) {
    const ignore = new Set(request.ignoreFields ?? []);
    const live = request.compareWith.readStore;
    const compared = await compareReadModels(live, request.target, collectionsOf(request.projections), { ignore });
    let differences = compared.differences;
    for (let attempt = 0; attempt < (request.settleAttempts ?? 5) && differences.length > 0; attempt++) {
      const moved = await limitsOf(request);
      if ([...moved].every(([name, position]) => position <= limits.get(name)!)) break;
      limits = moved;
      await replayer.advanceTo((projection) => limits.get(projection.name)!);
      differences = await recompare(live, request.target, differences, { ignore });
    }
    comparison = { equal: differences.length === 0, documents: compared.documents, ignoredFields: [...ignore], differences };
  }

  const applied = replayer.applied();
  const readModels: ReplayedReadModel[] = [];
  for (const projection of request.projections) {
    const documents: Record<string, number> = {};
    for (const collection of projection.collections) documents[collection] = await request.target.collection(collection).count();
    readModels.push({ projection: projection.name, upTo: applied.get(projection.name)!.through, applied: applied.get(projection.name)!.applied, documents });
  }
  return {
    ...(request.asOf ? { asOf: request.asOf } : {}),
    head,
    events: replayer.events,
    lastPosition: replayer.lastPosition,
    durationMs: Math.round(performance.now() - started),
    eventsPerSecond: replayedIn > 0 ? Math.round((replayer.events / replayedIn) * 1000) : 0,
    readModels,
    deadLetters: replayer.deadLetters,
    ...(comparison ? { comparison } : {}),
  };
}
