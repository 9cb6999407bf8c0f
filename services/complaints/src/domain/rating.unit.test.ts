import { describe, it } from 'vitest';
import type { ComplaintEvent } from '@ledger/events';
import { accepted, closed, complaintId, filed, found, given, reopened } from './scenario.testkit.ts';

// SPEC 3.5: the complainant rates the handling through the tracking code, once, after the close; 1-2 allows the one reopen.
const rateAt = '2026-03-12T20:00:00+08:00';
const rate = (satisfaction: number) => ({ type: 'RateHandling', satisfaction, at: rateAt }) as const;
const rated = (satisfaction: number): ComplaintEvent => ({
  type: 'ComplaintRatedByComplainant',
  data: { complaintId, respondentDepartmentId: 'dept-permits', channel: 'hotline-12345', satisfaction, at: rateAt },
});
const reopen = { type: 'ReopenComplaint', reason: 'The complainant says nothing changed.', handlingDays: 10, at: '2026-03-13T09:00:00+08:00' } as const;

describe('the complainant rating the handling', () => {
  it('is recorded once the complaint is closed', () => {
    given(filed, accepted(), found('valid'), closed(undefined)).when(rate(4)).thenEvents(rated(4));
  });

  it('is a conflict before the close', () => {
    given(filed).when(rate(4)).thenError({ kind: 'conflict', code: 'rating-before-close' });
    given(filed, accepted(), found('valid')).when(rate(4)).thenError({ kind: 'conflict', code: 'rating-before-close' });
  });

  it('is a conflict the second time, even after a reopen and a new close', () => {
    given(filed, accepted(), found('valid'), closed(undefined), rated(5)).when(rate(1)).thenError({ kind: 'conflict', code: 'already-rated' });
    given(filed, accepted(), found('valid'), closed(undefined), rated(2), reopened(), found('invalid', '2026-03-18T10:00:00+08:00'), closed(undefined, '2026-03-20T11:00:00+08:00'))
      .when({ ...rate(5), at: '2026-03-21T09:00:00+08:00' })
      .thenError({ kind: 'conflict', code: 'already-rated' });
  });

  it('refuses a level outside 1-5', () => {
    given(filed, accepted(), found('valid'), closed(undefined)).when(rate(6)).thenError({ kind: 'rule', code: 'invalid-satisfaction', field: 'satisfaction' });
  });

  it('of 1 or 2 allows the one reopen; 3 or better does not', () => {
    given(filed, accepted(), found('valid'), closed(undefined), rated(2)).when(reopen).thenEvents(reopened());
    given(filed, accepted(), found('valid'), closed(undefined), rated(3)).when(reopen).thenError({ kind: 'rule', code: 'reopen-needs-dissatisfaction' });
  });
});
