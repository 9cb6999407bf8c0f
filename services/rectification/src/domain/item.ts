import { type Decider, type DomainError, accept, refuse } from '@ledger/decider';
import type { RectificationItemEvent, RectificationOpenedData, RectificationSource, RectificationStatus } from '@ledger/events';
import { checkInstant, checkNotFuture, instantMs } from '@ledger/rules-kit';

// SPEC 10: one rectification item [整改台账] as its own aggregate (stream `rectification-<id>`).

export type ItemEvent = RectificationItemEvent;

export interface ItemState {
  rectificationId: string;
  departmentId: string;
  source: RectificationSource;
  deadline: string;
  responsiblePersonId?: string;
  status: RectificationStatus;
  overdue: boolean;
  openedAt: string;
  /** The deadline policy version that set the deadline (items that opened by themselves). */
  policyVersion?: number;
  /** A deadline counted in working days (a justified bad review's item): how many, from which instant. */
  workingDays?: number;
  deadlineFrom?: string;
}

export type ItemCommand =
  | ({ type: 'Open'; now: string } & RectificationOpenedData)
  | { type: 'Progress'; note: string; at: string; now: string }
  | { type: 'Complete'; evidence: string; at: string; now: string }
  | { type: 'Verify'; accepted: boolean; note: string; at: string; now: string }
  | {
      /**
       * A working-day calendar was recorded after the item opened: `deadline` is the one the caller re-derived from
       * the item's `deadlineFrom`, its working days and the calendars now in force.
       */
      type: 'MoveDeadline';
      deadline: string;
      yearsWithoutCalendar: number[];
      calendarYear: number;
      calendarVersion: number;
      at: string;
    }
  | { type: 'MarkOverdue'; now: string };

const notFound = refuse('not-found', 'rectification-not-found', 'no such rectification item');
const timeProblem = (at: string, now: string): DomainError | undefined => checkInstant(at, 'at') ?? checkNotFuture(at, 'at', now);

function decide(command: ItemCommand, state: ItemState | undefined) {
  if (command.type === 'Open') {
    if (state) return refuse('already-exists', 'rectification-exists', `rectification item ${command.rectificationId} is already open`);
    const problem = timeProblem(command.at, command.now) ?? checkInstant(command.deadline, 'deadline');
    if (problem) return refuse(problem);
    if (instantMs(command.deadline) <= instantMs(command.at)) return refuse('rule', 'deadline-before-opening', 'the deadline must be after the opening', 'deadline');
    if ((command.workingDays === undefined) !== (command.deadlineFrom === undefined)) {
      return refuse('rule', 'working-days-without-start', 'a deadline counted in working days names both the working days and the instant they count from', 'deadlineFrom');
    }
    if (command.deadlineFrom !== undefined) {
      const start = checkInstant(command.deadlineFrom, 'deadlineFrom');
      if (start) return refuse(start);
    }
    const { type: _type, now: _now, ...data } = command;
    return accept<ItemEvent>({ type: 'RectificationOpened', data });
  }
  if (!state) return notFound;
  const { rectificationId } = state;
  switch (command.type) {
    case 'Progress': {
      const problem = timeProblem(command.at, command.now);
      if (problem) return refuse(problem);
      if (state.status === 'completed' || state.status === 'verified') {
        return refuse('conflict', 'rectification-not-in-progress', `the item is ${state.status}: progress is reported while it is open or in progress`);
      }
      return accept<ItemEvent>({ type: 'RectificationProgressed', data: { rectificationId, note: command.note, at: command.at } });
    }
    case 'Complete': {
      const problem = timeProblem(command.at, command.now);
      if (problem) return refuse(problem);
      if (state.status === 'completed' || state.status === 'verified') return refuse('conflict', 'rectification-already-completed', `the item is ${state.status} already`);
      return accept<ItemEvent>({
        type: 'RectificationCompleted',
        data: { rectificationId, departmentId: state.departmentId, source: state.source, evidence: command.evidence, at: command.at },
      });
    }
    case 'Verify': {
      const problem = timeProblem(command.at, command.now);
      if (problem) return refuse(problem);
      if (state.status !== 'completed') return refuse('conflict', 'rectification-not-completed', `the item is ${state.status}: only a completed item is verified`);
      if (!command.accepted) return accept<ItemEvent>({ type: 'RectificationSentBack', data: { rectificationId, note: command.note, at: command.at } });
      return accept<ItemEvent>({
        type: 'RectificationVerified',
        data: { rectificationId, note: command.note, onTime: instantMs(command.at) <= instantMs(state.deadline), at: command.at },
      });
    }
    case 'MoveDeadline': {
      // Only a deadline counted in working days and still running moves: a verified item was judged against the
      // deadline it had, and an item marked overdue missed a deadline then in force (its overdue event stays).
      if (state.workingDays === undefined) {
        return refuse('rule', 'rectification-deadline-not-working-days', 'the item\'s deadline was not counted in working days: no calendar moves it');
      }
      if (state.status === 'verified') return refuse('conflict', 'rectification-already-verified', 'the item is verified: its deadline no longer moves');
      if (state.overdue) return refuse('conflict', 'rectification-already-overdue', 'the item was marked overdue: the deadline it missed stays');
      const problem = checkInstant(command.deadline, 'deadline') ?? checkInstant(command.at, 'at');
      if (problem) return refuse(problem);
      if (instantMs(command.deadline) === instantMs(state.deadline)) return accept<ItemEvent>();
      return accept<ItemEvent>({
        type: 'RectificationDeadlineMoved',
        data: {
          rectificationId,
          departmentId: state.departmentId,
          previousDeadline: state.deadline,
          deadline: command.deadline,
          calendarYear: command.calendarYear,
          calendarVersion: command.calendarVersion,
          yearsWithoutCalendar: command.yearsWithoutCalendar,
          at: command.at,
        },
      });
    }
    case 'MarkOverdue': {
      // Once per item (SPEC 10): one missed deadline is one event; a deadline moved by a calendar (only while the
      // item is not overdue) is the one judged.
      if (state.overdue || state.status === 'verified' || instantMs(command.now) <= instantMs(state.deadline)) return accept<ItemEvent>();
      const overdue: ItemEvent = { type: 'RectificationOverdue', data: { rectificationId, departmentId: state.departmentId, deadline: state.deadline, at: command.now } };
      if (!state.responsiblePersonId) return accept(overdue);
      return accept<ItemEvent>(overdue, {
        type: 'EfficiencyWarningIssued',
        data: { personId: state.responsiblePersonId, rectificationId, departmentId: state.departmentId, issuedAt: command.now },
      });
    }
  }
}

function evolve(state: ItemState | undefined, event: ItemEvent): ItemState | undefined {
  if (event.type === 'RectificationOpened') {
    const { rectificationId, departmentId, source, deadline, responsiblePersonId, policyVersion, workingDays, deadlineFrom, at } = event.data;
    return {
      rectificationId,
      departmentId,
      source,
      deadline,
      ...(responsiblePersonId ? { responsiblePersonId } : {}),
      status: 'open',
      overdue: false,
      openedAt: at,
      ...(policyVersion ? { policyVersion } : {}),
      ...(workingDays !== undefined && deadlineFrom !== undefined ? { workingDays, deadlineFrom } : {}),
    };
  }
  if (!state) return state;
  switch (event.type) {
    case 'RectificationProgressed':
    case 'RectificationSentBack':
      return { ...state, status: 'in-progress' };
    case 'RectificationCompleted':
      return { ...state, status: 'completed' };
    case 'RectificationVerified':
      return { ...state, status: 'verified' };
    case 'RectificationOverdue':
      return { ...state, overdue: true };
    case 'RectificationDeadlineMoved':
      return { ...state, deadline: event.data.deadline };
    default:
      return state;
  }
}

export const itemDecider: Decider<ItemCommand, ItemState | undefined, ItemEvent> = { initialState: undefined, evolve, decide };
