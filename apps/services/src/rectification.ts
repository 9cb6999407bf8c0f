import { registryLookup } from '@ledger/evaluations';
import { launchService } from '@ledger/host';
import { rectificationModule } from '@ledger/rectification';
import { z } from 'zod';

// The rectification service as its own process (README "Distributed mode"). Wiring only: this is its composition
// root, so the registry port is the evaluations service's lookup on the shared ledger.
await launchService({
  name: 'rectification',
  config: {
    /** How often the deadline watcher looks for late rectification items and bad-review cases (ms). */
    RECTIFICATION_DEADLINE_CHECK_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  },
  modules: async ({ adapters, config }) => [
    rectificationModule({ registry: registryLookup(adapters.store), deadlineCheckIntervalMs: config.RECTIFICATION_DEADLINE_CHECK_INTERVAL_MS }),
  ],
});
