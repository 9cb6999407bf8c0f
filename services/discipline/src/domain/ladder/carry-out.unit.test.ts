import { validateEvent } from '@ledger/events';
import { describe, expect, it } from 'vitest';
import type { PersonEvent } from '../events.ts';
import { type CarryOutSanction, decideCarryOutSanction } from './carry-out.ts';
import { foldLadder } from './state.ts';

const sanctionId = 'sanction:p-1:2026-step-1:1';
const decided: PersonEvent[] = [
  {
    type: 'FindingCounted',
    data: {
      personId: 'p-1',
      complaintId: 'c-1',
      receivedAt: '2026-01-10T09:00:00.000Z',
      outcome: 'valid',
      foundAt: '2026-01-11T09:00:00.000Z',
      sourceEventId: 'e-1',
      complaintRevision: 3,
    },
  },
  {
    type: 'SanctionDecided',
    data: {
      sanctionId,
      personId: 'p-1',
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
];
const carriedOut: PersonEvent = {
  type: 'SanctionCarriedOut',
  data: { sanctionId, personId: 'p-1', by: 'official-1', at: '2026-01-20T00:00:00.000Z' },
};
const rescinded: PersonEvent = {
  type: 'SanctionRescinded',
  data: { sanctionId, personId: 'p-1', complaintId: 'c-1', reason: 'complaint c-1 was overturned on appeal', at: '2026-02-01T00:00:00.000Z' },
};
const command: CarryOutSanction = { sanctionId, by: 'official-2', note: 'talk held', at: '2026-01-25T10:00:00.000Z', now: '2026-01-25T11:00:00.000Z' };

describe('carrying out a sanction', () => {
  it('records who carried out a pending sanction, when, and the note', () => {
    const decision = decideCarryOutSanction(command, foldLadder(decided));
    expect(decision).toEqual({
      ok: true,
      events: [
        {
          type: 'SanctionCarriedOut',
          data: { sanctionId, personId: 'p-1', by: 'official-2', note: 'talk held', at: '2026-01-25T10:00:00.000Z' },
        },
      ],
    });
    if (decision.ok) validateEvent('SanctionCarriedOut', 1, decision.events[0]!.data);
    const state = foldLadder(decision.ok ? decision.events : [], foldLadder(decided));
    expect(state.sanctions[0]).toMatchObject({ status: 'carried-out', carriedOut: { by: 'official-2', note: 'talk held' } });
  });

  it.each([
    ['an unknown sanction', decided, { sanctionId: 'nope' }, { kind: 'not-found', code: 'sanction-not-found', field: 'sanctionId' }],
    ['a sanction carried out already', [...decided, carriedOut], {}, { kind: 'conflict', code: 'sanction-already-carried-out' }],
    ['a rescinded sanction', [...decided, rescinded], {}, { kind: 'conflict', code: 'sanction-rescinded' }],
    ['a time in the future', decided, { at: '2026-01-25T12:00:00.000Z' }, { kind: 'rule', code: 'future-business-time', field: 'at' }],
    ['a time before the decision', decided, { at: '2026-01-11T08:00:00.000Z' }, { kind: 'rule', code: 'carried-out-before-decided', field: 'at' }],
    ['no one named', decided, { by: '  ' }, { kind: 'rule', code: 'invalid-by', field: 'by' }],
    ['an overlong note', decided, { note: 'x'.repeat(2_001) }, { kind: 'rule', code: 'note-too-long', field: 'note' }],
  ] as const)('refuses %s', (_name, given, change, error) => {
    expect(decideCarryOutSanction({ ...command, ...change }, foldLadder(given))).toEqual({ ok: false, error: expect.objectContaining(error) });
  });
});

describe("step 4's measure, chosen at carry-out (SPEC 4.6)", () => {
  const step4 = 'sanction:p-1:2026-step-4:1';
  const decidedStep4: PersonEvent[] = [
    decided[0]!,
    {
      type: 'SanctionDecided',
      data: {
        sanctionId: step4,
        personId: 'p-1',
        step: 4,
        year: 2026,
        consequences: ['incompetent-rating', 'heavier-sanction'],
        complaintIds: ['c-1'],
        triggeredBy: 'c-1',
        policyVersion: 1,
        threshold: 1,
        decidedAt: '2026-01-11T09:00:00.000Z',
      },
    },
  ];
  const carryOut = { sanctionId: step4, by: 'official-2', at: '2026-01-20T00:00:00.000Z', now: '2026-01-25T00:00:00.000Z' };

  it('records the measure chosen and the history shows it', () => {
    const decision = decideCarryOutSanction({ ...carryOut, imposed: 'major-demerit' }, foldLadder(decidedStep4));
    expect(decision).toEqual({
      ok: true,
      events: [{ type: 'SanctionCarriedOut', data: { sanctionId: step4, personId: 'p-1', by: 'official-2', imposed: 'major-demerit', at: carryOut.at } }],
    });
    for (const event of decision.ok ? decision.events : []) validateEvent(event.type, 1, event.data);
    const state = foldLadder(decision.ok ? decision.events : [], foldLadder(decidedStep4));
    expect(state.sanctions[0]).toMatchObject({ status: 'carried-out', imposed: 'major-demerit' });
  });

  it.each([
    ['no measure at step 4', {}, 'measure-required', 'imposed'],
    ['"other" without words', { imposed: 'other' }, 'measure-note-required', 'imposedNote'],
  ] as const)('refuses %s', (_name, change, code, field) => {
    expect(decideCarryOutSanction({ ...carryOut, ...change }, foldLadder(decidedStep4))).toEqual({ ok: false, error: expect.objectContaining({ kind: 'rule', code, field }) });
  });

  it('takes another measure in words', () => {
    const decision = decideCarryOutSanction({ ...carryOut, imposed: 'other', imposedNote: '留党察看一年' }, foldLadder(decidedStep4));
    expect(decision.ok && decision.events[0]!.data).toMatchObject({ imposed: 'other', imposedNote: '留党察看一年' });
  });

  it('refuses a measure at another step', () => {
    expect(decideCarryOutSanction({ ...command, imposed: 'demotion' }, foldLadder(decided))).toEqual({
      ok: false,
      error: expect.objectContaining({ kind: 'rule', code: 'measure-not-chosen-at-this-step', field: 'imposed' }),
    });
  });
});
