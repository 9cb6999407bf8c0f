import { accept, type Decision, refuse } from '@ledger/decider';
import { checkNotFuture, instantMs } from '@ledger/rules-kit';
import type { ReferralDecidedEvent } from '../events.ts';
import type { LadderState } from './state.ts';

/** A disciplinary official records a referral's outcome (SPEC 4.7). `now` is the caller's clock. */
export interface DecideReferral {
  referralId: string;
  outcome: 'sanctioned' | 'no-sanction';
  /** The sanction imposed, in words; required when sanctioned, refused otherwise. */
  sanction?: string;
  /** The disciplinary decision's reference. */
  reference: string;
  by: string;
  at: string;
  now: string;
}

export function decideReferralOutcome(command: DecideReferral, state: LadderState): Decision<ReferralDecidedEvent> {
  const referral = state.referrals.find((candidate) => candidate.referralId === command.referralId);
  if (!referral) return refuse('not-found', 'referral-not-found', `referral ${command.referralId} does not exist`, 'referralId');
  if (referral.status === 'decided') {
    return refuse('conflict', 'referral-already-decided', `referral ${command.referralId} was already decided (${referral.outcome}, ${referral.reference}) at ${referral.decidedAt}`);
  }
  if (command.reference.trim() === '' || command.reference.length > 500) {
    return refuse('rule', 'invalid-reference', "reference must name the disciplinary decision (1-500 characters)", 'reference');
  }
  const sanction = command.sanction?.trim();
  if (command.outcome === 'sanctioned' && !sanction) return refuse('rule', 'sanction-required', 'a sanctioned outcome states the sanction imposed', 'sanction');
  if (command.outcome === 'no-sanction' && sanction) return refuse('rule', 'sanction-without-sanction', 'an outcome of no-sanction names no sanction', 'sanction');
  if (sanction !== undefined && sanction.length > 2_000) return refuse('rule', 'note-too-long', 'sanction may hold at most 2000 characters', 'sanction');
  const time = checkNotFuture(command.at, 'at', command.now);
  if (time) return refuse(time);
  if (instantMs(command.at) < instantMs(referral.openedAt)) {
    return refuse('rule', 'decided-before-opened', `at ${command.at} is before the referral was opened (${referral.openedAt})`, 'at');
  }
  return accept({
    type: 'ReferralDecided',
    data: {
      referralId: referral.referralId,
      personId: referral.personId,
      complaintId: referral.complaintId,
      outcome: command.outcome,
      ...(sanction ? { sanction } : {}),
      reference: command.reference.trim(),
      by: command.by,
      at: command.at,
    },
  });
}
