import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { generateNoteKey, isValidKeyName, parseSignerKey } from '@ledger/audit';
import { handlingDaysByChannelSchema } from '@ledger/complaints';
import { type ApiKey, ConfigError, envInstant, envLogLevel, envPort, envTimeZone, envTrustedProxies, generateApiKeys, loadConfig, parseApiKeys } from '@ledger/platform';
import { z } from 'zod';
import { oidcConfigShape } from '@ledger/host';

/** Where `npm run build:console` puts the console, in this checkout. */
const builtConsoleDir = resolve(import.meta.dirname, '..', '..', 'console', 'dist');

/** The embedded host's environment (README lists it). */
const embeddedConfigSchema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: envPort.default(8080),
  LEDGER_DATA_DIR: z.string().min(1).default('./data'),
  /** A PostgreSQL server for the one-process host instead of PGlite in LEDGER_DATA_DIR (which then holds only the keys). */
  LEDGER_POSTGRES_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  LOG_LEVEL: envLogLevel.default('info'),
  /**
   * JSON array of { key, role, id, departmentId? }; else LEDGER_API_KEYS_FILE; else <data dir>/api-keys.json, made on first start
   * (an administrator and one key per default role). Issued in the ledger (hashes only) at the first start; later keys at /v1/keys.
   */
  LEDGER_API_KEYS: z.string().optional(),
  LEDGER_API_KEYS_FILE: z.string().optional(),
  /** base64 of 32 bytes wrapping complainants' keys; else <data dir>/vault.key, made on first start. */
  LEDGER_VAULT_KEY: z
    .string()
    .refine((value) => Buffer.from(value, 'base64').length === 32, 'must be the base64 of exactly 32 bytes')
    .optional(),
  COMPLAINT_HANDLING_DAYS: handlingDaysByChannelSchema.optional(),
  DEADLINE_CHECK_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /** Signer key text (PRIVATE+KEY+<name>+<id>+<key>) for checkpoints; else <data dir>/ledger-signing.key, made on first start. */
  LEDGER_SIGNING_KEY: z
    .string()
    .superRefine((value, context) => {
      const problem = signerKeyProblem(value);
      if (problem) context.addIssue({ code: 'custom', message: problem });
    })
    .optional(),
  LEDGER_LOG_ORIGIN: z.string().refine(isValidKeyName, 'must be one word without spaces or "+", e.g. ledger.example.org/log').default('accountability-ledger'),
  /** How often a checkpoint is signed when the log grew; 0 signs only on demand. */
  /** Base of the feed's absolute `dataschema` URIs (where /v1/schemas is served); else the host the request reached. */
  LEDGER_SCHEMA_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  LEDGER_CHECKPOINT_INTERVAL_MS: z.coerce
    .number()
    .int()
    .refine((value) => value === 0 || value >= 1_000, 'must be 0 (on demand only) or at least 1000')
    .default(60_000),
  /** The ledger's time zone (IANA name): every calendar year, month, date and deadline is taken in it. */
  LEDGER_TIME_ZONE: envTimeZone,
  /** The instant from which LEDGER_TIME_ZONE replaces the zone recorded in the ledger (an explicit change). */
  LEDGER_TIME_ZONE_CHANGE_FROM: envInstant.optional(),
  /** The web console's build (`npm run build:console`), served at /, /console/ and the other page paths. */
  LEDGER_CONSOLE_DIR: z.string().min(1).default(builtConsoleDir),
  /** Reverse proxies whose X-Forwarded-For names the client of the public routes; none: the header is ignored. */
  LEDGER_TRUSTED_PROXIES: envTrustedProxies,
  /** OpenID Connect sign-in for staff (SPEC 8): LEDGER_OIDC_ISSUER, LEDGER_OIDC_AUDIENCE and the claims. */
  ...oidcConfigShape,
});
export type EmbeddedConfig = z.infer<typeof embeddedConfigSchema>;

function signerKeyProblem(text: string): string | undefined {
  try {
    parseSignerKey(text.trim());
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export function readEmbeddedConfig(env: NodeJS.ProcessEnv = process.env): EmbeddedConfig {
  return loadConfig(embeddedConfigSchema, env);
}


/** API keys from the environment, a file, or a file made with one key per role on first start. */
export function resolveApiKeys(config: EmbeddedConfig): { keys: ApiKey[]; source: string } {
  if (config.LEDGER_API_KEYS) return { keys: parseApiKeys(config.LEDGER_API_KEYS, 'LEDGER_API_KEYS'), source: 'LEDGER_API_KEYS' };
  const file = resolve(config.LEDGER_API_KEYS_FILE ?? join(config.LEDGER_DATA_DIR, 'api-keys.json'));
  if (!existsSync(file)) {
    if (config.LEDGER_API_KEYS_FILE) throw new ConfigError([`LEDGER_API_KEYS_FILE: ${file} does not exist`]);
    mkdirSync(config.LEDGER_DATA_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${JSON.stringify(generateApiKeys(), null, 2)}\n`, { mode: 0o600 });
  }
  return { keys: parseApiKeys(readFileSync(file, 'utf8'), file), source: file };
}

export function resolveVaultKey(config: EmbeddedConfig): Buffer {
  if (config.LEDGER_VAULT_KEY) return Buffer.from(config.LEDGER_VAULT_KEY, 'base64');
  const file = join(config.LEDGER_DATA_DIR, 'vault.key');
  if (!existsSync(file)) {
    mkdirSync(config.LEDGER_DATA_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** The checkpoint signer key text: from the environment, or <data dir>/ledger-signing.key, made (mode 0600) on first start. */
export function resolveSigningKey(config: EmbeddedConfig): { signerKey: string; source: string } {
  if (config.LEDGER_SIGNING_KEY) return { signerKey: config.LEDGER_SIGNING_KEY.trim(), source: 'LEDGER_SIGNING_KEY' };
  const file = resolve(join(config.LEDGER_DATA_DIR, 'ledger-signing.key'));
  if (!existsSync(file)) {
    mkdirSync(config.LEDGER_DATA_DIR, { recursive: true, mode: 0o700 });
    writeFileSync(file, `${generateNoteKey(config.LEDGER_LOG_ORIGIN).signerKey}\n`, { mode: 0o600 });
  }
  const signerKey = readFileSync(file, 'utf8').trim();
  const problem = signerKeyProblem(signerKey);
  if (problem) throw new Error(`${file}: ${problem}`);
  return { signerKey, source: file };
}
