import type { ServiceModule } from '@ledger/platform';
import { registryRoutes } from './http/registry-routes.ts';
import { registryLookup } from './registry-lookup.ts';

/** SPEC 2 and the inputs of SPEC 6: the registry of departments and people, ratings, surveys, evaluations, adjustments. */
export function evaluationsModule(): ServiceModule {
  return {
    name: 'evaluations',
    projections: [],
    routes(app, context) {
      registryRoutes(app, { ...context, registry: registryLookup(context.store) });
    },
  };
}
