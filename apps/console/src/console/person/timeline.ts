import type { PersonHistory } from '../../api/undocumented-answers.ts';
import { localYearOf } from '../../shared/time.ts';

type Complaint = PersonHistory['complaints'][number];
type Sanction = PersonHistory['sanctions'][number];
type Referral = NonNullable<PersonHistory['referrals']>[number];
type Warning = NonNullable<PersonHistory['efficiencyWarnings']>[number];
type Talk = NonNullable<PersonHistory['bottomRankTalks']>[number];

/** One line of a person's timeline; `at` orders it within its year (a talk of a year has none: it comes last). */
export type TimelineEntry =
  | { kind: 'complaint'; at: string; year: number; complaint: Complaint; referral?: Referral }
  | { kind: 'sanction'; at: string; year: number; sanction: Sanction }
  | { kind: 'warning'; at: string; year: number; warning: Warning }
  | { kind: 'talk'; at?: undefined; year: number; talk: Talk };

export interface TimelineYear {
  year: number;
  validCount: number;
  /** Newest first. */
  entries: TimelineEntry[];
}

/**
 * The history as a timeline across years, newest year first (what an official reads first), each year's
 * entries newest first. Complaints sit in the ledger-local year they were received in, the year they count in;
 * a referral is shown on the complaint whose finding opened it.
 */
export function timelineOf(history: PersonHistory): TimelineYear[] {
  const referralOf = new Map((history.referrals ?? []).map((referral) => [referral.complaintId, referral]));
  const entries: TimelineEntry[] = [
    ...history.complaints.map((complaint): TimelineEntry => {
      const referral = referralOf.get(complaint.complaintId);
      return { kind: 'complaint', at: complaint.receivedAt, year: localYearOf(complaint.receivedAt), complaint, ...(referral ? { referral } : {}) };
    }),
    ...history.sanctions.map((sanction): TimelineEntry => ({ kind: 'sanction', at: sanction.decidedAt, year: sanction.year ?? localYearOf(sanction.decidedAt), sanction })),
    ...(history.efficiencyWarnings ?? []).map((warning): TimelineEntry => ({ kind: 'warning', at: warning.issuedAt, year: localYearOf(warning.issuedAt), warning })),
    ...(history.bottomRankTalks ?? []).map((talk): TimelineEntry => ({ kind: 'talk', year: talk.year, talk })),
  ];
  const years = [...new Set([...entries.map((entry) => entry.year), ...Object.keys(history.validCounts.byYear).map(Number)])].toSorted((a, b) => b - a);
  const newestFirst = (a: TimelineEntry, b: TimelineEntry) => (a.at === undefined ? -1 : b.at === undefined ? 1 : Date.parse(b.at) - Date.parse(a.at));
  return years.map((year) => ({
    year,
    validCount: history.validCounts.byYear[String(year)] ?? 0,
    entries: entries.filter((entry) => entry.year === year).toSorted(newestFirst),
  }));
}
