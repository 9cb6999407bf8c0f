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
}

/**
 * Every append takes this transaction-scoped advisory lock before it allocates positions, and holds
 * it until it commits. Positions are therefore allocated and made visible in the same order: a
 * transaction that took position p commits (and becomes visible) before any transaction can take a
 * position above p. A reader of `position > after` can never later find a smaller position appear.
 * The price is that appends are serialised ledger-wide; the append benchmark measures it.
 */
export const appendLockKey = 0x1ed9e5;

/** Taken while the event store's tables are created or changed, so that processes starting together migrate one by one. */
export const migrationLockKey = 0x1ed9e6;
