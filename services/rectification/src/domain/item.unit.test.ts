import { given } from '@ledger/decider/testing';
import { describe, it } from 'vitest';
import { type ItemEvent, itemDecider } from './item.ts';

// SPEC 10: a rectification item's states, and one overdue event (with the efficiency warning) per missed deadline.

const now = '2026-06-30T12:00:00+08:00';
const opened: ItemEvent = {
  type: 'RectificationOpened',
  data: {
    rectificationId: 'r1', departmentId: 'd1', source: { kind: 'inspection', ref: 'i1' }, problem: 'p', measure: 'm', target: 't',
    deadline: '2026-06-01T00:00:00+08:00', responsiblePersonId: 'p1', at: '2026-05-01T09:00:00+08:00',
  },
};
const completed: ItemEvent = { type: 'RectificationCompleted', data: { rectificationId: 'r1', departmentId: 'd1', source: { kind: 'inspection', ref: 'i1' }, evidence: 'e', at: '2026-05-20T09:00:00+08:00' } };

describe('rectification item', () => {
  it('opens once; a deadline before the opening is refused', () => {
    const { type: _type, ...data } = { type: 'Open' as const, ...opened.data };
    given(itemDecider).when({ type: 'Open', ...data, now }).thenEvents(opened);
    given(itemDecider, opened).when({ type: 'Open', ...data, now }).thenError({ kind: 'already-exists', code: 'rectification-exists' });
    given(itemDecider).when({ type: 'Open', ...data, deadline: '2026-04-01T00:00:00+08:00', now }).thenError({ kind: 'rule', code: 'deadline-before-opening', field: 'deadline' });
    given(itemDecider).when({ type: 'Open', ...data, at: '2026-07-01T00:00:00+08:00', now }).thenError({ kind: 'rule', code: 'future-business-time', field: 'at' });
  });

  it('progress, completion, sending back and verification, on time by the deadline', () => {
    given(itemDecider, opened)
      .when({ type: 'Progress', note: 'n', at: '2026-05-10T09:00:00+08:00', now })
      .thenEvents({ type: 'RectificationProgressed', data: { rectificationId: 'r1', note: 'n', at: '2026-05-10T09:00:00+08:00' } });
    given(itemDecider, opened).when({ type: 'Verify', accepted: true, note: 'x', at: now, now }).thenError({ kind: 'conflict', code: 'rectification-not-completed' });
    given(itemDecider, opened, completed)
      .when({ type: 'Verify', accepted: false, note: 'no', at: '2026-05-21T09:00:00+08:00', now })
      .thenEvents({ type: 'RectificationSentBack', data: { rectificationId: 'r1', note: 'no', at: '2026-05-21T09:00:00+08:00' } });
    given(itemDecider, opened, completed)
      .when({ type: 'Verify', accepted: true, note: 'ok', at: '2026-05-31T23:59:59+08:00', now })
      .thenEvents({ type: 'RectificationVerified', data: { rectificationId: 'r1', note: 'ok', onTime: true, at: '2026-05-31T23:59:59+08:00' } });
    given(itemDecider, opened, completed)
      .when({ type: 'Verify', accepted: true, note: 'late', at: '2026-06-02T09:00:00+08:00', now })
      .thenEvents({ type: 'RectificationVerified', data: { rectificationId: 'r1', note: 'late', onTime: false, at: '2026-06-02T09:00:00+08:00' } });
    given(itemDecider, opened, completed).when({ type: 'Progress', note: 'n', at: now, now }).thenError({ kind: 'conflict', code: 'rectification-not-in-progress' });
  });

  it('overdue once past the deadline, with an efficiency warning to the responsible person; never before, never when verified', () => {
    const overdue: ItemEvent = { type: 'RectificationOverdue', data: { rectificationId: 'r1', departmentId: 'd1', deadline: '2026-06-01T00:00:00+08:00', at: now } };
    const warning: ItemEvent = { type: 'EfficiencyWarningIssued', data: { personId: 'p1', rectificationId: 'r1', departmentId: 'd1', issuedAt: now } };
    given(itemDecider, opened).when({ type: 'MarkOverdue', now }).thenEvents(overdue, warning);
    given(itemDecider, opened, overdue, warning).when({ type: 'MarkOverdue', now }).thenNothing();
    given(itemDecider, opened).when({ type: 'MarkOverdue', now: '2026-05-31T23:00:00+08:00' }).thenNothing();
    given(itemDecider, opened, completed, { type: 'RectificationVerified', data: { rectificationId: 'r1', note: 'ok', onTime: true, at: '2026-05-25T09:00:00+08:00' } })
      .when({ type: 'MarkOverdue', now })
      .thenNothing();
  });

  describe('a calendar recorded after the item opened moves a deadline counted in working days, by an event', () => {
    // A justified bad review verified Monday 13 April 2026, 5 working days by weekends alone: 14–17 and 20 April.
    const badReviewItem: ItemEvent = {
      type: 'RectificationOpened',
      data: {
        rectificationId: 'r2', departmentId: 'd1', source: { kind: 'bad-review', ref: 'b1' }, problem: 'p', measure: 'm', target: 't',
        deadline: '2026-04-21T00:00:00+08:00', responsiblePersonId: 'p1', policyVersion: 1, workingDays: 5, deadlineFrom: '2026-04-13T10:00:00+08:00', at: '2026-04-13T10:00:00+08:00',
      },
    };
    // The 2026 calendar makes Wednesday 15 April a holiday: the 5th working day is Tuesday 21 April.
    const move = { type: 'MoveDeadline' as const, deadline: '2026-04-22T00:00:00+08:00', yearsWithoutCalendar: [], calendarYear: 2026, calendarVersion: 1, at: '2026-04-14T09:00:00+08:00' };
    const moved: ItemEvent = {
      type: 'RectificationDeadlineMoved',
      data: { rectificationId: 'r2', departmentId: 'd1', previousDeadline: '2026-04-21T00:00:00+08:00', deadline: '2026-04-22T00:00:00+08:00', calendarYear: 2026, calendarVersion: 1, yearsWithoutCalendar: [], at: '2026-04-14T09:00:00+08:00' },
    };
    const completedR2: ItemEvent = { type: 'RectificationCompleted', data: { rectificationId: 'r2', departmentId: 'd1', source: { kind: 'bad-review', ref: 'b1' }, evidence: 'e', at: '2026-04-20T09:00:00+08:00' } };

    it('opens with its working days and their start, both or neither', () => {
      const { type: _type, ...data } = { type: 'Open' as const, ...badReviewItem.data };
      given(itemDecider).when({ type: 'Open', ...data, now }).thenEvents(badReviewItem);
      const { deadlineFrom: _from, ...withoutStart } = data;
      given(itemDecider).when({ type: 'Open', ...withoutStart, now }).thenError({ kind: 'rule', code: 'working-days-without-start', field: 'deadlineFrom' });
      given(itemDecider).when({ type: 'Open', ...data, deadlineFrom: 'monday', now }).thenError({ kind: 'rule', code: 'invalid-time', field: 'deadlineFrom' });
    });

    it('records the new deadline beside the one it replaces; the same deadline again records nothing', () => {
      given(itemDecider, badReviewItem).when(move).thenEvents(moved);
      given(itemDecider, badReviewItem, moved).when(move).thenNothing();
      // The same instant written in UTC is the same deadline.
      given(itemDecider, badReviewItem).when({ ...move, deadline: '2026-04-20T16:00:00.000Z' }).thenNothing();
      // A calendar that later drops the holiday moves it back, by another event.
      given(itemDecider, badReviewItem, moved)
        .when({ ...move, deadline: '2026-04-21T00:00:00+08:00', calendarVersion: 2 })
        .thenEvents({ type: 'RectificationDeadlineMoved', data: { ...moved.data, previousDeadline: '2026-04-22T00:00:00+08:00', deadline: '2026-04-21T00:00:00+08:00', calendarVersion: 2 } } as ItemEvent);
    });

    it('the moved deadline is the one verification and overdue are judged by', () => {
      given(itemDecider, badReviewItem, moved).when({ type: 'MarkOverdue', now: '2026-04-21T12:00:00+08:00' }).thenNothing();
      given(itemDecider, badReviewItem, moved, completedR2)
        .when({ type: 'Verify', accepted: true, note: 'ok', at: '2026-04-21T12:00:00+08:00', now })
        .thenEvents({ type: 'RectificationVerified', data: { rectificationId: 'r2', note: 'ok', onTime: true, at: '2026-04-21T12:00:00+08:00' } });
      given(itemDecider, badReviewItem, moved)
        .when({ type: 'MarkOverdue', now: '2026-04-22T09:00:00+08:00' })
        .thenEvents(
          { type: 'RectificationOverdue', data: { rectificationId: 'r2', departmentId: 'd1', deadline: '2026-04-22T00:00:00+08:00', at: '2026-04-22T09:00:00+08:00' } },
          { type: 'EfficiencyWarningIssued', data: { personId: 'p1', rectificationId: 'r2', departmentId: 'd1', issuedAt: '2026-04-22T09:00:00+08:00' } },
        );
    });

    it('refuses to move a verified item, one already overdue, and a deadline not counted in working days', () => {
      const verified: ItemEvent = { type: 'RectificationVerified', data: { rectificationId: 'r2', note: 'ok', onTime: true, at: '2026-04-20T10:00:00+08:00' } };
      given(itemDecider, badReviewItem, completedR2, verified).when(move).thenError({ kind: 'conflict', code: 'rectification-already-verified' });
      const overdue: ItemEvent = { type: 'RectificationOverdue', data: { rectificationId: 'r2', departmentId: 'd1', deadline: '2026-04-21T00:00:00+08:00', at: '2026-04-21T09:00:00+08:00' } };
      given(itemDecider, badReviewItem, overdue).when(move).thenError({ kind: 'conflict', code: 'rectification-already-overdue' });
      given(itemDecider, opened).when(move).thenError({ kind: 'rule', code: 'rectification-deadline-not-working-days' });
      given(itemDecider).when(move).thenError({ kind: 'not-found', code: 'rectification-not-found' });
    });

    it('a completed item not yet verified still moves (its deadline is what verification is judged by)', () => {
      given(itemDecider, badReviewItem, completedR2).when(move).thenEvents(moved);
    });
  });
});
