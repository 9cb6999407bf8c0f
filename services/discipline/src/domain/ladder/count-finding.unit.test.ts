import { validateEvent } from '@ledger/events';
import { calendarIn } from '@ledger/calendar';
import { describe, expect, it } from 'vitest';
import type { Decision } from '@ledger/decider';
import type { PersonEvent } from '../events.ts';
import type { SanctionPolicy } from '../policy/default-policy.ts';
import { type CountFinding, decideCountFinding } from './count-finding.ts';
import { foldLadder, initialLadderState, type LadderState } from './state.ts';

const person = 'p-1';
const calendar = calendarIn('Asia/Shanghai');

/** Each complaint event is a later revision of its complaint's stream than the ones built before it. */
let revision = 0;

/** A valid finding of `complaintId` received at `receivedAt`, found a day later unless told. */
const finding = (complaintId: string, receivedAt: string, overrides: Partial<CountFinding> = {}): CountFinding => ({
  complaintRevision: (revision += 1),
  personId: person,
  complaintId,
  receivedAt,
  outcome: 'valid',
  foundAt: new Date(Date.parse(receivedAt) + 86_400_000).toISOString(),
  sourceEventId: `evt-${complaintId}-${overrides.outcome ?? 'valid'}-${overrides.foundAt ?? 'first'}`,
  policies: [],
  calendar,
  ...overrides,
});

const eventsOf = (decision: Decision<PersonEvent>): PersonEvent[] => {
  if (!decision.ok) throw new Error(`refused: ${decision.error.code} ${decision.error.message}`);
  for (const event of decision.events) validateEvent(event.type, 1, event.data);
  return decision.events;
};

/** Runs commands in order, appending what each decides; returns the state and each command's events. */
function play(commands: CountFinding[], state: LadderState = initialLadderState) {
  const steps: PersonEvent[][] = [];
  for (const command of commands) {
    const events = eventsOf(decideCountFinding(command, state));
    steps.push(events);
    state = foldLadder(events, state);
  }
  return { state, steps, all: steps.flat() };
}

const ofType = <T extends PersonEvent['type']>(events: PersonEvent[], type: T) =>
  events.filter((event): event is Extract<PersonEvent, { type: T }> => event.type === type);

const decisions = (events: PersonEvent[]) => ofType(events, 'SanctionDecided').map((event) => event.data);
const rescissions = (events: PersonEvent[]) => ofType(events, 'SanctionRescinded').map((event) => event.data);
const inForceKeys = (state: LadderState) =>
  state.sanctions.filter((sanction) => sanction.status !== 'rescinded').map((sanction) => `${sanction.year ?? 'all'}:${sanction.step}`);

describe('the SPEC 4 ladder under the default policy', () => {
  const year = ['2026-01-10', '2026-02-10', '2026-03-10', '2026-04-10', '2026-05-10'].map((day, index) =>
    finding(`c-${index + 1}`, `${day}T09:00:00.000Z`),
  );

  it('records the fact and decides step 1 on the first valid complaint', () => {
    const events = eventsOf(decideCountFinding(year[0]!, initialLadderState));
    expect(events).toEqual([
      {
        type: 'FindingCounted',
        data: {
          personId: person,
          complaintId: 'c-1',
          receivedAt: '2026-01-10T09:00:00.000Z',
          outcome: 'valid',
          foundAt: '2026-01-11T09:00:00.000Z',
          sourceEventId: year[0]!.sourceEventId,
          complaintRevision: year[0]!.complaintRevision,
        },
      },
      {
        type: 'SanctionDecided',
        data: {
          sanctionId: 'sanction:p-1:2026-step-1:1',
          personId: person,
          step: 1,
          year: 2026,
          consequences: ['admonition-talk', 'no-excellent-rating'],
          complaintIds: ['c-1'],
          triggeredBy: 'c-1',
          policyVersion: 1,
          threshold: 1,
          decidedAt: '2026-01-11T09:00:00.000Z',
        },
      },
    ]);
  });

  it('adds each step with only its own consequences, then dismissal at the fifth', () => {
    const { steps } = play(year);
    expect(steps.map((events) => decisions(events).map((sanction) => [sanction.step, sanction.consequences]))).toEqual([
      [[1, ['admonition-talk', 'no-excellent-rating']]],
      [[2, ['incompetent-rating', 'mandatory-training']]],
      [[3, ['incompetent-rating', 'removal-from-post', 'administrative-warning', 'mandatory-training']]],
      [[4, ['incompetent-rating', 'heavier-sanction']]],
      [[5, ['dismissal']]],
    ]);
    const dismissal = decisions(steps[4]!)[0]!;
    expect(dismissal).toMatchObject({
      sanctionId: 'sanction:p-1:dismissal:1',
      complaintIds: ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'],
      triggeredBy: 'c-5',
      threshold: 5,
      windowMonths: 24,
    });
    expect(dismissal).not.toHaveProperty('year');
    expect(decisions(steps[2]!)[0]!.complaintIds).toEqual(['c-1', 'c-2', 'c-3']);
  });

  it('counts by the year the complaint was received, not when it was found', () => {
    const lateFound = finding('c-1', '2025-12-30T10:00:00.000Z', { foundAt: '2026-02-01T10:00:00.000Z' });
    const [decided] = decisions(play([lateFound]).all);
    expect(decided).toMatchObject({ year: 2025, step: 1, decidedAt: '2026-02-01T10:00:00.000Z' });
  });

  it('takes the calendar year in the ledger\'s zone (SPEC "Local time")', () => {
    // Received at 07:00 on 1 January in Beijing: 2026, though UTC still says 31 December 2025.
    const [decided] = decisions(play([finding('c-1', '2026-01-01T07:00:00+08:00')]).all);
    expect(decided?.year).toBe(2026);
    const [utcDecided] = decisions(play([finding('c-1', '2026-01-01T07:00:00+08:00', { calendar: calendarIn('UTC') })]).all);
    expect(utcDecided?.year).toBe(2025);
  });
});

describe('years and the 24-month window', () => {
  it('restarts steps 1-4 in a new year while the 24-month dismissal still fires', () => {
    const commands = ['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-15', '2026-02-15'].map((day, index) =>
      finding(`c-${index + 1}`, `${day}T08:00:00.000Z`),
    );
    const { steps, state } = play(commands);
    expect(decisions(steps[3]!).map((sanction) => [sanction.year, sanction.step])).toEqual([[2026, 1]]);
    expect(decisions(steps[4]!).map((sanction) => [sanction.year, sanction.step])).toEqual([
      [2026, 2],
      [undefined, 5],
    ]);
    expect(inForceKeys(state).toSorted()).toEqual(['2025:1', '2025:2', '2025:3', '2026:1', '2026:2', 'all:5'].toSorted());
  });

  it('does not dismiss when the five valid complaints span more than 24 months', () => {
    const days = ['2024-03-01', '2024-09-01', '2025-03-01', '2025-09-01', '2026-03-02'];
    const { state } = play(days.map((day, index) => finding(`c-${index + 1}`, `${day}T00:00:00+08:00`)));
    expect(inForceKeys(state)).not.toContain('all:5');
  });

  it('dismisses five complaints from 1 February 2024 to 1 February 2026: both ends are within 24 months (SPEC 4.8)', () => {
    const days = ['2024-02-01T09:00', '2024-08-01T09:00', '2025-02-01T09:00', '2025-08-01T09:00', '2026-02-01T23:30'];
    const { state, all } = play(days.map((day, index) => finding(`c-${index + 1}`, `${day}:00+08:00`)));
    expect(inForceKeys(state)).toContain('all:5');
    expect(decisions(all).find((sanction) => sanction.step === 5)).toMatchObject({ windowMonths: 24, windowBounds: 'inclusive' });
  });

  it('leaves the end out under a policy whose window is exclusive', () => {
    const exclusive: SanctionPolicy = {
      version: 2,
      effectiveFrom: '2020-01-01T00:00:00.000Z',
      steps: [1, 2, 3, 4].map((step) => ({ step, threshold: step, consequences: ['admonition-talk'] })),
      dismissal: { threshold: 5, windowMonths: 24, windowBounds: 'exclusive', consequences: ['dismissal'] },
    };
    const days = ['2024-02-01', '2024-08-01', '2025-02-01', '2025-08-01', '2026-02-01'];
    const { state } = play(days.map((day, index) => finding(`c-${index + 1}`, `${day}T09:00:00+08:00`, { policies: [exclusive] })));
    expect(inForceKeys(state)).not.toContain('all:5');
  });

  it('dismisses when the fifth arrives just inside 24 months of the first', () => {
    const days = ['2024-03-01', '2024-09-01', '2025-03-01', '2025-09-01', '2026-02-28'];
    const { state } = play(days.map((day, index) => finding(`c-${index + 1}`, `${day}T23:59:59.000Z`)));
    expect(inForceKeys(state)).toContain('all:5');
  });
});

describe('what counts', () => {
  it('records a valid-violation finding but never counts it', () => {
    const { all } = play([
      finding('c-1', '2026-01-10T09:00:00.000Z', { outcome: 'valid-violation' }),
      finding('c-2', '2026-01-11T09:00:00.000Z', { outcome: 'invalid' }),
    ]);
    expect(all.map((event) => [event.type, event.data.personId])).toEqual([
      ['FindingCounted', person],
      ['ReferralOpened', person],
      ['FindingCounted', person],
    ]);
  });

  it('withdraws a valid complaint that becomes a valid-violation on redo', () => {
    const first = finding('c-1', '2026-01-10T09:00:00.000Z');
    const redo = finding('c-1', '2026-01-10T09:00:00.000Z', {
      outcome: 'valid-violation',
      foundAt: '2026-03-01T00:00:00.000Z',
      change: 'redo-finding',
    });
    const { steps } = play([first, redo]);
    expect(rescissions(steps[1]!)).toEqual([
      {
        sanctionId: 'sanction:p-1:2026-step-1:1',
        personId: person,
        complaintId: 'c-1',
        reason: expect.stringContaining('complaint c-1 was found on redo a disciplinary violation'),
        at: '2026-03-01T00:00:00.000Z',
      },
    ]);
  });
});

describe('overturn, reinstatement and carried-out sanctions', () => {
  const first = finding('c-1', '2026-01-10T09:00:00.000Z');
  const second = finding('c-2', '2026-02-10T09:00:00.000Z');
  const overturned = finding('c-2', '2026-02-10T09:00:00.000Z', {
    outcome: 'invalid',
    foundAt: '2026-04-01T10:00:00.000Z',
    change: 'appeal-overturned',
  });
  const reinstated = finding('c-2', '2026-02-10T09:00:00.000Z', { foundAt: '2026-06-01T10:00:00.000Z', change: 'redo-finding' });

  it('rescinds the step the overturned complaint supported, naming it and why, and keeps the rest', () => {
    const { steps, state } = play([first, second, overturned]);
    expect(steps[2]!.map((event) => event.type)).toEqual(['FindingCounted', 'SanctionRescinded']);
    const [rescinded] = rescissions(steps[2]!);
    expect(rescinded).toMatchObject({ sanctionId: 'sanction:p-1:2026-step-2:1', complaintId: 'c-2', at: overturned.foundAt });
    expect(rescinded?.reason).toBe(
      'complaint c-2 was overturned on appeal: now invalid (2026-04-01T10:00:00.000Z): 1 valid complaint(s) received in 2026 no longer reach step 2 (threshold 2)',
    );
    expect(inForceKeys(state)).toEqual(['2026:1']);
  });

  it('decides the step afresh, with a new id, when the complaint is valid again', () => {
    const { steps, state } = play([first, second, overturned, reinstated]);
    expect(decisions(steps[3]!)).toEqual([
      expect.objectContaining({
        sanctionId: 'sanction:p-1:2026-step-2:2',
        step: 2,
        year: 2026,
        complaintIds: ['c-1', 'c-2'],
        triggeredBy: 'c-2',
        decidedAt: reinstated.foundAt,
      }),
    ]);
    expect(state.sanctions.map((sanction) => [sanction.sanctionId, sanction.status])).toEqual([
      ['sanction:p-1:2026-step-1:1', 'pending'],
      ['sanction:p-1:2026-step-2:1', 'rescinded'],
      ['sanction:p-1:2026-step-2:2', 'pending'],
    ]);
  });

  it('rescinds a carried-out sanction that loses support and keeps it on record', () => {
    const { state: decided } = play([first]);
    const carried = foldLadder(
      [{ type: 'SanctionCarriedOut', data: { sanctionId: 'sanction:p-1:2026-step-1:1', personId: person, by: 'official-7', at: '2026-01-20T00:00:00.000Z' } }],
      decided,
    );
    const withdrawn = finding('c-1', first.receivedAt, { outcome: 'withdrawn', foundAt: '2026-05-01T00:00:00.000Z' });
    const { steps, state } = play([withdrawn], carried);
    expect(rescissions(steps[0]!)).toEqual([
      expect.objectContaining({ sanctionId: 'sanction:p-1:2026-step-1:1', complaintId: 'c-1' }),
    ]);
    expect(rescissions(steps[0]!)[0]?.reason).toContain('no longer against this person');
    expect(state.sanctions).toEqual([
      expect.objectContaining({
        sanctionId: 'sanction:p-1:2026-step-1:1',
        status: 'rescinded',
        carriedOut: { by: 'official-7', at: '2026-01-20T00:00:00.000Z' },
        rescinded: expect.objectContaining({ complaintId: 'c-1', at: '2026-05-01T00:00:00.000Z' }),
      }),
    ]);
  });

  it('keeps a step in force while other valid complaints still support it', () => {
    const third = finding('c-3', '2026-03-10T09:00:00.000Z');
    const overturnFirst = finding('c-1', first.receivedAt, { outcome: 'invalid', foundAt: '2026-07-01T00:00:00.000Z' });
    const { steps, state } = play([first, second, third, overturnFirst]);
    expect(rescissions(steps[3]!).map((sanction) => sanction.sanctionId)).toEqual(['sanction:p-1:2026-step-3:1']);
    expect(inForceKeys(state)).toEqual(['2026:1', '2026:2']);
  });

  it('shows the complaints that support a surviving sanction now, as an event (SPEC 4.4)', () => {
    const third = finding('c-3', '2026-03-10T09:00:00.000Z');
    const overturnFirst = finding('c-1', first.receivedAt, {
      outcome: 'invalid',
      foundAt: '2026-07-01T00:00:00.000Z',
      change: 'appeal-overturned',
      reason: 'the log shows the permit was issued on time',
    });
    const { steps, state } = play([first, second, third, overturnFirst]);
    const changed = ofType(steps[3]!, 'SanctionSupportChanged').map((event) => event.data);
    expect(changed.map(({ sanctionId, complaintIds, previousComplaintIds }) => ({ sanctionId, complaintIds, previousComplaintIds }))).toEqual([
      { sanctionId: 'sanction:p-1:2026-step-1:1', complaintIds: ['c-2'], previousComplaintIds: ['c-1'] },
      { sanctionId: 'sanction:p-1:2026-step-2:1', complaintIds: ['c-2', 'c-3'], previousComplaintIds: ['c-1', 'c-2'] },
    ]);
    expect(state.sanctions.find((sanction) => sanction.sanctionId === 'sanction:p-1:2026-step-2:1')?.complaintIds).toEqual(['c-2', 'c-3']);
    // The rescission of step 3 carries the appeal decision's reason.
    expect(rescissions(steps[3]!)[0]?.reason).toContain('the log shows the permit was issued on time');
  });

  it('rescinds dismissal when a complaint of its window is overturned', () => {
    const five = ['2025-10-01', '2025-11-01', '2025-12-01', '2026-01-15', '2026-02-15'].map((day, index) =>
      finding(`c-${index + 1}`, `${day}T08:00:00.000Z`),
    );
    const overturn = finding('c-1', five[0]!.receivedAt, { outcome: 'invalid', foundAt: '2026-06-01T00:00:00.000Z', change: 'appeal-overturned' });
    const { steps } = play([...five, overturn]);
    const rescinded = rescissions(steps[5]!);
    expect(rescinded.map((sanction) => sanction.sanctionId).toSorted()).toEqual(['sanction:p-1:2025-step-3:1', 'sanction:p-1:dismissal:1']);
    expect(rescinded.find((sanction) => sanction.sanctionId.endsWith('dismissal:1'))?.reason).toContain(
      'no 24-month window holds 5 valid complaints any more',
    );
  });
});

describe('redelivery', () => {
  it('produces nothing for the same source event again', () => {
    const command = finding('c-1', '2026-01-10T09:00:00.000Z');
    const { state } = play([command]);
    expect(eventsOf(decideCountFinding(command, state))).toEqual([]);
    expect(eventsOf(decideCountFinding({ ...command, outcome: 'invalid' }, state))).toEqual([]);
  });

  it('produces nothing for the same complaint with the same outcome from another event', () => {
    const command = finding('c-1', '2026-01-10T09:00:00.000Z');
    const { state } = play([command]);
    expect(eventsOf(decideCountFinding({ ...command, sourceEventId: 'another', foundAt: '2026-09-01T00:00:00.000Z' }, state))).toEqual([]);
  });

  it('produces nothing for an older event of the complaint replayed after a newer one', () => {
    const valid = finding('c-1', '2026-01-10T09:00:00.000Z', { complaintRevision: 3 });
    const invalid = finding('c-1', '2026-01-10T09:00:00.000Z', { outcome: 'invalid', complaintRevision: 5, sourceEventId: 'e-5' });
    const { state } = play([invalid]);
    expect(eventsOf(decideCountFinding(valid, state))).toEqual([]);
  });

  it('produces nothing when a replayed withdrawal that changed nothing comes back after a newer finding', () => {
    // The withdrawal (revision 2) found nothing to withdraw and left no trace; the complaint's revision 4 then counted it.
    const withdrawal = finding('c-1', '2026-01-10T09:00:00.000Z', { outcome: 'withdrawn', complaintRevision: 2, sourceEventId: 'e-2' });
    const valid = finding('c-1', '2026-01-10T09:00:00.000Z', { complaintRevision: 4, sourceEventId: 'e-4' });
    const { steps, state } = play([withdrawal, valid, withdrawal, valid]);
    expect(steps.map((events) => events.length)).toEqual([0, 2, 0, 0]);
    expect(inForceKeys(state)).toEqual(['2026:1']);
  });

  it('produces nothing when a complaint never counted for the person is withdrawn', () => {
    expect(eventsOf(decideCountFinding(finding('c-1', '2026-01-10T09:00:00.000Z', { outcome: 'withdrawn' }), initialLadderState))).toEqual([]);
  });

  it('decides the same ids when a decision is retried from the same state', () => {
    const command = finding('c-1', '2026-01-10T09:00:00.000Z');
    expect(decideCountFinding(command, initialLadderState)).toEqual(decideCountFinding(command, initialLadderState));
  });
});

describe('policies', () => {
  const stricter: SanctionPolicy = {
    version: 2,
    effectiveFrom: '2026-07-01T00:00:00.000Z',
    steps: [
      { step: 1, threshold: 2, consequences: ['admonition-talk'] },
      { step: 2, threshold: 3, consequences: ['mandatory-training'] },
      { step: 3, threshold: 4, consequences: ['removal-from-post'] },
      { step: 4, threshold: 5, consequences: ['heavier-sanction'] },
    ],
    dismissal: { threshold: 6, windowMonths: 12, consequences: ['dismissal'] },
  };
  const policies = [stricter];

  it('applies a later policy only to complaints found valid on or after its effectiveFrom', () => {
    const { steps } = play([
      finding('c-1', '2026-03-01T00:00:00.000Z', { policies }),
      // Found after the new policy took effect: 2 valid reach its step 1 (already in force), not its step 2.
      finding('c-2', '2026-06-20T00:00:00.000Z', { policies, foundAt: '2026-07-02T00:00:00.000Z' }),
      finding('c-3', '2026-07-10T00:00:00.000Z', { policies }),
    ]);
    expect(decisions(steps[0]!)).toEqual([expect.objectContaining({ step: 1, policyVersion: 1, consequences: ['admonition-talk', 'no-excellent-rating'] })]);
    expect(decisions(steps[1]!)).toEqual([]);
    expect(decisions(steps[2]!)).toEqual([
      expect.objectContaining({ step: 2, policyVersion: 2, threshold: 3, consequences: ['mandatory-training'], triggeredBy: 'c-3' }),
    ]);
  });

  it('keeps the old policy for a complaint found valid just before the new one took effect', () => {
    const { steps } = play([
      finding('c-1', '2026-03-01T00:00:00.000Z', { policies }),
      finding('c-2', '2026-06-20T00:00:00.000Z', { policies, foundAt: '2026-06-30T23:59:59.999Z' }),
    ]);
    expect(decisions(steps[1]!)).toEqual([expect.objectContaining({ step: 2, policyVersion: 1, threshold: 2 })]);
  });
});

describe('refusals', () => {
  it('refuses a finding for another person than the ladder belongs to, writing nothing', () => {
    const { state } = play([finding('c-1', '2026-01-10T09:00:00.000Z')]);
    expect(decideCountFinding({ ...finding('c-2', '2026-01-11T09:00:00.000Z'), personId: 'p-2' }, state)).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'wrong-person', field: 'personId' }),
    });
  });

  it('refuses a revision that is not a non-negative integer', () => {
    expect(decideCountFinding({ ...finding('c-1', '2026-01-10T09:00:00.000Z'), complaintRevision: -1 }, initialLadderState)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid-revision', field: 'complaintRevision' }),
    });
  });

  it('refuses a time that is not an instant, naming the field', () => {
    expect(decideCountFinding({ ...finding('c-1', '2026-01-10T09:00:00.000Z'), foundAt: 'yesterday' }, initialLadderState)).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'invalid-time', field: 'foundAt' }),
    });
  });
});
