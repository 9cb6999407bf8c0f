import { calendarIn } from '@ledger/calendar';
import { given } from '@ledger/decider/testing';
import { describe, expect, it } from 'vitest';
import { countFindingDecider, decideReferralDecider } from '../deciders.ts';
import type { PersonEvent } from '../events.ts';
import type { CountFinding } from './count-finding.ts';

// SPEC 4.7: a valid-violation finding opens a referral to the disciplinary inspection process, which does not
// count on the ladder; the disciplinary official records its outcome, and the history shows both.

const calendar = calendarIn('Asia/Shanghai');
const violation: CountFinding = {
  personId: 'p-1',
  complaintId: 'c-1',
  receivedAt: '2026-03-03T10:00:00+08:00',
  outcome: 'valid-violation',
  foundAt: '2026-03-10T10:00:00+08:00',
  sourceEventId: 'e-finding',
  complaintRevision: 3,
  policies: [],
  calendar,
};
const counted: PersonEvent = {
  type: 'FindingCounted',
  data: {
    personId: 'p-1',
    complaintId: 'c-1',
    receivedAt: violation.receivedAt,
    outcome: 'valid-violation',
    foundAt: violation.foundAt,
    sourceEventId: 'e-finding',
    complaintRevision: 3,
  },
};
const referralId = 'referral:p-1:c-1:1';
const opened: PersonEvent = {
  type: 'ReferralOpened',
  data: { referralId, personId: 'p-1', complaintId: 'c-1', receivedAt: violation.receivedAt, at: violation.foundAt },
};
const outcome = { referralId, outcome: 'sanctioned' as const, sanction: '记过', reference: '纪决〔2026〕12号', by: 'official-1', at: '2026-04-01T10:00:00+08:00', now: '2026-04-02T00:00:00+08:00' };

describe('referrals (SPEC 4.7)', () => {
  it('given no history, when a valid-violation finding is counted, then a referral opens and no sanction', () => {
    given(countFindingDecider).when(violation).thenEvents(counted, opened);
  });

  it('given an open referral, when the same complaint is found a violation again on redo, then no second referral', () => {
    given(countFindingDecider, counted, opened, { ...counted, data: { ...counted.data, outcome: 'invalid', sourceEventId: 'e-x', complaintRevision: 4 } })
      .when({ ...violation, sourceEventId: 'e-redo', complaintRevision: 5 })
      .thenEvents({ ...counted, data: { ...counted.data, sourceEventId: 'e-redo', complaintRevision: 5 } });
  });

  it('given an open referral, when the official records the sanction imposed, then it is decided with its reference', () => {
    const state = given(decideReferralDecider, counted, opened)
      .when(outcome)
      .thenEvents({
        type: 'ReferralDecided',
        data: { referralId, personId: 'p-1', complaintId: 'c-1', outcome: 'sanctioned', sanction: '记过', reference: '纪决〔2026〕12号', by: 'official-1', at: outcome.at },
      });
    expect(state.referrals).toEqual([
      expect.objectContaining({ referralId, status: 'decided', outcome: 'sanctioned', sanction: '记过', reference: '纪决〔2026〕12号' }),
    ]);
  });

  it('given a decided referral, when an outcome is recorded again, then 409', () => {
    const decided: PersonEvent = { type: 'ReferralDecided', data: { referralId, personId: 'p-1', complaintId: 'c-1', outcome: 'no-sanction', reference: 'r-1', by: 'o', at: outcome.at } };
    given(decideReferralDecider, counted, opened, decided).when(outcome).thenError({ kind: 'conflict', code: 'referral-already-decided' });
  });

  it.each([
    ['an unknown referral', { referralId: 'referral:x' }, { kind: 'not-found', code: 'referral-not-found', field: 'referralId' }],
    ['sanctioned without the sanction', { sanction: undefined }, { kind: 'rule', code: 'sanction-required', field: 'sanction' }],
    ['no sanction naming one', { outcome: 'no-sanction' }, { kind: 'rule', code: 'sanction-without-sanction', field: 'sanction' }],
    ['no reference', { reference: ' ' }, { kind: 'rule', code: 'invalid-reference', field: 'reference' }],
    ['a time before the referral', { at: '2026-03-01T00:00:00+08:00' }, { kind: 'rule', code: 'decided-before-opened', field: 'at' }],
    ['a time in the future', { at: '2026-05-01T00:00:00+08:00' }, { kind: 'rule', code: 'future-business-time', field: 'at' }],
  ] as const)('refuses %s', (_name, change, error) => {
    given(decideReferralDecider, counted, opened).when({ ...outcome, ...change }).thenError(error);
  });
});
