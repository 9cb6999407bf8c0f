import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requiredEngines } from '@ledger/testing';
import { describe, expect, it } from 'vitest';

// Issue 14.6: the image installs production dependencies only, runs as `node` with a writable /data volume and
// checks /readyz; compose refuses to start without its secrets and runs KurrentDB only under the `esdb` profile.
// `docker compose config` validates the file where compose is installed (no Docker engine is needed for it): CI
// installs Debian's `docker-compose` and names `compose` in REQUIRE_ENGINES, so there a missing compose fails.

const root = join(import.meta.dirname, '..', '..', '..');
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');
const compose = readFileSync(join(root, 'docker-compose.yml'), 'utf8');

/** `docker compose` (the plugin) or Debian's `docker-compose`, whichever answers. */
function composeCommand(): string[] | undefined {
  for (const command of [['docker', 'compose'], ['docker-compose']]) {
    const probe = spawnSync(command[0]!, [...command.slice(1), 'version'], { encoding: 'utf8', timeout: 20_000 });
    if (probe.status === 0) return command;
  }
  return undefined;
}
const command = composeCommand();
const secrets = { LEDGER_VAULT_KEY: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', LEDGER_SIGNING_KEY: 'PRIVATE+KEY+test+00000000+AAAA' };
const config = (env: Record<string, string>, ...args: string[]) =>
  spawnSync(command![0]!, [...command!.slice(1), '-f', join(root, 'docker-compose.yml'), ...args, 'config'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });

describe('the image and compose files', () => {
  it('given the Dockerfile, then it builds in two stages, installs production dependencies only, runs as node with /data and checks /readyz', () => {
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/chown node:node \/data/);
    expect(dockerfile).toMatch(/^VOLUME \["\/data"\]$/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK [\s\S]*\/readyz/m);
  });

  it('given the compose file, then its secrets are required and KurrentDB is in the esdb profile', () => {
    expect(compose).toMatch(/LEDGER_SIGNING_KEY: \$\{LEDGER_SIGNING_KEY:\?/);
    expect(compose).toMatch(/LEDGER_VAULT_KEY: \$\{LEDGER_VAULT_KEY:\?/);
    expect(compose).not.toMatch(/\$\{LEDGER_(VAULT|SIGNING)_KEY:-/);
    expect(compose).toMatch(/kurrentdb:\n(?:\s+#.*\n)?\s+profiles: \[esdb\]/);
  });

  it.skipIf(command === undefined)('given docker compose, then the file validates with its secrets and is refused without them', () => {
    const valid = config(secrets);
    expect(valid.status, valid.stderr).toBe(0);
    // Compose v2 leaves a service of an inactive profile out; Debian's docker-compose 1.29 lists it with its profiles.
    const kurrentdb = /^ {2}kurrentdb:\n((?: {4}.*\n)*)/m.exec(valid.stdout)?.[1];
    if (kurrentdb !== undefined) expect(kurrentdb).toMatch(/profiles:\n\s+- esdb/);
    expect(config(secrets, '--profile', 'esdb').stdout).toMatch(/^ {2}kurrentdb:/m);
    const refused = config({});
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/LEDGER_(SIGNING|VAULT)_KEY/);
  });

  it.runIf(command === undefined)('skips the compose validation: neither `docker compose` nor `docker-compose` is installed here', () => {
    if (requiredEngines().has('compose')) throw new Error('REQUIRE_ENGINES names compose, but neither `docker compose` nor `docker-compose` answers: apt-get install docker-compose');
    console.warn('skipped: docker compose config (apt-get install docker-compose)');
    expect(command).toBeUndefined();
  });
});
