import type { ComplaintEvent, FindingOutcome } from '@ledger/events';

/** The statuses API.md shows for a complaint. */
export type ComplaintStatus = 'filed' | 'accepted' | 'rejected' | 'found' | 'appealed' | 'closed';

/**
 * A complaint as a person's history needs it, folded from the complaint's own events: the discipline service
 * reads the complaints service's events, not its code.
 */
export interface ComplaintTrack {
  complaintId: string;
  receivedAt: string;
  /** The respondent department. */
  departmentId: string;
  status: ComplaintStatus;
  /** Where an appeal returns to once decided. */
  statusBeforeAppeal?: 'found' | 'closed';
  /** The finding in force. */
  finding?: { outcome: FindingOutcome; personId?: string };
  /** Everyone the complaint was ever against (named at filing or by a finding): their histories list it. */
  people: string[];
}

/** One line of a person's history (API.md): the outcome only when the finding in force names this person. */
export interface ComplaintEntry {
  complaintId: string;
  receivedAt: string;
  status: ComplaintStatus;
  outcome?: FindingOutcome;
  departmentId: string;
}

const withPerson = (people: readonly string[], personId: string | undefined): string[] =>
  personId === undefined || people.includes(personId) ? [...people] : [...people, personId];

/** Folds one complaint event; undefined while the complaint is unknown (an event before its filing). */
export function evolveComplaintTrack(track: ComplaintTrack | undefined, event: ComplaintEvent): ComplaintTrack | undefined {
  if (event.type === 'ComplaintFiled') {
    const { complaintId, receivedAt, departmentId, personId } = event.data;
    return { complaintId, receivedAt, departmentId, status: 'filed', people: personId === undefined ? [] : [personId] };
  }
  if (event.type === 'FindingRecorded' || event.type === 'AppealDecided') {
    // Both carry the complaint's facts, so a consumer that starts late still places the complaint.
    const { complaintId, receivedAt, respondentDepartmentId } = event.data;
    const base: ComplaintTrack = track ?? { complaintId, receivedAt, departmentId: respondentDepartmentId, status: 'found', people: [] };
    const finding = event.type === 'FindingRecorded' ? event.data : event.data.finding;
    const inForce = { outcome: finding.outcome, ...(finding.personId === undefined ? {} : { personId: finding.personId }) };
    const people = withPerson(base.people, finding.personId);
    if (event.type === 'FindingRecorded') return { ...base, status: 'found', finding: inForce, people };
    const { statusBeforeAppeal, ...decided } = base;
    return { ...decided, status: statusBeforeAppeal ?? 'found', finding: inForce, people };
  }
  if (!track) return undefined;
  switch (event.type) {
    case 'ComplaintAccepted':
    case 'ComplaintReopened':
      return { ...track, status: 'accepted' };
    case 'ComplaintRejected':
      return { ...track, status: 'rejected' };
    case 'ComplaintClosed':
      return { ...track, status: 'closed' };
    case 'AppealFiled':
      return { ...track, status: 'appealed', statusBeforeAppeal: track.status === 'closed' ? 'closed' : 'found' };
    default:
      // Assignment, overdue marks and erasure change nothing a history shows.
      return track;
  }
}

export function complaintEntryFor(track: ComplaintTrack, personId: string): ComplaintEntry {
  const outcome = track.finding?.personId === personId ? track.finding.outcome : undefined;
  return {
    complaintId: track.complaintId,
    receivedAt: track.receivedAt,
    status: track.status,
    ...(outcome === undefined ? {} : { outcome }),
    departmentId: track.departmentId,
  };
}
