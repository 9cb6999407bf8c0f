import { type Decision, type DomainError, accept, refuse } from '@ledger/decider';
import { complaintEvents, type ComplaintEvent, type FindingOutcome } from '@ledger/events';
import { checkInstant, checkNotFuture, instantMs } from '@ledger/rules-kit';
import { checkDepartments, checkHandlingDays, checkSatisfaction, checkStepTime, checkText } from './checks.ts';
import type {
  AcceptComplaint,
  AssignInvestigator,
  CloseComplaint,
  ComplaintCommand,
  DecideAppeal,
  FileAppeal,
  FileComplaint,
  MarkOverdue,
  RecordFinding,
  RejectComplaint,
  RateHandling,
  ReopenComplaint,
} from './commands.ts';
import { alreadyExists, conflict, notFound, rule } from './errors.ts';
import { isUnderHandling, type ComplaintState, type ComplaintStatus } from './state.ts';
import { addCalendarDays } from './time.ts';

type ComplaintDecision = Decision<ComplaintEvent>;

/**
 * The complaint aggregate (SPEC 3). Checks run in the order a clerk would want to hear about them:
 * does the complaint exist, does the command fit its state (409), then the rules on the input (422).
 * A refusal produces no events.
 */
export function decide(command: ComplaintCommand, state: ComplaintState | undefined): ComplaintDecision {
  return refuseEventsOutsideTheCatalogue(decideCommand(command, state));
}

function decideCommand(command: ComplaintCommand, state: ComplaintState | undefined): ComplaintDecision {
  if (command.type === 'FileComplaint') return fileComplaint(command, state);
  if (state === undefined) return refuse(notFound());
  switch (command.type) {
    case 'AcceptComplaint':
      return acceptComplaint(command, state);
    case 'RejectComplaint':
      return rejectComplaint(command, state);
    case 'AssignInvestigator':
      return assignInvestigator(command, state);
    case 'RecordFinding':
      return recordFinding(command, state);
    case 'CloseComplaint':
      return closeComplaint(command, state);
    case 'RateHandling':
      return rateHandling(command, state);
    case 'ReopenComplaint':
      return reopenComplaint(command, state);
    case 'FileAppeal':
      return fileAppeal(command, state);
    case 'DecideAppeal':
      return decideAppeal(command, state);
    case 'MarkOverdue':
      return markOverdue(command, state);
  }
}

function fileComplaint(command: FileComplaint, state: ComplaintState | undefined): ComplaintDecision {
  if (state !== undefined) return refuse(alreadyExists());
  const error =
    checkText(command.summary, 'summary', 10_000) ??
    checkNotFuture(command.receivedAt, 'receivedAt', command.now) ??
    (command.occurredAt === undefined ? undefined : checkOccurredAt(command.occurredAt, command.receivedAt, command.now));
  if (error) return refuse(error);
  return accept({
    type: 'ComplaintFiled',
    data: {
      complaintId: command.complaintId,
      trackingCodeDigest: command.trackingCodeDigest,
      channel: command.channel,
      departmentId: command.departmentId,
      ...(command.personId === undefined ? {} : { personId: command.personId }),
      category: command.category,
      summary: command.summary,
      ...(command.occurredAt === undefined ? {} : { occurredAt: command.occurredAt }),
      receivedAt: command.receivedAt,
      ...(command.complainant === undefined ? {} : { complainant: command.complainant }),
    },
  });
}

function checkOccurredAt(occurredAt: string, receivedAt: string, now: string): DomainError | undefined {
  const error = checkNotFuture(occurredAt, 'occurredAt', now);
  if (error) return error;
  if (instantMs(occurredAt) <= instantMs(receivedAt)) return undefined;
  return rule('occurred-after-received', `occurredAt (${occurredAt}) is after the complaint was received (${receivedAt}).`, 'occurredAt');
}

/** Acceptance and rejection are the intake decision on a filed complaint, taken once. */
function checkIntake(state: ComplaintState): DomainError | undefined {
  if (state.status === 'filed') return undefined;
  if (state.status === 'rejected') return conflict('already-rejected', 'The complaint was already rejected.');
  return conflict('already-accepted', 'The complaint was already accepted.');
}

function acceptComplaint(command: AcceptComplaint, state: ComplaintState): ComplaintDecision {
  const error = checkIntake(state) ?? checkHandlingDays(command.handlingDays) ?? checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  return accept({
    type: 'ComplaintAccepted',
    data: {
      complaintId: state.complaintId,
      handlingDays: command.handlingDays,
      // Counted from receipt, so that passing the complaint around never restarts the clock (SPEC 3.2).
      dueAt: addCalendarDays(state.receivedAt, command.handlingDays),
      at: command.at,
    },
  });
}

function rejectComplaint(command: RejectComplaint, state: ComplaintState): ComplaintDecision {
  const error = checkIntake(state) ?? checkText(command.reason, 'reason', 2_000) ?? checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  return accept({ type: 'ComplaintRejected', data: { complaintId: state.complaintId, reason: command.reason, at: command.at } });
}

/**
 * The standard refusal when a step does not fit the status: `action` names the step in codes,
 * `doing` in messages. Statuses with a step-specific reason are given in `special`.
 */
function refuseStatus(
  state: ComplaintState,
  allowed: readonly ComplaintStatus[],
  action: string,
  doing: string,
  special: Partial<Record<ComplaintStatus, DomainError>> = {},
): DomainError | undefined {
  if (allowed.includes(state.status)) return undefined;
  const specific = special[state.status];
  if (specific) return specific;
  switch (state.status) {
    case 'filed':
      return conflict(`${action}-before-acceptance`, `The complaint has not been accepted yet; accept it before you ${doing}.`);
    case 'rejected':
      return conflict(`${action}-on-rejected-complaint`, `The complaint was rejected; you cannot ${doing}.`);
    case 'closed':
      return conflict('already-closed', `The complaint is closed; you cannot ${doing}.`);
    case 'appealed':
      return conflict('appeal-pending', `An appeal against the finding is pending; decide it before you ${doing}.`);
    default:
      return conflict(`${action}-not-allowed`, `You cannot ${doing} while the complaint is ${state.status}.`);
  }
}

/** Investigators work while a finding is awaited: after acceptance or a reopen, as often as needed. */
function assignInvestigator(command: AssignInvestigator, state: ComplaintState): ComplaintDecision {
  const current = state.investigators.at(-1)?.investigatorId;
  const error =
    refuseStatus(state, ['accepted'], 'assign', 'assign an investigator', {
      found: conflict('assign-after-finding', 'A finding is already recorded; investigators are assigned while a finding is awaited.'),
    }) ??
    (current === command.investigatorId
      ? conflict('already-assigned', `The complaint is already assigned to ${command.investigatorId}.`)
      : undefined) ??
    checkText(command.investigatorId, 'investigatorId', 200) ??
    checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  return accept({
    type: 'ComplaintAssigned',
    data: { complaintId: state.complaintId, investigatorId: command.investigatorId, at: command.at },
  });
}

function recordFinding(command: RecordFinding, state: ComplaintState): ComplaintDecision {
  const error =
    refuseStatus(state, ['accepted'], 'finding', 'record a finding', {
      found: conflict(
        'finding-already-recorded',
        'A finding is already recorded; it can be appealed, or the complaint reopened after closing.',
      ),
    }) ??
    (command.note === undefined ? undefined : checkText(command.note, 'note', 10_000)) ??
    checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  const finding = findingOf(command, state);
  const namesNoOne = checkDepartments(finding.departmentsAtFault) ?? checkNamesSomeone(finding.outcome, finding, 'personId');
  if (namesNoOne) return refuse(namesNoOne);
  return accept({
    type: 'FindingRecorded',
    data: {
      complaintId: state.complaintId,
      receivedAt: state.receivedAt,
      respondentDepartmentId: state.departmentId,
      ...finding,
      ...(command.note === undefined ? {} : { note: command.note }),
      // After a reopen the earlier finding is still in force until this one replaces it.
      ...(state.finding === undefined ? {} : { replacesFinding: findingFieldsOf(state.finding) }),
      at: command.at,
    },
  });
}

interface FindingFields {
  outcome: FindingOutcome;
  personId?: string;
  departmentsAtFault: string[];
}

function findingOf(command: RecordFinding, state: ComplaintState): FindingFields {
  const personId = command.personId ?? state.personId;
  return {
    outcome: command.outcome,
    ...(personId === undefined ? {} : { personId }),
    departmentsAtFault: [...(command.departmentsAtFault ?? [])],
  };
}

function findingFieldsOf(finding: FindingFields | NonNullable<ComplaintState['finding']>): FindingFields {
  return {
    outcome: finding.outcome,
    ...(finding.personId === undefined ? {} : { personId: finding.personId }),
    departmentsAtFault: [...finding.departmentsAtFault],
  };
}

/** A valid finding must say who answers for it, or it would count against no one (SPEC 4, 5). */
function checkNamesSomeone(outcome: FindingOutcome, finding: FindingFields, field: string): DomainError | undefined {
  if (outcome === 'invalid' || finding.personId !== undefined || finding.departmentsAtFault.length > 0) return undefined;
  return rule(
    'finding-names-no-one',
    `A ${outcome} finding must name the responsible person or at least one department at fault.`,
    field,
  );
}

function closeComplaint(command: CloseComplaint, state: ComplaintState): ComplaintDecision {
  const error =
    refuseStatus(state, ['found'], 'close', 'close it', {
      filed: conflict('close-without-finding', 'The complaint has no finding yet; record a finding before closing it.'),
      accepted: conflict('close-without-finding', 'The complaint has no finding yet; record a finding before closing it.'),
    }) ??
    checkSatisfaction(command.satisfaction) ??
    checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  return accept({
    type: 'ComplaintClosed',
    data: {
      complaintId: state.complaintId,
      ...(command.satisfaction === undefined ? {} : { satisfaction: command.satisfaction }),
      at: command.at,
    },
  });
}

/**
 * The complainant rates the handling once, after the close (SPEC 3.5): before the close and a second time are
 * conflicts with the state (409). A reopened complaint keeps its one rating.
 */
function rateHandling(command: RateHandling, state: ComplaintState): ComplaintDecision {
  const error =
    (state.complainantRating === undefined
      ? undefined
      : conflict('already-rated', 'The handling of this complaint was already rated; it can be rated only once.')) ??
    (state.status === 'closed' || (state.status === 'appealed' && state.appeal?.statusBefore === 'closed')
      ? undefined
      : conflict('rating-before-close', 'The complaint is not closed yet; the handling can be rated once it is closed.')) ??
    checkSatisfaction(command.satisfaction) ??
    checkNotFuture(command.at, 'at', command.now);
  if (error) return refuse(error);
  return accept({
    type: 'ComplaintRatedByComplainant',
    data: {
      complaintId: state.complaintId,
      respondentDepartmentId: state.departmentId,
      channel: state.channel,
      satisfaction: command.satisfaction,
      ...(command.comment === undefined ? {} : { comment: command.comment }),
      at: command.at,
    },
  });
}

/** Reopening is the complainant's right to one redo after rating the handling 1 or 2; every refusal is 422 (API.md). */
function reopenComplaint(command: ReopenComplaint, state: ComplaintState): ComplaintDecision {
  const error =
    checkReopenAllowed(state) ??
    checkText(command.reason, 'reason', 2_000) ??
    checkHandlingDays(command.handlingDays) ??
    checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  return accept({
    type: 'ComplaintReopened',
    data: {
      complaintId: state.complaintId,
      reason: command.reason,
      handlingDays: command.handlingDays,
      // The redo gets a fresh deadline of its own, counted from the reopening.
      dueAt: addCalendarDays(command.at, command.handlingDays),
      at: command.at,
    },
  });
}

function checkReopenAllowed(state: ComplaintState): DomainError | undefined {
  if (state.reopened) return rule('already-reopened', 'The complaint was already reopened once; it can be reopened only once.');
  if (state.status !== 'closed') {
    return rule('reopen-not-allowed', `Only a closed complaint can be reopened; this one is ${state.status}.`);
  }
  // Either rating allows it: the call-back's recorded with the close, or the complainant's own (SPEC 3.5).
  const ratings = [state.satisfaction, state.complainantRating?.satisfaction].filter((rating) => rating !== undefined);
  if (ratings.some((rating) => rating === 1 || rating === 2)) return undefined;
  return rule(
    'reopen-needs-dissatisfaction',
    ratings.length === 0
      ? 'The complaint was closed without a satisfaction rating; only a rating of 1 or 2 allows reopening.'
      : `The complaint was rated ${ratings.join(' and ')}; only a rating of 1 or 2 allows reopening.`,
  );
}

function fileAppeal(command: FileAppeal, state: ComplaintState): ComplaintDecision {
  const noFinding = conflict('appeal-without-finding', 'There is no finding in force to appeal; the complaint awaits its finding.');
  const error =
    refuseStatus(state, ['found', 'closed'], 'appeal', 'appeal', { filed: noFinding, accepted: noFinding }) ??
    (state.findingAppealed
      ? rule('finding-already-appealed', 'The finding in force was already appealed; a finding can be appealed only once.')
      : undefined) ??
    checkText(command.reason, 'reason', 2_000) ??
    checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  return accept({ type: 'AppealFiled', data: { complaintId: state.complaintId, reason: command.reason, at: command.at } });
}

function decideAppeal(command: DecideAppeal, state: ComplaintState): ComplaintDecision {
  const inForce = state.finding;
  if (state.status !== 'appealed' || inForce === undefined) {
    return refuse(conflict('no-pending-appeal', 'No appeal is pending on this complaint.'));
  }
  const previous = findingFieldsOf(inForce);
  const outcome = command.decision === 'overturned' ? command.outcome : inForce.outcome;
  // An overturn replaces only the outcome: the person and departments of the finding stay the same.
  const finding: FindingFields = { ...previous, outcome: outcome ?? inForce.outcome };
  const error =
    checkAppealOutcome(command, inForce.outcome) ??
    checkNamesSomeone(finding.outcome, finding, 'outcome') ??
    checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  return accept({
    type: 'AppealDecided',
    data: {
      complaintId: state.complaintId,
      receivedAt: state.receivedAt,
      respondentDepartmentId: state.departmentId,
      decision: command.decision,
      finding,
      previousFinding: previous,
      at: command.at,
    },
  });
}

function checkAppealOutcome(command: DecideAppeal, inForce: FindingOutcome): DomainError | undefined {
  if (command.decision === 'upheld') {
    if (command.outcome === undefined || command.outcome === inForce) return undefined;
    return rule(
      'upheld-with-different-outcome',
      `An upheld finding keeps its outcome (${inForce}); to change it to ${command.outcome}, overturn it.`,
      'outcome',
    );
  }
  if (command.outcome === undefined) return rule('overturn-needs-outcome', 'Overturning a finding requires the new outcome.', 'outcome');
  if (command.outcome !== inForce) return undefined;
  return rule(
    'overturn-same-outcome',
    `The finding in force is already ${inForce}; an overturn must give a different outcome.`,
    'outcome',
  );
}

/** One overdue event per missed deadline; a reopen's new deadline may be missed again. */
function markOverdue(command: MarkOverdue, state: ComplaintState): ComplaintDecision {
  const error =
    checkUnderHandling(state) ??
    (state.overdue ? conflict('already-marked-overdue', 'The complaint is already marked overdue for its current deadline.') : undefined) ??
    checkInstant(command.at, 'at') ??
    checkNotYetDue(command.at, state) ??
    checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  return accept({ type: 'ComplaintOverdue', data: { complaintId: state.complaintId, dueAt: state.dueAt ?? '', at: command.at } });
}

/** Only a complaint still being handled runs against its deadline; a closed one under appeal does not. */
function checkUnderHandling(state: ComplaintState): DomainError | undefined {
  if (isUnderHandling(state)) return undefined;
  if (state.status === 'appealed') return conflict('already-closed', 'The complaint is closed; it cannot become overdue.');
  return refuseStatus(state, [], 'overdue', 'mark it overdue');
}

function checkNotYetDue(at: string, state: ComplaintState): DomainError | undefined {
  if (state.dueAt === undefined || instantMs(at) > instantMs(state.dueAt)) return undefined;
  return rule('not-yet-due', `at (${at}) is not past the deadline (${state.dueAt}).`, 'at');
}

/**
 * The last guard: every produced event must match its catalogue schema, so that an input the rules
 * above do not cover (an over-long id, a malformed tracking code) is refused here, naming the field,
 * instead of failing at append time.
 */
function refuseEventsOutsideTheCatalogue(decision: ComplaintDecision): ComplaintDecision {
  if (!decision.ok) return decision;
  for (const event of decision.events) {
    // The latest version of the type: the one the store appends.
    const definition = complaintEvents.findLast((candidate) => candidate.type === event.type);
    const result = definition?.schema.safeParse(event.data);
    const issue = result?.success === false ? result.error.issues[0] : undefined;
    if (issue) {
      const field = issue.path.join('.') || event.type;
      return refuse(rule('invalid-field', `${field}: ${issue.message}.`, field));
    }
  }
  return decision;
}
