import type { Settled } from '@ledger/batching';
import type { SqlQueryable } from '@ledger/sql';
import { type AppendPlan, type BatchFacts, type PendingAppend, type StoredEventFact, eventIdKey } from '../append-plan.ts';
import type { AppendResult } from '../port.ts';

/**
 * The fast path of a group commit: one statement (`ledger_append_clean_batch`) that writes the whole batch when every
 * append of it holds, and nothing otherwise. Answers each caller's result, or undefined when the batch must be
 * decided append by append. A batch that names one event id twice never goes this way (one of them must be refused).
 */
export async function appendCleanBatch(sql: SqlQueryable, appends: readonly PendingAppend[], lockKey: number): Promise<Array<Settled<AppendResult>> | undefined> {
  const keys = appends.flatMap((append) => append.events.map((event) => eventIdKey(event.eventId)));
  if (new Set(keys).size !== keys.length) return undefined;
  const eventsSoFar = new Map<string, number>();
  const rows = appends.flatMap((append) => {
    const offset = eventsSoFar.get(append.streamId) ?? 0;
    eventsSoFar.set(append.streamId, offset + append.events.length);
    const expected = append.expected === 'any' ? null : append.expected === 'no-stream' ? -1 : append.expected;
    return append.events.map((event, index) => ({
      event_id: event.eventId,
      stream_id: append.streamId,
      stream_offset: offset + index,
      expected: index === 0 ? expected : null,
      first_of_append: index === 0,
      type: event.type,
      schema_version: event.schemaVersion,
      data: event.data,
      metadata: event.metadata ?? {},
      occurred_at: event.occurredAt ?? null,
    }));
  });
  const { rows: inserted } = await sql.query<{ inserted_event_id: string; inserted_position: number; inserted_version: number; inserted_recorded_at: Date }>(
    'select inserted_event_id, inserted_position, inserted_version, inserted_recorded_at from ledger_append_clean_batch($1::jsonb, $2)',
    [JSON.stringify(rows), lockKey],
  );
  if (inserted.length === 0) return undefined;
  const stored = new Map(inserted.map((row) => [eventIdKey(row.inserted_event_id), row]));
  return appends.map((append) => {
    const written = append.events.map((event) => stored.get(eventIdKey(event.eventId))!);
    const value = {
      streamId: append.streamId,
      nextExpectedVersion: written.at(-1)!.inserted_version,
      positions: written.map((row) => Number(row.inserted_position)),
      alreadyStored: false,
      recordedAt: written[0]!.inserted_recorded_at.toISOString(),
    };
    return { ok: true, value };
  });
}

interface FactRow {
  stream_id: string;
  event_id: string | null;
  stream_version: number;
  position: number | null;
}

/**
 * The facts a batch is decided on, in one statement whatever the batch's size: the current version of every stream
 * it names (one index probe each) and every one of its event ids that is already stored.
 */
export async function readBatchFacts(tx: SqlQueryable, appends: readonly PendingAppend[]): Promise<BatchFacts> {
  const streamIds = [...new Set(appends.map((append) => append.streamId))];
  const eventIds = appends.flatMap((append) => append.events.map((event) => event.eventId));
  const { rows } = await tx.query<FactRow>(
    `select s.stream_id, null::uuid as event_id, null::bigint as position,
            coalesce((select max(e.stream_version) from ledger_events e where e.stream_id = s.stream_id), -1) as stream_version
       from unnest($1::text[]) as s(stream_id)
     union all
     select stream_id, event_id, position, stream_version from ledger_events where event_id = any($2::uuid[])`,
    [streamIds, eventIds],
  );
  const versions = new Map<string, number>();
  const stored = new Map<string, StoredEventFact>();
  for (const row of rows) {
    if (row.event_id === null) versions.set(row.stream_id, row.stream_version);
    else stored.set(eventIdKey(row.event_id), { eventId: row.event_id, streamId: row.stream_id, streamVersion: row.stream_version, position: Number(row.position) });
  }
  return { versions, stored };
}

/**
 * Writes every event the plans accept in one statement, in batch order, and answers the position of each by `eventIdKey`.
 * All of them get one `recorded_at`: the clock, but never below the last recorded event's, so that "recorded up to T"
 * stays a prefix of the global order even when the clock steps back. The append lock makes that last event final.
 */
export async function insertPlanned(tx: SqlQueryable, appends: readonly PendingAppend[], plans: readonly AppendPlan[]): Promise<Map<string, number>> {
  const rows = appends.flatMap((append, index) => {
    const plan = plans[index]!;
    if (plan.kind !== 'insert') return [];
    return append.events.map((event, offset) => ({
      event_id: event.eventId,
      stream_id: append.streamId,
      stream_version: plan.firstVersion + offset,
      type: event.type,
      schema_version: event.schemaVersion,
      data: event.data,
      metadata: event.metadata ?? {},
      occurred_at: event.occurredAt ?? null,
    }));
  });
  const positions = new Map<string, number>();
  if (rows.length === 0) return positions;
  const inserted = await tx.query<{ event_id: string; position: number }>(
    `insert into ledger_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
     select e.event_id, e.stream_id, e.stream_version, e.type, e.schema_version, e.data, e.metadata,
            coalesce(e.occurred_at, clock.now_ms), clock.now_ms
       from rows from (jsonb_to_recordset($1::jsonb) as (event_id uuid, stream_id text, stream_version integer, type text,
                       schema_version integer, data jsonb, metadata jsonb, occurred_at timestamptz)) with ordinality
            as e(event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, n)
      cross join (select greatest(date_trunc('milliseconds', clock_timestamp()),
                                  (select recorded_at from ledger_events order by position desc limit 1)) as now_ms) clock
      order by e.n
     returning event_id, position`,
    [JSON.stringify(rows)],
  );
  for (const row of inserted.rows) positions.set(eventIdKey(row.event_id), Number(row.position));
  return positions;
}

/** Each caller's answer, once the batch's inserts have their positions (by `eventIdKey`). */
export function settle(appends: readonly PendingAppend[], plans: readonly AppendPlan[], positions: ReadonlyMap<string, number>): Array<Settled<AppendResult>> {
  const inserted = (index: number): AppendResult => {
    const append = appends[index]!;
    const plan = plans[index] as Extract<AppendPlan, { kind: 'insert' }>;
    return {
      streamId: append.streamId,
      nextExpectedVersion: plan.firstVersion + append.events.length - 1,
      positions: append.events.map((event) => positions.get(eventIdKey(event.eventId))!),
      alreadyStored: false,
    };
  };
  return plans.map((plan, index): Settled<AppendResult> => {
    switch (plan.kind) {
      case 'insert':
        return { ok: true, value: inserted(index) };
      case 'stored':
        return { ok: true, value: plan.result };
      case 'same-as':
        return { ok: true, value: { ...inserted(plan.appendIndex), alreadyStored: true } };
      case 'refused':
        return { ok: false, error: plan.error };
    }
  });
}
