import { ConfigError } from '@ledger/platform';
import { describe, expect, it } from 'vitest';
import { apiKeysOf, distributedConfigSchema, readDistributedConfig } from './config.ts';

const keys = JSON.stringify([{ key: 'a-key-of-at-least-24-characters', role: 'auditor', id: 'a-1' }]);
const base = { KAFKA_BROKERS: '127.0.0.1:9092', POSTGRES_URL: 'postgres://postgres@127.0.0.1:5432/ledger', LEDGER_API_KEYS: keys };

const problemsOf = (env: NodeJS.ProcessEnv, needsPostgres = false): string[] => {
  try {
    readDistributedConfig(distributedConfigSchema, { env, needsPostgres });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('the distributed configuration', () => {
  it('defaults to the PostgreSQL event and read stores on Kafka', () => {
    const config = readDistributedConfig(distributedConfigSchema, { env: base });
    expect(config).toMatchObject({ EVENT_STORE: 'postgres', READ_STORE: 'postgres', BUS: 'kafka', PORT: 8080, KAFKA_TOPIC_PREFIX: '' });
    expect(apiKeysOf(config)).toEqual([{ key: 'a-key-of-at-least-24-characters', role: 'auditor', id: 'a-1' }]);
  });

  it('believes no proxy unless told, and takes addresses and CIDR ranges, refusing anything else', () => {
    expect(readDistributedConfig(distributedConfigSchema, { env: base }).LEDGER_TRUSTED_PROXIES).toEqual([]);
    const env = { ...base, LEDGER_TRUSTED_PROXIES: '10.0.0.1, 172.16.0.0/12,fd00::/8 ,loopback' };
    expect(readDistributedConfig(distributedConfigSchema, { env }).LEDGER_TRUSTED_PROXIES).toEqual(['10.0.0.1', '172.16.0.0/12', 'fd00::/8', 'loopback']);
    expect(problemsOf({ ...base, LEDGER_TRUSTED_PROXIES: '10.0.0.1, proxy.example.org' })).toEqual([expect.stringMatching(/^LEDGER_TRUSTED_PROXIES\.1 = .*IP address/)]);
  });

  it('names the URL each chosen adapter needs, all at once', () => {
    const problems = problemsOf({ KAFKA_BROKERS: '127.0.0.1:9092', EVENT_STORE: 'esdb', READ_STORE: 'mongo', LEDGER_API_KEYS: keys });
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['ESDB_URL', 'MONGO_URL']);
  });

  it('asks for PostgreSQL when the process keeps tables there, whatever the stores', () => {
    const env = { KAFKA_BROKERS: '127.0.0.1:9092', EVENT_STORE: 'esdb', ESDB_URL: 'esdb://127.0.0.1:2113?tls=false', READ_STORE: 'mongo', MONGO_URL: 'mongodb://127.0.0.1:27017', LEDGER_API_KEYS: keys };
    expect(problemsOf(env, false)).toEqual([]);
    expect(problemsOf(env, true)).toEqual([expect.stringMatching(/^POSTGRES_URL: required/)]);
  });

  it('refuses a start without API keys, a bad choice or a bad prefix, naming each variable', () => {
    expect(problemsOf({ ...base, LEDGER_API_KEYS: undefined })).toEqual([expect.stringMatching(/^LEDGER_API_KEYS or LEDGER_API_KEYS_FILE: required/)]);
    const problems = problemsOf({ ...base, EVENT_STORE: 'mysql', KAFKA_TOPIC_PREFIX: 'no spaces', KAFKA_BROKERS: undefined });
    expect(problems.map((problem) => problem.split(' ')[0])).toEqual(expect.arrayContaining(['EVENT_STORE', 'KAFKA_TOPIC_PREFIX', 'KAFKA_BROKERS:']));
  });

  it('takes the ledger time zone from LEDGER_TIME_ZONE (default Asia/Shanghai) and names a bad one or a bad change instant', () => {
    expect(readDistributedConfig(distributedConfigSchema, { env: base }).LEDGER_TIME_ZONE).toBe('Asia/Shanghai');
    const changed = readDistributedConfig(distributedConfigSchema, { env: { ...base, LEDGER_TIME_ZONE: 'europe/berlin', LEDGER_TIME_ZONE_CHANGE_FROM: '2027-01-01T00:00:00+01:00' } });
    expect(changed).toMatchObject({ LEDGER_TIME_ZONE: 'Europe/Berlin', LEDGER_TIME_ZONE_CHANGE_FROM: '2027-01-01T00:00:00+01:00' });
    expect(problemsOf({ ...base, LEDGER_TIME_ZONE: 'Asia/Shangai', LEDGER_TIME_ZONE_CHANGE_FROM: '2027-01-01' })).toEqual([
      expect.stringMatching(/^LEDGER_TIME_ZONE = "Asia\/Shangai": unknown time zone "Asia\/Shangai": not in the time zone database/),
      expect.stringMatching(/^LEDGER_TIME_ZONE_CHANGE_FROM = "2027-01-01": must be an ISO 8601 instant with an offset/),
    ]);
    expect(problemsOf({ ...base, LEDGER_TIME_ZONE: '+08:00' })).toEqual([expect.stringMatching(/^LEDGER_TIME_ZONE = "\+08:00": .*a fixed offset is not a time zone/)]);
  });

  it('refuses API keys that are not the keys schema', () => {
    const config = readDistributedConfig(distributedConfigSchema, { env: { ...base, LEDGER_API_KEYS: '[{"key":"short","role":"auditor","id":"a"}]' } });
    expect(() => apiKeysOf(config)).toThrow(ConfigError);
  });
});
