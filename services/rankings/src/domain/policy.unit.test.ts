import type { EvaluationPolicy } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import { policyForYear } from './policy.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

const version = (number: number, effectiveFrom: string): EvaluationPolicy => ({ ...defaultEvaluationPolicy, version: number, effectiveFrom, bottomCount: number });

describe('the policy a year is assessed under', () => {
  const adopted = [version(1, '2026-07-01T00:00:00+08:00'), version(2, '2027-01-01T00:00:00Z')];

  it('is the SPEC default before any version takes effect', () => {
    expect(policyForYear(adopted, 2025)).toBe(defaultEvaluationPolicy);
  });

  it('is the latest version in force at the last instant of the year (UTC)', () => {
    expect(policyForYear(adopted, 2026).version).toBe(1);
    expect(policyForYear(adopted, 2027).version).toBe(2);
  });

  it('does not reach back: a version effective from 1 January 2027 UTC is not 2026’s', () => {
    // 2027-01-01T07:59:59+08:00 is 2026-12-31T23:59:59Z: still inside 2026.
    expect(policyForYear([version(1, '2027-01-01T07:59:59+08:00')], 2026).version).toBe(1);
    expect(policyForYear([version(1, '2027-01-01T08:00:00+08:00')], 2026).version).toBe(0);
  });
});
