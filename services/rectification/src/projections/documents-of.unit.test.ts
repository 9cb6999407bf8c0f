import { readsLeftOutOfDocumentsOf, recordedAs } from '@ledger/testing';
import { describe, expect, it } from 'vitest';
import { badReviewStreamPrefix, rectificationStreamPrefix } from '../streams.ts';
import { rectificationListsProjection } from './rectification-lists.ts';

describe('the documents the rectification lists say an event touches', () => {
  it('name the item or case of every event, so a batch reads them in one go', async () => {
    const events = [
      recordedAs(`${badReviewStreamPrefix}b1`, 0, {
        type: 'BadReviewOpened',
        data: {
          badReviewId: 'b1', transactionId: 't1', departmentId: 'd1', level: 1, ratedAt: '2026-09-25T10:00:00+08:00',
          verifyBy: '2026-10-09T00:00:00+08:00', yearsWithoutCalendar: [], at: '2026-09-25T10:00:01+08:00',
        },
      }),
      recordedAs(`${rectificationStreamPrefix}r1`, 0, {
        type: 'RectificationOpened',
        data: {
          rectificationId: 'r1', departmentId: 'd1', source: { kind: 'inspection', ref: 'i1' }, problem: 'p', measure: 'm', target: 't',
          deadline: '2026-06-01T00:00:00+08:00', responsiblePersonId: 'p1', at: '2026-05-01T09:00:00+08:00',
        },
      }),
      recordedAs(`${rectificationStreamPrefix}r1`, 1, {
        type: 'RectificationCompleted',
        data: { rectificationId: 'r1', departmentId: 'd1', source: { kind: 'inspection', ref: 'i1' }, evidence: 'e', at: '2026-05-20T09:00:00+08:00' },
      }),
    ];
    expect(await readsLeftOutOfDocumentsOf(rectificationListsProjection, events)).toEqual([[], [], []]);
    // Without the hint, each of them is a read of its own.
    const { documentsOf: _hint, ...unhinted } = rectificationListsProjection;
    expect((await readsLeftOutOfDocumentsOf(unhinted, events)).map((reads) => reads.length)).toEqual([1, 1, 1]);
  });
});
