import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Issue 14.4: a bad LEDGER_API_KEYS stops the ledger with exit code 2, like every other config error, and the
// message never shows the secret it was given.

const main = join(import.meta.dirname, 'main.ts');

describe('the ledger process with bad secrets', () => {
  it.each([
    ['not JSON', 'not-json-sekrit-value-0123456789'],
    ['a key too short', JSON.stringify([{ key: 'sekrit-short', role: 'auditor', id: 'a' }])],
  ])('given LEDGER_API_KEYS that is %s, then it exits 2 naming the variable, without the secret', (_label, keys) => {
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, LEDGER_API_KEYS: keys, LEDGER_DATA_DIR: join(import.meta.dirname, '..', '..', '..', 'node_modules', '.cache', 'never-created') },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('LEDGER_API_KEYS');
    expect(run.stderr + run.stdout).not.toContain('sekrit');
  });
});
