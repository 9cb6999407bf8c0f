import type { EvaluationPolicy } from '@ledger/events';
import { calendarIn } from '@ledger/calendar';
import { describe, expect, it } from 'vitest';
import { policyForYear } from './policy.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

const version = (number: number, effectiveFrom: string): EvaluationPolicy => ({ ...defaultEvaluationPolicy, version: number, effectiveFrom, bottomCount: number });
const shanghai = calendarIn('Asia/Shanghai');

describe('the policy a year is assessed under', () => {
  const adopted = [version(1, '2026-07-01T00:00:00+08:00'), version(2, '2027-01-01T00:00:00+08:00')];

  it('is the SPEC default before any version takes effect', () => {
    expect(policyForYear(adopted, 2025, shanghai)).toBe(defaultEvaluationPolicy);
  });

  it('is the latest version in force at the last instant of the local year', () => {
    expect(policyForYear(adopted, 2026, shanghai).version).toBe(1);
    expect(policyForYear(adopted, 2027, shanghai).version).toBe(2);
  });

  it('does not reach back: a version effective from 1 January 2027, 00:00 local, is not 2026\u2019s', () => {
    // 2026-12-31T23:59:59.999+08:00 is the last instant of 2026 in Beijing.
    expect(policyForYear([version(1, '2026-12-31T23:59:59+08:00')], 2026, shanghai).version).toBe(1);
    expect(policyForYear([version(1, '2027-01-01T00:00:00+08:00')], 2026, shanghai).version).toBe(0);
    // In UTC the same version (16:00 UTC on 31 December) still falls inside 2026.
    expect(policyForYear([version(1, '2027-01-01T00:00:00+08:00')], 2026, calendarIn('UTC')).version).toBe(1);
  });
});
