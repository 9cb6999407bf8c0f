import type { RectificationPolicyEvent } from '@ledger/events';
import { given } from '@ledger/decider/testing';
import { describe, expect, it } from 'vitest';
import { deadlinePolicyDecider, deadlinePolicyInForce, defaultRectificationDeadlinePolicy } from './deadline-policy.ts';

// SPEC 10, 11: the deadline numbers are versioned policy. Version 1 is the SPEC's (90, 30 calendar days; 5, 15
// working days), built in; each adoption is the next version, from its effectiveFrom, never retroactive.

const now = '2026-06-01T09:00:00+08:00';
const adopted2: RectificationPolicyEvent = {
  type: 'RectificationPolicyAdopted',
  data: { version: 2, effectiveFrom: '2026-07-01T00:00:00+08:00', bottomRankDays: 60, inspectionDays: 30, badReviewVerificationWorkingDays: 3, badReviewRectificationWorkingDays: 15, at: now },
};

describe('rectification deadline policy', () => {
  it('numbers the first adoption 2, carrying over the numbers it leaves out from the latest version', () => {
    given(deadlinePolicyDecider).when({ bottomRankDays: 60, badReviewVerificationWorkingDays: 3, effectiveFrom: '2026-07-01T00:00:00+08:00', at: now, now }).thenEvents(adopted2);
    given(deadlinePolicyDecider, adopted2)
      .when({ inspectionDays: 20, effectiveFrom: '2027-01-01T00:00:00+08:00', at: now, now })
      .thenEvents({ type: 'RectificationPolicyAdopted', data: { ...adopted2.data, version: 3, inspectionDays: 20, effectiveFrom: '2027-01-01T00:00:00+08:00' } });
  });

  it('refuses days out of range, a retroactive version, and one before the latest', () => {
    given(deadlinePolicyDecider).when({ bottomRankDays: 0, effectiveFrom: '2026-07-01T00:00:00+08:00', at: now, now }).thenError({ kind: 'rule', code: 'invalid-deadline-days', field: 'bottomRankDays' });
    given(deadlinePolicyDecider).when({ badReviewVerificationWorkingDays: 2.5, effectiveFrom: '2026-07-01T00:00:00+08:00', at: now, now }).thenError({ kind: 'rule', code: 'invalid-deadline-days', field: 'badReviewVerificationWorkingDays' });
    given(deadlinePolicyDecider).when({ effectiveFrom: '2026-05-01T00:00:00+08:00', at: now, now }).thenError({ kind: 'rule', code: 'effective-before-adoption', field: 'effectiveFrom' });
    given(deadlinePolicyDecider, adopted2).when({ effectiveFrom: '2026-06-15T00:00:00+08:00', at: now, now }).thenError({ kind: 'rule', code: 'effective-before-latest', field: 'effectiveFrom' });
    given(deadlinePolicyDecider).when({ effectiveFrom: '2026-07-01T00:00:00+08:00', at: '2026-06-02T09:00:00+08:00', now }).thenError({ kind: 'rule', code: 'future-business-time', field: 'at' });
  });

  it('is version 1 (the SPEC numbers) until an adopted version takes effect', () => {
    const { at: _at, ...version2 } = adopted2.data;
    expect(defaultRectificationDeadlinePolicy).toMatchObject({ version: 1, bottomRankDays: 90, inspectionDays: 30, badReviewVerificationWorkingDays: 5, badReviewRectificationWorkingDays: 15 });
    expect(deadlinePolicyInForce([version2], '2026-06-30T23:59:59+08:00')).toBe(defaultRectificationDeadlinePolicy);
    expect(deadlinePolicyInForce([version2], '2026-07-01T00:00:00+08:00')).toBe(version2);
  });
});
