import { departmentCategories, evaluationPolicyFields, isoInstant, type EvaluationPolicy } from '@ledger/events';
import { type HttpApp, executeHttpCommand } from '@ledger/platform';
import { z } from 'zod';
import { bonusCapOf, evaluationPolicyInForce } from '@ledger/evaluation-policy';
import { evaluationPolicyDecider, evaluationPolicyStream } from '../domain/policy.ts';
import { loadEvaluationPolicies } from '../policies.ts';
import type { EvaluationsRouteDeps } from './deps.ts';
import { evaluationPolicyAdoptedAnswer, evaluationPolicyInForceAnswer } from './answers.ts';

const weights = evaluationPolicyFields.weights.strict().describe(`Percentages per category (${departmentCategories.join(', ')}); each category's three add up to 100`);

/** The shape only (unknown categories or fields are a 400): sums and orderings are the domain's rules, a 422. */
const adoptBody = z
  .object({
    weights,
    grades: evaluationPolicyFields.grades.strict(),
    bottomCount: evaluationPolicyFields.bottomCount,
    minimumRatingsForPeopleRanking: evaluationPolicyFields.minimumRatingsForPeopleRanking.optional().describe('Carried over from the latest version when left out'),
    leaderReplacementIncreaseThreshold: evaluationPolicyFields.leaderReplacementIncreaseThreshold.optional().describe('Carried over from the latest version when left out'),
    bonusCap: evaluationPolicyFields.bonusCap.describe("The most bonus points of a department and year (SPEC 6, 5 by default); carried over from the latest version when left out"),
    effectiveFrom: isoInstant.describe('From when the version applies; a year is assessed under the version in force at its last instant'),
    at: isoInstant.optional().describe('When it was adopted; defaults to now'),
  })
  .strict();

const policyView = (policy: EvaluationPolicy) => ({
  version: policy.version,
  effectiveFrom: policy.effectiveFrom,
  weights: policy.weights,
  grades: policy.grades,
  bottomCount: policy.bottomCount,
  minimumRatingsForPeopleRanking: policy.minimumRatingsForPeopleRanking,
  leaderReplacementIncreaseThreshold: policy.leaderReplacementIncreaseThreshold,
  bonusCap: bonusCapOf(policy),
});

/** SPEC 6: weights, grade thresholds and the bottom count are data, versioned like the sanction ladder. Version 0 is SPEC 6's. */
export function evaluationPolicyRoutes(app: HttpApp, deps: EvaluationsRouteDeps): void {
  app.get(
    '/v1/policies/evaluation',
    {
      schema: {
        tags: ['evaluations'],
        operationId: 'evaluationPolicyInForce',
        response: { 200: evaluationPolicyInForceAnswer },
        summary: 'The evaluation policy in force (now, or at ?at=), with its version and effectiveFrom',
        querystring: z.object({ at: isoInstant.optional() }).strict(),
      },
      config: { access: ['evaluation-office', 'disciplinary-official', 'auditor', 'service'] },
    },
    async (request) => {
      const at = request.query.at ?? deps.clock.now().toISOString();
      return { ...policyView(evaluationPolicyInForce(await loadEvaluationPolicies(deps.store), at)), inForceAt: at };
    },
  );

  app.post(
    '/v1/policies/evaluation',
    {
      schema: { tags: ['evaluations'], operationId: 'adoptEvaluationPolicy', response: { 201: evaluationPolicyAdoptedAnswer }, summary: 'Adopt a new version of the evaluation policy from effectiveFrom: 201 with its version', body: adoptBody },
      config: { access: ['evaluation-office'] },
    },
    async (request, reply) => {
      const now = deps.clock.now().toISOString();
      const result = await executeHttpCommand(request, deps.store, evaluationPolicyStream, evaluationPolicyDecider, {
        ...request.body,
        at: request.body.at ?? now,
        now,
      });
      const { at: adoptedAt, ...adopted } = result.events[0]!.data as EvaluationPolicy & { at: string };
      return reply.code(201).send({ ...policyView(adopted), adoptedAt });
    },
  );
}
