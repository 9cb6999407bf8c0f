import { isoInstant, sanctionLadderFields } from '@ledger/events';
import { type HttpApp, executeHttpCommand } from '@ledger/platform';
import { z } from 'zod';
import { type SanctionPolicy, latestPolicy, policyInForce } from '../domain/index.ts';
import { adoptPolicyDecider } from '../domain/index.ts';
import { loadSanctionPolicies } from '../policies.ts';
import { sanctionPolicyStream } from '../streams.ts';
import type { DisciplineRouteDeps } from './deps.ts';
import { ladderAdoptedAnswer, ladderInForceAnswer } from './answers.ts';

/** The shape only: the ladder's rules (order, increasing thresholds) are the domain's, answered with 422. */
const adoptBody = z
  .object({
    ...sanctionLadderFields,
    effectiveFrom: isoInstant.describe('When the ladder takes effect: not before its adoption, nor before the previous policy'),
    at: isoInstant.optional().describe('When it was adopted; defaults to now'),
  })
  .strict();

const policyView = (policy: SanctionPolicy) => ({
  version: policy.version,
  effectiveFrom: policy.effectiveFrom,
  steps: policy.steps,
  dismissal: policy.dismissal,
});

/** SPEC 4.5: the sanction ladder is data, versioned, with the date it takes effect. Version 1 is SPEC 4's table. */
export function policyRoutes(app: HttpApp, deps: DisciplineRouteDeps): void {
  app.get(
    '/v1/policies/sanction-ladder',
    {
      schema: {
        tags: ['discipline'],
        operationId: 'sanctionLadderInForce',
        response: { 200: ladderInForceAnswer },
        summary: 'The sanction ladder in force (now, or at ?at=), with its version and effectiveFrom',
        querystring: z.object({ at: isoInstant.optional() }).strict(),
      },
      config: { access: ['disciplinary-official', 'evaluation-office', 'auditor', 'service'] },
    },
    async (request) => {
      const at = request.query.at ?? deps.clock.now().toISOString();
      return { ...policyView(policyInForce(await loadSanctionPolicies(deps.store), at)), inForceAt: at };
    },
  );

  app.post(
    '/v1/policies/sanction-ladder',
    {
      schema: { tags: ['discipline'], operationId: 'adoptSanctionLadder', response: { 201: ladderAdoptedAnswer }, summary: 'Adopt a full ladder from effectiveFrom: answered with its new version', body: adoptBody },
      config: { access: ['disciplinary-official'] },
    },
    async (request, reply) => {
      const now = deps.clock.now().toISOString();
      const { at, ...ladder } = request.body;
      const result = await executeHttpCommand(request, deps.store, sanctionPolicyStream, adoptPolicyDecider, { ...ladder, at: at ?? now, now });
      const adopted = result.events[0]!.data as { at: string };
      return reply.code(201).send({ ...policyView(latestPolicy(result.state.policies)), adoptedAt: adopted.at });
    },
  );
}
