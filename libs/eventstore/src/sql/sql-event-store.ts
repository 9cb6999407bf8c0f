import type { NewEvent, RecordedEvent } from '@ledger/events';
import type { SqlClient, SqlQueryable } from '@ledger/sql';
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
  expectedVersionHolds,
} from '../port.ts';
import { appendLockKey, migrateEventStore } from './schema.ts';

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  stream_version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: Record<string, string>;
  occurred_at: Date;
  recorded_at: Date;
}

const columns =
  'position, event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at';

function toRecorded(row: EventRow): RecordedEvent {
  return {
    position: Number(row.position),
    eventId: row.event_id,
    streamId: row.stream_id,
    streamVersion: row.stream_version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    occurredAt: row.occurred_at.toISOString(),
    recordedAt: row.recorded_at.toISOString(),
  };
}

export interface SqlEventStoreOptions {
  /** How often a subscription looks for appends made by other processes. */
  idlePollMs?: number;
}

/** The event store on PostgreSQL: the same SQL runs on a server (`pg`) and on embedded PGlite. */
export class SqlEventStore implements EventStore {
  private readonly sql: SqlClient;
  private readonly options: SqlEventStoreOptions;
  private readonly appended = appendSignal();

  private constructor(sql: SqlClient, options: SqlEventStoreOptions) {
    this.sql = sql;
    this.options = options;
  }

  static async open(sql: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    await migrateEventStore(sql);
    return new SqlEventStore(sql, options);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) throw new Error('append needs at least one event');
    const result = await this.sql.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [appendLockKey]);
      const stored = await this.alreadyStored(tx, streamId, events);
      if (stored) return stored;

      const current = await tx.query<{ version: number }>(
        'select coalesce(max(stream_version), -1)::int as version from ledger_events where stream_id = $1',
        [streamId],
      );
      const actual = current.rows[0]!.version;
      if (!expectedVersionHolds(expected, actual)) throw new WrongExpectedVersionError(streamId, expected, actual);

      const positions: number[] = [];
      let version = actual;
      for (const event of events) {
        version += 1;
        // recorded_at never goes below the previous event's, even if the clock steps back.
        const inserted = await tx.query<{ position: number }>(
          `insert into ledger_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
           select $1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, coalesce($8::timestamptz, now_ms), now_ms
           from (select greatest(date_trunc('milliseconds', clock_timestamp()),
                                 (select recorded_at from ledger_events order by position desc limit 1)) as now_ms) clock
           returning position`,
          [
            event.eventId,
            streamId,
            version,
            event.type,
            event.schemaVersion,
            JSON.stringify(event.data),
            JSON.stringify(event.metadata ?? {}),
            event.occurredAt ?? null,
          ],
        );
        positions.push(Number(inserted.rows[0]!.position));
      }
      return { streamId, nextExpectedVersion: version, positions, alreadyStored: false };
    });
    if (!result.alreadyStored) this.appended.notify();
    return result;
  }

  /** Idempotency: a batch whose event ids are all stored answers as it did the first time. */
  private async alreadyStored(tx: SqlQueryable, streamId: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const ids = events.map((event) => event.eventId);
    const found = await tx.query<{ event_id: string; stream_id: string; stream_version: number; position: number }>(
      'select event_id, stream_id, stream_version, position from ledger_events where event_id = any($1::uuid[]) order by position',
      [ids],
    );
    if (found.rows.length === 0) return undefined;
    const sameBatch = found.rows.length === ids.length && found.rows.every((row) => row.stream_id === streamId);
    if (!sameBatch) throw new PartialDuplicateAppendError(streamId, found.rows.map((row) => row.event_id));
    return {
      streamId,
      nextExpectedVersion: found.rows.at(-1)!.stream_version,
      positions: found.rows.map((row) => Number(row.position)),
      alreadyStored: true,
    };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const result = await this.sql.query<EventRow>(
      `select ${columns} from ledger_events
       where stream_id = $1 and ($2::timestamptz is null or recorded_at <= $2::timestamptz)
       order by stream_version`,
      [streamId, options.recordedUpTo ?? null],
    );
    return result.rows.map(toRecorded);
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const result = await this.sql.query<EventRow>(
      `select ${columns} from ledger_events
       where position > $1 and ($3::timestamptz is null or recorded_at <= $3::timestamptz)
       order by position limit $2`,
      [options.after, options.limit, options.recordedUpTo ?? null],
    );
    return result.rows.map(toRecorded);
  }

  async headPosition(): Promise<number> {
    const result = await this.sql.query<{ position: number | null }>('select max(position) as position from ledger_events');
    return Number(result.rows[0]?.position ?? 0);
  }

  subscribe(options: SubscribeOptions, handler: (event: RecordedEvent) => Promise<void>) {
    return pollingSubscription(this, this.appended, { idlePollMs: this.options.idlePollMs, ...options }, handler);
  }

  async close(): Promise<void> {
    // The SQL client belongs to whoever opened it; subscriptions are stopped by their owners.
  }
}
