// A ledger to replay and verify in benchmarks: complaint lifecycles decided by the real complaint decider, with a
// department of another service now and then (events the complaint read models skip).
import { randomUUID } from 'node:crypto';
import { calendarIn } from '@ledger/calendar';
import { complaintDecider } from '@ledger/complaints';
import { type NewEvent, latestVersionOf, legacyTrackingCodeDigest } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import type { SqlQueryable } from '@ledger/sql';
import type { ProgressBar } from '@ledger/audit';

/** The bench's complaints are dated in China Standard Time, the ledger's default zone. */
const shanghai = calendarIn('Asia/Shanghai');

/** One complaint's life as the real decider records it: filed, accepted, found, closed (4 events, one stream). */
export function complaintLife(index: number, departmentId: string, day: number): NewEvent[] {
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + minute * 60_000).toISOString();
  const now = at(60);
  const commands = [
    {
      type: 'FileComplaint',
      now,
      complaintId: `bench-${index}`,
      trackingCodeDigest: legacyTrackingCodeDigest(`BNCH-${String(index).padStart(9, '0')}`),
      channel: 'hotline-12345',
      departmentId,
      category: 'delay',
      summary: `Bench complaint ${index}: permit pending for months`,
      receivedAt: at(0),
      handlingDays: 15,
      calendar: shanghai,
    },
    { type: 'AcceptComplaint', now, at: at(1) },
    { type: 'RecordFinding', now, outcome: index % 3 === 0 ? 'valid' : 'invalid', departmentsAtFault: [departmentId], at: at(2) },
    { type: 'CloseComplaint', now, satisfaction: 1 + (index % 5), at: at(3) },
  ] as const;
  let state = complaintDecider.initialState;
  const events: NewEvent[] = [];
  for (const command of commands) {
    const decision = complaintDecider.decide(command as Parameters<typeof complaintDecider.decide>[0], state);
    if (!decision.ok) throw new Error(`the bench's complaint ${index} was refused: ${decision.error.message}`);
    for (const event of decision.events) {
      state = complaintDecider.evolve(state, event);
      events.push({ eventId: randomUUID(), type: event.type, schemaVersion: latestVersionOf(event.type), data: event.data, metadata: { actor: 'intake-clerk:bench' } });
    }
  }
  return events;
}

/** Appends `target` events, `writers` appends at a time (the store groups them into few commits). */
export async function loadComplaintLedger(store: Pick<EventStore, 'append'>, target: number, progress?: ProgressBar, writers = 32): Promise<number> {
  let loaded = 0;
  let index = 0;
  const next = (): { streamId: string; events: NewEvent[] } | undefined => {
    if (loaded >= target) return undefined;
    const current = index++;
    if (current % 51 === 0) {
      const departmentId = `dept-${current / 51}`;
      loaded += 1;
      const data = { departmentId, name: `Department ${current / 51}`, category: 'service-facing', at: '2026-01-01T00:00:00Z' };
      return { streamId: `department-${departmentId}`, events: [{ eventId: randomUUID(), type: 'DepartmentRegistered', schemaVersion: 1, data }] };
    }
    const life = complaintLife(current, `dept-${Math.floor(current / 51)}`, current % 300).slice(0, target - loaded);
    loaded += life.length;
    return { streamId: `complaint-bench-${current}`, events: life };
  };
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let append = next(); append; append = next()) {
        await store.append(append.streamId, append.events, 'no-stream');
        progress?.update(loaded, target);
      }
    }),
  );
  progress?.stop();
  return loaded;
}

/**
 * The same ledger written straight into the store's table, 5,000 events a statement: for ledgers of a million
 * events, which appends through the store would take many minutes to load on this machine. Only for a fresh
 * store that nothing else writes to (the benchmark's own); the events are the real decider's, the positions in order.
 */
export async function bulkLoadComplaintLedger(sql: SqlQueryable, target: number, progress?: ProgressBar): Promise<number> {
  let loaded = 0;
  let current = 0;
  while (loaded < target) {
    const rows: Array<{ e: string; s: string; v: number; t: string; n: number; d: unknown; m: unknown }> = [];
    while (rows.length < 5000 && loaded < target) {
      const index = current++;
      if (index % 50 === 0) {
        const departmentId = `dept-${index / 50}`;
        const data = { departmentId, name: `Department ${index / 50}`, category: 'service-facing', at: '2026-01-01T00:00:00Z' };
        rows.push({ e: randomUUID(), s: `department-${departmentId}`, v: 0, t: 'DepartmentRegistered', n: 1, d: data, m: {} });
        loaded += 1;
      }
      const life = complaintLife(index, `dept-${Math.floor(index / 50)}`, index % 300).slice(0, target - loaded);
      for (const [version, event] of life.entries()) {
        rows.push({ e: event.eventId, s: `complaint-bench-${index}`, v: version, t: event.type, n: event.schemaVersion, d: event.data, m: event.metadata ?? {} });
      }
      loaded += life.length;
    }
    await sql.query(
      `insert into ledger_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
       select x.e, x.s, x.v, x.t, x.n, x.d, x.m, now(), now()
       from rows from (jsonb_to_recordset($1::jsonb) as (e uuid, s text, v int, t text, n int, d jsonb, m jsonb)) with ordinality as x(e, s, v, t, n, d, m, o)
       order by x.o`,
      [JSON.stringify(rows)],
    );
    progress?.update(loaded, target);
  }
  progress?.stop();
  return loaded;
}

/** Above this many events a bench ledger is written straight into the store's table instead of appended. */
export const bulkLoadAbove = 100_000;

/** A bench ledger of `target` events: appended through the store, or bulk-loaded when it is large. */
export const loadBenchLedger = (sql: SqlQueryable, store: Pick<EventStore, 'append'>, target: number, progress?: ProgressBar): Promise<number> =>
  target > bulkLoadAbove ? bulkLoadComplaintLedger(sql, target, progress) : loadComplaintLedger(store, target, progress);
