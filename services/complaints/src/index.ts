export * from './config.ts';
export { type HandlingDaysByChannel, defaultHandlingDays } from './domain/index.ts';
export * from './streams.ts';
export { complaintListProjection, complaintsCollection, type ComplaintDocument } from './projections/complaint-list.ts';
export { complaintDecider, erasureDecider } from './domain/index.ts';
export { complaintRoutes, type ComplaintRouteDeps } from './http/complaint-routes/index.ts';
export { deadlineWatcher, type DeadlineWatcher } from './deadline-watcher.ts';
export { erasureRoutes } from './http/erasure-routes.ts';
export { complaintsModule, complaintsProjections, type ComplaintsModuleOptions } from './module.ts';
