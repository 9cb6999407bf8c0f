import {
  type AllStreamResolvedEvent,
  BACKWARDS,
  END,
  type EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  ANY,
  type ResolvedEvent,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError as EsdbWrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import type { EventMetadata, NewEvent, RecordedEvent } from '@ledger/events';
import { appendSignal, pollingSubscription } from '../polling-subscription.ts';
import {
  type AppendResult,
  type EventStore,
  type ExpectedVersion,
  PartialDuplicateAppendError,
  type ReadAllOptions,
  type ReadStreamOptions,
  type SubscribeOptions,
  WrongExpectedVersionError,
} from '../port.ts';

/** What the ledger keeps in EventStoreDB's event metadata: ours, plus the fields the port has and ESDB does not. */
interface StoredMetadata extends EventMetadata {
  schemaVersion: number;
  occurredAt: string;
}

type EsdbRecorded = NonNullable<AllStreamResolvedEvent['event']>;

/** System streams and events ($-prefixed) are EventStoreDB's own, never the ledger's. */
const isLedgerEvent = (event: { streamId: string; type: string }) => !event.streamId.startsWith('$') && !event.type.startsWith('$');

function toRecorded(event: EsdbRecorded, commitPosition: bigint | undefined): RecordedEvent {
  const { schemaVersion, occurredAt, ...metadata } = (event.metadata ?? {}) as unknown as StoredMetadata;
  const recordedAt = event.created.toISOString();
  return {
    // ESDB's commit position is a byte offset in its log: strictly increasing with gaps, as the port allows.
    position: Number(commitPosition ?? event.position?.commit ?? 0n),
    eventId: event.id,
    streamId: event.streamId,
    streamVersion: Number(event.revision),
    type: event.type,
    schemaVersion: schemaVersion ?? 1,
    data: event.data,
    metadata,
    occurredAt: occurredAt ?? recordedAt,
    recordedAt,
  };
}

/**
 * The event store on EventStoreDB / KurrentDB (distributed mode). Streams, expected revisions and the $all order
 * are the database's own; the ledger's fields that ESDB lacks travel in the event metadata.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly appended = appendSignal();
  private readonly idlePollMs: number;

  constructor(client: EventStoreDBClient, options: { idlePollMs?: number } = {}) {
    this.client = client;
    this.idlePollMs = options.idlePollMs ?? 250;
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const existing = await this.readStream(streamId);
    const ids = new Set(events.map((event) => event.eventId));
    const stored = existing.filter((event) => ids.has(event.eventId));
    if (stored.length === events.length) {
      return { streamId, nextExpectedVersion: stored.at(-1)!.streamVersion, positions: stored.map((event) => event.position), alreadyStored: true };
    }
    if (stored.length > 0) throw new PartialDuplicateAppendError(streamId, stored.map((event) => event.eventId));
    const expectedRevision = expected === 'any' ? ANY : expected === 'no-stream' ? NO_STREAM : BigInt(expected);
    try {
      await this.client.appendToStream(
        streamId,
        events.map((event) =>
          jsonEvent({
            id: event.eventId,
            type: event.type,
            data: event.data as Record<string, unknown>,
            metadata: { ...event.metadata, schemaVersion: event.schemaVersion, ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}) },
          }),
        ),
        { expectedRevision },
      );
    } catch (error) {
      if (error instanceof EsdbWrongExpectedVersionError) {
        const actual = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : -1;
        throw new WrongExpectedVersionError(streamId, expected, actual);
      }
      throw error;
    }
    this.appended.notify();
    const written = (await this.readStream(streamId)).filter((event) => ids.has(event.eventId));
    return { streamId, nextExpectedVersion: written.at(-1)!.streamVersion, positions: written.map((event) => event.position), alreadyStored: false };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: FORWARDS, fromRevision: START }) as AsyncIterable<ResolvedEvent>) {
        if (!resolved.event) continue;
        const event = toRecorded(resolved.event as EsdbRecorded, resolved.commitPosition);
        if (options.recordedUpTo && event.recordedAt > new Date(options.recordedUpTo).toISOString()) break;
        events.push(event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return events;
  }

  async streamVersion(streamId: string): Promise<number> {
    try {
      for await (const resolved of this.client.readStream(streamId, { direction: BACKWARDS, fromRevision: END, maxCount: 1 }) as AsyncIterable<ResolvedEvent>) {
        if (resolved.event) return Number(resolved.event.revision);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return -1;
      throw error;
    }
    return -1;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const from = options.after > 0 ? { commit: BigInt(options.after), prepare: BigInt(options.after) } : START;
    const events: RecordedEvent[] = [];
    const upTo = options.recordedUpTo ? new Date(options.recordedUpTo).toISOString() : undefined;
    for await (const resolved of this.client.readAll({ direction: FORWARDS, fromPosition: from, maxCount: options.limit + 1 + 100 }) as AsyncIterable<AllStreamResolvedEvent>) {
      if (!resolved.event || !isLedgerEvent(resolved.event)) continue;
      const event = toRecorded(resolved.event, resolved.commitPosition);
      if (event.position <= options.after) continue;
      if (upTo && event.recordedAt > upTo) break;
      events.push(event);
      if (events.length === options.limit) break;
    }
    return events;
  }

  async headPosition(): Promise<number> {
    for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1_000 }) as AsyncIterable<AllStreamResolvedEvent>) {
      if (resolved.event && isLedgerEvent(resolved.event)) return Number(resolved.commitPosition ?? resolved.event.position.commit);
    }
    return 0;
  }

  subscribe(options: SubscribeOptions, handler: (event: RecordedEvent) => Promise<void>) {
    return pollingSubscription(this, this.appended, { idlePollMs: this.idlePollMs, ...options }, handler);
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}
