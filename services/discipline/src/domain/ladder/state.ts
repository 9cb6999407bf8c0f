import type { CountedOutcome, SanctionConsequence, SanctionStatus } from '@ledger/events';
import type { PersonEvent } from '../events.ts';

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
  decidedAt: string;
  status: SanctionStatus;
  carriedOut?: { by: string; note?: string; at: string };
  rescinded?: { reason: string; complaintId?: string; at: string };
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
}

export const initialLadderState: LadderState = { complaints: new Map(), sourceEventIds: new Set(), sanctions: [] };

/** Steps 1-4 are keyed by year and step; dismissal has one key: at most one of each is in force. */
export const sanctionKey = (step: number, year: number | undefined): string =>
  year === undefined ? 'dismissal' : `${year}:step-${step}`;

export const keyOf = (sanction: Pick<SanctionRecord, 'step' | 'year'>): string => sanctionKey(sanction.step, sanction.year);

export const isInForce = (sanction: SanctionRecord): boolean => sanction.status !== 'rescinded';

const updateSanction = (
  state: LadderState,
  sanctionId: string,
  change: (sanction: SanctionRecord) => SanctionRecord,
): LadderState => ({
  ...state,
  sanctions: state.sanctions.map((sanction) => (sanction.sanctionId === sanctionId ? change(sanction) : sanction)),
});

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
    case 'SanctionDecided': {
      const { decidedAt, ...decision } = event.data;
      return {
        ...state,
        personId: decision.personId,
        sanctions: [...state.sanctions, { ...decision, decidedAt, status: 'pending' }],
      };
    }
    case 'SanctionCarriedOut': {
      const { by, note, at } = event.data;
      return updateSanction(state, event.data.sanctionId, (sanction) => ({
        ...sanction,
        status: 'carried-out',
        carriedOut: { by, ...(note === undefined ? {} : { note }), at },
      }));
    }
    case 'SanctionRescinded': {
      const { reason, complaintId, at } = event.data;
      return updateSanction(state, event.data.sanctionId, (sanction) => ({
        ...sanction,
        status: 'rescinded',
        rescinded: { reason, ...(complaintId === undefined ? {} : { complaintId }), at },
      }));
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
