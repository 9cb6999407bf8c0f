import type { ServiceModule } from '@ledger/platform';
import { annualEvaluationRoutes } from './http/annual-evaluation-routes.ts';
import { bulletinRoutes } from './http/bulletin-routes.ts';
import { evaluationPolicyRoutes } from './http/policy-routes.ts';
import { ratingRoutes } from './http/rating-routes.ts';
import { publicDepartmentRoutes } from './http/public-department-routes.ts';
import { registryRoutes } from './http/registry-routes.ts';
import { statisticsRoutes } from './http/statistics-routes.ts';
import { bulletinsProjection } from './projections/bulletins.ts';
import { closedPeriodsProjection } from './projections/closed-periods.ts';
import { publicDepartmentsProjection } from './projections/public-departments.ts';
import { ratingFactsProjection } from './projections/rating-facts.ts';
import { leaderReplacementFollower } from './leader-replacement.ts';
import { registryLookup } from './registry-lookup.ts';

/** The service's read models, also for hosts that rebuild them without running the service (the relay's replays). */
export const evaluationsProjections = [ratingFactsProjection, closedPeriodsProjection, bulletinsProjection, publicDepartmentsProjection];

/** SPEC 2 and the inputs of SPEC 6: the registry of departments and people, ratings, surveys, evaluations, adjustments. */
export function evaluationsModule(): ServiceModule {
  return {
    name: 'evaluations',
    projections: evaluationsProjections,
    processors: (context) => [leaderReplacementFollower(context)],
    routes(app, context) {
      const deps = { ...context, registry: registryLookup(context.store) };
      registryRoutes(app, deps);
      ratingRoutes(app, deps);
      annualEvaluationRoutes(app, deps);
      evaluationPolicyRoutes(app, deps);
      statisticsRoutes(app, deps);
      bulletinRoutes(app, deps);
      publicDepartmentRoutes(app, deps);
    },
  };
}
