import { launchService } from '@ledger/host';
import { disciplineModule } from './module.ts';

// The discipline service as its own process (README "Distributed mode"). Wiring only.
await launchService({ name: 'discipline', config: {}, modules: async () => [disciplineModule()] });
