import { statedBeforeAllTimeout, withinTimeout } from '@ledger/testing/hook-timeout';
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
    // A hook that does not state its own timeout (withinTimeout) is measured against the project's default.
    expect(describeDuration({ ...test(90_000), timeoutMs: 120_000, kind: 'hook' }, 'reported')).toBe('slow a.e2e.test.ts > files a complaint: 90.0 s of the 120.0 s default hook timeout (75 %)');
    expect(describeDuration({ ...test(200_000), timeoutMs: 480_000, kind: 'hook', ownTimeout: true }, 'reported')).toBe(
      'slow a.e2e.test.ts > files a complaint: 200.0 s of its 480.0 s timeout (42 %)',
    );
  });
});

describe('a hook that states its own timeout', () => {
  it('hands vitest its function and timeout, and leaves the timeout in the meta of the suite it runs for', async () => {
    const ran: string[] = [];
    const [hook, timeoutMs] = withinTimeout(480_000, async () => {
      ran.push('set-up');
    });
    const suite = { meta: {} };
    await hook({}, suite);
    expect(timeoutMs).toBe(480_000);
    expect(ran).toEqual(['set-up']);
    expect(statedBeforeAllTimeout(suite.meta)).toBe(480_000);
  });

  it('states nothing for a suite whose hooks did not', () => {
    expect(statedBeforeAllTimeout({})).toBeUndefined();
    expect(statedBeforeAllTimeout({ beforeAllTimeoutMs: 'soon' })).toBeUndefined();
  });

  it('is measured against that timeout: 200 s of a 480 s set-up is within its margin, of the 120 s default it is not', () => {
    const hook = { label: 'distributed.e2e.test.ts > beforeAll', durationMs: 200_000, kind: 'hook' as const };
    expect(verdictOf({ ...hook, timeoutMs: 480_000, ownTimeout: true })).toBe('reported');
    expect(verdictOf({ ...hook, durationMs: 160_000, timeoutMs: 480_000, ownTimeout: true })).toBe('ok');
    expect(verdictOf({ ...hook, durationMs: 160_000, timeoutMs: 120_000 })).toBe('reported');
  });
});
