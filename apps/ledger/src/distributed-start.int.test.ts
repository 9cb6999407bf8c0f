import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../..');

/** Starts a distributed process the way `npm run start:<name>` does, with only the environment given. */
const start = (script: string, env: Record<string, string>) =>
  spawnSync(process.execPath, [resolve(root, script)], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 60_000 });

describe('starting a distributed process with a bad configuration', () => {
  it('exits with 2 and names every missing or bad variable at once, before opening anything', () => {
    const result = start('apps/services/src/discipline.ts', { EVENT_STORE: 'esdb', READ_STORE: 'mongo', PORT: 'eighty' });
    expect(result.status).toBe(2);
    for (const variable of ['PORT', 'KAFKA_BROKERS']) expect(result.stderr).toContain(variable);
    expect(result.stderr).toMatch(/^discipline: invalid configuration/);
  });

  it('names an unknown ledger time zone among the bad variables', () => {
    const result = start('apps/services/src/rankings.ts', { KAFKA_BROKERS: '127.0.0.1:9092', LEDGER_TIME_ZONE: 'Asia/Shangai' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('LEDGER_TIME_ZONE = "Asia/Shangai": unknown time zone');
  });

  it('asks the complaints process for the vault key and PostgreSQL, which keeps the vault', () => {
    const result = start('apps/services/src/complaints.ts', {
      KAFKA_BROKERS: '127.0.0.1:9092',
      EVENT_STORE: 'esdb',
      ESDB_URL: 'esdb://127.0.0.1:2113?tls=false',
      READ_STORE: 'mongo',
      MONGO_URL: 'mongodb://127.0.0.1:27017',
      LEDGER_API_KEYS: JSON.stringify([{ key: 'a-key-of-at-least-24-characters', role: 'auditor', id: 'a-1' }]),
    });
    expect(result.status).toBe(2);
    for (const variable of ['LEDGER_VAULT_KEY', 'POSTGRES_URL']) expect(result.stderr).toContain(variable);
  });
});
