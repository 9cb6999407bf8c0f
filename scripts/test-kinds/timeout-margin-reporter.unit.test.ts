import { describe, expect, it } from 'vitest';
import { describeDuration, verdictOf } from './timeout-margin-reporter.ts';

describe('a test or hook against its timeout', () => {
  const test = (durationMs: number) => ({ label: 'a.e2e.test.ts > files a complaint', durationMs, timeoutMs: 60_000, kind: 'test' as const });

  it('passes silently up to half of the timeout', () => {
    expect(verdictOf(test(30_000))).toBe('ok');
  });

  it('reports a test above half, and fails one above 80 %', () => {
    expect(verdictOf(test(30_001))).toBe('reported');
    expect(verdictOf(test(48_000))).toBe('reported');
    expect(verdictOf(test(48_001))).toBe('failed');
  });

  it('reports a hook however close it came, and never fails it', () => {
    expect(verdictOf({ ...test(59_000), kind: 'hook' })).toBe('reported');
    expect(verdictOf({ ...test(20_000), kind: 'hook' })).toBe('ok');
  });

  it('takes a test without a timeout as within it', () => {
    expect(verdictOf({ ...test(1e9), timeoutMs: 0 })).toBe('ok');
  });

  it('says what ran, how long, against which timeout', () => {
    expect(describeDuration(test(51_000), 'failed')).toBe('FAIL a.e2e.test.ts > files a complaint: 51.0 s of its 60.0 s timeout (85 %)');
  });
});
