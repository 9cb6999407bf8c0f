import type { LedgerCalendar } from '@ledger/calendar';
import type { ComplaintCategory, ComplaintChannel, FindingOutcome, SealedPersonalData } from '@ledger/events';

/**
 * Commands to the complaint aggregate. HTTP validates their shape; the decider checks the rules.
 * Every command carries `now`, the caller's clock as an ISO instant, so that the decider stays pure
 * and can still refuse business times in the future. Times are ISO 8601 instants with offset.
 */
interface CommandBase {
  readonly now: string;
}

export interface FileComplaint extends CommandBase {
  readonly type: 'FileComplaint';
  readonly complaintId: string;
  /** The keyed digest of the tracking code issued (SPEC 8: the code itself is never recorded). */
  readonly trackingCodeDigest: string;
  readonly channel: ComplaintChannel;
  /** The respondent department (required at filing). */
  readonly departmentId: string;
  /** The respondent person, when the complainant can name one. */
  readonly personId?: string;
  readonly category: ComplaintCategory;
  readonly summary: string;
  readonly occurredAt?: string;
  readonly receivedAt: string;
  readonly complainant?: SealedPersonalData;
  /** The channel's handling days (the caller resolves the per-channel policy): the deadline is set at filing (SPEC 3.2). */
  readonly handlingDays: number;
  /** The ledger's local calendar, in which the deadline's days are counted (SPEC "Local time"). */
  readonly calendar: LedgerCalendar;
}

/** Acceptance sets no deadline: it was set at filing, so that a late acceptance never restarts the clock (SPEC 3.2). */
export interface AcceptComplaint extends CommandBase {
  readonly type: 'AcceptComplaint';
  readonly at: string;
}

/** SPEC 3.2: one extension, with its reason, by at most the channel's own number of days. */
export interface ExtendDeadline extends CommandBase {
  readonly type: 'ExtendDeadline';
  readonly days: number;
  readonly reason: string;
  /** The channel's handling days: the most an extension may add. */
  readonly maxDays: number;
  readonly calendar: LedgerCalendar;
  readonly at: string;
}

/** SPEC 3.7: the explanation to the complainant of an overdue complaint, with a new completion commitment. */
export interface ExplainOverdue extends CommandBase {
  readonly type: 'ExplainOverdue';
  readonly explanation: string;
  readonly commitmentAt: string;
  readonly at: string;
}

export interface RejectComplaint extends CommandBase {
  readonly type: 'RejectComplaint';
  readonly reason: string;
  readonly at: string;
}

export interface AssignInvestigator extends CommandBase {
  readonly type: 'AssignInvestigator';
  readonly investigatorId: string;
  readonly at: string;
}

export interface RecordFinding extends CommandBase {
  readonly type: 'RecordFinding';
  readonly outcome: FindingOutcome;
  /** Defaults to the complaint's respondent person. */
  readonly personId?: string;
  /** Defaults to none. */
  readonly departmentsAtFault?: readonly string[];
  readonly note?: string;
  readonly at: string;
}

export interface CloseComplaint extends CommandBase {
  readonly type: 'CloseComplaint';
  /** The complainant's satisfaction with the handling, 1 (very dissatisfied) to 5, when given. */
  readonly satisfaction?: number;
  readonly at: string;
}

/** The complainant's own rating of the handling, through the tracking code (SPEC 3.5). */
export interface RateHandling extends CommandBase {
  readonly type: 'RateHandling';
  readonly satisfaction: number;
  /** The complainant's words, sealed like their identity. */
  readonly comment?: SealedPersonalData;
  readonly at: string;
}

export interface ReopenComplaint extends CommandBase {
  readonly type: 'ReopenComplaint';
  readonly reason: string;
  /** Calendar days for the redo, counted from the reopening in the ledger's local calendar. */
  readonly handlingDays: number;
  readonly calendar: LedgerCalendar;
  readonly at: string;
}

export interface FileAppeal extends CommandBase {
  readonly type: 'FileAppeal';
  readonly reason: string;
  readonly at: string;
}

export interface DecideAppeal extends CommandBase {
  readonly type: 'DecideAppeal';
  readonly decision: 'upheld' | 'overturned';
  /** The new outcome; when overturned, the one in force if not given (then `personId` must change). */
  readonly outcome?: FindingOutcome;
  /** When overturned: another responsible person the new finding names (SPEC 3.6). */
  readonly personId?: string;
  /** The decision's stated reason (SPEC 3.6). */
  readonly reason: string;
  readonly at: string;
}

/** The deadline watcher's command. */
export interface MarkOverdue extends CommandBase {
  readonly type: 'MarkOverdue';
  readonly at: string;
}

export type ComplaintCommand =
  | FileComplaint
  | AcceptComplaint
  | ExtendDeadline
  | ExplainOverdue
  | RejectComplaint
  | AssignInvestigator
  | RecordFinding
  | CloseComplaint
  | RateHandling
  | ReopenComplaint
  | FileAppeal
  | DecideAppeal
  | MarkOverdue;
