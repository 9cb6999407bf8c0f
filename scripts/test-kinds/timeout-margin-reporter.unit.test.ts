import { describe, expect, it } from 'vitest';
import { describeDuration, verdictOf } from './timeout-margin-reporter.ts';

describe('a test or hook against its timeout', () => {
  const test = (durationMs: number) => ({ label: 'a.e2e.test.ts > files a complaint', durationMs, timeoutMs: 60_000, kind: 'test' as const });

  it('passes silently up to 35 % of the timeout', () => {
    expect(verdictOf(test(21_000))).toBe('ok');
  });

  it('reports a test above 35 %, and fails one above half (issue 9)', () => {
    expect(verdictOf(test(21_001))).toBe('reported');
    expect(verdictOf(test(30_000))).toBe('reported');
    expect(verdictOf(test(30_001))).toBe('failed');
  });

  it('reports a hook however close it came, and never fails it', () => {
    expect(verdictOf({ ...test(59_000), kind: 'hook' })).toBe('reported');
    expect(verdictOf({ ...test(20_000), kind: 'hook' })).toBe('ok');
    expect(verdictOf({ ...test(30_001), kind: 'hook' })).toBe('reported');
  });

  it('takes a test without a timeout as within it', () => {
    expect(verdictOf({ ...test(1e9), timeoutMs: 0 })).toBe('ok');
  });

  it('says what ran, how long, against which timeout', () => {
    expect(describeDuration(test(51_000), 'failed')).toBe('FAIL a.e2e.test.ts > files a complaint: 51.0 s of its 60.0 s timeout (85 %)');
    // A reporter does not see a hook's own timeout (`beforeAll(fn, ms)`): the share is of the project's default.
    expect(describeDuration({ ...test(90_000), timeoutMs: 120_000, kind: 'hook' }, 'reported')).toBe('slow a.e2e.test.ts > files a complaint: 90.0 s of the 120.0 s default hook timeout (75 %)');
  });
});
