import { defaultLedgerTimeZone, assertTimeZone, timeZoneProblem } from '@ledger/calendar';
import { z } from 'zod';
import { type ApiKey, apiKeysSchema } from './http/auth.ts';

export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * Reads configuration from environment variables through a zod schema whose keys are the variable names.
 * Every bad value is reported at once, by variable name, so an operator fixes them in one go.
 */
export function loadConfig<Schema extends z.ZodObject>(schema: Schema, env: NodeJS.ProcessEnv = process.env): z.infer<Schema> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = schema.safeParse(present);
  if (result.success) return result.data;
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const variable = issue.path.join('.') || '(environment)';
      const name = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
      const value = name === undefined ? undefined : shownValue(name, env[name]);
      return `${variable}${value === undefined ? '' : ` = ${JSON.stringify(value)}`}: ${issue.message}`;
    }),
  );
}

/** Variables whose value is a secret: a config error names them, never shows their value (issue 14.4). */
export const isSecretVariable = (name: string): boolean => /KEY|SECRET|PASSWORD|TOKEN|CREDENTIAL/i.test(name) && !name.endsWith('_FILE');

/** A value as a config error may show it: none for a secret, and a URL without its password. */
export function shownValue(name: string, value: string | undefined): string | undefined {
  if (value === undefined || isSecretVariable(name)) return undefined;
  return value.replace(/(\w+:\/\/[^:/@\s]*):[^@/\s]*@/g, '$1:***@');
}

/** Common variable shapes. */
export const envPort = z.coerce.number().int().min(0).max(65_535);
export const envLogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

/** An IANA time zone name (LEDGER_TIME_ZONE), spelled as the time zone database does; default Asia/Shanghai. */
export const envTimeZone = z
  .string()
  .superRefine((value, context) => {
    const problem = timeZoneProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .transform((value) => assertTimeZone(value))
  .default(defaultLedgerTimeZone);

/**
 * The reverse proxies whose `X-Forwarded-For` names the client (LEDGER_TRUSTED_PROXIES): comma-separated addresses
 * or CIDR ranges, or `loopback`, `linklocal`, `uniquelocal`. None (the default): the header is ignored and the client
 * is the peer of the connection, so that nobody escapes the public rate limit by writing the header themselves.
 */
export const envTrustedProxies = z
  .string()
  .transform((text) => text.split(',').map((part) => part.trim()).filter((part) => part !== ''))
  .pipe(z.array(z.union([z.ipv4(), z.ipv6(), z.cidrv4(), z.cidrv6(), z.enum(['loopback', 'linklocal', 'uniquelocal'])], { error: 'must be an IP address, a CIDR range, or loopback, linklocal or uniquelocal' })))
  .default([]);

/** An instant with its offset, e.g. 2027-01-01T00:00:00+08:00 (LEDGER_TIME_ZONE_CHANGE_FROM). */
export const envInstant = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 instant with an offset, e.g. 2027-01-01T00:00:00+08:00' });

/** API keys from their JSON text. The keys are secrets: a problem names where and what, never the text (not even JSON.parse's quote of it). */
export function parseApiKeys(text: string, source: string): ApiKey[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError([`${source}: not JSON (a JSON array of { key, role, id })`]);
  }
  const parsed = apiKeysSchema.safeParse(json);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${source}: ${issue.path.join('.')}: ${issue.message}`));
  return parsed.data;
}
