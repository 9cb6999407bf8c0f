/**
 * Sanction ids are derived, never random: the same decision retried yields the same id (and the store
 * drops the duplicate). `generation` counts decisions of the same (year, step) or dismissal, from 1, so a
 * sanction decided afresh after a rescission gets a new id.
 */
export function sanctionIdFor(personId: string, step: number, year: number | undefined, generation: number): string {
  const slot = year === undefined ? 'dismissal' : `${year}-step-${step}`;
  return `sanction:${personId}:${slot}:${generation}`;
}

/** Referral ids are derived the same way: one per person, complaint and opening (SPEC 4.7). */
export function referralIdFor(personId: string, complaintId: string, generation: number): string {
  return `referral:${personId}:${complaintId}:${generation}`;
}
