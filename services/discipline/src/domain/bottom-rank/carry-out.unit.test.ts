import { given } from '@ledger/decider/testing';
import { describe, it } from 'vitest';
import { type BottomRankCarriedOutEvent, type CarryOutBottomRank, carryOutBottomRankDecider } from './carry-out.ts';

// SPEC 6: a bottom-rank outcome is carried out once; a replacement names a registered new leader.

const now = '2026-03-01T10:00:00+08:00';
const talk: CarryOutBottomRank = {
  departmentId: 'd1', year: 2025, outcome: 'admonition-talk', requiredAt: '2026-01-20T10:00:00+08:00', by: 'official-1',
  attendees: ['lead', 'deputy'], newLeaderIsRegistered: false, previousLeaderPersonId: 'lead', at: '2026-02-01T10:00:00+08:00', now,
};
const talkHeld: BottomRankCarriedOutEvent = {
  type: 'BottomRankCarriedOut',
  data: { departmentId: 'd1', year: 2025, outcome: 'admonition-talk', by: 'official-1', attendees: ['lead', 'deputy'], previousLeaderPersonId: 'lead', at: '2026-02-01T10:00:00+08:00' },
};
const replacement: CarryOutBottomRank = { ...talk, outcome: 'leader-replacement', attendees: undefined, newLeaderPersonId: 'new', newLeaderIsRegistered: true };

describe('carrying out a bottom-rank outcome', () => {
  it('records the talk once, with its attendees', () => {
    given(carryOutBottomRankDecider).when(talk).thenEvents(talkHeld);
    given(carryOutBottomRankDecider, talkHeld).when(talk).thenError({ kind: 'conflict', code: 'bottom-rank-already-carried-out' });
  });

  it('refuses an outcome the close did not require, and a carry-out before it was required', () => {
    const { requiredAt: _required, ...notRequired } = talk;
    given(carryOutBottomRankDecider).when(notRequired).thenError({ kind: 'not-found', code: 'bottom-rank-outcome-not-found', field: 'outcome' });
    given(carryOutBottomRankDecider).when({ ...talk, at: '2026-01-01T10:00:00+08:00' }).thenError({ kind: 'rule', code: 'carried-out-before-required', field: 'at' });
  });

  it('replaces the leader with a registered person other than the leader', () => {
    given(carryOutBottomRankDecider, talkHeld)
      .when(replacement)
      .thenEvents({
        type: 'BottomRankCarriedOut',
        data: { departmentId: 'd1', year: 2025, outcome: 'leader-replacement', by: 'official-1', attendees: [], newLeaderPersonId: 'new', previousLeaderPersonId: 'lead', at: '2026-02-01T10:00:00+08:00' },
      });
    const { newLeaderPersonId: _new, ...noLeader } = replacement;
    given(carryOutBottomRankDecider).when(noLeader).thenError({ kind: 'rule', code: 'new-leader-required', field: 'newLeaderPersonId' });
    given(carryOutBottomRankDecider).when({ ...replacement, newLeaderIsRegistered: false }).thenError({ kind: 'rule', code: 'unknown-person', field: 'newLeaderPersonId' });
    given(carryOutBottomRankDecider).when({ ...replacement, newLeaderPersonId: 'lead' }).thenError({ kind: 'rule', code: 'same-leader', field: 'newLeaderPersonId' });
  });
});
