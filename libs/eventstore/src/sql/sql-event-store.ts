import type { NewEvent, RecordedEvent } from '@ledger/events';
import type { SqlClient } from '@ledger/sql';
import { type PendingAppend, planBatch } from '../append-plan.ts';
import { type GroupCommit, type Settled, groupCommit } from '@ledger/batching';
import { appendSignal, pollingSubscription } from '../polling-subscription.ts';
import type { AppendListener, AppendResult, EventStore, ExpectedVersion, ReadAllOptions, ReadStreamOptions, SubscribeOptions } from '../port.ts';
import { appendCleanBatch, insertPlanned, readBatchFacts, settle } from './batch-statements.ts';
import { RecentEvents } from './recent-events.ts';
import { appendLockKey, migrateEventStore, migrationLockKey } from './schema.ts';

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
  /** The most appends one group commit writes (default 1000). */
  maxBatchAppends?: number;
  /** The most events one group commit writes (default 5000; one larger append still goes, alone). */
  maxBatchEvents?: number;
  /**
   * True only when no other process or store object appends to this database (embedded PGlite): the store then tells
   * watchers of its appends (EventStore.watchAppends), and caches of stream state answer without a query; and it keeps
   * the events it committed last, so that a reader of the global order following it reads them without a query.
   */
  soleWriter?: boolean;
  /** With `soleWriter`: how many of the last committed events are kept for readers of the global order (default 5000). */
  recentEvents?: number;
}

/** The event store on PostgreSQL: the same SQL runs on a server (`pg`) and on embedded PGlite. */
export class SqlEventStore implements EventStore {
  private readonly sql: SqlClient;
  private readonly options: SqlEventStoreOptions;
  private readonly appended = appendSignal();
  /** The one writer of this store: concurrent appends wait for it and are written together. */
  private readonly writer: GroupCommit<PendingAppend, AppendResult>;
  private readonly appendListeners = new Set<AppendListener>();
  /** Only as the sole writer: the last committed events, for `readAll` (RecentEvents). */
  private readonly recent: RecentEvents | undefined;
  readonly watchAppends?: (listener: AppendListener) => () => void;

  private constructor(sql: SqlClient, options: SqlEventStoreOptions) {
    this.sql = sql;
    this.options = options;
    this.writer = groupCommit((appends) => this.writeBatch(appends), {
      maxRequests: options.maxBatchAppends ?? 1_000,
      maxUnits: options.maxBatchEvents ?? 5_000,
      sizeOf: (append: PendingAppend) => append.events.length,
      // The sole writer is embedded PGlite, which answers on microtasks: gather a whole event-loop turn, or every HTTP
      // request would commit alone (GroupCommitOptions.gather). A server's replies come in later turns anyway.
      gather: options.soleWriter ? 'turn' : 'tick',
      retryAlone: true,
    });
    this.recent = options.soleWriter ? new RecentEvents(options.recentEvents ?? 5_000) : undefined;
    if (options.soleWriter) {
      this.watchAppends = (listener) => {
        this.appendListeners.add(listener);
        return () => this.appendListeners.delete(listener);
      };
    }
  }

  static async open(sql: SqlClient, options: SqlEventStoreOptions = {}): Promise<SqlEventStore> {
    // Processes of the distributed mode start together: one migrates while the others wait, instead of racing on
    // `create table if not exists` (which fails in the loser on PostgreSQL's catalog).
    await sql.transaction((tx) => migrateEventStore(tx), { advisoryLock: migrationLockKey });
    return new SqlEventStore(sql, options);
  }

  append(streamId: string, events: readonly NewEvent[], expected: ExpectedVersion): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return this.writer.submit({ streamId, events, expected });
  }

  /**
   * One group commit: every append waiting, in one transaction under the ledger-wide append lock. If the batch fails
   * as a whole (a value the database refuses, a lost connection), the group commit writes each append again on its
   * own (`retryAlone`), so that one bad append fails only its own caller; ids already stored by a batch that did
   * commit answer as the first time.
   */
  private async writeBatch(appends: readonly PendingAppend[]): Promise<Array<Settled<AppendResult>>> {
    try {
      return await this.writeInOneTransaction(appends);
    } finally {
      // Before any caller is answered, and whatever the outcome (a failed commit may still have committed): every
      // stream the batch may have written to, so that a cache of its state is dropped before anyone reads it again.
      if (this.appendListeners.size > 0) {
        const streamIds = [...new Set(appends.map((append) => append.streamId))];
        for (const listener of this.appendListeners) listener(streamIds);
      }
    }
  }

  /**
   * One transaction for the batch. Most batches are clean (every expected version holds, no id stored yet) and go in
   * one statement; the others are decided append by append on the facts read under the lock (planBatch).
   */
  private async writeInOneTransaction(appends: readonly PendingAppend[]): Promise<Array<Settled<AppendResult>>> {
    let outcomes: Array<Settled<AppendResult>>;
    try {
      const clean = await appendCleanBatch(this.sql, appends, appendLockKey);
      // Held before readers are woken: the events of a clean batch are known exactly; those of another are read back.
      if (clean) this.recent?.committed(appends, clean.map((outcome) => (outcome.ok ? outcome.value : undefined)));
      outcomes =
        clean ??
        (await this.sql.transaction(async (tx) => {
          const plans = planBatch(appends, await readBatchFacts(tx, appends));
          const positions = await insertPlanned(tx, appends, plans);
          return settle(appends, plans, positions);
        }, { advisoryLock: appendLockKey }));
      if (!clean) this.recent?.forget();
    } catch (error) {
      // It may have committed all the same.
      this.recent?.forget();
      throw error;
    }
    if (outcomes.some((outcome) => outcome.ok && !outcome.value.alreadyStored)) this.appended.notify();
    return outcomes;
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

  async streamVersion(streamId: string): Promise<number> {
    const result = await this.sql.query<{ version: number | null }>('select max(stream_version) as version from ledger_events where stream_id = $1', [streamId]);
    return result.rows[0]?.version ?? -1;
  }

  async readAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const recent = options.recordedUpTo === undefined ? this.recent?.read(options.after, options.limit) : undefined;
    const events = recent ?? (await this.queryAll(options));
    // A reader at the end may be polling in a loop, which on PGlite (answered on microtasks) never lets the writer's
    // turn come: appends waiting for it are written now, so that such a reader cannot starve them. A writer that
    // gathers a tick (on a server) has no turn to end.
    if (events.length === 0 && this.options.soleWriter) this.writer.writeNow();
    return events;
  }

  private async queryAll(options: ReadAllOptions): Promise<RecordedEvent[]> {
    const result = await this.sql.query<EventRow>(
      `select ${columns} from ledger_events
       where position > $1 and ($3::timestamptz is null or recorded_at <= $3::timestamptz)
       order by position limit $2`,
      [options.after, options.limit, options.recordedUpTo ?? null],
    );
    return result.rows.map(toRecorded);
  }

  async streamChanges(after: number, streamPrefixes: readonly string[]): Promise<{ head: number; streamIds: string[] }> {
    // One statement, one snapshot: the changes told are exactly those up to the head told.
    const result = await this.sql.query<{ head: number | string; stream_ids: string[] }>(
      `select h.head, array(
         select distinct e.stream_id from ledger_events e
         where e.position > $1 and e.position <= h.head
           and exists (select 1 from unnest($2::text[]) as p(prefix) where starts_with(e.stream_id, p.prefix))
       ) as stream_ids
       from (select coalesce(max(position), 0) as head from ledger_events) h`,
      [after, [...streamPrefixes]],
    );
    const row = result.rows[0];
    return { head: Number(row?.head ?? 0), streamIds: row?.stream_ids ?? [] };
  }

  async headPosition(): Promise<number> {
    const result = await this.sql.query<{ position: number | null }>('select max(position) as position from ledger_events');
    return Number(result.rows[0]?.position ?? 0);
  }

  subscribe(options: SubscribeOptions, handler: (event: RecordedEvent) => Promise<void>) {
    return pollingSubscription(this, this.appended, { idlePollMs: this.options.idlePollMs, ...options }, handler);
  }

  async close(): Promise<void> {
    // Appends already submitted are answered; the SQL client belongs to whoever opened it, subscriptions to theirs.
    await this.writer.drained();
  }
}
