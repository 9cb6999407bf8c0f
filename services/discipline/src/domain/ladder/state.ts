import type { CountedOutcome, ImposedMeasure, SanctionConsequence, SanctionStatus } from '@ledger/events';
import type { PersonEvent, SanctionCarriedOutEvent, SanctionDecidedEvent, SanctionRescindedEvent, SanctionSupportChangedEvent } from '../events.ts';

/** A complaint as the ladder sees it: the outcome in force for this person and when it was found. */
export interface CountedComplaint {
  complaintId: string;
  receivedAt: string;
  outcome: CountedOutcome;
  foundAt: string;
  /** Revision of the complaint event it was last counted from: older complaint events are stale. */
  revision: number;
}

export interface SanctionRecord {
  sanctionId: string;
  personId: string;
  step: number;
  /** Absent for dismissal (step 5). */
  year?: number;
  consequences: SanctionConsequence[];
  complaintIds: string[];
  triggeredBy: string;
  policyVersion: number;
  threshold: number;
  windowMonths?: number;
  windowBounds?: 'inclusive' | 'exclusive';
  decidedAt: string;
  status: SanctionStatus;
  carriedOut?: { by: string; note?: string; at: string };
  /** Step 4's measure, chosen when carried out (SPEC 4.6). */
  imposed?: ImposedMeasure;
  imposedNote?: string;
  rescinded?: { reason: string; complaintId?: string; at: string };
  /** The last change of the complaints that support it (SPEC 4.4), when one happened. */
  supportChanged?: { previousComplaintIds: string[]; reason: string; at: string };
}

/** A referral to the disciplinary inspection process (SPEC 4.7). */
export interface ReferralRecord {
  referralId: string;
  personId: string;
  complaintId: string;
  receivedAt: string;
  openedAt: string;
  status: 'open' | 'decided';
  outcome?: 'sanctioned' | 'no-sanction';
  sanction?: string;
  reference?: string;
  decidedBy?: string;
  decidedAt?: string;
}

/** A person's ladder, folded from their stream. */
export interface LadderState {
  personId?: string;
  /** By complaint id, in the order first counted. */
  complaints: ReadonlyMap<string, CountedComplaint>;
  /** Complaint events already counted: a redelivery of one is a no-op. */
  sourceEventIds: ReadonlySet<string>;
  /** Every sanction ever decided, in decision order; rescinded ones stay. */
  sanctions: readonly SanctionRecord[];
  /** Referrals opened by valid-violation findings, in the order opened. */
  referrals: readonly ReferralRecord[];
}

export const initialLadderState: LadderState = { complaints: new Map(), sourceEventIds: new Set(), sanctions: [], referrals: [] };

/** Steps 1-4 are keyed by year and step; dismissal has one key: at most one of each is in force. */
export const sanctionKey = (step: number, year: number | undefined): string =>
  year === undefined ? 'dismissal' : `${year}:step-${step}`;

export const keyOf = (sanction: Pick<SanctionRecord, 'step' | 'year'>): string => sanctionKey(sanction.step, sanction.year);

export const isInForce = (sanction: SanctionRecord): boolean => sanction.status !== 'rescinded';

export type SanctionEvent = SanctionDecidedEvent | SanctionCarriedOutEvent | SanctionRescindedEvent | SanctionSupportChangedEvent;

/**
 * One sanction after one of its events: decided (pending), carried out, or rescinded (a carried-out one stays on
 * record, marked rescinded). Undefined for a step on a sanction not yet decided. The ladder and the sanction list
 * both keep sanctions this way.
 */
export function evolveSanction<Sanction extends SanctionRecord>(sanction: Sanction | undefined, event: SanctionEvent): SanctionRecord | Sanction | undefined {
  switch (event.type) {
    case 'SanctionDecided':
      return { ...event.data, status: 'pending' };
    case 'SanctionCarriedOut': {
      if (!sanction) return undefined;
      const { by, note, at, imposed, imposedNote } = event.data;
      return {
        ...sanction,
        status: 'carried-out',
        carriedOut: { by, ...(note === undefined ? {} : { note }), at },
        ...(imposed === undefined ? {} : { imposed }),
        ...(imposedNote === undefined ? {} : { imposedNote }),
      };
    }
    case 'SanctionSupportChanged': {
      if (!sanction) return undefined;
      const { complaintIds, previousComplaintIds, reason, at } = event.data;
      return { ...sanction, complaintIds, supportChanged: { previousComplaintIds, reason, at } };
    }
    case 'SanctionRescinded': {
      if (!sanction) return undefined;
      const { reason, complaintId, at } = event.data;
      return { ...sanction, status: 'rescinded', rescinded: { reason, ...(complaintId === undefined ? {} : { complaintId }), at } };
    }
  }
}

export function evolveLadder(state: LadderState, event: PersonEvent): LadderState {
  switch (event.type) {
    case 'FindingCounted': {
      const { personId, complaintId, receivedAt, outcome, foundAt, sourceEventId, complaintRevision } = event.data;
      return {
        ...state,
        personId,
        complaints: new Map(state.complaints).set(complaintId, { complaintId, receivedAt, outcome, foundAt, revision: complaintRevision }),
        sourceEventIds: new Set(state.sourceEventIds).add(sourceEventId),
      };
    }
    case 'SanctionDecided':
      return { ...state, personId: event.data.personId, sanctions: [...state.sanctions, evolveSanction(undefined, event)!] };
    case 'SanctionCarriedOut':
    case 'SanctionRescinded':
    case 'SanctionSupportChanged':
      return {
        ...state,
        sanctions: state.sanctions.map((sanction) => (sanction.sanctionId === event.data.sanctionId ? evolveSanction(sanction, event)! : sanction)),
      };
    case 'ReferralOpened': {
      const { referralId, personId, complaintId, receivedAt, at } = event.data;
      return { ...state, personId, referrals: [...state.referrals, { referralId, personId, complaintId, receivedAt, openedAt: at, status: 'open' }] };
    }
    case 'ReferralDecided': {
      const { referralId, outcome, sanction, reference, by, at } = event.data;
      return {
        ...state,
        referrals: state.referrals.map((referral) =>
          referral.referralId === referralId
            ? { ...referral, status: 'decided', outcome, ...(sanction === undefined ? {} : { sanction }), reference, decidedBy: by, decidedAt: at }
            : referral,
        ),
      };
    }
    case 'PersonHistoryRead':
      return state;
  }
}

export const foldLadder = (events: Iterable<PersonEvent>, state: LadderState = initialLadderState): LadderState => {
  let folded = state;
  for (const event of events) folded = evolveLadder(folded, event);
  return folded;
};
