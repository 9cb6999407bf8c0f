import { describe, expect, it } from 'vitest';
import type { PersonHistory } from '../../api/undocumented-answers.ts';
import { timelineOf } from './timeline.ts';

const history: PersonHistory = {
  personId: 'p-1',
  complaints: [
    { complaintId: 'c-march', receivedAt: '2025-03-10T02:00:00Z', status: 'found', outcome: 'valid', departmentId: 'd' },
    // 31 December 18:00 UTC is 1 January 02:00 in Shanghai: it counts in 2026, the ledger's year.
    { complaintId: 'c-new-year', receivedAt: '2025-12-31T18:00:00Z', status: 'found', outcome: 'valid-violation', departmentId: 'd' },
    { complaintId: 'c-may', receivedAt: '2026-05-01T02:00:00Z', status: 'accepted', departmentId: 'd' },
  ],
  validCounts: { byYear: { '2025': 1, '2024': 0 }, last24Months: 1 },
  currentStep: 1,
  sanctions: [
    // Decided in January for a complaint of the year before: it sits in the year it counts in.
    { sanctionId: 's-1', step: 1, year: 2025, consequences: ['admonition-talk'], complaintIds: ['c-march'], policyVersion: 1, status: 'carried-out', decidedAt: '2026-01-05T02:00:00Z' },
  ],
  ratingCaps: { '2025': 'not-excellent' },
  referrals: [{ referralId: 'r-1', complaintId: 'c-new-year', status: 'open' }],
  efficiencyWarnings: [{ rectificationId: 'rect-1', issuedAt: '2026-06-01T02:00:00Z' }],
  bottomRankTalks: [{ year: 2026, departmentId: 'd' }],
};

describe('a person timeline', () => {
  it('groups the history by ledger-local year, newest first, with the year of valid complaints counted', () => {
    const years = timelineOf(history);
    expect(years.map(({ year, validCount }) => [year, validCount])).toEqual([
      [2026, 0],
      [2025, 1],
      [2024, 0],
    ]);
  });

  it('orders a year newest first, a talk of the year first, and puts a referral on the complaint that opened it', () => {
    const [y2026, y2025] = timelineOf(history);
    expect(y2026!.entries.map((entry) => entry.kind)).toEqual(['talk', 'warning', 'complaint', 'complaint']);
    expect(y2026!.entries.filter((entry) => entry.kind === 'complaint').map((entry) => [entry.complaint.complaintId, entry.referral?.referralId])).toEqual([
      ['c-may', undefined],
      ['c-new-year', 'r-1'],
    ]);
    expect(y2025!.entries.map((entry) => (entry.kind === 'sanction' ? entry.sanction.sanctionId : entry.kind === 'complaint' ? entry.complaint.complaintId : entry.kind))).toEqual([
      's-1',
      'c-march',
    ]);
  });

  it('places a dismissal, which counts in no year, in the year it was decided', () => {
    const dismissal = { ...history.sanctions[0]!, sanctionId: 's-5', step: 5, year: undefined, decidedAt: '2027-02-01T02:00:00Z' };
    const years = timelineOf({ ...history, sanctions: [dismissal] });
    expect(years[0]!.year).toBe(2027);
    expect(years[0]!.entries).toMatchObject([{ kind: 'sanction', sanction: { sanctionId: 's-5' } }]);
  });
});
