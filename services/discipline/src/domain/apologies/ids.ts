import type { ApologyCause } from '@ledger/events';

/**
 * Apology ids are derived from the department whose stream holds the apology and its cause, so a retried
 * decision repeats the id. `generation` counts apologies for the same cause, from 1: an apology required
 * again after a rescission gets a new id.
 */
export function apologyIdFor(departmentId: string, cause: ApologyCause, generation: number): string {
  const what = cause.type === 'complaint' ? `complaint:${cause.complaintId}` : `incident:${cause.incidentId}`;
  return `apology:${departmentId}:${what}:${generation}`;
}

/**
 * A joint apology is recorded once, in the stream of the first department at fault by id: one event, so
 * a ledger reader counts it once, and every department's accountability view lists it through the
 * `departments` it names. The other departments' streams still count the complaint.
 */
export const leadDepartment = (departmentsAtFault: readonly string[]): string | undefined => [...departmentsAtFault].toSorted()[0];
