import type { ServiceModule } from '@ledger/platform';
import type { RegistryLookup } from '@ledger/registry';
import { rectificationDeadlineWatcher } from './deadline-watcher.ts';
import { rectificationRoutes } from './http/routes.ts';
import { automaticItems, badReviewOpener, calendarDeadlines } from './processors.ts';
import { rectificationListsProjection } from './projections/rectification-lists.ts';

export interface RectificationModuleOptions {
  /** The registry port, given by the host (evaluations implements it): the leader answers for automatic items. */
  registry: RegistryLookup;
  /** How often the deadline watcher looks for late items and cases; 0 turns it off (tests drive it by hand). */
  deadlineCheckIntervalMs?: number;
}

/** The service's read models, also for hosts that rebuild them without running the service (the relay's replays). */
export const rectificationProjections = [rectificationListsProjection];

/** SPEC 10, 11: rectification items, bad-review cases, the working-day calendar, and their deadlines (versioned policy, `deadline-policy`). */
export function rectificationModule(options: RectificationModuleOptions): ServiceModule {
  return {
    name: 'rectification',
    projections: rectificationProjections,
    processors: (context) => [
      badReviewOpener({ ...context, registry: options.registry }),
      automaticItems({ ...context, registry: options.registry }),
      calendarDeadlines({ ...context, registry: options.registry }),
    ],
    routes: (app, context) => rectificationRoutes(app, context),
    background(context) {
      const watcher = rectificationDeadlineWatcher(context);
      if ((options.deadlineCheckIntervalMs ?? 60_000) > 0) watcher.start(options.deadlineCheckIntervalMs ?? 60_000);
      return watcher;
    },
  };
}
