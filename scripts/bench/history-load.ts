import { calendarIn, defaultLedgerTimeZone } from '@ledger/calendar';
// The ledger the history benchmark reads: people, their complaints and their ladders, each event decided by
// the real deciders (complaints, discipline), as the live services decide them. The rows go into the
// ledger's own table in bulk: EventStore.append commits one stream at a time (a few hundred events a second
// on a shared two-core machine), which would take hours for a million events and is not what is measured.
// Each row has what an append gives it: its stream version, a position in insertion order, and a
// `recorded_at` that never decreases along the positions (spaced `recordedStepMs` apart, ending in the past).
import { randomUUID } from 'node:crypto';
import { complaintDecider } from '@ledger/complaints';
import { type NewEvent, latestVersionOf, legacyTrackingCodeDigest, validateEvent } from '@ledger/events';
import type { SqlQueryable } from '@ledger/sql';
import { type FindingRecordedEvent, type LadderState, complaintFacts, decideCountFinding, evolveLadder, initialLadderState, personLadderStream } from '@ledger/discipline';

/** The bench's complaints are dated in China Standard Time, the ledger's default zone. */
const shanghai = calendarIn('Asia/Shanghai');

export interface LoadPlan {
  events: number;
  people: number;
  onProgress?: (loaded: number) => void;
}

export interface LoadedPerson {
  personId: string;
  /** Ledger time (ms) of the person's first and last events: an asOf in between sees part of the history. */
  firstRecordedMs: number;
  lastRecordedMs: number;
  complaintIds: string[];
}

const recordedStepMs = 2;
/** PGlite answers within the same turn of the event loop: without a pause now and then, the progress bar's timer never runs. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const rowsPerInsert = 2_000;

/** Rows for ledger_events, written a few thousand at a time in global order. */
class LedgerRows {
  private readonly rows: unknown[] = [];
  private readonly versions = new Map<string, number>();
  private nextRecordedMs: number;
  private readonly sql: SqlQueryable;
  constructor(sql: SqlQueryable, events: number) {
    this.sql = sql;
    // The last event is recorded a minute before the load starts: every instant asked about is in the past.
    this.nextRecordedMs = Date.now() - 60_000 - events * recordedStepMs;
  }

  /** Queues the events on the stream; answers the ledger time of the last one. */
  async add(streamId: string, events: readonly NewEvent[]): Promise<number> {
    let version = this.versions.get(streamId) ?? -1;
    for (const event of events) {
      version += 1;
      const recordedAt = new Date(this.nextRecordedMs).toISOString();
      this.nextRecordedMs += recordedStepMs;
      const at = (event.data as { at?: string; receivedAt?: string }).at ?? (event.data as { receivedAt?: string }).receivedAt ?? recordedAt;
      this.rows.push({ ord: this.rows.length, event_id: event.eventId, stream_id: streamId, stream_version: version, type: event.type, schema_version: event.schemaVersion, data: event.data, metadata: event.metadata ?? {}, occurred_at: at, recorded_at: recordedAt });
    }
    this.versions.set(streamId, version);
    if (this.rows.length >= rowsPerInsert) await this.flush();
    return this.nextRecordedMs - recordedStepMs;
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.sql.query(
      `insert into ledger_events (event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at)
       select event_id, stream_id, stream_version, type, schema_version, data, metadata, occurred_at, recorded_at
       from jsonb_to_recordset($1::jsonb) as row(ord int, event_id uuid, stream_id text, stream_version int, type text, schema_version int,
                                                  data jsonb, metadata jsonb, occurred_at timestamptz, recorded_at timestamptz)
       order by ord`,
      [JSON.stringify(this.rows)],
    );
    this.rows.length = 0;
  }
}

const departments = 200;
/** One person in a hundred has ten times the average history: the tail that p99 is about. */
const heavyEvery = 100;
const heavyFactor = 10;
const weight = (person: number) => (person % heavyEvery === 0 ? heavyFactor : 1);

const newEvent = (type: string, data: unknown, actor: string): NewEvent => {
  const schemaVersion = latestVersionOf(type);
  return { eventId: randomUUID(), type, schemaVersion, data: validateEvent(type, schemaVersion, data), metadata: { actor } };
};

/** A deterministic spread of receipt days over 2022-2025, so that the ladder meets several years and windows. */
const receiptOf = (person: number, complaint: number): number => Date.UTC(2022, 0, 1) + (((person * 7_919 + complaint * 104_729) % 1_400) + complaint * 3) * 86_400_000;

/** One complaint's life: filed against the person, accepted, found (valid two times in five), closed. */
function complaintLife(personId: string, complaintId: string, departmentId: string, receivedMs: number, valid: boolean): NewEvent[] {
  const at = (days: number) => new Date(receivedMs + days * 86_400_000).toISOString();
  const now = '2026-01-01T00:00:00.000Z';
  const commands = [
    { type: 'FileComplaint', now, complaintId, trackingCodeDigest: legacyTrackingCodeDigest(`HIST-${complaintId.slice(-9).toUpperCase().padStart(9, '0')}`), channel: 'hotline-12345', departmentId, personId, category: 'delay', summary: 'Permit pending for months', receivedAt: at(0), handlingDays: 15, calendar: shanghai },
    { type: 'AcceptComplaint', now, at: at(1) },
    { type: 'RecordFinding', now, outcome: valid ? 'valid' : 'invalid', personId, departmentsAtFault: valid ? [departmentId] : [], at: at(10) },
    { type: 'CloseComplaint', now, satisfaction: 3, at: at(12) },
  ] as const;
  let state = complaintDecider.initialState;
  const events: NewEvent[] = [];
  for (const command of commands) {
    const decision = complaintDecider.decide(command as Parameters<typeof complaintDecider.decide>[0], state);
    if (!decision.ok) throw new Error(`bench complaint ${complaintId} refused: ${decision.error.message}`);
    for (const event of decision.events) {
      state = complaintDecider.evolve(state, event);
      events.push(newEvent(event.type, event.data, 'investigator:bench'));
    }
  }
  return events;
}

const benchCalendar = calendarIn(defaultLedgerTimeZone);

/** What the discipline processor would append for the finding (FindingCounted, sanctions): the same decider, run in line. */
function ladderEvents(ladder: LadderState, finding: NewEvent, findingVersion: number): { events: NewEvent[]; ladder: LadderState } {
  const facts = complaintFacts({ type: 'FindingRecorded', data: finding.data } as FindingRecordedEvent, { eventId: finding.eventId, streamVersion: findingVersion });
  let state = ladder;
  const events: NewEvent[] = [];
  for (const person of facts.people) {
    const decision = decideCountFinding({ ...person, policies: [], calendar: benchCalendar }, state);
    if (!decision.ok) throw new Error(`bench ladder refused: ${decision.error.message}`);
    for (const event of decision.events) {
      state = evolveLadder(state, event);
      events.push(newEvent(event.type, event.data, 'service:discipline'));
    }
  }
  return { events, ladder: state };
}

/** Writes about `plan.events` events for `plan.people` people; answers each person with when their events were recorded. */
export async function loadHistories(sql: SqlQueryable, plan: LoadPlan): Promise<{ loaded: number; people: LoadedPerson[] }> {
  const totalWeight = Array.from({ length: plan.people }, (_, person) => weight(person)).reduce((sum, value) => sum + value, 0);
  const perWeight = plan.events / totalWeight;
  const rows = new LedgerRows(sql, plan.events);
  const people: LoadedPerson[] = [];
  let loaded = 0;
  for (let person = 0; person < plan.people; person++) {
    const personId = `person-${person}`;
    const departmentId = `dept-${person % departments}`;
    const budget = Math.max(1, Math.round(perWeight * weight(person)));
    const registered = newEvent('PersonRegistered', { personId, name: `Person ${person}`, departmentId, at: '2021-12-01T00:00:00.000Z' }, 'evaluation-office:bench');
    const firstRecordedMs = await rows.add(`person-${personId}`, [registered]);
    let lastRecordedMs = firstRecordedMs;
    let spent = 1;
    let ladder = initialLadderState;
    const complaintIds: string[] = [];
    for (let complaint = 0; spent < budget && loaded + spent < plan.events; complaint++) {
      const complaintId = `h${person}-${complaint}`;
      const life = complaintLife(personId, complaintId, departmentId, receiptOf(person, complaint), (person + complaint) % 5 < 2);
      lastRecordedMs = await rows.add(`complaint-${complaintId}`, life);
      const counted = ladderEvents(ladder, life[2]!, 2);
      ladder = counted.ladder;
      if (counted.events.length > 0) lastRecordedMs = await rows.add(personLadderStream(personId), counted.events);
      spent += life.length + counted.events.length;
      complaintIds.push(complaintId);
    }
    loaded += spent;
    people.push({ personId, firstRecordedMs, lastRecordedMs, complaintIds });
    if (person % 50 === 0) {
      plan.onProgress?.(loaded);
      await nextTurn();
    }
  }
  await rows.flush();
  plan.onProgress?.(loaded);
  return { loaded, people };
}
