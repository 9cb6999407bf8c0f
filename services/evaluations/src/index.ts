export * from './domain/registry.ts';
export { registryLookup } from './registry-lookup.ts';
export { registryRoutes, type RegistryRouteDeps } from './http/registry-routes.ts';
export { evaluationsModule, evaluationsProjections } from './module.ts';
export { levelCountsOf, ratingFactsCollection, ratingFactsProjection } from './projections/rating-facts.ts';
