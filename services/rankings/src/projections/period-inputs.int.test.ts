import type { RecordedEvent } from '@ledger/events';
import type { ReadStore } from '@ledger/readstore';
import { projectionReadStores } from '@ledger/testing/projection-read-stores';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EvaluationInputEvent, collectPeriodInputs } from '../domain/index.ts';
import { levels } from '../domain/inputs.testkit.ts';
import { periodInputsProjection } from './period-inputs.ts';
import { readPeriodInputs } from './read-period-inputs.ts';
import { calendarIn } from '@ledger/calendar';

const calendar = calendarIn('Asia/Shanghai');
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

// The inputs read model of a close, on every read store: what it gives back must be what the domain
// folds from the evaluations events themselves, however often and in whatever order streams arrive.
const readStores = await projectionReadStores(periodInputsProjection.collections);

let position = 0;
const versions = new Map<string, number>();
function recorded(streamId: string, type: string, data: object): RecordedEvent {
  const streamVersion = (versions.get(streamId) ?? -1) + 1;
  versions.set(streamId, streamVersion);
  position += 1;
  const at = '2026-01-10T00:00:00.000Z';
  return { position, eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`, streamId, streamVersion, type, schemaVersion: 1, data, metadata: { commandId: `c-${position}` }, occurredAt: at, recordedAt: at };
}
const rating = (transactionId: string, departmentId: string, level: number, ratedAt: string, personId?: string) =>
  recorded(`rating-${transactionId}`, 'RatingGiven', { transactionId, departmentId, platform: 'qr-code', level, ratedAt, ...(personId ? { personId } : {}) });
const annual = (departmentId: string, year: number, type: string, data: object) =>
  recorded(`evaluation-${departmentId}-${year}`, type, { departmentId, year, at: `${year + 1}-01-05T00:00:00Z`, ...data });

const policyV1 = { ...defaultEvaluationPolicy, version: 1, effectiveFrom: '2025-06-01T00:00:00Z', bottomCount: 2 };
const policyV2 = { ...defaultEvaluationPolicy, version: 2, effectiveFrom: '2026-03-01T00:00:00Z', bottomCount: 1 };

const events: RecordedEvent[] = [
  recorded('department-tax', 'DepartmentRegistered', { departmentId: 'tax', name: 'Tax', category: 'service-facing', leaderPersonId: 'li', at: '2025-01-01T00:00:00Z' }),
  recorded('department-youth', 'DepartmentRegistered', { departmentId: 'youth', name: 'Youth League', category: 'party-mass', at: '2025-01-01T00:00:00Z' }),
  // A change carries the whole record: the leader is gone and the category moved.
  recorded('department-tax', 'DepartmentChanged', { departmentId: 'tax', name: 'Tax', category: 'vertical', at: '2025-02-01T00:00:00Z' }),
  rating('t1', 'tax', 5, '2025-03-01T00:00:00Z', 'zhou'),
  rating('t2', 'tax', 4, '2025-12-31T23:59:59Z', 'zhou'),
  // Ratings that do not record their year count in China Standard Time (the default zone): 23:59:59 on
  // 31 December 2025 in UTC, and 07:30 or 08:30 on New Year's morning in Beijing, are all 2026.
  rating('t3', 'tax', 2, '2026-01-01T07:30:00+08:00'),
  rating('t5', 'tax', 1, '2026-01-01T08:30:00+08:00'),
  rating('t4', 'youth', 3, '2025-07-01T00:00:00Z'),
  annual('tax', 2025, 'SurveyScored', { score: 70 }),
  annual('tax', 2025, 'SurveyScored', { score: 75, replaces: { score: 70, at: '2026-01-05T00:00:00Z' } }),
  annual('tax', 2025, 'SuperiorEvaluationScored', { score: 88 }),
  annual('tax', 2025, 'AdjustmentRecorded', { adjustmentId: 'd1', kind: 'deduction', source: 'inspection', points: 2.5, reason: 'late filings' }),
  annual('tax', 2025, 'AdjustmentRecorded', { adjustmentId: 'v1', kind: 'veto', source: 'leading-group', reason: 'falsified records' }),
  annual('youth', 2026, 'SurveyScored', { score: 90 }),
  recorded('evaluation-policy', 'EvaluationPolicyAdopted', { ...policyV1, at: '2025-05-01T00:00:00Z' }),
  recorded('evaluation-policy', 'EvaluationPolicyAdopted', { ...policyV2, at: '2026-02-01T00:00:00Z' }),
];
const inputEvents = events.filter((event) => ['RatingGiven', 'SurveyScored', 'SuperiorEvaluationScored', 'AdjustmentRecorded'].includes(event.type)) as unknown as Array<
  RecordedEvent & EvaluationInputEvent
>;

describe.each(readStores)('the inputs read model of a period close, on $name', (engine) => {
  let readStore: ReadStore;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ store: readStore, dispose } = await engine.open());
    await periodInputsProjection.setup?.(readStore);
    for (const event of events) await periodInputsProjection.apply(event, readStore);
  });
  afterAll(() => dispose?.());

  it('gives the inputs the domain folds from the events themselves, for each year', async () => {
    for (const year of [2025, 2026]) {
      expect((await readPeriodInputs(readStore, year, calendar)).inputs).toEqual(collectPeriodInputs(year, inputEvents));
    }
  });

  it('keeps the latest score, every adjustment, and ratings in the local year of ratedAt', async () => {
    const { inputs } = await readPeriodInputs(readStore, 2025, calendar);
    expect(inputs.departments).toEqual([
      {
        departmentId: 'tax',
        ratings: levels({ 5: 1 }),
        survey: 75,
        superior: 88,
        adjustments: [expect.objectContaining({ adjustmentId: 'd1', points: 2.5 }), expect.objectContaining({ adjustmentId: 'v1', kind: 'veto' })],
      },
      { departmentId: 'youth', ratings: levels({ 3: 1 }), adjustments: [] },
    ]);
    expect(inputs.people).toEqual([{ personId: 'zhou', departmentId: 'tax', ratings: levels({ 5: 1 }) }]);
    expect((await readPeriodInputs(readStore, 2026, calendar)).inputs.departments.map((department) => [department.departmentId, department.ratings['1'], department.survey])).toEqual([
      ['tax', 1, undefined],
      ['youth', 0, 90],
    ]);
  });

  it('knows each department as its latest registry record, and the policy in force at the end of each year', async () => {
    const { departments, policy } = await readPeriodInputs(readStore, 2025, calendar);
    expect(departments).toEqual([
      { departmentId: 'tax', category: 'vertical' },
      { departmentId: 'youth', category: 'party-mass' },
    ]);
    expect(policy).toEqual(policyV1);
    expect((await readPeriodInputs(readStore, 2026, calendar)).policy).toEqual(policyV2);
    expect((await readPeriodInputs(readStore, 2024, calendar)).policy).toEqual(defaultEvaluationPolicy);
  });

  it('changes nothing when events are delivered again, even an earlier event of a stream after a later one', async () => {
    const before = await Promise.all([2025, 2026].map((year) => readPeriodInputs(readStore, year, calendar)));
    for (const event of events.toReversed()) await periodInputsProjection.apply(event, readStore);
    for (const event of events) await periodInputsProjection.apply(event, readStore);
    expect(await Promise.all([2025, 2026].map((year) => readPeriodInputs(readStore, year, calendar)))).toEqual(before);
  });
});
