import type { ServiceModule } from '@ledger/platform';
import type { PersonalDataVault } from '@ledger/privacy';
import type { RegistryLookup } from '@ledger/registry';
import { deadlineWatcher } from './deadline-watcher.ts';
import type { HandlingDaysByChannel } from './domain/index.ts';
import { complaintRoutes } from './http/complaint-routes/index.ts';
import { erasureRoutes } from './http/erasure-routes.ts';
import { publicComplaintRoutes } from './http/public-routes.ts';
import { complaintStatisticsRoutes } from './http/statistics-routes.ts';
import { complaintListProjection } from './projections/complaint-list.ts';
import { complaintStatisticsProjection } from './projections/complaint-statistics.ts';

export interface ComplaintsModuleOptions {
  vault: PersonalDataVault;
  handlingDays: HandlingDaysByChannel;
  /** 0 turns the deadline watcher off (tests drive it by hand). */
  deadlineCheckIntervalMs: number;
  /** The registry port, given by the host (evaluations implements it): filings name registered departments and people. */
  registry: RegistryLookup;
}

/** The service's read models, also for hosts that rebuild them without running the service (the relay's replays). */
export const complaintsProjections = [complaintListProjection, complaintStatisticsProjection];

/** SPEC 3 and 8: the complaint lifecycle, the deadline watcher, erasure of complainants' personal data. */
export function complaintsModule(options: ComplaintsModuleOptions): ServiceModule {
  return {
    name: 'complaints',
    projections: complaintsProjections,
    routes(app, context) {
      const deps = { ...context, registry: options.registry, vault: options.vault, handlingDays: options.handlingDays };
      complaintRoutes(app, deps);
      erasureRoutes(app, deps);
      publicComplaintRoutes(app, deps);
      complaintStatisticsRoutes(app, context);
    },
    background(context) {
      const watcher = deadlineWatcher(context);
      if (options.deadlineCheckIntervalMs > 0) watcher.start(options.deadlineCheckIntervalMs);
      return watcher;
    },
  };
}
