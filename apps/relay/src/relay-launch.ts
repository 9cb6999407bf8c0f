import { SqlMerkleLog, auditModule, isValidKeyName, parseSignerKey } from '@ledger/audit';
import { complaintsProjections } from '@ledger/complaints';
import { disciplineProjections } from '@ledger/discipline';
import { evaluationsProjections } from '@ledger/evaluations';
import { type ServiceLaunch, relayCheckpointName } from '@ledger/host';
import { startKafkaRelay } from '@ledger/messaging';
import { rankingsProjections } from '@ledger/rankings';
import { rectificationProjections } from '@ledger/rectification';
import { z } from 'zod';

/**
 * The ledger's single writers beside the services (README "Distributed mode"): the Kafka relay, which
 * publishes the store's global order to one topic per service, and the Merkle log keeper with the audit
 * routes (feed, checkpoints, proofs, replays of every service's read models). Both follow the whole ledger in order, so one process runs them; run
 * one replica (a second would publish duplicates, which consumers drop, and race the keeper). Wiring only.
 * Its HTTP server, like every process's, answers /healthz, /readyz and /metrics (the relay's position and lag,
 * the Merkle log's size and checkpoint age).
 */
// Every service's read models, for replays of the running ledger: rebuilt here from the store, compared with
// the live ones in the shared read store, each up to where its consumer group has read.
const projections = [...evaluationsProjections, ...complaintsProjections, ...disciplineProjections, ...rankingsProjections, ...rectificationProjections];

const relayConfig = {
  LEDGER_SIGNING_KEY: z.string().refine((text) => isSignerKey(text.trim()), 'must be a signer key PRIVATE+KEY+<name>+<hex id>+<base64>'),
  LEDGER_LOG_ORIGIN: z.string().refine(isValidKeyName, 'must be one word without spaces or "+"').default('accountability-ledger'),
  LEDGER_CHECKPOINT_INTERVAL_MS: z.coerce.number().int().min(0).default(60_000),
};

/** What the relay process is, for `launchService` (its entry point) and for tests (`startService`). */
export function relayLaunch(options: { onRelayFailure?: (error: unknown) => void } = {}): ServiceLaunch<typeof relayConfig> {
  let merkleLog: SqlMerkleLog | undefined;
  return {
    name: 'relay',
    // The relay's position and the Merkle log are tables beside the ledger in PostgreSQL.
    needsPostgres: true,
    config: relayConfig,
    // The launcher's one positions tracker answers for them (and closes its Kafka admin client on stop).
    followedProjections: projections,
    async modules({ config, adapters, projectionPosition }) {
      merkleLog = await SqlMerkleLog.open(adapters.sql!);
      return [
        auditModule({
          log: merkleLog,
          signer: parseSignerKey(config.LEDGER_SIGNING_KEY.trim()),
          origin: config.LEDGER_LOG_ORIGIN,
          checkpointIntervalMs: config.LEDGER_CHECKPOINT_INTERVAL_MS,
          readModels: { projections, positions: { load: projectionPosition } },
        }),
      ];
    },
    observed({ config, relayCheckpoints }) {
      const name = relayCheckpointName(config.KAFKA_TOPIC_PREFIX);
      return {
        relayPosition: () => relayCheckpoints!.load(name),
        merkleLog: async () => {
          const log = merkleLog!;
          const [size, latest] = await Promise.all([log.size(), log.latestCheckpoint()]);
          return { size, ...(latest ? { checkpointIssuedAt: latest.issuedAt } : {}) };
        },
      };
    },
    async sideWork({ config, adapters, logger, relayCheckpoints }) {
      const relay = await startKafkaRelay({
        kafka: adapters.kafka,
        store: adapters.store,
        checkpoints: relayCheckpoints!,
        logger,
        name: relayCheckpointName(config.KAFKA_TOPIC_PREFIX),
        topicPrefix: config.KAFKA_TOPIC_PREFIX,
        ...(config.LEDGER_SCHEMA_BASE_URL ? { schemaBaseUrl: config.LEDGER_SCHEMA_BASE_URL } : {}),
      });
      relay.done.catch((error: unknown) => options.onRelayFailure?.(error));
      return [relay];
    },
  };
}

function isSignerKey(text: string): boolean {
  try {
    parseSignerKey(text);
    return true;
  } catch {
    return false;
  }
}
