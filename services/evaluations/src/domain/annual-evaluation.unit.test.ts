import { calendarIn } from '@ledger/calendar';
import { validateEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import type { AnnualEvaluationEvent, AnnualEvaluationState, RecordAdjustment, ScoreDepartment } from './annual-evaluation.ts';
import {
  decideRecordAdjustment,
  decideScoreSuperiorEvaluation,
  decideScoreSurvey,
  evolveAnnualEvaluation,
  initialAnnualEvaluationState,
} from './annual-evaluation.ts';

const now = '2027-01-20T09:00:00+08:00';
const calendar = calendarIn('Asia/Shanghai');
const score = (overrides: Partial<ScoreDepartment> = {}): ScoreDepartment => ({
  departmentId: 'dept-permits',
  year: 2026,
  score: 82,
  at: '2027-01-15T10:00:00+08:00',
  now,
  departmentIsRegistered: true,
  periodIsClosed: false,
  calendar,
  ...overrides,
});
const adjustment = (overrides: Partial<RecordAdjustment> = {}): RecordAdjustment => ({
  adjustmentId: 'adj-1',
  departmentId: 'dept-permits',
  year: 2026,
  kind: 'deduction',
  source: 'inspection',
  points: 2,
  reason: 'unannounced inspection found the counter unstaffed',
  at: '2026-11-03T10:00:00+08:00',
  now,
  departmentIsRegistered: true,
  periodIsClosed: false,
  bonusCap: 5,
  calendar,
  ...overrides,
});

const given = (...events: AnnualEvaluationEvent[]): AnnualEvaluationState => events.reduce(evolveAnnualEvaluation, initialAnnualEvaluationState);

function eventsOf(decision: ReturnType<typeof decideScoreSurvey>): AnnualEvaluationEvent[] {
  if (!decision.ok) throw new Error(`refused: ${decision.error.code}`);
  for (const event of decision.events) validateEvent(event.type, 1, event.data);
  return decision.events;
}

describe('survey and superior evaluation scores', () => {
  it('records the first survey score of a department and year', () => {
    expect(eventsOf(decideScoreSurvey(score(), initialAnnualEvaluationState))).toEqual([
      { type: 'SurveyScored', data: { departmentId: 'dept-permits', year: 2026, score: 82, at: '2027-01-15T10:00:00+08:00' } },
    ]);
  });

  it('records a second score for the same year as a correction that names the score it replaces', () => {
    const first = eventsOf(decideScoreSurvey(score(), initialAnnualEvaluationState));
    const corrected = eventsOf(decideScoreSurvey(score({ score: 78.5, at: '2027-01-18T10:00:00+08:00' }), given(...first)));
    expect(corrected).toEqual([
      {
        type: 'SurveyScored',
        data: {
          departmentId: 'dept-permits',
          year: 2026,
          score: 78.5,
          at: '2027-01-18T10:00:00+08:00',
          replaces: { score: 82, at: '2027-01-15T10:00:00+08:00' },
        },
      },
    ]);
    expect(given(...first, ...corrected).survey).toEqual({ score: 78.5, at: '2027-01-18T10:00:00+08:00' });
  });

  it('records nothing when the score in force is restated', () => {
    const first = eventsOf(decideScoreSurvey(score(), initialAnnualEvaluationState));
    expect(decideScoreSurvey(score({ at: '2027-01-19T10:00:00+08:00' }), given(...first))).toEqual({ ok: true, events: [] });
  });

  it('keeps survey and superior scores apart: a superior score after a survey is not a correction', () => {
    const survey = eventsOf(decideScoreSurvey(score(), initialAnnualEvaluationState));
    expect(eventsOf(decideScoreSuperiorEvaluation(score({ score: 82 }), given(...survey)))).toEqual([
      { type: 'SuperiorEvaluationScored', data: { departmentId: 'dept-permits', year: 2026, score: 82, at: '2027-01-15T10:00:00+08:00' } },
    ]);
  });

  it.each([-1, 100.5, Number.POSITIVE_INFINITY])('refuses score %s', (value) => {
    expect(decideScoreSurvey(score({ score: value }), initialAnnualEvaluationState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'score-out-of-range', field: 'score' }),
    });
  });

  it('accepts the bounds 0 and 100', () => {
    expect(decideScoreSuperiorEvaluation(score({ score: 0 }), initialAnnualEvaluationState).ok).toBe(true);
    expect(decideScoreSuperiorEvaluation(score({ score: 100 }), initialAnnualEvaluationState).ok).toBe(true);
  });

  it('refuses a time after now and a year that had not begun at that time', () => {
    expect(decideScoreSurvey(score({ at: '2027-01-21T09:00:00+08:00' }), initialAnnualEvaluationState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'future-business-time', field: 'at' }),
    });
    expect(decideScoreSurvey(score({ year: 2028 }), initialAnnualEvaluationState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'year-not-started', field: 'year' }),
    });
  });

  it('refuses an unregistered department as a rule (422), naming the field', () => {
    expect(decideScoreSurvey(score({ departmentIsRegistered: false }), initialAnnualEvaluationState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'unknown-department', field: 'departmentId' }),
    });
  });
});

describe('inputs for a year already closed', () => {
  const refusedAsClosed = { ok: false, error: expect.objectContaining({ kind: 'conflict', code: 'period-closed', field: 'year' }) };

  it('refuses a survey, a superior score and an adjustment of a closed year as a conflict naming the year', () => {
    expect(decideScoreSurvey(score({ periodIsClosed: true }), initialAnnualEvaluationState)).toEqual(refusedAsClosed);
    expect(decideScoreSuperiorEvaluation(score({ periodIsClosed: true }), initialAnnualEvaluationState)).toEqual(refusedAsClosed);
    expect(decideRecordAdjustment(adjustment({ periodIsClosed: true }), initialAnnualEvaluationState)).toEqual(refusedAsClosed);
  });

  it('refuses restating the score in force too: once closed, nothing about the year is answered as accepted', () => {
    const first = eventsOf(decideScoreSurvey(score(), initialAnnualEvaluationState));
    expect(decideScoreSurvey(score({ periodIsClosed: true }), given(...first))).toEqual(refusedAsClosed);
  });

  it('names a malformed input or an unknown department before the closed year', () => {
    expect(decideScoreSurvey(score({ score: 101, periodIsClosed: true }), initialAnnualEvaluationState)).toMatchObject({ error: { code: 'score-out-of-range' } });
    expect(decideScoreSurvey(score({ departmentIsRegistered: false, periodIsClosed: true }), initialAnnualEvaluationState)).toMatchObject({ error: { code: 'unknown-department' } });
    expect(decideRecordAdjustment(adjustment({ reason: ' ', periodIsClosed: true }), initialAnnualEvaluationState)).toMatchObject({ error: { code: 'reason-required' } });
  });
});

describe('adjustments', () => {
  it.each(['e-supervision', 'inspection', 'administrative-fault'])('records a deduction from %s with its points', (source) => {
    expect(eventsOf(decideRecordAdjustment(adjustment({ source }), initialAnnualEvaluationState))).toEqual([
      {
        type: 'AdjustmentRecorded',
        data: {
          adjustmentId: 'adj-1',
          departmentId: 'dept-permits',
          year: 2026,
          kind: 'deduction',
          source,
          points: 2,
          reason: 'unannounced inspection found the counter unstaffed',
          at: '2026-11-03T10:00:00+08:00',
        },
      },
    ]);
  });

  it('records a bonus from the leading group, and a veto from the leading group without points', () => {
    const bonus = eventsOf(decideRecordAdjustment(adjustment({ kind: 'bonus', source: 'leading-group', points: 1.5 }), initialAnnualEvaluationState));
    expect(bonus[0]!.data).toMatchObject({ kind: 'bonus', source: 'leading-group', points: 1.5 });
    const { points: _none, ...veto } = adjustment({ adjustmentId: 'adj-2', kind: 'veto', source: 'leading-group' });
    const vetoed = eventsOf(decideRecordAdjustment(veto, initialAnnualEvaluationState));
    expect(vetoed[0]!.data).toEqual(expect.objectContaining({ kind: 'veto', source: 'leading-group' }));
    expect(vetoed[0]!.data).not.toHaveProperty('points');
  });

  it.each([
    [{ kind: 'penalty' }, 'unknown-adjustment-kind', 'kind'],
    [{ kind: 'deduction', source: 'leading-group' }, 'source-not-allowed', 'source'],
    [{ kind: 'bonus', source: 'inspection' }, 'source-not-allowed', 'source'],
    [{ kind: 'veto', source: 'inspection', points: undefined }, 'source-not-allowed', 'source'],
    [{ kind: 'veto', source: 'leading-group', points: 5 }, 'points-not-allowed', 'points'],
    [{ kind: 'deduction', points: undefined }, 'points-required', 'points'],
    [{ kind: 'bonus', source: 'leading-group', points: 0 }, 'points-out-of-range', 'points'],
    [{ points: 101 }, 'points-out-of-range', 'points'],
    [{ reason: '  ' }, 'reason-required', 'reason'],
    [{ at: '2027-02-01T00:00:00+08:00' }, 'future-business-time', 'at'],
    [{ year: 2027, at: '2026-12-31T10:00:00+08:00' }, 'year-not-started', 'year'],
  ] as const)('refuses %o as %s', (overrides, code, field) => {
    const command = { ...adjustment(), ...overrides } as RecordAdjustment;
    if ('points' in overrides && overrides.points === undefined) delete command.points;
    expect(decideRecordAdjustment(command, initialAnnualEvaluationState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code, field }),
    });
  });

  it('refuses the same adjustment id twice as a conflict', () => {
    const first = eventsOf(decideRecordAdjustment(adjustment(), initialAnnualEvaluationState));
    expect(decideRecordAdjustment(adjustment({ points: 3 }), given(...first))).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'conflict', code: 'adjustment-exists', field: 'adjustmentId' }),
    });
  });
});

describe('the assessment year and the bonus cap', () => {
  const bonus = (adjustmentId: string, points: number) =>
    adjustment({ adjustmentId, kind: 'bonus', source: 'leading-group', points, reason: 'leading-group commendation' });
  const recorded = (adjustmentId: string, points: number): AnnualEvaluationEvent => ({
    type: 'AdjustmentRecorded',
    data: { adjustmentId, departmentId: 'dept-permits', year: 2026, kind: 'bonus', source: 'leading-group', points, reason: 'earlier', at: '2026-10-01T10:00:00+08:00' },
  });

  it('takes bonuses up to the cap of the department and year (SPEC 6)', () => {
    expect(decideRecordAdjustment(bonus('adj-3', 2), given(recorded('adj-1', 1.5), recorded('adj-2', 1.5))).ok).toBe(true);
  });

  it('refuses a bonus that would take the year past the cap, naming the points', () => {
    expect(decideRecordAdjustment(bonus('adj-3', 2.5), given(recorded('adj-1', 1.5), recorded('adj-2', 1.5)))).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'bonus-cap-exceeded', field: 'points' }),
    });
    expect(decideRecordAdjustment({ ...bonus('adj-1', 3), bonusCap: 2 }, initialAnnualEvaluationState)).toMatchObject({ ok: false, error: { code: 'bonus-cap-exceeded' } });
  });

  it('does not count deductions against the cap', () => {
    const deduction: AnnualEvaluationEvent = {
      type: 'AdjustmentRecorded',
      data: { adjustmentId: 'adj-d', departmentId: 'dept-permits', year: 2026, kind: 'deduction', source: 'inspection', points: 9, reason: 'x', at: '2026-10-01T10:00:00+08:00' },
    };
    expect(decideRecordAdjustment(bonus('adj-3', 5), given(deduction)).ok).toBe(true);
  });

  it('takes the assessment year in the ledger\'s zone: 2027 has begun at 00:30 on 1 January in Beijing', () => {
    const at = '2027-01-01T00:30:00+08:00';
    expect(decideScoreSurvey(score({ year: 2027, at }), initialAnnualEvaluationState).ok).toBe(true);
    expect(decideScoreSurvey(score({ year: 2027, at, calendar: calendarIn('UTC') }), initialAnnualEvaluationState)).toMatchObject({
      ok: false,
      error: { code: 'year-not-started' },
    });
  });
});
