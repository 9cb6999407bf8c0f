import { describe, expect, it } from 'vitest';
import { type VersionedPolicy, checkInstant, checkNotFuture, instantMs, isInstant, latestPolicy, nextPolicyVersion, policyInForce, utcInstant } from './index.ts';

describe('instants', () => {
  it('are ISO 8601 date and time with an offset or Z, nothing else', () => {
    for (const instant of ['2026-03-01T09:30:00+08:00', '2026-03-01T01:30:00.000Z', '2026-02-28T20:30:00-05:00']) expect(isInstant(instant)).toBe(true);
    for (const text of ['2026-03-01T09:30:00', '2026-03-01', 'March 1, 2026', 'yesterday', '']) expect(isInstant(text)).toBe(false);
  });

  it('compare by their milliseconds, across offsets', () => {
    expect(instantMs('2026-03-01T09:30:00+08:00')).toBe(instantMs('2026-03-01T01:30:00.000Z'));
    expect(Number.isNaN(instantMs('yesterday'))).toBe(true);
  });

  it('in UTC are what toISOString writes, asked once or again, and no instant throws as it does', () => {
    for (const instant of ['2026-03-01T09:30:00+08:00', '2026-03-01T01:30:00Z', '2026-02-28T20:30:00.5-05:00', '1900-01-01T00:00:00Z']) {
      expect(utcInstant(instant)).toBe(new Date(instant).toISOString());
      expect(utcInstant(instant)).toBe(new Date(instant).toISOString());
    }
    expect(() => utcInstant('yesterday')).toThrow(RangeError);
    expect(() => utcInstant('yesterday')).toThrow(RangeError);
  });

  it('that are not one are refused as invalid-time, naming the field', () => {
    expect(checkInstant('2026-03-01T09:30:00+08:00', 'at')).toBeUndefined();
    expect(checkInstant('next week', 'receivedAt')).toEqual(expect.objectContaining({ kind: 'rule', code: 'invalid-time', field: 'receivedAt' }));
  });
});

describe('a business time', () => {
  const now = '2026-03-01T10:00:00.000Z';

  it('may be now or in the past', () => {
    expect(checkNotFuture(now, 'at', now)).toBeUndefined();
    expect(checkNotFuture('2025-12-31T23:00:00+08:00', 'at', now)).toBeUndefined();
  });

  it('is refused in the future, compared as instants across offsets, naming the field', () => {
    // 18:00:01 at +08:00 is one second after 10:00 UTC.
    expect(checkNotFuture('2026-03-01T18:00:01+08:00', 'ratedAt', now)).toEqual({
      kind: 'rule',
      code: 'future-business-time',
      message: expect.stringContaining('ratedAt'),
      field: 'ratedAt',
    });
  });

  it('that is no instant, or a now that is none, is invalid-time', () => {
    expect(checkNotFuture('soon', 'at', now)).toEqual(expect.objectContaining({ code: 'invalid-time', field: 'at' }));
    expect(checkNotFuture(now, 'at', 'whenever')).toEqual(expect.objectContaining({ code: 'invalid-time', field: 'now' }));
  });

  it('stamped with the same text as now is checked as now: valid when now is, else invalid-time naming now', () => {
    expect(checkNotFuture('2026-03-01T18:00:00+08:00', 'at', '2026-03-01T18:00:00+08:00')).toBeUndefined();
    expect(checkNotFuture('whenever', 'at', 'whenever')).toEqual(expect.objectContaining({ code: 'invalid-time', field: 'now' }));
    expect(checkNotFuture('0001-01-01T00:00:00Z', 'at', '0001-01-01T00:00:00Z')).toEqual(expect.objectContaining({ code: 'invalid-time', field: 'now' }));
  });
});

describe('the policy in force', () => {
  const builtIn: VersionedPolicy = { version: 1, effectiveFrom: '1970-01-01T00:00:00.000Z' };
  const v2: VersionedPolicy = { version: 2, effectiveFrom: '2026-07-01T00:00:00+08:00' };
  const v3: VersionedPolicy = { version: 3, effectiveFrom: '2027-01-01T00:00:00.000Z' };
  const v4: VersionedPolicy = { version: 4, effectiveFrom: '2027-01-01T00:00:00.000Z' };

  it('is the built-in one before any adopted version takes effect', () => {
    expect(policyInForce(builtIn, [], '2030-01-01T00:00:00.000Z')).toBe(builtIn);
    expect(policyInForce(builtIn, [v2], '2026-06-30T15:59:59.999Z')).toBe(builtIn);
  });

  it('is the version that took effect last at or before the instant, comparing instants not text', () => {
    expect(policyInForce(builtIn, [v2, v3], '2026-06-30T16:00:00.000Z')).toBe(v2);
    expect(policyInForce(builtIn, [v3, v2], '2027-01-01T00:00:00.000Z')).toBe(v3);
  });

  it('is the higher version of two that take effect together, in whatever order they come', () => {
    expect(policyInForce(builtIn, [v4, v3, v2], '2027-02-01T00:00:00.000Z')).toBe(v4);
    expect(policyInForce(builtIn, [v2, v3, v4], '2027-02-01T00:00:00.000Z')).toBe(v4);
  });

  it('is followed by the next version, one above the latest, the built-in one counting', () => {
    expect(latestPolicy(builtIn, [])).toBe(builtIn);
    expect(nextPolicyVersion(builtIn, [])).toBe(2);
    expect(latestPolicy(builtIn, [v3, v2])).toBe(v3);
    expect(nextPolicyVersion(builtIn, [v3, v2])).toBe(4);
    expect(nextPolicyVersion({ version: 0, effectiveFrom: builtIn.effectiveFrom }, [])).toBe(1);
  });
});
