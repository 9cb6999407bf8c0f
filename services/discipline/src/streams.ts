/** The discipline service's streams. `person-<id>` and `department-<id>` are the registry's, hence the prefixes. */
export const personLadderStreamPrefix = 'discipline-person-';
export const personLadderStream = (personId: string): string => `${personLadderStreamPrefix}${personId}`;

export const accountabilityStreamPrefix = 'accountability-';
export const accountabilityStream = (departmentId: string): string => `${accountabilityStreamPrefix}${departmentId}`;

export const sanctionPolicyStream = 'sanction-policy';

/**
 * Recorded reads of a person's history (SPEC 8), apart from the ladder's stream: a read needs no state, and
 * a person read daily would otherwise make every ladder decision fold thousands of read events.
 */
export const historyReadsStreamPrefix = 'discipline-reads-';
export const historyReadsStream = (personId: string): string => `${historyReadsStreamPrefix}${personId}`;

/** Streams the ledger's other services own, which the discipline projections read. */
export const complaintStreamPrefix = 'complaint-';
export const bottomRankStream = (departmentId: string, year: number): string => `bottom-rank-${departmentId}-${year}`;
