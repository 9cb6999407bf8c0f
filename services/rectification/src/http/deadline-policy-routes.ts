import { type RectificationPolicyAdoptedData, isoInstant, rectificationDeadlineFields } from '@ledger/events';
import { type HttpApp, type ServiceContext, executeHttpCommand } from '@ledger/platform';
import { z } from 'zod';
import { loadDeadlinePolicies } from '../calendars.ts';
import { type RectificationDeadlinePolicy, deadlinePolicyDecider, deadlinePolicyInForce } from '../domain/index.ts';
import { deadlinePolicyStream } from '../streams.ts';
import { deadlinePolicyAdoptedAnswer, deadlinePolicyInForceAnswer } from './answers.ts';

/** The shape only (unknown fields are a 400); ranges and the order of versions are the domain's rules, a 422. */
const adoptBody = z
  .object({
    bottomRankDays: z.number().optional().describe(`${rectificationDeadlineFields.bottomRankDays.description}; carried over from the latest version when left out`),
    inspectionDays: z.number().optional().describe(`${rectificationDeadlineFields.inspectionDays.description}; carried over when left out`),
    badReviewVerificationWorkingDays: z.number().optional().describe(`${rectificationDeadlineFields.badReviewVerificationWorkingDays.description}; carried over when left out`),
    badReviewRectificationWorkingDays: z.number().optional().describe(`${rectificationDeadlineFields.badReviewRectificationWorkingDays.description}; carried over when left out`),
    effectiveFrom: isoInstant.describe('From when the version applies: not before its adoption is recorded, nor before the latest version; an item or case takes the version in force when its deadline starts'),
    at: isoInstant.optional().describe('When it was adopted; defaults to now'),
  })
  .strict();

const policyView = (policy: RectificationDeadlinePolicy) => ({
  version: policy.version,
  effectiveFrom: policy.effectiveFrom,
  bottomRankDays: policy.bottomRankDays,
  inspectionDays: policy.inspectionDays,
  badReviewVerificationWorkingDays: policy.badReviewVerificationWorkingDays,
  badReviewRectificationWorkingDays: policy.badReviewRectificationWorkingDays,
});

/** SPEC 10, 11: the deadline numbers are data, versioned with the date they take effect. Version 1 is the SPEC's. */
export function deadlinePolicyRoutes(app: HttpApp, context: ServiceContext): void {
  app.get(
    '/v1/policies/rectification-deadlines',
    {
      schema: {
        tags: ['rectification'],
        operationId: 'rectificationDeadlinePolicyInForce',
        response: { 200: deadlinePolicyInForceAnswer },
        summary: 'The rectification deadline policy in force (now, or at ?at=), with its version and effectiveFrom',
        querystring: z.object({ at: isoInstant.optional() }).strict(),
      },
      config: { access: ['evaluation-office', 'disciplinary-official', 'auditor', 'department-liaison', 'service'] },
    },
    async (request) => {
      const at = request.query.at ?? context.clock.now().toISOString();
      return { ...policyView(deadlinePolicyInForce(await loadDeadlinePolicies(context.store), at)), inForceAt: at };
    },
  );

  app.post(
    '/v1/policies/rectification-deadlines',
    {
      schema: {
        tags: ['rectification'],
        operationId: 'adoptRectificationDeadlinePolicy',
        response: { 201: deadlinePolicyAdoptedAnswer },
        summary: 'Adopt a new version of the rectification deadlines from effectiveFrom: 201 with its version',
        body: adoptBody,
      },
      config: { access: ['evaluation-office'] },
    },
    async (request, reply) => {
      const now = context.clock.now().toISOString();
      const result = await executeHttpCommand(request, context.store, deadlinePolicyStream, deadlinePolicyDecider, { ...request.body, at: request.body.at ?? now, now });
      const { at: adoptedAt, ...adopted } = result.events[0]!.data as RectificationPolicyAdoptedData;
      return reply.code(201).send({ ...policyView(adopted), adoptedAt });
    },
  );
}
