import { describe, expect, it } from 'vitest';
import { decideRecordHistoryRead, type RecordHistoryRead } from './record-read.ts';

const read: RecordHistoryRead = {
  personId: 'p-1',
  reader: 'disciplinary-official:o-1',
  reason: '  annual review  ',
  at: '2026-05-01T00:00:00.000Z',
  now: '2026-05-01T00:00:00.000Z',
};

describe('recording a history read', () => {
  it('records who read, the trimmed reason, and when', () => {
    expect(decideRecordHistoryRead(read)).toEqual({
      ok: true,
      events: [{ type: 'PersonHistoryRead', data: { personId: 'p-1', reader: 'disciplinary-official:o-1', reason: 'annual review', at: read.at } }],
    });
  });

  it('records a read without a stated reason, without one', () => {
    const { reason: _reason, ...unexplained } = read;
    expect(decideRecordHistoryRead(unexplained)).toEqual({
      ok: true,
      events: [{ type: 'PersonHistoryRead', data: { personId: 'p-1', reader: 'disciplinary-official:o-1', at: read.at } }],
    });
  });

  it('records the instant of an as-of read', () => {
    const decision = decideRecordHistoryRead({ ...read, asOf: '2026-01-01T00:00:00+08:00' });
    expect(decision.ok && decision.events[0]!.data.asOf).toBe('2026-01-01T00:00:00+08:00');
  });

  it.each([
    ['an as-of instant that is not one', { asOf: 'yesterday' }, 'invalid-time', 'asOf'],
    ['a blank reason', { reason: '   ' }, 'invalid-reason', 'reason'],
    ['a reason of over 2000 characters', { reason: 'x'.repeat(2_001) }, 'invalid-reason', 'reason'],
    ['no reader', { reader: '' }, 'invalid-reader', 'reader'],
    ['a future time', { at: '2026-05-02T00:00:00.000Z' }, 'future-business-time', 'at'],
  ] as const)('refuses %s', (_name, change, code, field) => {
    expect(decideRecordHistoryRead({ ...read, ...change })).toEqual({ ok: false, error: expect.objectContaining({ kind: 'rule', code, field }) });
  });
});
