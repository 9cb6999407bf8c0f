import { registryLookup } from '@ledger/evaluations';
import type { ServiceModule } from '@ledger/platform';
import { accountabilityRoutes } from './http/accountability-routes.ts';
import { historyRoutes } from './http/history-routes.ts';
import { policyRoutes } from './http/policy-routes.ts';
import { sanctionRoutes } from './http/sanction-routes.ts';
import { findingCounter } from './processors/finding-counter.ts';
import { accountabilityProjection } from './projections/accountability.ts';
import { departmentRatingsProjection } from './projections/department-ratings.ts';
import { historyReadsProjection } from './projections/history-reads.ts';
import { personHistoryProjection } from './projections/person-history.ts';
import { sanctionListProjection } from './projections/sanction-list.ts';

/** SPEC 4, 5, 7 (person history, department accountability) and 8 (recorded reads): the sanction ladder, leader apologies, and what they read from. */
export function disciplineModule(): ServiceModule {
  return {
    name: 'discipline',
    projections: [personHistoryProjection, sanctionListProjection, accountabilityProjection, departmentRatingsProjection, historyReadsProjection],
    processors(context) {
      return [findingCounter({ store: context.store, registry: registryLookup(context.store) })];
    },
    routes(app, context) {
      const deps = { ...context, registry: registryLookup(context.store) };
      historyRoutes(app, deps);
      sanctionRoutes(app, deps);
      policyRoutes(app, deps);
      accountabilityRoutes(app, deps);
    },
  };
}
