// Given events / when command / then events or error: shared by the complaint decider's tests.
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

export const filed: ComplaintEvent = { type: 'ComplaintFiled', data: { ...filing, personId: 'person-wang' } };

/** Filed naming only the department: no respondent person to default a finding to. */
export const filedWithoutPerson: ComplaintEvent = { type: 'ComplaintFiled', data: filing };

export const accepted = (at = '2026-03-03T10:00:00+08:00', handlingDays = 15, dueAt = '2026-03-17T09:00:00+08:00'): ComplaintEvent => ({
  type: 'ComplaintAccepted',
  data: { complaintId, handlingDays, dueAt, at },
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

export const reopened = (at = '2026-03-13T09:00:00+08:00', handlingDays = 10, dueAt = '2026-03-23T09:00:00+08:00'): ComplaintEvent => ({
  type: 'ComplaintReopened',
  data: { complaintId, reason: 'The complainant says nothing changed.', handlingDays, dueAt, at },
});

export const appealed = (at: string): ComplaintEvent => ({
  type: 'AppealFiled',
  data: { complaintId, reason: 'The respondent disputes the finding.', at },
});

export const overdue = (dueAt: string, at: string): ComplaintEvent => ({
  type: 'ComplaintOverdue',
  data: { complaintId, dueAt, at },
});

/** Distributes `Omit` over the command union so that each member keeps its own fields. */
type WithoutNow<C> = C extends ComplaintCommand ? Omit<C, 'now'> & { now?: string } : never;

/** Given events / when command / then events or error (`@ledger/decider/testing`), with the caller's clock filled in. */
export function given(...history: ComplaintEvent[]) {
  const scenario = givenEvents(complaintDecider, ...history);
  return {
    state: scenario.state,
    when: (command: WithoutNow<ComplaintCommand>) => scenario.when({ now, ...command } as ComplaintCommand),
  };
}
