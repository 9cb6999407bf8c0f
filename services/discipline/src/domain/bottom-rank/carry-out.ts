import { type Decider, accept, refuse } from '@ledger/decider';
import type { BottomRankCarriedOut, EventOf } from '@ledger/events';
import { checkInstant, checkNotFuture, instantMs } from '@ledger/rules-kit';

// SPEC 6: each bottom-rank outcome is later carried out, once (stream `bottom-rank-<departmentId>-<year>`).

export type BottomRankCarriedOutEvent = EventOf<typeof BottomRankCarriedOut>;
export type BottomRankOutcomeName = BottomRankCarriedOutEvent['data']['outcome'];

export interface CarryOutBottomRank {
  departmentId: string;
  year: number;
  outcome: BottomRankOutcomeName;
  /** When the close required this outcome of the department (looked up by the caller); none: not required. */
  requiredAt?: string;
  by: string;
  attendees?: string[];
  newLeaderPersonId?: string;
  /** Looked up by the caller: a new leader must be a registered person. */
  newLeaderIsRegistered: boolean;
  previousLeaderPersonId?: string;
  note?: string;
  at: string;
  now: string;
}

export interface BottomRankState {
  carriedOut: Partial<Record<BottomRankOutcomeName, string>>;
}

export const carryOutBottomRankDecider: Decider<CarryOutBottomRank, BottomRankState, BottomRankCarriedOutEvent> = {
  initialState: { carriedOut: {} },
  evolve: (state, event) => ({ carriedOut: { ...state.carriedOut, [event.data.outcome]: event.data.at } }),
  decide(command, state) {
    const { departmentId, year, outcome } = command;
    if (command.requiredAt === undefined) {
      return refuse('not-found', 'bottom-rank-outcome-not-found', `the close of ${year} required no ${outcome} of ${departmentId}`, 'outcome');
    }
    const time = checkInstant(command.at, 'at') ?? checkNotFuture(command.at, 'at', command.now);
    if (time) return refuse(time);
    if (instantMs(command.at) < instantMs(command.requiredAt)) return refuse('rule', 'carried-out-before-required', `the ${outcome} was required at ${command.requiredAt}`, 'at');
    if (state.carriedOut[outcome] !== undefined) return refuse('conflict', 'bottom-rank-already-carried-out', `the ${outcome} of ${year} was carried out at ${state.carriedOut[outcome]}`);
    if (outcome === 'leader-replacement') {
      if (command.newLeaderPersonId === undefined) return refuse('rule', 'new-leader-required', 'a leader replacement names the new leader', 'newLeaderPersonId');
      if (!command.newLeaderIsRegistered) return refuse('rule', 'unknown-person', `the new leader ${command.newLeaderPersonId} is not a registered person`, 'newLeaderPersonId');
      if (command.newLeaderPersonId === command.previousLeaderPersonId) return refuse('rule', 'same-leader', 'the new leader is the leader being replaced', 'newLeaderPersonId');
    } else if (command.newLeaderPersonId !== undefined) {
      return refuse('rule', 'no-new-leader-for-a-talk', 'an admonition talk names no new leader', 'newLeaderPersonId');
    }
    return accept<BottomRankCarriedOutEvent>({
      type: 'BottomRankCarriedOut',
      data: {
        departmentId,
        year,
        outcome,
        by: command.by,
        attendees: command.attendees ?? [],
        ...(command.newLeaderPersonId === undefined ? {} : { newLeaderPersonId: command.newLeaderPersonId }),
        ...(command.previousLeaderPersonId === undefined ? {} : { previousLeaderPersonId: command.previousLeaderPersonId }),
        ...(command.note === undefined ? {} : { note: command.note }),
        at: command.at,
      },
    });
  },
};
