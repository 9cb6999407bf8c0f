import { launchService } from '@ledger/host';
import { z } from 'zod';
import { rankingsModule } from '@ledger/rankings';

// The rankings service as its own process (README "Distributed mode"). Wiring only.
await launchService({
  name: 'rankings',
  // A close waits for its inputs read model to reach the ledger head; how far Kafka consumers stand is
  // measured against the relay's checkpoint, which lives in PostgreSQL whatever the event store is.
  needsPostgres: true,
  config: {
    /** How long a period close waits for its inputs to be projected before answering 503. */
    RANKINGS_CATCH_UP_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
  },
  modules: async ({ config }) => [rankingsModule({ catchUpTimeoutMs: config.RANKINGS_CATCH_UP_TIMEOUT_MS })],
});
