import { bonusCapOf, evaluationPolicyForYear } from '@ledger/evaluation-policy';
import { loadEvaluationPolicies } from '../policies.ts';
import { randomUUID } from 'node:crypto';
import { adjustmentPoints, bonusSources, deductionSources, identifier, isoInstant, vetoSources, safeText } from '@ledger/events';
import { deterministicId } from '@ledger/eventstore';
import { type HttpApp, executeHttpCommand, idempotencyKeyOf } from '@ledger/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  type AnnualEvaluationState,
  type ScoreInForce,
  adjustmentDecider,
  annualEvaluationStream,
  superiorEvaluationDecider,
  surveyDecider,
} from '../domain/annual-evaluation.ts';
import { isPeriodClosed } from '../projections/closed-periods.ts';
import type { EvaluationsRouteDeps } from './deps.ts';
import type { AdjustmentData } from '@ledger/events';
import { adjustmentAnswer, scoreInForceAnswer, scoreRecordedAnswer } from './answers.ts';

const year = z.int().min(2000).max(9999).describe('The calendar year assessed');
const at = isoInstant.optional().describe('When it was given; defaults to now, never in the future');

const scoreBody = z
  .object({ departmentId: identifier, year, score: z.number().min(0).max(100), at })
  .strict();

const adjustmentFields = { departmentId: identifier, year, reason: safeText().trim().min(1).max(2_000), at };
/** The leading group is the only body that grants a bonus or decides a veto, so those may leave `source` out. */
const adjustmentBody = z.discriminatedUnion('kind', [
  z.object({ ...adjustmentFields, kind: z.literal('deduction'), source: z.enum(deductionSources), points: adjustmentPoints }).strict(),
  z.object({ ...adjustmentFields, kind: z.literal('bonus'), source: z.enum(bonusSources).default('leading-group'), points: adjustmentPoints }).strict(),
  z.object({ ...adjustmentFields, kind: z.literal('veto'), source: z.enum(vetoSources).default('leading-group') }).strict(),
]);

type ScoreDecider = typeof surveyDecider;

const scoreRoute = (operationId: string, summary: string) => ({
  schema: { tags: ['evaluations'], operationId, summary, body: scoreBody, response: { 201: scoreRecordedAnswer, 200: scoreInForceAnswer } },
  config: { access: ['evaluation-office' as const] },
});

/**
 * SPEC 6 inputs per department and year: survey and superior scores, deductions, bonuses, vetoes. A year
 * the rankings service has closed takes none (409 `period-closed`): its published ranking never changes.
 */
export function annualEvaluationRoutes(app: HttpApp, deps: EvaluationsRouteDeps): void {
  /** A score is 201 when recorded (or replayed for its key); restating the score in force records nothing: 200. */
  const scoreDepartment = (decider: ScoreDecider, inForce: (state: AnnualEvaluationState) => ScoreInForce | undefined) =>
    async (request: FastifyRequest<{ Body: z.infer<typeof scoreBody> }>, reply: FastifyReply) => {
      const now = deps.clock.now().toISOString();
      const { departmentId, year: assessed } = request.body;
      const [department, periodIsClosed] = await Promise.all([deps.registry.department(departmentId), isPeriodClosed(deps.readStore, assessed)]);
      const result = await executeHttpCommand(request, deps.store, annualEvaluationStream(departmentId, assessed), decider, {
        ...request.body,
        at: request.body.at ?? now,
        now,
        departmentIsRegistered: department !== undefined,
        periodIsClosed,
        calendar: deps.calendar,
      });
      const recorded = result.events[0]?.data;
      if (recorded) return reply.code(201).send(recorded);
      return reply.code(200).send({ departmentId, year: assessed, ...inForce(result.state) });
    };

  app.post(
    '/v1/surveys',
    scoreRoute('scoreSurvey', "Service recipients' survey score of a department for a year [服务对象评议]; a later one corrects it (`replaces`); 200 when it restates the score in force; 409 when the year is closed"),
    scoreDepartment(surveyDecider, (state) => state.survey),
  );
  app.post(
    '/v1/superior-evaluations',
    scoreRoute('scoreSuperiorEvaluation', "A superior's evaluation score of a department for a year [上级对口评议]; a later one corrects it (`replaces`); 200 when it restates the score in force; 409 when the year is closed"),
    scoreDepartment(superiorEvaluationDecider, (state) => state.superior),
  );

  app.post(
    '/v1/adjustments',
    {
      schema: {
        tags: ['evaluations'],
        operationId: 'recordAdjustment',
        response: { 201: adjustmentAnswer },
        summary: "A deduction (source and points), a bonus (points) or a veto [一票否决] for a department and year: 201 with its adjustmentId; 409 when the year is closed; 422 when the year's bonuses would exceed the policy's cap (5 by default)",
        body: adjustmentBody,
      },
      config: { access: ['evaluation-office'] },
    },
    async (request, reply) => {
      const now = deps.clock.now().toISOString();
      const { departmentId, year: assessed } = request.body;
      const streamId = annualEvaluationStream(departmentId, assessed);
      const key = idempotencyKeyOf(request);
      const [department, periodIsClosed, policies] = await Promise.all([
        deps.registry.department(departmentId),
        isPeriodClosed(deps.readStore, assessed),
        loadEvaluationPolicies(deps.store),
      ]);
      const result = await executeHttpCommand(request, deps.store, streamId, adjustmentDecider, {
        ...request.body,
        adjustmentId: key ? deterministicId('adjustment', streamId, key) : randomUUID(),
        at: request.body.at ?? now,
        now,
        departmentIsRegistered: department !== undefined,
        periodIsClosed,
        bonusCap: bonusCapOf(evaluationPolicyForYear(policies, assessed, deps.calendar)),
        calendar: deps.calendar,
      });
      return reply.code(201).send(result.events[0]!.data as AdjustmentData);
    },
  );
}
