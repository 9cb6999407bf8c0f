export * from './domain/index.ts';
export * from './streams.ts';
export { rectificationDeadlineWatcher, type RectificationDeadlineWatcher } from './deadline-watcher.ts';
export { rectificationListsProjection } from './projections/rectification-lists.ts';
export { rectificationModule, rectificationProjections, type RectificationModuleOptions } from './module.ts';
