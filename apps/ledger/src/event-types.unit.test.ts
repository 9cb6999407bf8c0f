import { randomUUID } from 'node:crypto';
import { findingCounter } from '@ledger/discipline';
import { type RecordedEvent, handledEventTypes, latestVersionOf, serviceOf } from '@ledger/events';
import type { EventStore } from '@ledger/eventstore';
import type { RegistryLookup } from '@ledger/registry';
import type { LedgerCalendar } from '@ledger/calendar';
import type { ReadStore } from '@ledger/readstore';
import { describe, expect, it } from 'vitest';
import { ledgerProjections } from './host.ts';

// The bus hands a consumer only the event types it lists, while the auditor's replay offers every event of its
// services: each type left out must therefore change nothing, whatever stream it comes on.
const untouchable = <T extends object>(what: string): T =>
  new Proxy({} as T, {
    get: (_, property) => {
      throw new Error(`${what}.${String(property)} touched`);
    },
  });

/** The stream each type is recorded on (projections that fold a stream tell its events by it). */
const streamsOf: Record<string, string> = {
  DepartmentRegistered: 'department-d1',
  DepartmentChanged: 'department-d1',
  PersonRegistered: 'person-p1',
  PersonChanged: 'person-p1',
  RatingGiven: 'rating-t1',
  SurveyScored: 'evaluation-d1-2026',
  SuperiorEvaluationScored: 'evaluation-d1-2026',
  AdjustmentRecorded: 'evaluation-d1-2026',
  EvaluationPolicyAdopted: 'evaluation-policy',
  BulletinPublished: 'bulletin-b1',
  SanctionPolicyAdopted: 'sanction-policy',
  FindingCounted: 'discipline-person-p1',
  SanctionDecided: 'discipline-person-p1',
  SanctionCarriedOut: 'discipline-person-p1',
  SanctionRescinded: 'discipline-person-p1',
  DepartmentFaultCounted: 'accountability-d1',
  IncidentRecorded: 'accountability-d1',
  ApologyRequired: 'accountability-d1',
  ApologyCarriedOut: 'accountability-d1',
  ApologyRescinded: 'accountability-d1',
  PersonHistoryRead: 'discipline-reads-p1',
  WorkingCalendarRecorded: 'working-calendar-2026',
  RectificationPolicyAdopted: 'deadline-policy',
  BottomRankCarriedOut: 'bottom-rank-d1-2026',
  EfficiencyWarningIssued: 'rectification-r1',
};
const streamOf = (type: string): string =>
  streamsOf[type] ??
  (serviceOf(type) === 'complaints'
    ? 'complaint-c1'
    : serviceOf(type) === 'rankings'
      ? 'period-2026'
      : type.startsWith('Rectification')
        ? 'rectification-r1'
        : type.startsWith('BadReview')
          ? 'bad-review-b1'
          : 'unknown');

const eventOf = (type: string, streamId: string): RecordedEvent => ({
  position: 7,
  eventId: randomUUID(),
  streamId,
  streamVersion: 3,
  type,
  schemaVersion: latestVersionOf(type),
  data: {},
  metadata: {},
  occurredAt: '2026-03-01T00:00:00.000Z',
  recordedAt: '2026-03-01T00:00:00.000Z',
});

describe('the event types each consumer lists', () => {
  const projections = ledgerProjections();

  it('are given by every projection, each a type of the services it reads', () => {
    expect(projections.length).toBeGreaterThan(0);
    for (const projection of projections) {
      expect(projection.eventTypes, projection.name).toBeDefined();
      expect(() => handledEventTypes(projection.services, projection.eventTypes)).not.toThrow();
    }
  });

  for (const projection of ledgerProjections()) {
    it(`leave nothing out that ${projection.name} reacts to`, async () => {
      const listed = new Set(projection.eventTypes);
      const left = [...handledEventTypes(projection.services)].filter((type) => !listed.has(type));
      for (const type of left) await projection.apply(eventOf(type, streamOf(type)), untouchable<ReadStore>(`read store (${type})`));
    });
  }

  it('leave nothing out that the finding counter reacts to', async () => {
    const counter = findingCounter({ store: untouchable<EventStore>('event store'), registry: untouchable<RegistryLookup>('registry'), calendar: untouchable<LedgerCalendar>('calendar') });
    const listed = new Set(counter.eventTypes);
    expect(listed).toEqual(new Set(['FindingRecorded', 'AppealDecided']));
    for (const type of [...handledEventTypes(counter.services)].filter((each) => !listed.has(each))) {
      await counter.handle(eventOf(type, streamOf(type)));
    }
  });

  it('refuse a type that is unknown or of a service not read', () => {
    expect(() => handledEventTypes(['evaluations'], ['RatingGivn'])).toThrow(/unknown event type RatingGivn/);
    expect(() => handledEventTypes(['evaluations'], ['ComplaintFiled'])).toThrow(/belongs to complaints/);
  });
});
