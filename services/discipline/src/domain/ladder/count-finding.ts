import type { LedgerCalendar } from '@ledger/calendar';
import type { CountedOutcome } from '@ledger/events';
import { accept, type Decision, refuse } from '@ledger/decider';
import type { FindingCountedEvent, PersonEvent, ReferralOpenedEvent, SanctionDecidedEvent, SanctionRescindedEvent, SanctionSupportChangedEvent } from '../events.ts';
import type { SanctionPolicy } from '../policy/default-policy.ts';
import { checkCountedFact } from '../inputs/complaint-facts.ts';
import { referralIdFor, sanctionIdFor } from './ids.ts';
import { evolveLadder, isInForce, keyOf, type LadderState, type SanctionRecord } from './state.ts';
import { countsOnLadder, type SupportedSanction, supportedSanctions } from './support.ts';

/** How the outcome came to be: it only words the reason of a rescission. */
export type FindingChange = 'finding' | 'redo-finding' | 'appeal-overturned';

/** A complaint's outcome in force for one person, read from a complaint event (see inputs/). */
export interface CountFinding {
  personId: string;
  complaintId: string;
  receivedAt: string;
  outcome: CountedOutcome;
  /** When the outcome in force was found; also the business time of every sanction decided or rescinded. */
  foundAt: string;
  sourceEventId: string;
  /** The source event's 0-based revision in the complaint's stream. */
  complaintRevision: number;
  /** Every adopted policy; the default ladder applies before the first one. */
  policies: readonly SanctionPolicy[];
  /** The ledger's local calendar (SPEC "Local time"): the year a complaint counts in, the 24-month window. */
  calendar: LedgerCalendar;
  change?: FindingChange;
  /** The stated reason of the appeal decision that changed the outcome (SPEC 3.6): it words a rescission. */
  reason?: string;
}

/**
 * Records the fact, then recomputes the whole ladder: every sanction in force that the valid complaints no
 * longer support is rescinded (carried out or not), and every supported one not in force is decided.
 * A sanction stays in force while its (year, step) is supported, even if the complaints supporting it now
 * differ from those it records: the person has served it once.
 */
export function decideCountFinding(command: CountFinding, state: LadderState): Decision<PersonEvent> {
  const invalid = validate(command, state);
  if (invalid) return invalid;
  const previous = state.complaints.get(command.complaintId);
  // Before any finding names the person, the complaint is as good as withdrawn for them.
  const previousOutcome = previous?.outcome ?? 'withdrawn';
  // Redelivered, replayed from an older position, or no change for this person: nothing to record.
  const stale = previous !== undefined && command.complaintRevision <= previous.revision;
  if (state.sourceEventIds.has(command.sourceEventId) || stale || previousOutcome === command.outcome) return accept();

  const counted: FindingCountedEvent = {
    type: 'FindingCounted',
    data: {
      personId: command.personId,
      complaintId: command.complaintId,
      receivedAt: command.receivedAt,
      outcome: command.outcome,
      foundAt: command.foundAt,
      sourceEventId: command.sourceEventId,
      complaintRevision: command.complaintRevision,
    },
  };
  const next = evolveLadder(state, counted);
  const supported = supportedSanctions(next.complaints.values(), command.policies, command.calendar);
  const supportedKeys = new Set(supported.map((sanction) => sanction.key));
  const inForce = next.sanctions.filter(isInForce);
  const inForceKeys = new Set(inForce.map(keyOf));
  const lostValidity = previous !== undefined && countsOnLadder(previous) && !countsOnLadder(counted.data);

  const rescinded: SanctionRescindedEvent[] = inForce
    .filter((sanction) => !supportedKeys.has(keyOf(sanction)))
    .map((sanction) => ({
      type: 'SanctionRescinded',
      data: {
        sanctionId: sanction.sanctionId,
        personId: command.personId,
        ...(lostValidity ? { complaintId: command.complaintId } : {}),
        reason: rescissionReason(sanction, command, next, lostValidity),
        at: command.foundAt,
      },
    }));
  const decided: SanctionDecidedEvent[] = supported
    .filter((sanction) => !inForceKeys.has(sanction.key))
    .map((sanction) => decision(sanction, command, next));
  const supportedByKey = new Map(supported.map((sanction) => [sanction.key, sanction]));
  // SPEC 4.4: a sanction that survives shows the complaints that support it now; the change is an event.
  const resupported: SanctionSupportChangedEvent[] = inForce.flatMap((sanction) => {
    const now = supportedByKey.get(keyOf(sanction));
    if (!now || sameList(now.complaintIds, sanction.complaintIds)) return [];
    return [
      {
        type: 'SanctionSupportChanged',
        data: {
          sanctionId: sanction.sanctionId,
          personId: command.personId,
          complaintIds: now.complaintIds,
          previousComplaintIds: sanction.complaintIds,
          reason: `the valid complaints were recounted after complaint ${command.complaintId} changed (${command.foundAt}${command.reason === undefined ? '' : `; the appeal decision's reason: ${command.reason}`})`,
          at: command.foundAt,
        },
      },
    ];
  });
  return accept<PersonEvent>(counted, ...referral(command, next), ...rescinded, ...resupported, ...decided);
}

/**
 * SPEC 4.7: a `valid-violation` finding refers the complaint to the disciplinary inspection process. A
 * complaint already holding an open referral for the person does not open a second one.
 */
function referral(command: CountFinding, state: LadderState): ReferralOpenedEvent[] {
  if (command.outcome !== 'valid-violation') return [];
  const ofComplaint = state.referrals.filter((candidate) => candidate.complaintId === command.complaintId);
  if (ofComplaint.some((candidate) => candidate.status === 'open')) return [];
  return [
    {
      type: 'ReferralOpened',
      data: {
        referralId: referralIdFor(command.personId, command.complaintId, ofComplaint.length + 1),
        personId: command.personId,
        complaintId: command.complaintId,
        receivedAt: command.receivedAt,
        at: command.foundAt,
      },
    },
  ];
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((id, index) => id === b[index]);

function validate(command: CountFinding, state: LadderState): Decision<PersonEvent> | undefined {
  if (state.personId !== undefined && state.personId !== command.personId) {
    return refuse('rule', 'wrong-person', `this ladder belongs to person ${state.personId}, not ${command.personId}`, 'personId');
  }
  const invalid = checkCountedFact(command);
  return invalid ? refuse(invalid) : undefined;
}

function decision(sanction: SupportedSanction, command: CountFinding, state: LadderState): SanctionDecidedEvent {
  const generation = state.sanctions.filter((earlier) => keyOf(earlier) === sanction.key).length + 1;
  const { key: _key, ...evidence } = sanction;
  return {
    type: 'SanctionDecided',
    data: {
      ...evidence,
      sanctionId: sanctionIdFor(command.personId, sanction.step, sanction.year, generation),
      personId: command.personId,
      decidedAt: command.foundAt,
    },
  };
}

const outcomeWords: Record<CountedOutcome, string> = {
  valid: 'valid',
  'valid-violation': 'a disciplinary violation, which the ladder does not count',
  invalid: 'invalid',
  withdrawn: 'no longer against this person',
};

const changeWords: Record<FindingChange, string> = {
  finding: 'was found',
  'redo-finding': 'was found on redo',
  'appeal-overturned': 'was overturned on appeal: now',
};

function rescissionReason(sanction: SanctionRecord, command: CountFinding, state: LadderState, lostValidity: boolean): string {
  const stated = command.reason === undefined ? '' : `; the appeal decision's reason: ${command.reason}`;
  const why = lostValidity
    ? `complaint ${command.complaintId} ${changeWords[command.change ?? 'finding']} ${outcomeWords[command.outcome]} (${command.foundAt}${stated})`
    : `the valid complaints were recounted after complaint ${command.complaintId} changed (${command.foundAt}${stated})`;
  const valid = [...state.complaints.values()].filter(countsOnLadder);
  if (sanction.year === undefined) {
    return `${why}: no ${sanction.windowMonths ?? ''}-month window holds ${sanction.threshold} valid complaints any more, so dismissal is no longer supported`;
  }
  const inYear = valid.filter((complaint) => command.calendar.yearOf(complaint.receivedAt) === sanction.year).length;
  return `${why}: ${inYear} valid complaint(s) received in ${sanction.year} no longer reach step ${sanction.step} (threshold ${sanction.threshold})`;
}
