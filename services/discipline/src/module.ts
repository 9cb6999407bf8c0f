import type { ServiceModule } from '@ledger/platform';
import type { RegistryLookup } from '@ledger/registry';
import { accountabilityRoutes } from './http/accountability-routes.ts';
import { policyRoutes } from './http/policy-routes.ts';
import { referralRoutes } from './http/referral-routes.ts';
import { sanctionRoutes } from './http/sanction-routes.ts';
import { findingCounter } from './processors/finding-counter.ts';
import { accountabilityProjection } from './projections/accountability.ts';
import { departmentRatingsProjection } from './projections/department-ratings.ts';
import { referralListProjection } from './projections/referral-list.ts';
import { sanctionListProjection } from './projections/sanction-list.ts';
import { historyReadsProjection, historyRoutes, personHistoryProjection } from './person-history/index.ts';

export interface DisciplineModuleOptions {
  /** The registry port, given by the host (evaluations implements it): departments' leaders answer for faults, and apologies name them. */
  registry: RegistryLookup;
}

/** The service's read models, also for hosts that rebuild them without running the service (the relay's replays). */
export const disciplineProjections = [personHistoryProjection, sanctionListProjection, referralListProjection, accountabilityProjection, departmentRatingsProjection, historyReadsProjection];

/** SPEC 4, 5, 7 (person history, department accountability) and 8 (recorded reads): the sanction ladder, leader apologies, and what they read from. */
export function disciplineModule(options: DisciplineModuleOptions): ServiceModule {
  return {
    name: 'discipline',
    projections: disciplineProjections,
    processors(context) {
      return [findingCounter({ store: context.store, registry: options.registry, calendar: context.calendar })];
    },
    routes(app, context) {
      const deps = { ...context, registry: options.registry };
      historyRoutes(app, deps);
      sanctionRoutes(app, deps);
      referralRoutes(app, deps);
      policyRoutes(app, deps);
      accountabilityRoutes(app, deps);
    },
  };
}
