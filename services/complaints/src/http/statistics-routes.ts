import type { LedgerCalendar } from '@ledger/calendar';
import { complaintChannel, identifier } from '@ledger/events';
import { type HttpApp, ProblemError, problemSchema } from '@ledger/platform';
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
  .meta({ id: 'ComplaintStatistics' });

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
        response: { 200: statisticsAnswer, 400: problemSchema },
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
