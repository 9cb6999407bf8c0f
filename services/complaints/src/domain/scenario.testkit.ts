// Given events / when command / then events or error: shared by the complaint decider's tests.
import { calendarIn } from '@ledger/calendar';
import type { ComplaintEvent } from '@ledger/events';
import { given as givenEvents } from '@ledger/decider/testing';
import type { ComplaintCommand } from './commands.ts';
import { complaintDecider } from './deciders.ts';

export const complaintId = 'c-1';
export const receivedAt = '2026-03-02T09:00:00+08:00';
/** The caller's clock in every scenario unless a test says otherwise. */
export const now = '2026-06-30T18:00:00+08:00';

const filing = {
  complaintId,
  trackingCodeDigest: 'hmac-sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  channel: 'hotline-12345',
  departmentId: 'dept-permits',
  category: 'delay',
  summary: 'The permit desk kept sending me to another window for three weeks.',
  occurredAt: '2026-02-20T10:00:00+08:00',
  receivedAt,
} as const;

/** The ledger's calendar in the scenarios: China Standard Time. */
export const calendar = calendarIn('Asia/Shanghai');

/** Received 2 March 09:00, 15 calendar days: due at the end of 17 March, local time (SPEC "Local time"). */
export const dueAt = '2026-03-18T00:00:00+08:00';

export const filed: ComplaintEvent = { type: 'ComplaintFiled', data: { ...filing, personId: 'person-wang', handlingDays: 15, dueAt } };

/** Filed naming only the department: no respondent person to default a finding to. */
export const filedWithoutPerson: ComplaintEvent = { type: 'ComplaintFiled', data: { ...filing, handlingDays: 15, dueAt } };

/** A filing as stored before v2 (upcast): no deadline, which its v1 acceptance then set. */
export const filedBeforeDeadlines: ComplaintEvent = { type: 'ComplaintFiled', data: { ...filing, personId: 'person-wang' } };

export const accepted = (at = '2026-03-03T10:00:00+08:00'): ComplaintEvent => ({ type: 'ComplaintAccepted', data: { complaintId, at } });

/** An acceptance stored as v1, upcast: it set the deadline (received plus 15 times 24 hours). */
export const acceptedWithDeadline = (at = '2026-03-03T10:00:00+08:00', dueAtThen = '2026-03-17T09:00:00+08:00'): ComplaintEvent => ({
  type: 'ComplaintAccepted',
  data: { complaintId, deadline: { handlingDays: 15, dueAt: dueAtThen }, at },
});

export const extended = (days: number, previousDueAt: string, extendedTo: string, at = '2026-03-10T10:00:00+08:00'): ComplaintEvent => ({
  type: 'ComplaintDeadlineExtended',
  data: { complaintId, days, reason: 'Site inspection needs the surveyor back from leave.', previousDueAt, dueAt: extendedTo, at },
});

export const explained = (commitmentAt: string, at: string): ComplaintEvent => ({
  type: 'ComplaintOverdueExplained',
  data: { complaintId, explanation: 'The archive was closed for a move; the file is back.', commitmentAt, at },
});

export const assigned = (investigatorId: string, at: string): ComplaintEvent => ({
  type: 'ComplaintAssigned',
  data: { complaintId, investigatorId, at },
});

export const found = (
  outcome: 'valid' | 'valid-violation' | 'invalid',
  at = '2026-03-10T15:00:00+08:00',
  departmentsAtFault: string[] = [],
): ComplaintEvent => ({
  type: 'FindingRecorded',
  data: {
    complaintId,
    receivedAt,
    respondentDepartmentId: 'dept-permits',
    outcome,
    personId: 'person-wang',
    departmentsAtFault,
    at,
  },
});

export const closed = (satisfaction: number | undefined, at = '2026-03-12T11:00:00+08:00'): ComplaintEvent => ({
  type: 'ComplaintClosed',
  data: { complaintId, ...(satisfaction === undefined ? {} : { satisfaction }), at },
});

export const reopened = (at = '2026-03-13T09:00:00+08:00', handlingDays = 10, reopenDueAt = '2026-03-24T00:00:00+08:00'): ComplaintEvent => ({
  type: 'ComplaintReopened',
  data: { complaintId, reason: 'The complainant says nothing changed.', handlingDays, dueAt: reopenDueAt, at },
});

export const appealed = (at: string): ComplaintEvent => ({
  type: 'AppealFiled',
  data: { complaintId, reason: 'The respondent disputes the finding.', at },
});

export const overdue = (missedDueAt: string, at: string, missed: 'deadline' | 'commitment' = 'deadline'): ComplaintEvent => ({
  type: 'ComplaintOverdue',
  data: { complaintId, dueAt: missedDueAt, missed, at },
});

/** What `given().when` fills in unless a test says otherwise: the clock, the calendar, the channel's 15 days. */
type Defaulted = 'now' | 'calendar' | 'handlingDays' | 'maxDays';

/** Distributes `Omit` over the command union so that each member keeps its own fields. */
type WithDefaults<C> = C extends ComplaintCommand ? Omit<C, Defaulted> & Partial<Pick<C, Extract<keyof C, Defaulted>>> : never;

/** Given events / when command / then events or error (`@ledger/decider/testing`), with the caller's clock filled in. */
export function given(...history: ComplaintEvent[]) {
  const scenario = givenEvents(complaintDecider, ...history);
  const defaults = { now, calendar, handlingDays: 15, maxDays: 15 };
  return {
    state: scenario.state,
    when: (command: WithDefaults<ComplaintCommand>) =>
      scenario.when({ ...defaults, ...command } as ComplaintCommand),
  };
}
