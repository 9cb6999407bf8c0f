import type { EvaluationPolicy } from '@ledger/events';
import { validateEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import type { AdoptEvaluationPolicy, EvaluationPolicyEvent } from './policy.ts';
import { decideAdoptEvaluationPolicy, evolveEvaluationPolicy, initialEvaluationPolicyState } from './policy.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

const { version: _default, ...specRules } = defaultEvaluationPolicy;
const adopt = (overrides: Partial<AdoptEvaluationPolicy> = {}): AdoptEvaluationPolicy => ({
  ...specRules,
  effectiveFrom: '2027-01-01T00:00:00+08:00',
  at: '2026-12-01T09:00:00+08:00',
  now: '2026-12-01T10:00:00+08:00',
  ...overrides,
});

function adopted(command: AdoptEvaluationPolicy, state = initialEvaluationPolicyState) {
  const decision = decideAdoptEvaluationPolicy(command, state);
  if (!decision.ok) throw new Error(decision.error.code);
  for (const event of decision.events) validateEvent(event.type, 1, event.data);
  return { events: decision.events, state: decision.events.reduce(evolveEvaluationPolicy, state) };
}

describe('adopting an evaluation policy', () => {
  it('numbers versions from 1 (0 is the SPEC default) and keeps every adopted version', () => {
    const first = adopted(adopt({ bottomCount: 2 }));
    expect(first.events).toEqual<EvaluationPolicyEvent[]>([
      { type: 'EvaluationPolicyAdopted', data: { ...specRules, bottomCount: 2, version: 1, effectiveFrom: '2027-01-01T00:00:00+08:00', at: '2026-12-01T09:00:00+08:00' } },
    ]);
    const second = adopted(adopt({ effectiveFrom: '2028-01-01T00:00:00+08:00' }), first.state);
    expect(second.events[0]!.data.version).toBe(2);
    expect(second.state.adopted.map((policy: EvaluationPolicy) => [policy.version, policy.bottomCount])).toEqual([
      [1, 2],
      [2, 3],
    ]);
  });

  it('refuses weights of a category that do not add up to 100, naming the category', () => {
    const weights = { ...specRules.weights, vertical: { ratings: 0, survey: 70, superior: 20 } };
    expect(decideAdoptEvaluationPolicy(adopt({ weights }), initialEvaluationPolicyState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'invalid-weights', field: 'weights.vertical' }),
    });
  });

  it('accepts decimal weights whose float sum misses 100 by an ulp (33.3 + 33.3 + 33.4)', () => {
    const weights = { ...specRules.weights, 'party-mass': { ratings: 33.3, survey: 33.3, superior: 33.4 } };
    expect(decideAdoptEvaluationPolicy(adopt({ weights }), initialEvaluationPolicyState).ok).toBe(true);
  });

  it.each([
    [{ grades: { satisfied: 70, basicallySatisfied: 85 } }, 'invalid-grade-thresholds', 'grades'],
    [{ bottomCount: 0 }, 'invalid-bottom-count', 'bottomCount'],
    [{ minimumRatingsForPeopleRanking: 2.5 }, 'invalid-minimum-ratings', 'minimumRatingsForPeopleRanking'],
    [{ leaderReplacementIncreaseThreshold: -0.01 }, 'invalid-increase-threshold', 'leaderReplacementIncreaseThreshold'],
    [{ at: '2026-12-01T11:00:00+08:00' }, 'future-business-time', 'at'],
  ] as const)('refuses %o', (overrides, code, field) => {
    expect(decideAdoptEvaluationPolicy(adopt(overrides), initialEvaluationPolicyState)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code, field }),
    });
  });

  it('refuses a version taking effect before the latest one', () => {
    const { state } = adopted(adopt());
    expect(decideAdoptEvaluationPolicy(adopt({ effectiveFrom: '2026-06-01T00:00:00+08:00' }), state)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'effective-before-latest', field: 'effectiveFrom' }),
    });
  });
});

describe('rules an adoption leaves out', () => {
  it('carries them over from the latest version, or from the SPEC default before any', () => {
    const { minimumRatingsForPeopleRanking: _m, leaderReplacementIncreaseThreshold: _t, ...weightsAndGrades } = adopt();
    const first = adopted(adopt({ minimumRatingsForPeopleRanking: 20, leaderReplacementIncreaseThreshold: 0.1 }));
    const second = adopted({ ...weightsAndGrades, effectiveFrom: '2028-01-01T00:00:00+08:00' }, first.state);
    expect(second.events[0]!.data).toMatchObject({ version: 2, minimumRatingsForPeopleRanking: 20, leaderReplacementIncreaseThreshold: 0.1 });
    expect(adopted(weightsAndGrades).events[0]!.data).toMatchObject({ version: 1, minimumRatingsForPeopleRanking: 10, leaderReplacementIncreaseThreshold: 0.05 });
  });
});
