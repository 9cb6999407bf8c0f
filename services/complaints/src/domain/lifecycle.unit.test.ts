import { fold } from '@ledger/decider';
import { latestVersionOf, validateEvent, type ComplaintEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import type { ComplaintCommand } from './commands.ts';
import { decide } from './decide.ts';
import { complaintDecider } from './deciders.ts';
import { evolve, type ComplaintState } from './state.ts';
import { calendar } from './scenario.testkit.ts';

const now = '2026-12-31T23:00:00+08:00';
const complainant = { complainantRef: 'cp-9', alg: 'A256GCM', iv: 'AAAAAAAAAAAAAAAA', ciphertext: 'c2VhbGVk', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' } as const;

/** A whole life: filed, accepted, assigned twice, found, closed unhappy, reopened, overdue, found again, appealed, overturned, closed. */
const steps: [ComplaintCommand, ComplaintState['status']][] = [
  [
    {
      type: 'FileComplaint',
      now,
      complaintId: 'c-42',
      trackingCodeDigest: 'hmac-sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      channel: 'web',
      departmentId: 'dept-housing',
      personId: 'person-li',
      category: 'buck-passing',
      summary: 'Sent between three offices for one stamp.',
      receivedAt: '2026-05-04T08:30:00+08:00',
      complainant,
      handlingDays: 15,
      calendar,
    },
    'filed',
  ],
  [{ type: 'AcceptComplaint', now, at: '2026-05-05T09:00:00+08:00' }, 'accepted'],
  [{ type: 'AssignInvestigator', now, investigatorId: 'inv-1', at: '2026-05-05T10:00:00+08:00' }, 'accepted'],
  [{ type: 'AssignInvestigator', now, investigatorId: 'inv-2', at: '2026-05-07T10:00:00+08:00' }, 'accepted'],
  [{ type: 'RecordFinding', now, outcome: 'valid', departmentsAtFault: ['dept-housing'], note: 'Confirmed.', at: '2026-05-12T10:00:00+08:00' }, 'found'],
  [{ type: 'CloseComplaint', now, satisfaction: 1, at: '2026-05-13T10:00:00+08:00' }, 'closed'],
  [{ type: 'ReopenComplaint', now, reason: 'No change at the counter.', handlingDays: 5, calendar, at: '2026-05-14T10:00:00+08:00' }, 'accepted'],
  [{ type: 'MarkOverdue', now, at: '2026-05-20T00:00:00+08:00' }, 'accepted'],
  [{ type: 'RecordFinding', now, outcome: 'invalid', at: '2026-05-21T10:00:00+08:00' }, 'found'],
  [{ type: 'FileAppeal', now, reason: 'The complainant contests the redo.', at: '2026-05-22T10:00:00+08:00' }, 'appealed'],
  [{ type: 'DecideAppeal', reason: 'the evidence was re-examined', now, decision: 'overturned', outcome: 'valid-violation', at: '2026-05-25T10:00:00+08:00' }, 'found'],
  [{ type: 'CloseComplaint', now, satisfaction: 4, at: '2026-05-26T10:00:00+08:00' }, 'closed'],
];

function runAll(): { events: ComplaintEvent[]; states: (ComplaintState | undefined)[] } {
  const events: ComplaintEvent[] = [];
  const states: (ComplaintState | undefined)[] = [];
  let state: ComplaintState | undefined;
  for (const [command] of steps) {
    const decision = decide(command, state);
    if (!decision.ok) throw new Error(`${command.type} refused: ${decision.error.code}`);
    events.push(...decision.events);
    for (const event of decision.events) state = evolve(state, event);
    states.push(state);
  }
  return { events, states };
}

describe('the complaint lifecycle folded with evolve', () => {
  it('has the expected status after each step', () => {
    const { states } = runAll();
    expect(states.map((state) => state?.status)).toEqual(steps.map(([, status]) => status));
  });

  it('produces only events that match their catalogue schema', () => {
    for (const event of runAll().events) expect(() => validateEvent(event.type, latestVersionOf(event.type), event.data)).not.toThrow();
  });

  it('ends holding what the read side shows', () => {
    const state = fold(complaintDecider, runAll().events);
    expect(state).toMatchObject({
      complaintId: 'c-42',
      status: 'closed',
      channel: 'web',
      departmentId: 'dept-housing',
      personId: 'person-li',
      receivedAt: '2026-05-04T08:30:00+08:00',
      complainant,
      acceptedAt: '2026-05-05T09:00:00+08:00',
      investigators: [
        { investigatorId: 'inv-1', at: '2026-05-05T10:00:00+08:00' },
        { investigatorId: 'inv-2', at: '2026-05-07T10:00:00+08:00' },
      ],
      finding: { outcome: 'valid-violation', personId: 'person-li', departmentsAtFault: [], decidedOnAppeal: true },
      closedAt: '2026-05-26T10:00:00+08:00',
      satisfaction: 4,
      reopened: true,
      reopenedAt: '2026-05-14T10:00:00+08:00',
      handlingDays: 5,
      // Reopened 14 May 10:00, 5 days: due at the end of 19 May, local time.
      dueAt: '2026-05-20T00:00:00+08:00',
      appeal: { pending: false, decision: 'overturned', statusBefore: 'found' },
      overdue: true,
    });
  });

  it('keeps the first deadline, set at filing from receipt, through acceptance and reassignment', () => {
    const { states } = runAll();
    // Received 4 May 08:30, 15 days: due at the end of 19 May, local time.
    expect(states.slice(0, 4).map((state) => state?.dueAt)).toEqual(Array(4).fill('2026-05-20T00:00:00+08:00'));
  });
});

describe('evolve', () => {
  it('refuses a stream that does not start with the filing', () => {
    expect(() =>
      evolve(undefined, { type: 'ComplaintClosed', data: { complaintId: 'c-1', at: '2026-01-01T00:00:00Z' } }),
    ).toThrow(/precedes ComplaintFiled/);
  });

  it('marks the complainant data erased only for the sealed reference it holds', () => {
    const filedState = fold(complaintDecider, runAll().events.slice(0, 1));
    expect(evolve(filedState, erase('someone-else'))?.complainantErased).toBe(false);
    expect(evolve(filedState, erase('cp-9'))?.complainantErased).toBe(true);
  });
});

function erase(complainantRef: string): ComplaintEvent {
  return { type: 'ComplainantDataErased', data: { complainantRef, legalBasis: 'PIPL art. 47', at: '2026-06-01T00:00:00+08:00' } };
}

