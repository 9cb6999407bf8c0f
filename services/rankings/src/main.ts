import { launchService } from '@ledger/host';
import { rankingsModule } from './module.ts';

// The rankings service as its own process (README "Distributed mode"). Wiring only.
await launchService({ name: 'rankings', config: {}, modules: async () => [rankingsModule()] });
