import type {
  ComplaintCategory,
  ComplaintChannel,
  ComplaintEvent,
  FindingOutcome,
  SealedPersonalData,
} from '@ledger/events';
import { instantMs } from '@ledger/rules-kit';

/** The statuses API.md shows. */
export type ComplaintStatus = 'filed' | 'accepted' | 'rejected' | 'found' | 'appealed' | 'closed';

/** The finding consumers count: the latest recorded one, or its replacement on appeal. */
interface FindingInForce {
  readonly outcome: FindingOutcome;
  readonly personId?: string;
  readonly departmentsAtFault: readonly string[];
  /** The investigator's note; a finding replaced on appeal has none of its own. */
  readonly note?: string;
  readonly at: string;
  /** True when an appeal overturned the investigator's outcome. */
  readonly decidedOnAppeal: boolean;
}

interface Appeal {
  readonly pending: boolean;
  readonly reason: string;
  readonly filedAt: string;
  /** The status to return to once the appeal is decided. */
  readonly statusBefore: 'found' | 'closed';
  readonly decision?: 'upheld' | 'overturned';
  readonly decidedAt?: string;
}

interface Extension {
  readonly days: number;
  readonly reason: string;
  readonly previousDueAt: string;
  readonly dueAt: string;
  readonly at: string;
}

interface Explanation {
  readonly explanation: string;
  readonly commitmentAt: string;
  readonly at: string;
}

interface Assignment {
  readonly investigatorId: string;
  readonly at: string;
}

export interface ComplaintState {
  readonly complaintId: string;
  /** The keyed digest of the tracking code; the code itself is known only to the complainant. */
  readonly trackingCodeDigest: string;
  readonly status: ComplaintStatus;
  readonly channel: ComplaintChannel;
  /** The respondent department. */
  readonly departmentId: string;
  /** The respondent person, when named at filing. */
  readonly personId?: string;
  readonly category: ComplaintCategory;
  readonly summary: string;
  readonly occurredAt?: string;
  readonly receivedAt: string;
  /** Sealed complainant identity; only a holder of the vault key can read it. */
  readonly complainant?: SealedPersonalData;
  readonly complainantErased: boolean;
  /** Days allowed for the current deadline (the filing's, or the reopening's after a reopen). */
  readonly handlingDays?: number;
  /**
   * The deadline set at filing (SPEC 3.2), or by the reopening after a reopen. Absent only for a complaint
   * filed before deadlines were set at filing (ComplaintFiled v1) and not yet accepted.
   */
  readonly dueAt?: string;
  /** The one extension of the deadline (SPEC 3.2), kept after a reopen so that it stays the only one. */
  readonly extension?: Extension;
  /** The extended deadline, while it is the one in force (a reopen sets a fresh deadline). */
  readonly extendedDueAt?: string;
  /** Every explanation of an overdue complaint with its commitment (SPEC 3.7), in order; the last is the latest. */
  readonly explanations: readonly Explanation[];
  /** The commitment in force: the latest one made since the current deadline was set. */
  readonly commitmentAt?: string;
  readonly acceptedAt?: string;
  readonly rejectedAt?: string;
  readonly rejectionReason?: string;
  /** Every assignment in order; the last one is the current investigator. */
  readonly investigators: readonly Assignment[];
  readonly finding?: FindingInForce;
  /** The finding in force was already appealed once (an appeal is allowed once per finding). */
  readonly findingAppealed: boolean;
  readonly closedAt?: string;
  /** The call-back rating recorded with the close. */
  readonly satisfaction?: number;
  /** The complainant's own rating through the tracking code: once per complaint (SPEC 3.5). */
  readonly complainantRating?: { readonly satisfaction: number; readonly at: string };
  readonly reopened: boolean;
  readonly reopenedAt?: string;
  readonly reopenReason?: string;
  /** The latest appeal, pending or decided. */
  readonly appeal?: Appeal;
  /** The deadline watcher marked the deadline in force (or the commitment in force) as missed. */
  readonly overdue: boolean;
  readonly overdueMarkedAt?: string;
  /** Business time of the latest step, so that later steps cannot be dated before it. */
  readonly lastStepAt: string;
}

/** Before filing there is no complaint. */
export const initialState: ComplaintState | undefined = undefined;

export function evolve(state: ComplaintState | undefined, event: ComplaintEvent): ComplaintState | undefined {
  if (event.type === 'ComplaintFiled') {
    const data = event.data;
    return {
      complaintId: data.complaintId,
      trackingCodeDigest: data.trackingCodeDigest,
      status: 'filed',
      channel: data.channel,
      departmentId: data.departmentId,
      ...(data.personId === undefined ? {} : { personId: data.personId }),
      category: data.category,
      summary: data.summary,
      ...(data.occurredAt === undefined ? {} : { occurredAt: data.occurredAt }),
      receivedAt: data.receivedAt,
      ...(data.complainant === undefined ? {} : { complainant: data.complainant }),
      ...(data.handlingDays === undefined ? {} : { handlingDays: data.handlingDays }),
      ...(data.dueAt === undefined ? {} : { dueAt: data.dueAt }),
      complainantErased: false,
      explanations: [],
      investigators: [],
      findingAppealed: false,
      reopened: false,
      overdue: false,
      lastStepAt: data.receivedAt,
    };
  }
  if (event.type === 'ComplainantDataErased') {
    if (state?.complainant?.complainantRef !== event.data.complainantRef) return state;
    return { ...state, complainantErased: true };
  }
  if (state === undefined) {
    // A stream whose first event is not the filing is corrupt; folding on would hide it from the auditor.
    throw new Error(`${event.type} precedes ComplaintFiled in the complaint's stream`);
  }
  switch (event.type) {
    case 'ComplaintAccepted':
      return {
        ...state,
        status: 'accepted',
        // Only a v1 acceptance set the deadline; since v2 it was set at filing.
        ...(event.data.deadline === undefined ? {} : { handlingDays: event.data.deadline.handlingDays, dueAt: event.data.deadline.dueAt }),
        acceptedAt: event.data.at,
        lastStepAt: event.data.at,
      };
    case 'ComplaintRejected':
      return {
        ...state,
        status: 'rejected',
        rejectedAt: event.data.at,
        rejectionReason: event.data.reason,
        lastStepAt: event.data.at,
      };
    case 'ComplaintAssigned':
      return {
        ...state,
        investigators: [...state.investigators, { investigatorId: event.data.investigatorId, at: event.data.at }],
        lastStepAt: event.data.at,
      };
    case 'FindingRecorded': {
      const { outcome, personId, departmentsAtFault, note, at } = event.data;
      return {
        ...state,
        status: 'found',
        finding: {
          outcome,
          ...(personId === undefined ? {} : { personId }),
          departmentsAtFault,
          ...(note === undefined ? {} : { note }),
          at,
          decidedOnAppeal: false,
        },
        findingAppealed: false,
        lastStepAt: at,
      };
    }
    case 'ComplaintClosed':
      return {
        ...withoutClosure(state),
        status: 'closed',
        closedAt: event.data.at,
        ...(event.data.satisfaction === undefined ? {} : { satisfaction: event.data.satisfaction }),
        lastStepAt: event.data.at,
      };
    case 'ComplaintRatedByComplainant':
      // The complainant's rating is not a step of the handling: it does not move lastStepAt.
      return { ...state, complainantRating: { satisfaction: event.data.satisfaction, at: event.data.at } };
    case 'ComplaintReopened':
      return {
        ...withoutDeadlineOverrides(withoutClosure(state)),
        status: 'accepted',
        reopened: true,
        reopenedAt: event.data.at,
        reopenReason: event.data.reason,
        handlingDays: event.data.handlingDays,
        dueAt: event.data.dueAt,
        overdue: false,
        lastStepAt: event.data.at,
      };
    case 'AppealFiled':
      return {
        ...state,
        status: 'appealed',
        appeal: {
          pending: true,
          reason: event.data.reason,
          filedAt: event.data.at,
          statusBefore: state.status === 'closed' ? 'closed' : 'found',
        },
        findingAppealed: true,
        lastStepAt: event.data.at,
      };
    case 'AppealDecided': {
      const { decision, finding, at } = event.data;
      const appeal = state.appeal;
      return {
        ...state,
        status: appeal?.statusBefore ?? 'found',
        ...(appeal === undefined ? {} : { appeal: { ...appeal, pending: false, decision, decidedAt: at } }),
        ...(decision === 'overturned'
          ? {
              finding: {
                outcome: finding.outcome,
                ...(finding.personId === undefined ? {} : { personId: finding.personId }),
                departmentsAtFault: finding.departmentsAtFault,
                at,
                decidedOnAppeal: true,
              },
            }
          : {}),
        // A decision on appeal is final: neither the upheld nor the replacing finding can be appealed again.
        findingAppealed: true,
        lastStepAt: at,
      };
    }
    case 'ComplaintOverdue':
      // The watcher's observation is not a step of the handling, so it does not move lastStepAt.
      return { ...state, overdue: true, overdueMarkedAt: event.data.at };
    case 'ComplaintDeadlineExtended': {
      const { days, reason, previousDueAt, dueAt, at } = event.data;
      return { ...state, extension: { days, reason, previousDueAt, dueAt, at }, extendedDueAt: dueAt, overdue: false, lastStepAt: at };
    }
    case 'ComplaintOverdueExplained': {
      const { explanation, commitmentAt, at } = event.data;
      // The commitment is the new date to meet: until it passes, the complaint is not overdue (SPEC 3.7).
      return { ...state, explanations: [...state.explanations, { explanation, commitmentAt, at }], commitmentAt, overdue: false, lastStepAt: at };
    }
  }
}

/** A reopen's fresh deadline replaces the extended one and any commitment made against the old one. */
function withoutDeadlineOverrides(state: ComplaintState): ComplaintState {
  const { extendedDueAt: _extendedDueAt, commitmentAt: _commitmentAt, ...rest } = state;
  return rest;
}

function withoutClosure(state: ComplaintState): ComplaintState {
  const { closedAt: _closedAt, satisfaction: _satisfaction, ...rest } = state;
  return rest;
}

/**
 * SPEC 3.7: a complaint runs against its deadline until it is rejected or closed, accepted or not (a closed
 * complaint under appeal does not).
 */
export function runsAgainstDeadline(state: ComplaintState): boolean {
  if (state.status === 'rejected' || state.status === 'closed') return false;
  return state.status !== 'appealed' || state.appeal?.statusBefore !== 'closed';
}


/** The date to meet now: the commitment in force, else the extended deadline, else the deadline. */
export function dueInForce(state: ComplaintState): string | undefined {
  return state.commitmentAt ?? state.extendedDueAt ?? state.dueAt;
}

/**
 * The `overdue: true` flag and the `overdue=true` filter: neither rejected nor closed, and at or past the date
 * in force at `instant` (a deadline is due at the first instant after its last local day).
 */
export function isOverdueAt(state: ComplaintState | undefined, instant: string): boolean {
  if (state === undefined || !runsAgainstDeadline(state)) return false;
  const due = dueInForce(state);
  return due !== undefined && instantMs(instant) >= instantMs(due);
}
