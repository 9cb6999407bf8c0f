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
  ExplainOverdue,
  ExtendDeadline,
  FileAppeal,
  FileComplaint,
  MarkOverdue,
  RecordFinding,
  RejectComplaint,
  RateHandling,
  ReopenComplaint,
} from './commands.ts';
import { alreadyExists, conflict, notFound, rule } from './errors.ts';
import { dueInForce, isOverdueAt, runsAgainstDeadline, type ComplaintState, type ComplaintStatus } from './state.ts';
import { calendarDaysDeadline, extendedDeadline } from './time.ts';

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
    case 'ExtendDeadline':
      return extendDeadline(command, state);
    case 'ExplainOverdue':
      return explainOverdue(command, state);
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
    (command.occurredAt === undefined ? undefined : checkOccurredAt(command.occurredAt, command.receivedAt, command.now)) ??
    checkHandlingDays(command.handlingDays);
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
      // SPEC 3.2: set at filing and counted from receipt, so that neither a late acceptance nor passing the
      // complaint around restarts the clock; in local days, the day of receipt not counted.
      handlingDays: command.handlingDays,
      dueAt: calendarDaysDeadline(command.calendar, command.receivedAt, command.handlingDays),
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
  const error = checkIntake(state) ?? checkStepTime(command.at, command.now, state);
  if (error) return refuse(error);
  // The deadline was set at filing (SPEC 3.2): accepting it, however late, leaves it as it is.
  return accept({ type: 'ComplaintAccepted', data: { complaintId: state.complaintId, at: command.at } });
}

/**
 * SPEC 3.2: the deadline may be extended once, with a stated reason, by at most the channel's own number of
 * days, while it runs: an extension cannot undo a deadline already missed (the explanation is for that).
 */
function extendDeadline(command: ExtendDeadline, state: ComplaintState): ComplaintDecision {
  const error =
    checkRunsAgainstDeadline(state, 'extend', 'extend its deadline') ??
    (state.dueAt === undefined ? conflict('no-deadline', 'The complaint has no deadline yet; it is set when the complaint is accepted.') : undefined) ??
    (state.extension === undefined
      ? undefined
      : rule('already-extended', `The deadline was already extended once (on ${state.extension.at}); it can be extended only once.`)) ??
    checkExtensionDays(command.days, command.maxDays) ??
    checkText(command.reason, 'reason', 2_000) ??
    checkStepTime(command.at, command.now, state) ??
    checkDeadlineRunning(command.at, state);
  if (error) return refuse(error);
  const previousDueAt = state.extendedDueAt ?? state.dueAt!;
  return accept({
    type: 'ComplaintDeadlineExtended',
    data: {
      complaintId: state.complaintId,
      days: command.days,
      reason: command.reason,
      previousDueAt,
      dueAt: extendedDeadline(command.calendar, previousDueAt, command.days),
      at: command.at,
    },
  });
}

function checkExtensionDays(days: number, maxDays: number): DomainError | undefined {
  if (!Number.isInteger(days) || days < 1) return rule('invalid-extension-days', `days must be a whole number of calendar days, at least 1 (got ${days}).`, 'days');
  if (days <= maxDays) return undefined;
  return rule('extension-too-long', `An extension may add at most the channel's own ${maxDays} days (asked for ${days}).`, 'days');
}

function checkDeadlineRunning(at: string, state: ComplaintState): DomainError | undefined {
  if (!isOverdueAt(state, at)) return undefined;
  return conflict(
    'deadline-already-missed',
    `The deadline (${dueInForce(state)}) had passed at ${at}; an overdue complaint is explained with a commitment date, not extended.`,
  );
}

/**
 * SPEC 3.7: once overdue, the complaint is explained to the complainant with a new completion commitment;
 * the commitment is then the date to meet, and missing it makes the complaint overdue again.
 */
function explainOverdue(command: ExplainOverdue, state: ComplaintState): ComplaintDecision {
  const error =
    checkRunsAgainstDeadline(state, 'explain', 'explain it as overdue') ??
    checkText(command.explanation, 'explanation', 2_000) ??
    checkStepTime(command.at, command.now, state) ??
    (isOverdueAt(state, command.at)
      ? undefined
      : conflict(
          'not-overdue',
          dueInForce(state) === undefined
            ? 'The complaint has no deadline; only an overdue complaint is explained.'
            : `The complaint is not overdue at ${command.at} (due ${dueInForce(state)}); only an overdue complaint is explained.`,
        )) ??
    checkInstant(command.commitmentAt, 'commitmentAt') ??
    (instantMs(command.commitmentAt) > instantMs(command.at)
      ? undefined
      : rule('commitment-not-ahead', `commitmentAt (${command.commitmentAt}) must be after the explanation (${command.at}).`, 'commitmentAt'));
  if (error) return refuse(error);
  return accept({
    type: 'ComplaintOverdueExplained',
    data: { complaintId: state.complaintId, explanation: command.explanation, commitmentAt: command.commitmentAt, at: command.at },
  });
}

/** Neither rejected nor closed: the steps on a complaint's deadline (SPEC 3.2, 3.7). */
function checkRunsAgainstDeadline(state: ComplaintState, action: string, doing: string): DomainError | undefined {
  if (runsAgainstDeadline(state)) return undefined;
  if (state.status === 'appealed') return conflict('already-closed', `The complaint is closed; you cannot ${doing}.`);
  return refuseStatus(state, [], action, doing);
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
      // The redo gets a fresh deadline of its own, counted from the reopening in local days.
      dueAt: calendarDaysDeadline(command.calendar, command.at, command.handlingDays),
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
  const overturned = command.decision === 'overturned';
  // SPEC 3.6: an overturn replaces the outcome and may name another responsible person; departments stay.
  const finding: FindingFields = overturned
    ? { ...previous, outcome: command.outcome ?? inForce.outcome, ...(command.personId === undefined ? {} : { personId: command.personId }) }
    : previous;
  const error =
    checkAppealReason(command.reason) ??
    checkAppealOutcome(command, inForce.outcome, inForce.personId) ??
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
      reason: command.reason.trim(),
      at: command.at,
    },
  });
}

function checkAppealReason(reason: string | undefined): DomainError | undefined {
  if (reason === undefined || reason.trim() === '') return rule('appeal-decision-needs-reason', 'An appeal decision states its reason (SPEC 3.6).', 'reason');
  if (reason.length > 2_000) return rule('reason-too-long', 'reason may hold at most 2000 characters', 'reason');
  return undefined;
}

function checkAppealOutcome(command: DecideAppeal, inForce: FindingOutcome, personInForce: string | undefined): DomainError | undefined {
  if (command.decision === 'upheld') {
    if (command.personId !== undefined && command.personId !== personInForce) {
      return rule('upheld-with-different-person', `An upheld finding keeps its responsible person; to name ${command.personId}, overturn it.`, 'personId');
    }
    if (command.outcome === undefined || command.outcome === inForce) return undefined;
    return rule(
      'upheld-with-different-outcome',
      `An upheld finding keeps its outcome (${inForce}); to change it to ${command.outcome}, overturn it.`,
      'outcome',
    );
  }
  const changesPerson = command.personId !== undefined && command.personId !== personInForce;
  if (command.outcome === undefined && !changesPerson) {
    return rule('overturn-needs-outcome', 'Overturning a finding requires the new outcome or another responsible person.', 'outcome');
  }
  if (command.outcome === undefined || command.outcome !== inForce || changesPerson) return undefined;
  return rule(
    'overturn-same-outcome',
    `The finding in force is already ${inForce} against the same person; an overturn must change the outcome or the person.`,
    'outcome',
  );
}

/**
 * One overdue event per missed date (SPEC 3.7): the deadline in force, accepted or not, and after an
 * explanation the commitment made then; a reopen's new deadline may be missed again.
 */
function markOverdue(command: MarkOverdue, state: ComplaintState): ComplaintDecision {
  const due = dueInForce(state);
  const error =
    checkRunsAgainstDeadline(state, 'overdue', 'mark it overdue') ??
    (due === undefined ? conflict('no-deadline', 'The complaint has no deadline yet (filed before deadlines were set at filing, and not accepted).') : undefined) ??
    (state.overdue ? conflict('already-marked-overdue', 'The complaint is already marked overdue for the date in force.') : undefined) ??
    checkInstant(command.at, 'at') ??
    checkNotYetDue(command.at, due!) ??
    checkNotFuture(command.at, 'at', command.now);
  if (error) return refuse(error);
  return accept({
    type: 'ComplaintOverdue',
    data: { complaintId: state.complaintId, dueAt: due!, missed: state.commitmentAt === undefined ? 'deadline' : 'commitment', at: command.at },
  });
}

function checkNotYetDue(at: string, due: string): DomainError | undefined {
  if (instantMs(at) >= instantMs(due)) return undefined;
  return rule('not-yet-due', `at (${at}) is before the date due (${due}).`, 'at');
}

/**
 * The last guard: every produced event must match its catalogue schema, so that an input the rules
 * above do not cover (an over-long id, a malformed tracking code) is refused here, naming the field,
 * instead of failing at append time.
 */
function refuseEventsOutsideTheCatalogue(decision: ComplaintDecision): ComplaintDecision {
  if (!decision.ok) return decision;
  for (const event of decision.events) {
    // complaintEvents holds the latest version of each type, the one every decision is stored as.
    const definition = complaintEvents.find((candidate) => candidate.type === event.type);
    const result = definition?.schema.safeParse(event.data);
    const issue = result?.success === false ? result.error.issues[0] : undefined;
    if (issue) {
      const field = issue.path.join('.') || event.type;
      return refuse(rule('invalid-field', `${field}: ${issue.message}.`, field));
    }
  }
  return decision;
}
