import type { ServiceModule } from '@ledger/platform';
import { periodRoutes } from './http/period-routes.ts';
import { rankingRoutes } from './http/ranking-routes.ts';
import { periodInputsProjection } from './projections/period-inputs.ts';
import { publishedRankingsProjection } from './projections/published-rankings.ts';

export interface RankingsModuleOptions {
  /** How long a close waits for its inputs read model to reach the ledger head (default 10 s), then 503. */
  catchUpTimeoutMs?: number;
}

/** The service's read models, also for hosts that rebuild them without running the service (the relay's replays). */
export const rankingsProjections = [periodInputsProjection, publishedRankingsProjection];

/** SPEC 6 outputs: closing a year into rankings, people rankings and bottom-rank accountability, and reading them. */
export function rankingsModule(options: RankingsModuleOptions = {}): ServiceModule {
  return {
    name: 'rankings',
    projections: rankingsProjections,
    routes(app, context) {
      periodRoutes(app, { ...context, catchUpTimeoutMs: options.catchUpTimeoutMs ?? 10_000 });
      rankingRoutes(app, context);
    },
  };
}
