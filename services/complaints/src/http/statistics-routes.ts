import type { LedgerCalendar } from '@ledger/calendar';
import { complaintChannel, identifier } from '@ledger/events';
import { type HttpApp, ProblemError, problemResponses } from '@ledger/platform';
import type { ReadStore } from '@ledger/readstore';
import { z } from 'zod';
import { complaintStatistics } from '../projections/complaint-statistics.ts';

const rate = z.number().min(0).max(1).nullable();

const statisticsAnswer = z
  .object({
    received: z.int(),
    accepted: z.int(),
    rejected: z.int(),
    closed: z.int(),
    closedOnTime: z.int(),
    overdue: z.int(),
    completionRate: rate,
    onTimeRate: rate,
    satisfactionRate: rate,
    meanSatisfaction: z.number().min(1).max(5).nullable(),
    ratings: z.int(),
  })
  .meta({
    id: 'ComplaintStatistics',
    description: 'The counts and rates of the complaints received in the period',
    examples: [
      { received: 12, accepted: 10, rejected: 2, closed: 8, closedOnTime: 7, overdue: 1, completionRate: 0.8, onTimeRate: 0.875, satisfactionRate: 0.75, meanSatisfaction: 4.1, ratings: 8 },
    ],
  });

/**
 * GET /v1/statistics/complaints (SPEC 12): counts of the complaints received in a local month (the ledger's
 * calendar), of a department and a channel when given. Rates are null when their denominator is 0.
 */
export function complaintStatisticsRoutes(app: HttpApp, deps: { readStore: ReadStore; calendar: LedgerCalendar }): void {
  app.get(
    '/v1/statistics/complaints',
    {
      schema: {
        tags: ['complaints'],
        operationId: 'complaintStatistics',
        summary: 'Complaint statistics per department, channel and local month (SPEC 12)',
        description:
          'A complaint counts in the local month it was received. completionRate = closed / accepted; onTimeRate = closed on time / closed; ' +
          "satisfactionRate = ratings 4-5 over all ratings, a complaint's rating being the complainant's own, else the call-back's.",
        querystring: z
          .object({ departmentId: identifier.optional(), channel: complaintChannel.optional(), month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/).optional() })
          .strict(),
        response: { 200: statisticsAnswer, ...problemResponses(400) },
      },
      config: { access: ['intake-clerk', 'investigator', 'disciplinary-official', 'evaluation-office', 'auditor', 'service'] },
    },
    async (request) => {
      const { departmentId, channel, month } = request.query;
      let period: { start: string; end: string } | undefined;
      try {
        period = month ? deps.calendar.monthPeriod(month as Parameters<LedgerCalendar['monthPeriod']>[0]) : undefined;
      } catch (error) {
        throw new ProblemError({ slug: 'validation', title: 'Invalid request', status: 400, detail: String(error), errors: [{ path: 'querystring.month', message: 'not a month' }] });
      }
      return complaintStatistics(deps.readStore, { ...(departmentId ? { departmentId } : {}), ...(channel ? { channel } : {}), ...(period ? { period } : {}) });
    },
  );
}
