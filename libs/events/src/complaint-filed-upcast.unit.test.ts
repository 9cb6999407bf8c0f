import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { legacyTrackingCodeDigest } from './complaints.ts';
import { upcast } from './catalogue.ts';
import { sha256Hex } from './sha256.ts';

describe('ComplaintFiled v1 and v2 (tracking code in clear) read as v3', () => {
  it('hashes like node:crypto, for every length around a block boundary and for Chinese text', () => {
    for (const text of ['', 'abc', 'ABCD-EFGH-JKLM', '投诉编号', 'x'.repeat(55), 'x'.repeat(56), 'y'.repeat(64), 'z'.repeat(200)]) {
      expect(sha256Hex(text)).toBe(createHash('sha256').update(text).digest('hex'));
    }
  });

  it('given a stored v1 filing, when it is read, then it carries only the digest of its code', () => {
    const v1 = {
      complaintId: 'c-old',
      trackingCode: 'ABCD-EFGH-JKLM',
      channel: 'web',
      departmentId: 'd',
      category: 'other',
      summary: 'An old filing',
      receivedAt: '2025-01-02T03:04:05+08:00',
    };
    const read = upcast('ComplaintFiled', 1, v1);
    expect(read.schemaVersion).toBe(3);
    const { trackingCode: _code, ...rest } = v1;
    expect(read.data).toEqual({ ...rest, trackingCodeDigest: legacyTrackingCodeDigest('abcd-efgh-jklm') });
    expect(JSON.stringify(read.data)).not.toContain('ABCD-EFGH-JKLM');
  });

  it('given a stored v2 filing (deadline set, code in clear), when it is read, then it keeps its deadline and carries only the digest', () => {
    const v2 = {
      complaintId: 'c-v2',
      trackingCode: 'WXYZ-2345-6789',
      channel: 'hotline-12345',
      departmentId: 'd',
      category: 'delay',
      summary: 'A filing with its deadline',
      receivedAt: '2025-03-02T03:04:05+08:00',
      handlingDays: 15,
      dueAt: '2025-03-17T16:00:00.000Z',
    };
    const read = upcast('ComplaintFiled', 2, v2);
    expect(read.schemaVersion).toBe(3);
    const { trackingCode: _code, ...rest } = v2;
    expect(read.data).toEqual({ ...rest, trackingCodeDigest: legacyTrackingCodeDigest('WXYZ-2345-6789') });
    expect(JSON.stringify(read.data)).not.toContain('WXYZ-2345-6789');
  });
});
