import { disciplineModule } from '@ledger/discipline';
import { registryLookup } from '@ledger/evaluations';
import { launchService } from '@ledger/host';

// The discipline service as its own process (README "Distributed mode"). Wiring only: this is its composition root,
// so the registry port is the evaluations service's lookup on the shared ledger.
await launchService({ name: 'discipline', config: {}, modules: async ({ adapters }) => [disciplineModule({ registry: registryLookup(adapters.store) })] });
