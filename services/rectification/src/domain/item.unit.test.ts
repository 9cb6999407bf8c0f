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
});
