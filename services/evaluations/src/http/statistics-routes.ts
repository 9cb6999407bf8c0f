import { identifier } from '@ledger/events';
import { type HttpApp, notFound } from '@ledger/platform';
import { z } from 'zod';
import { statisticsFromCounts } from '../domain/statistics.ts';
import { levelCountsOf } from '../projections/rating-facts.ts';
import type { EvaluationsRouteDeps } from './deps.ts';
import { statisticsAnswer } from './answers.ts';

const month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM')
  .describe('The month of `ratedAt` in UTC, YYYY-MM');

/**
 * SPEC 6 monthly statistics of a department. A month without ratings answers zero counts and `null`
 * rate and index: no data, rather than a 0 that would read as "everyone very dissatisfied".
 */
export function statisticsRoutes(app: HttpApp, deps: EvaluationsRouteDeps): void {
  app.get(
    '/v1/departments/:departmentId/statistics',
    {
      schema: {
        tags: ['evaluations'],
        operationId: 'departmentRatingStatistics',
        response: { 200: statisticsAnswer },
        summary: 'Ratings of a department in a month: counts per level, satisfaction rate (levels 4–5 over all, 0–1), mean rating index (0–100)',
        params: z.object({ departmentId: identifier }),
        querystring: z.object({ month }).strict(),
      },
      config: { access: ['evaluation-office', 'disciplinary-official', 'auditor', 'service'] },
    },
    async (request) => {
      const { departmentId } = request.params;
      if (!(await deps.registry.department(departmentId))) throw notFound('department', departmentId);
      const counts = await levelCountsOf(deps.readStore, departmentId, request.query.month);
      const { total, satisfactionRate, meanIndex } = statisticsFromCounts(counts);
      return { departmentId, month: request.query.month, counts, total, satisfactionRate, meanIndex };
    },
  );
}
