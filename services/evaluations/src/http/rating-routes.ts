import { identifier, isoInstant, ratingLevel, ratingPlatform } from '@ledger/events';
import { type HttpApp, executeHttpCommand } from '@ledger/platform';
import { z } from 'zod';
import { ratingDecider, ratingStream } from '../domain/ratings.ts';
import type { EvaluationsRouteDeps } from './deps.ts';
import { ratingAnswer } from './answers.ts';

const ratingBody = z
  .object({
    transactionId: identifier.describe('The service transaction rated; one rating per transaction id [一次一评]'),
    departmentId: identifier,
    personId: identifier.optional(),
    platform: ratingPlatform,
    level: ratingLevel.describe('1 = very dissatisfied … 5 = very satisfied'),
    ratedAt: isoInstant.optional().describe('When it was rated; defaults to now, never in the future'),
  })
  .strict();

/**
 * SPEC 6 ratings [好差评]. The evaluation office takes them, and the rating platforms hand them in as
 * services; the complainant's own rating of a complaint's handling is the `satisfaction` of its closing.
 */
export function ratingRoutes(app: HttpApp, deps: EvaluationsRouteDeps): void {
  app.post(
    '/v1/ratings',
    {
      schema: {
        tags: ['evaluations'],
        operationId: 'rateTransaction',
        response: { 201: ratingAnswer },
        summary: 'Rate one service transaction: 201 the rating, with the local year and month it counts in; 409 when the transaction was already rated; 422 when the person named was not in the rated department at ratedAt',
        body: ratingBody,
      },
      config: { access: ['evaluation-office', 'service'] },
    },
    async (request, reply) => {
      const now = deps.clock.now().toISOString();
      const { departmentId, personId } = request.body;
      const [department, person] = await Promise.all([
        deps.registry.department(departmentId),
        personId === undefined ? undefined : deps.registry.person(personId),
      ]);
      const result = await executeHttpCommand(request, deps.store, ratingStream(request.body.transactionId), ratingDecider, {
        ...request.body,
        ratedAt: request.body.ratedAt ?? now,
        now,
        departmentIsRegistered: department !== undefined,
        ...(person === undefined ? {} : { person }),
        calendar: deps.calendar,
      // A transaction is rated once: its stream is new, and a repeat is refused once the append finds it.
      }, { likelyNewStream: true });
      return reply.code(201).send(result.state.rating!);
    },
  );
}
