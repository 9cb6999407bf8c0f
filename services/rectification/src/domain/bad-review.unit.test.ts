import type { BadReviewEvent } from '@ledger/events';
import { given } from '@ledger/decider/testing';
import { describe, expect, it } from 'vitest';
import { badReviewDecider } from './bad-review.ts';

// SPEC 11: a bad-review case, verified by the liaison (the evaluation office may overrule), a justified one
// opening an item, the call-back only once that item is completed, overdue once.

const now = '2026-10-20T12:00:00+08:00';
const opened: BadReviewEvent = {
  type: 'BadReviewOpened',
  data: {
    badReviewId: 'b1', transactionId: 't1', departmentId: 'd1', level: 1, ratedAt: '2026-09-25T10:00:00+08:00',
    verifyBy: '2026-10-09T00:00:00+08:00', yearsWithoutCalendar: [], at: '2026-09-25T10:00:01+08:00',
  },
};
const verify = { type: 'Verify' as const, note: 'n', now, rectificationId: 'bad-review-b1', rectifyBy: '2026-10-27T00:00:00+08:00', policyVersion: 2 };
const justified: BadReviewEvent = {
  type: 'BadReviewVerified',
  data: { badReviewId: 'b1', departmentId: 'd1', justified: true, note: 'n', by: 'department-liaison', overrules: false, onTime: true, rectificationId: 'bad-review-b1', rectifyBy: '2026-10-27T00:00:00+08:00', policyVersion: 2, at: '2026-09-28T10:00:00+08:00' },
};
const rectified: BadReviewEvent = { type: 'BadReviewRectified', data: { badReviewId: 'b1', rectificationId: 'bad-review-b1', at: '2026-10-10T10:00:00+08:00' } };

describe('bad-review case', () => {
  it('only a rating of level 1 or 2 opens a case', () => {
    const { type: _type, ...data } = { type: 'Open' as const, ...opened.data };
    given(badReviewDecider).when({ type: 'Open', ...data }).thenEvents(opened);
    given(badReviewDecider).when({ type: 'Open', ...data, level: 3 }).thenError({ kind: 'rule', code: 'not-a-bad-review', field: 'level' });
  });

  it('the liaison verifies once; a justified verdict names the item it opens; the office may overrule', () => {
    given(badReviewDecider, opened).when({ ...verify, by: 'department-liaison', justified: true, at: '2026-09-28T10:00:00+08:00' }).thenEvents(justified);
    given(badReviewDecider, opened, justified).when({ ...verify, by: 'department-liaison', justified: false, at: now }).thenError({ kind: 'conflict', code: 'bad-review-already-verified' });
    given(badReviewDecider, opened)
      .when({ ...verify, by: 'department-liaison', justified: false, at: '2026-10-12T10:00:00+08:00' })
      .thenEvents({ type: 'BadReviewVerified', data: { badReviewId: 'b1', departmentId: 'd1', justified: false, note: 'n', by: 'department-liaison', overrules: false, onTime: false, at: '2026-10-12T10:00:00+08:00' } });
    const unjustified: BadReviewEvent = { type: 'BadReviewVerified', data: { badReviewId: 'b1', departmentId: 'd1', justified: false, note: 'n', by: 'department-liaison', overrules: false, onTime: true, at: '2026-09-28T10:00:00+08:00' } };
    given(badReviewDecider, opened, unjustified)
      .when({ ...verify, by: 'evaluation-office', justified: true, at: '2026-10-12T10:00:00+08:00' })
      .thenEvents({ type: 'BadReviewVerified', data: { ...justified.data, by: 'evaluation-office', overrules: true, onTime: false, at: '2026-10-12T10:00:00+08:00' } });
  });

  it('no call-back before the item is completed; one after', () => {
    given(badReviewDecider, opened, justified).when({ type: 'CallBack', result: 'satisfied', at: now, now }).thenError({ kind: 'conflict', code: 'bad-review-not-rectified' });
    given(badReviewDecider, opened, justified).when({ type: 'MarkRectified', rectificationId: 'bad-review-b1', at: '2026-10-10T10:00:00+08:00' }).thenEvents(rectified);
    given(badReviewDecider, opened, justified, rectified).when({ type: 'MarkRectified', rectificationId: 'bad-review-b1', at: now }).thenNothing();
    given(badReviewDecider, opened, justified, rectified)
      .when({ type: 'CallBack', result: 'satisfied', at: now, now })
      .thenEvents({ type: 'BadReviewCalledBack', data: { badReviewId: 'b1', result: 'satisfied', at: now } });
  });

  it('overdue once when not verified by its deadline', () => {
    const overdue: BadReviewEvent = { type: 'BadReviewOverdue', data: { badReviewId: 'b1', departmentId: 'd1', verifyBy: '2026-10-09T00:00:00+08:00', at: now } };
    given(badReviewDecider, opened).when({ type: 'MarkOverdue', now }).thenEvents(overdue);
    given(badReviewDecider, opened, overdue).when({ type: 'MarkOverdue', now }).thenNothing();
    given(badReviewDecider, opened).when({ type: 'MarkOverdue', now: '2026-10-08T23:00:00+08:00' }).thenNothing();
    given(badReviewDecider, opened, justified).when({ type: 'MarkOverdue', now }).thenNothing();
  });

  describe('a calendar recorded after the case opened moves its deadline, by an event', () => {
    // Rated Friday 25 Sep 2026 with no 2026 calendar: 5 working days by weekends alone end on Friday 2 Oct.
    const weekendsOnly: BadReviewEvent = { type: 'BadReviewOpened', data: { ...opened.data, verifyBy: '2026-10-03T00:00:00+08:00', yearsWithoutCalendar: [2026], policyVersion: 1, verificationWorkingDays: 5 } };
    const move = { type: 'MoveDeadline' as const, verifyBy: '2026-10-09T00:00:00+08:00', yearsWithoutCalendar: [], calendarYear: 2026, calendarVersion: 1, at: '2026-09-26T09:00:00+08:00' };
    const moved: BadReviewEvent = {
      type: 'BadReviewDeadlineMoved',
      data: { badReviewId: 'b1', departmentId: 'd1', previousVerifyBy: '2026-10-03T00:00:00+08:00', verifyBy: '2026-10-09T00:00:00+08:00', calendarYear: 2026, calendarVersion: 1, yearsWithoutCalendar: [], at: '2026-09-26T09:00:00+08:00' },
    };

    it('records the new deadline beside the one it replaces; the same deadline again records nothing', () => {
      given(badReviewDecider, weekendsOnly).when(move).thenEvents(moved);
      given(badReviewDecider, weekendsOnly, moved).when(move).thenNothing();
      given(badReviewDecider, weekendsOnly).when({ ...move, verifyBy: '2026-10-02T16:00:00.000Z' }).thenNothing();
    });

    it('the moved deadline is the one verification and overdue are judged by', () => {
      given(badReviewDecider, weekendsOnly, moved).when({ type: 'MarkOverdue', now: '2026-10-05T09:00:00+08:00' }).thenNothing();
      given(badReviewDecider, weekendsOnly, moved)
        .when({ ...verify, by: 'department-liaison', justified: false, at: '2026-10-08T10:00:00+08:00', now })
        .thenEvents({ type: 'BadReviewVerified', data: { badReviewId: 'b1', departmentId: 'd1', justified: false, note: 'n', by: 'department-liaison', overrules: false, onTime: true, at: '2026-10-08T10:00:00+08:00' } });
    });

    it('leaves a verified case and one already marked overdue as they were', () => {
      given(badReviewDecider, weekendsOnly, justified).when(move).thenNothing();
      const overdue: BadReviewEvent = { type: 'BadReviewOverdue', data: { badReviewId: 'b1', departmentId: 'd1', verifyBy: '2026-10-03T00:00:00+08:00', at: '2026-10-05T09:00:00+08:00' } };
      given(badReviewDecider, weekendsOnly, overdue).when(move).thenNothing();
    });

    it('reads a case opened before deadlines were policy as 5 working days', () => {
      expect(badReviewDecider.evolve(undefined, opened)?.verificationWorkingDays).toBe(5);
      expect(badReviewDecider.evolve(undefined, { type: 'BadReviewOpened', data: { ...opened.data, verificationWorkingDays: 3 } })?.verificationWorkingDays).toBe(3);
    });
  });
});
