import { launchService } from '@ledger/host';
import { relayLaunch } from './relay-launch.ts';

// A relay that cannot go on must not look alive: exit, and let the supervisor start it again from its checkpoint.
await launchService(relayLaunch({ onRelayFailure: () => process.exit(1) }));
