import type { SanctionLadder } from '@ledger/events';

/** A ladder with the version and start date it was adopted with. */
export interface SanctionPolicy extends SanctionLadder {
  version: number;
  effectiveFrom: string;
}

/**
 * SPEC 4's table. It is version 1, in force from the beginning of time until a policy is adopted, so a
 * ledger needs no bootstrap event; the first adopted policy is version 2.
 */
export const defaultSanctionPolicy: SanctionPolicy = {
  version: 1,
  effectiveFrom: '1970-01-01T00:00:00.000Z',
  steps: [
    { step: 1, threshold: 1, consequences: ['admonition-talk', 'no-excellent-rating'] },
    { step: 2, threshold: 2, consequences: ['incompetent-rating', 'mandatory-training'] },
    {
      step: 3,
      threshold: 3,
      consequences: ['incompetent-rating', 'removal-from-post', 'administrative-warning', 'mandatory-training'],
    },
    { step: 4, threshold: 4, consequences: ['incompetent-rating', 'heavier-sanction'] },
  ],
  dismissal: { threshold: 5, windowMonths: 24, windowBounds: 'inclusive', consequences: ['dismissal'] },
};
