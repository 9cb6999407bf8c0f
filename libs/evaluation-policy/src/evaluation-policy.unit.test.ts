import { evaluationPolicy } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { defaultEvaluationPolicy, evaluationPolicyInForce } from './index.ts';

describe("SPEC 6's built-in evaluation policy", () => {
  it('is version 0 with the SPEC weights, grade thresholds, bottom count, people-ranking minimum and leader threshold', () => {
    expect(defaultEvaluationPolicy).toEqual({
      version: 0,
      effectiveFrom: '1970-01-01T00:00:00.000Z',
      weights: {
        'service-facing': { ratings: 80, survey: 10, superior: 10 },
        'party-mass': { ratings: 0, survey: 80, superior: 20 },
        vertical: { ratings: 0, survey: 80, superior: 20 },
      },
      grades: { satisfied: 85, basicallySatisfied: 70 },
      bottomCount: 3,
      minimumRatingsForPeopleRanking: 10,
      leaderReplacementIncreaseThreshold: 0.05,
      bonusCap: 5,
    });
    expect(evaluationPolicy.safeParse(defaultEvaluationPolicy).success).toBe(true);
  });
});

describe('the evaluation policy in force', () => {
  const v1 = { ...defaultEvaluationPolicy, version: 1, effectiveFrom: '2027-01-01T00:00:00+08:00', bottomCount: 2 };
  const v2 = { ...defaultEvaluationPolicy, version: 2, effectiveFrom: '2027-01-01T00:00:00+08:00', bottomCount: 4 };
  const v3 = { ...defaultEvaluationPolicy, version: 3, effectiveFrom: '2028-01-01T00:00:00Z', bottomCount: 5 };

  it('is the SPEC default before the first adopted version takes effect, comparing instants not text', () => {
    expect(evaluationPolicyInForce([], '2030-01-01T00:00:00Z')).toBe(defaultEvaluationPolicy);
    expect(evaluationPolicyInForce([v1], '2026-12-31T15:59:59.999Z')).toBe(defaultEvaluationPolicy);
    expect(evaluationPolicyInForce([v1], '2026-12-31T16:00:00Z')).toBe(v1);
  });

  it('is the later of two versions effective together, and gives way to the next from its effectiveFrom', () => {
    expect(evaluationPolicyInForce([v1, v2, v3], '2027-06-01T00:00:00Z')).toBe(v2);
    expect(evaluationPolicyInForce([v1, v2, v3], '2028-01-01T00:00:00Z')).toBe(v3);
  });
});
