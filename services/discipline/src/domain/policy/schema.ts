import { checkSanctionLadder, isoInstant, sanctionLadderFields } from '@ledger/events';
import { z } from 'zod';

/** A full ladder: four steps in order with strictly increasing thresholds, and a dismissal rule. */
export const sanctionLadderSchema = z.object(sanctionLadderFields).superRefine(checkSanctionLadder);

/** What adopting a policy takes (the body of POST /v1/policies/sanction-ladder): a full ladder plus `effectiveFrom`. */
export const sanctionPolicyInputSchema = z
  .object({ ...sanctionLadderFields, effectiveFrom: isoInstant })
  .superRefine(checkSanctionLadder);
export type SanctionPolicyInput = z.infer<typeof sanctionPolicyInputSchema>;
