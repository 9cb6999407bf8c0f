import { complaintsModule, handlingDaysByChannelSchema } from '@ledger/complaints';
import { registryLookup } from '@ledger/evaluations';
import { launchService } from '@ledger/host';
import { sqlPersonalDataVault } from '@ledger/privacy';
import { z } from 'zod';

// The complaints service as its own process (README "Distributed mode"). Wiring only: this is its composition root,
// so the registry port is the evaluations service's lookup on the shared ledger.
await launchService({
  name: 'complaints',
  // The vault keeps complainants' keys in PostgreSQL whatever the event store is.
  needsPostgres: true,
  config: {
    /** Every complaints process of a deployment must share it: it wraps every complainant's key. */
    LEDGER_VAULT_KEY: z.string().refine((value) => Buffer.from(value, 'base64').length === 32, 'must be the base64 of exactly 32 bytes'),
    COMPLAINT_HANDLING_DAYS: handlingDaysByChannelSchema.optional(),
    DEADLINE_CHECK_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
  },
  async modules({ config, adapters }) {
    const vault = await sqlPersonalDataVault(adapters.sql!, Buffer.from(config.LEDGER_VAULT_KEY, 'base64'));
    return [
      complaintsModule({
        vault,
        registry: registryLookup(adapters.store),
        handlingDays: config.COMPLAINT_HANDLING_DAYS ?? {},
        deadlineCheckIntervalMs: config.DEADLINE_CHECK_INTERVAL_MS,
      }),
    ];
  },
});
