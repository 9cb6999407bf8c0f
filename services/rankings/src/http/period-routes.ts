import type { BottomRankAdmonitionRequiredData, LeaderReplacementRequiredData, PeriodClosedData, RankingPublishedData } from '@ledger/events';
import { isoInstant } from '@ledger/events';
import { loadStream } from '@ledger/eventstore';
import { type HttpApp, ProblemError, type ServiceContext, executeHttpCommand, problemResponses } from '@ledger/platform';
import { z } from 'zod';
import { periodDecider, previousResultsFrom } from '../domain/index.ts';
import { periodInputsProjection } from '../projections/period-inputs.ts';
import { readPeriodInputs } from '../projections/read-period-inputs.ts';
import { periodStream } from '../streams.ts';
import { waitUntilCaughtUp } from './caught-up.ts';
import { type BottomRankOutcomeView, categoryRankingView } from './ranking-view.ts';
import { closeAnswer as closedAnswer } from './answers.ts';

export interface PeriodRouteDeps extends ServiceContext {
  /** How long a close waits for the inputs read model to reach the ledger head before answering 503. */
  catchUpTimeoutMs: number;
}

export const yearParams = z.object({ year: z.coerce.number().int().min(2000).max(9999) }).strict();
// API.md gives the close no body: one may be left out, or name the business time of the close.
const closeBody = z.object({ at: isoInstant.optional() }).strict().nullish();

/** SPEC 6: closing a year publishes its rankings and decides bottom-rank accountability, all as events. */
export function periodRoutes(app: HttpApp, deps: PeriodRouteDeps): void {
  app.post(
    '/v1/periods/:year/close',
    {
      schema: {
        tags: ['rankings'],
        operationId: 'closePeriod',
        response: { 200: closedAnswer, ...problemResponses(503) },
        summary: 'Close an assessment year: publish the ranking of every category and decide bottom-rank accountability (409 when already closed)',
        params: yearParams,
        body: closeBody,
      },
      config: { access: ['evaluation-office'] },
    },
    async (request) => {
      const { year } = request.params;
      const now = deps.clock.now().toISOString();
      // The close decides on the inputs read model: it must first have seen every input recorded so far.
      await waitUntilCaughtUp(deps, { projectionName: periodInputsProjection.name, position: await deps.store.headPosition(), timeoutMs: deps.catchUpTimeoutMs });
      const { departments, inputs, policy } = await readPeriodInputs(deps.readStore, year, deps.calendar);
      // Last year's results from its own stream, not a read model: they are part of this decision.
      const lastYear = await loadStream(deps.store, periodStream(year - 1));
      const published = lastYear.filter((event) => event.type === 'RankingPublished').map((event) => event.data as RankingPublishedData);
      const result = await executeHttpCommand(request, deps.store, periodStream(year), periodDecider, {
        year,
        departments,
        inputs,
        ...(published.length > 0 ? { previous: previousResultsFrom(year - 1, published) } : {}),
        policy,
        at: request.body?.at ?? now,
        now,
        calendar: deps.calendar,
      });
      return closeAnswer(result.events);
    },
  );
}

/** The answer to a close, from its events (a repeat with the same idempotency key gets the same answer). */
function closeAnswer(events: ReadonlyArray<{ type: string; data: unknown }>) {
  const closed = events.find((event) => event.type === 'PeriodClosed')?.data as PeriodClosedData | undefined;
  if (!closed) throw new ProblemError({ slug: 'internal', title: 'Internal error', status: 500, detail: 'the close recorded no PeriodClosed event' });
  const bottomRank: BottomRankOutcomeView[] = events.flatMap((event): BottomRankOutcomeView[] => {
    if (event.type === 'BottomRankAdmonitionRequired') return [{ outcome: 'admonition-talk', ...(event.data as BottomRankAdmonitionRequiredData) }];
    if (event.type === 'LeaderReplacementRequired') return [{ outcome: 'leader-replacement', ...(event.data as LeaderReplacementRequiredData) }];
    return [];
  });
  return {
    year: closed.year,
    closedAt: closed.at,
    policyVersion: closed.policy.version,
    rankings: events.filter((event) => event.type === 'RankingPublished').map((event) => categoryRankingView(event.data as RankingPublishedData)),
    bottomRank,
  };
}
