import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// Issue 14.6 where no compose binary is installed (`image.int.test.ts` runs `docker compose config` where one
// is): docker-compose.yml, interpolated as compose does, validates against the Compose specification's JSON schema
// (compose-spec/compose-spec `schema/compose-spec.json`, Apache-2.0), as the `dclint` package ships it.
const root = join(import.meta.dirname, '..', '..', '..');
const composeText = readFileSync(join(root, 'docker-compose.yml'), 'utf8');
const schemaPath = join(dirname(createRequire(import.meta.url).resolve('dclint/package.json')), 'schemas', 'compose.schema.json');
// A draft-07 schema (Ajv's default draft), whose `$schema` spells the meta-schema's address in a form Ajv does not
// know (https, no `#`): left out rather than fetched.
const { $schema: _draft07, ...composeSchema } = JSON.parse(readFileSync(schemaPath, 'utf8')) as Record<string, unknown>;
const validate = new Ajv({ strict: false, allErrors: true }).compile(composeSchema);

const secrets = { LEDGER_VAULT_KEY: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', LEDGER_SIGNING_KEY: 'PRIVATE+KEY+test+00000000+AAAA' };

/**
 * Compose's interpolation of the forms the file uses: `$$`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}`, `${VAR?message}`; a required variable that is missing is an error naming it, as compose says.
 */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_]\w*)(?:(:?)([-?])([^}]*))?\}/g, (whole, name: string | undefined, colon: string, operator: string, operand: string) => {
    if (whole === '$$') return '$$';
    const value = env[name!];
    const unset = value === undefined || (colon === ':' && value === '');
    if (operator === '?' && unset) throw new Error(`required variable ${name} is missing a value: ${operand}`);
    if (operator === '-' && unset) return operand;
    return value ?? '';
  });
}

/** The file as compose reads it: comments are YAML's, so interpolate only outside them (compose does the same on values). */
const composeFile = (env: Record<string, string>): unknown =>
  parse(
    composeText
      .split('\n')
      .map((line) => (/^\s*#/.test(line) ? line : interpolate(line, env)))
      .join('\n'),
    { merge: true },
  );

describe('docker-compose.yml against the Compose specification', () => {
  it('validates against the schema once its secrets are given', () => {
    const file = composeFile(secrets);
    expect(validate(file) ? [] : validate.errors).toEqual([]);
  });

  it('is refused without its secrets, naming them (`${VAR:?}`), rather than starting processes that loop', () => {
    expect(() => composeFile({})).toThrow(/required variable LEDGER_(VAULT|SIGNING)_KEY/);
  });

  it('would catch a mistake: a service key the specification does not know fails the schema', () => {
    const file = composeFile(secrets) as { services: Record<string, Record<string, unknown>> };
    file.services.postgres!.restart_policy = 'always';
    expect(validate(file)).toBe(false);
    expect(validate.errors?.map((error) => error.params)).toContainEqual({ additionalProperty: 'restart_policy' });
  });

  it('runs KurrentDB only with the esdb profile', () => {
    const file = composeFile(secrets) as { services: Record<string, { profiles?: string[] }> };
    expect(file.services.kurrentdb?.profiles).toEqual(['esdb']);
    expect(Object.entries(file.services).filter(([, service]) => service.profiles).map(([name]) => name)).toEqual(['kurrentdb']);
  });
});
