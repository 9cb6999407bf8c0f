import { launchService } from '@ledger/host';
import { evaluationsModule } from '@ledger/evaluations';

// The evaluations service as its own process (README "Distributed mode"). Wiring only.
await launchService({ name: 'evaluations', config: {}, modules: async () => [evaluationsModule()] });
