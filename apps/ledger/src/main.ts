import { oidcOptionsOf } from '@ledger/host';
import { ConfigError, createLogger, startTracing } from '@ledger/platform';
import { DataFolderInUseError, connectPostgres, ownerOnlyUmask } from '@ledger/sql';
import { readEmbeddedConfig, resolveApiKeys, resolveSigningKey, resolveVaultKey } from './config.ts';
import { startLedgerHost } from './host.ts';

// `npm start`: the whole ledger in one process on embedded PGlite. Wiring only.
// SPEC 8: whatever the ledger writes (keys, database files) is its owner's only.
ownerOnlyUmask();
// Off unless OTEL_* variables ask for it (docs/operations.md); started first, so that every part is traced.
const tracing = startTracing({ serviceName: 'accountability-ledger' });
try {
  const config = readEmbeddedConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'ledger' });
  const apiKeys = resolveApiKeys(config);
  const oidc = oidcOptionsOf(config);
  const host = await startLedgerHost({
    dataDir: config.LEDGER_DATA_DIR,
    // The simplest production set-up: every service in this process, the data on a real PostgreSQL server.
    ...(config.LEDGER_POSTGRES_URL ? { sql: connectPostgres({ connectionString: config.LEDGER_POSTGRES_URL, applicationName: 'accountability-ledger-embedded' }) } : {}),
    apiKeys: apiKeys.keys,
    apiKeySource: apiKeys.source,
    ...(oidc ? { oidc } : {}),
    vaultKey: resolveVaultKey(config),
    logger,
    handlingDays: config.COMPLAINT_HANDLING_DAYS ?? {},
    deadlineCheckIntervalMs: config.DEADLINE_CHECK_INTERVAL_MS,
    signingKey: resolveSigningKey(config).signerKey,
    logOrigin: config.LEDGER_LOG_ORIGIN,
    checkpointIntervalMs: config.LEDGER_CHECKPOINT_INTERVAL_MS,
    timeZone: config.LEDGER_TIME_ZONE,
    ...(config.LEDGER_TIME_ZONE_CHANGE_FROM ? { timeZoneChangeFrom: config.LEDGER_TIME_ZONE_CHANGE_FROM } : {}),
    console: { dir: config.LEDGER_CONSOLE_DIR },
    trustedProxies: config.LEDGER_TRUSTED_PROXIES,
  });
  const address = await host.app.listen({ host: config.HOST, port: config.PORT });
  logger.info({ address, console: `${address}/console/`, docs: `${address}/docs`, dataDir: config.LEDGER_DATA_DIR, database: config.LEDGER_POSTGRES_URL ? 'postgresql' : 'pglite', apiKeys: apiKeys.source }, 'ledger ready');
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    await host.stop();
    await tracing?.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  if (error instanceof DataFolderInUseError) {
    console.error(`ledger: ${error.message}`);
    process.exit(3);
  }
  throw error;
}
