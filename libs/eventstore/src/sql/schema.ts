import type { SqlQueryable } from '@ledger/sql';

/**
 * The ledger table. Rows are only ever inserted: nothing in this repository updates or deletes them.
 * `position` is the global order; `recorded_at` never decreases along it, so "recorded up to T" is a
 * prefix of the global order (as-of reads and replays rely on that).
 */
export async function migrateEventStore(sql: SqlQueryable): Promise<void> {
  await sql.query(`
    create table if not exists ledger_events (
      position        bigserial primary key,
      event_id        uuid not null,
      stream_id       text not null,
      stream_version  integer not null,
      type            text not null,
      schema_version  integer not null,
      data            jsonb not null,
      metadata        jsonb not null,
      occurred_at     timestamptz not null,
      recorded_at     timestamptz not null,
      constraint ledger_events_event_id_unique unique (event_id),
      constraint ledger_events_stream_version_unique unique (stream_id, stream_version)
    )`);
  // Its answer gained the recorded time: a function's result type cannot be replaced in place, so the older one goes.
  await sql.query(`
    do $$ begin
      if exists (select 1 from pg_proc where proname = 'ledger_append_clean_batch' and not ('inserted_recorded_at' = any (proargnames))) then
        drop function ledger_append_clean_batch(jsonb, integer);
      end if;
    end $$`);
  await sql.query(appendCleanBatchFunction);
}

/**
 * The common case of a group commit in one statement, so in one round trip and its own transaction: take the append
 * lock, and insert the whole batch if and only if it is clean, that is if every append's expected version holds
 * (against its stream as the earlier appends of the batch leave it) and none of its event ids is stored yet. A
 * batch that is not clean inserts nothing and answers no row; the caller then decides it append by append (planBatch).
 * Each statement of a volatile function reads a fresh snapshot, so the checks see every batch committed before the
 * lock was granted. The ids are looked up as an array (`= any`), so that the check is an index probe per id, never a
 * scan of the ledger. Rows of `batch`: one per event, in order, with `stream_offset` (its place among the batch's events
 * of that stream) and, on an append's first event, `expected` (null: any; -1: no stream; n: the stream's version).
 * `enable_seqscan = off`: a session keeps the function's plans once made (a generic plan from the sixth call on), and a
 * store that starts on a new ledger makes them while the table is a page or two, where a sequential read looked
 * cheapest for the stored-id check; that plan was kept while the ledger grew, and every batch read the whole table
 * (append-plan-cache.int.test.ts). Every lookup here has its index, so no sequential read is ever the right plan.
 */
const appendCleanBatchFunction = `
  create or replace function ledger_append_clean_batch(batch jsonb, lock_key integer)
  returns table (inserted_event_id uuid, inserted_position bigint, inserted_version integer, inserted_recorded_at timestamptz)
  language plpgsql volatile set enable_seqscan = off as $body$
  begin
    perform pg_advisory_xact_lock(lock_key);
    return query
    with input as (
      select * from jsonb_to_recordset(batch) as r(n integer, event_id uuid, stream_id text, stream_offset integer, expected integer,
        first_of_append boolean, type text, schema_version integer, data jsonb, metadata jsonb, occurred_at timestamptz)
    ), current_version as (
      select s.stream_id, coalesce((select max(e.stream_version) from ledger_events e where e.stream_id = s.stream_id), -1) as version
        from (select distinct i.stream_id from input i) s
    ), clock as (
      select greatest(date_trunc('milliseconds', clock_timestamp()),
                      (select e.recorded_at from ledger_events e order by e.position desc limit 1)) as now_ms
    ), inserted as (
      insert into ledger_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
      select i.event_id, i.stream_id, c.version + i.stream_offset + 1, i.type, i.schema_version, i.data, i.metadata,
             coalesce(i.occurred_at, clock.now_ms), clock.now_ms
        from input i join current_version c on c.stream_id = i.stream_id cross join clock
       where not exists (select 1 from input f join current_version fc on fc.stream_id = f.stream_id
                          where f.first_of_append and f.expected is not null and fc.version + f.stream_offset <> f.expected)
         and not exists (select 1 from ledger_events e where e.event_id = any (array(select d.event_id from input d)))
       order by i.n
      returning ledger_events.event_id, ledger_events.position, ledger_events.stream_version, ledger_events.recorded_at
    )
    select * from inserted;
  end
  $body$`;

/**
 * The global order. Every batch of appends takes this transaction-scoped advisory lock before it allocates
 * positions, and holds it until it commits. Positions are therefore allocated and made visible in the same order: a
 * transaction that took position p commits (and becomes visible) before any transaction can take a position above p,
 * so a reader of `position > after` can never later find a smaller position appear. Within a process the store's one
 * writer groups every waiting append into one batch (group commit), so the lock is taken once per batch, not per event.
 *
 * Why this rule and not the transaction-id/snapshot visibility rule (store `pg_current_xact_id()` per row, read only
 * below `pg_snapshot_xmin(pg_current_snapshot())`), measured with scripts/bench/append-ordering.ts (docs/performance.md):
 * - in one process (embedded, or the embedded host on PostgreSQL) both give the same rate: one writer, one commit a batch;
 * - across processes the lock is held across the commit's WAL flush, so batches of different processes queue: the
 *   snapshot rule measured 1.2 to 3.5 times the rate with 4 to 16 processes of 1 to 4 writers each;
 * - but under the snapshot rule every reader (relay, Merkle log, projections, the feed) sees nothing newer than the
 *   oldest write transaction still open anywhere on the server, any database: one idle-in-transaction session stalls the
 *   ledger's followers. Positions must still be taken under a (shorter) lock, or else ordered by transaction id instead of
 *   position (as Emmett and Beckett read), and `recordedAt` needs a clock outside transactions to stay monotonic.
 * The ledger favours followers that never stall over a higher multi-process append rate, which the lock still gives by
 * batches: a process appends all its waiting commands in one turn.
 */
export const appendLockKey = 0x1ed9e5;

/** Taken while the event store's tables are created or changed, so that processes starting together migrate one by one. */
export const migrationLockKey = 0x1ed9e6;
