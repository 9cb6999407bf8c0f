import type { CountedComplaint, LadderState, ReferralRecord, SanctionRecord } from '../domain/index.ts';
import { initialLadderState } from '../domain/index.ts';

/** A person's ladder as a read model stores it: plain JSON, enough to answer every history question. */
export interface LadderSnapshot {
  /** Every complaint counted for the person, with its outcome in force. */
  complaints: CountedComplaint[];
  /** Every sanction ever decided, in decision order, with its status. */
  sanctions: SanctionRecord[];
  /** Referrals to the disciplinary inspection process (SPEC 4.7); absent in snapshots stored before them. */
  referrals?: ReferralRecord[];
}

export const emptyLadderSnapshot: LadderSnapshot = { complaints: [], sanctions: [], referrals: [] };

export const snapshotOfLadder = (state: LadderState): LadderSnapshot => ({
  complaints: [...state.complaints.values()],
  sanctions: [...state.sanctions],
  referrals: [...state.referrals],
});

/** The ladder state the domain's read helpers take; `sourceEventIds` is left empty (only deciding needs it). */
export function ladderOfSnapshot(snapshot: LadderSnapshot | undefined, personId: string): LadderState {
  if (!snapshot) return { ...initialLadderState, personId };
  return {
    personId,
    complaints: new Map(snapshot.complaints.map((complaint) => [complaint.complaintId, complaint])),
    sourceEventIds: new Set(),
    sanctions: snapshot.sanctions,
    referrals: snapshot.referrals ?? [],
  };
}
