import { readFileSync } from 'node:fs';
import { type ApiKey, ConfigError, envInstant, envLogLevel, envPort, envTimeZone, envTrustedProxies, loadConfig, parseApiKeys } from '@ledger/platform';
import { z } from 'zod';
import { oidcConfigShape } from './access/oidc.ts';

const positiveMs = z.coerce.number().int().min(1);

/**
 * The environment every distributed process reads (README "Distributed mode" lists it). A process adds
 * its own variables with `.extend()`; which URLs are required depends on the adapters chosen, checked by
 * `requireChosenEngines` after parsing, so every missing one is named at once.
 */
export const distributedConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: envPort.default(8080),
  LOG_LEVEL: envLogLevel.default('info'),
  EVENT_STORE: z.enum(['postgres', 'esdb']).default('postgres'),
  READ_STORE: z.enum(['postgres', 'mongo']).default('postgres'),
  BUS: z.enum(['kafka']).default('kafka'),
  POSTGRES_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  ESDB_URL: z.string().regex(/^(esdb|kurrentdb)(\+discover)?:\/\//, 'must be an esdb:// or kurrentdb:// connection string').optional(),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// connection string').optional(),
  MONGO_DATABASE: z.string().regex(/^[\w-]{1,63}$/, 'letters, digits, - and _ only').default('ledger'),
  KAFKA_BROKERS: z.string().min(1),
  /** Prefix of every topic and consumer group: deployments (or test runs) sharing one cluster stay apart. */
  /** Base of the absolute `dataschema` URIs of the feed and Kafka (where /v1/schemas is served), e.g. https://ledger.example.org */
  LEDGER_SCHEMA_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  KAFKA_TOPIC_PREFIX: z.string().regex(/^[\w.-]*$/, 'letters, digits, ".", "-" and "_" only').default(''),
  /** A consumer silent this long leaves its group: how long a crashed process holds its partitions. */
  KAFKA_SESSION_TIMEOUT_MS: z.coerce.number().int().min(6_000).max(300_000).default(30_000),
  /** How often the store is polled for events appended by other processes. */
  STORE_POLL_MS: positiveMs.default(100),
  /**
   * JSON array of { key, role, id, departmentId? }; or LEDGER_API_KEYS_FILE. Every process of one deployment gets the same keys:
   * they are issued in the ledger (hashes only) at the deployment's first start; later keys are issued at /v1/keys.
   */
  LEDGER_API_KEYS: z.string().optional(),
  LEDGER_API_KEYS_FILE: z.string().optional(),
  /** The ledger's time zone (IANA name); every process of a deployment is given the same, and the ledger records it. */
  LEDGER_TIME_ZONE: envTimeZone,
  /** The instant from which LEDGER_TIME_ZONE replaces the recorded zone (an explicit change, recorded once). */
  LEDGER_TIME_ZONE_CHANGE_FROM: envInstant.optional(),
  /** Reverse proxies whose X-Forwarded-For names the client of the public routes; none: the header is ignored. */
  LEDGER_TRUSTED_PROXIES: envTrustedProxies,
  /** OpenID Connect sign-in for staff (SPEC 8): LEDGER_OIDC_ISSUER, LEDGER_OIDC_AUDIENCE and the claims. */
  ...oidcConfigShape,
});
export type DistributedConfig = z.infer<typeof distributedConfigSchema>;

/**
 * The variables the chosen adapters need (PostgreSQL also keeps the vault, checkpoints and the Merkle log),
 * read from the environment itself so that they are reported together with the schema's own problems.
 */
function missingVariables(env: NodeJS.ProcessEnv, needsPostgres: boolean): string[] {
  const given = (name: string) => env[name] !== undefined && env[name] !== '';
  const eventStore = given('EVENT_STORE') ? env.EVENT_STORE : 'postgres';
  const readStore = given('READ_STORE') ? env.READ_STORE : 'postgres';
  const required: Array<[string, boolean]> = [
    ['POSTGRES_URL', eventStore === 'postgres' || readStore === 'postgres' || needsPostgres],
    ['ESDB_URL', eventStore === 'esdb'],
    ['MONGO_URL', readStore === 'mongo'],
  ];
  const problems = required
    .filter(([name, needed]) => needed && !given(name))
    .map(([name]) => `${name}: required by EVENT_STORE=${eventStore} READ_STORE=${readStore}${needsPostgres ? ' (and this process keeps its own tables there)' : ''}`);
  if (!given('LEDGER_API_KEYS') && !given('LEDGER_API_KEYS_FILE')) {
    problems.push('LEDGER_API_KEYS or LEDGER_API_KEYS_FILE: required (every process of a deployment shares the same keys)');
  }
  return problems;
}

/** Parses the environment; every bad or missing variable is named in one ConfigError. */
export function readDistributedConfig<Schema extends z.ZodObject>(
  schema: Schema,
  options: { env?: NodeJS.ProcessEnv; needsPostgres?: boolean } = {},
): z.infer<Schema> & DistributedConfig {
  const env = options.env ?? process.env;
  let config: (z.infer<Schema> & DistributedConfig) | undefined;
  let problems: string[] = [];
  try {
    config = loadConfig(schema, env) as z.infer<Schema> & DistributedConfig;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems = error.problems;
  }
  problems = [...problems, ...missingVariables(env, options.needsPostgres ?? false)];
  if (problems.length > 0 || !config) throw new ConfigError(problems);
  return config;
}

export function apiKeysOf(config: DistributedConfig): ApiKey[] {
  const [source, text] = config.LEDGER_API_KEYS
    ? ['LEDGER_API_KEYS', config.LEDGER_API_KEYS]
    : [`LEDGER_API_KEYS_FILE (${config.LEDGER_API_KEYS_FILE})`, readFileSync(config.LEDGER_API_KEYS_FILE!, 'utf8')];
  return parseApiKeys(text, source);
}
