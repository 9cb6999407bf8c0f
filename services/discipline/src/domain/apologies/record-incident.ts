import type { LedgerCalendar } from '@ledger/calendar';
import { type IncidentKind, incidentKinds } from '@ledger/events';
import { accept, type Decision, refuse } from '@ledger/decider';
import type { DepartmentAccountabilityEvent } from '../events.ts';
import { checkNotFuture, instantMs } from '@ledger/rules-kit';
import { apologyIdFor } from './ids.ts';
import type { DepartmentAccountabilityState } from './state.ts';

/** An incident that requires a public apology (SPEC 5). `now` is the caller's clock. */
export interface RecordIncident {
  incidentId: string;
  departmentId: string;
  kind: IncidentKind;
  note?: string;
  at: string;
  now: string;
  /** The department's leader, from the registry, when known. */
  leaderPersonId?: string;
  /** The ledger's local calendar: the year the apology counts in (SPEC "Local time"). */
  calendar: LedgerCalendar;
}

const kindWords: Record<IncidentKind, string> = {
  'superior-criticism': 'named criticism by a superior',
  'media-exposure': 'media exposure',
  'e-supervision': 'a violation found by electronic supervision',
  inspection: 'a violation found by an unannounced inspection',
};

/** Records the incident and requires a public apology, in the local calendar year of `at`. The same incident id again is a no-op. */
export function decideRecordIncident(command: RecordIncident, state: DepartmentAccountabilityState): Decision<DepartmentAccountabilityEvent> {
  if (state.departmentId !== undefined && state.departmentId !== command.departmentId) {
    return refuse('rule', 'wrong-department', `this stream belongs to department ${state.departmentId}, not ${command.departmentId}`, 'departmentId');
  }
  if (command.incidentId.trim() === '' || command.incidentId.length > 200) {
    return refuse('rule', 'invalid-incident-id', 'incidentId must hold 1-200 characters', 'incidentId');
  }
  if (!incidentKinds.includes(command.kind)) return refuse('rule', 'invalid-incident-kind', `kind must be one of ${incidentKinds.join(', ')}`, 'kind');
  if (command.note !== undefined && command.note.length > 2_000) return refuse('rule', 'note-too-long', 'note may hold at most 2000 characters', 'note');
  const time = checkNotFuture(command.at, 'at', command.now);
  if (time) return refuse(time);

  const known = state.incidents.get(command.incidentId);
  if (known) {
    const same = known.kind === command.kind && known.note === command.note && instantMs(known.at) === instantMs(command.at);
    return same
      ? accept()
      : refuse('conflict', 'incident-id-reused', `incident ${command.incidentId} was already recorded with other details`, 'incidentId');
  }
  const cause = { type: 'incident' as const, incidentId: command.incidentId, kind: command.kind };
  return accept(
    {
      type: 'IncidentRecorded',
      data: {
        incidentId: command.incidentId,
        departmentId: command.departmentId,
        kind: command.kind,
        ...(command.note === undefined ? {} : { note: command.note }),
        at: command.at,
      },
    },
    {
      type: 'ApologyRequired',
      data: {
        apologyId: apologyIdFor(command.departmentId, cause, 1),
        kind: 'public',
        departments: [
          command.leaderPersonId === undefined
            ? { departmentId: command.departmentId }
            : { departmentId: command.departmentId, leaderPersonId: command.leaderPersonId },
        ],
        year: command.calendar.yearOf(command.at),
        cause,
        reason: `${kindWords[command.kind]} (incident ${command.incidentId}): a public apology in the media`,
        at: command.at,
      },
    },
  );
}
