import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNoteKey, parseSignerKey } from '@ledger/audit';
import { afterAll, describe, expect, it } from 'vitest';
import { readEmbeddedConfig, resolveSigningKey } from './config.ts';

// The audit settings of the embedded host: the checkpoint signing key, the log's origin, the schedule.
describe('audit configuration of the embedded host', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-audit-config-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('makes a signing key named after the origin on first start, private to its owner, and keeps it', () => {
    const config = readEmbeddedConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_LOG_ORIGIN: 'ledger.example.org/log' });
    expect(config).toMatchObject({ LEDGER_LOG_ORIGIN: 'ledger.example.org/log', LEDGER_CHECKPOINT_INTERVAL_MS: 60_000 });
    const first = resolveSigningKey(config);
    const file = join(dataDir, 'ledger-signing.key');
    expect(first.source).toBe(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(parseSignerKey(first.signerKey).name).toBe('ledger.example.org/log');
    expect(resolveSigningKey(config).signerKey).toBe(first.signerKey);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.signerKey);
  });

  it('takes the key from LEDGER_SIGNING_KEY before any file', () => {
    const key = generateNoteKey('ops.example.org/ledger');
    const config = readEmbeddedConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_SIGNING_KEY: `${key.signerKey}\n` });
    expect(resolveSigningKey(config)).toEqual({ signerKey: key.signerKey, source: 'LEDGER_SIGNING_KEY' });
    expect(config.LEDGER_LOG_ORIGIN).toBe('accountability-ledger');
  });

  it('refuses bad values, naming the variable, before anything starts', () => {
    const key = generateNoteKey('ops.example.org/ledger');
    const tampered = key.signerKey.replace(/\+[0-9a-f]{8}\+/, '+00000000+');
    expect(() => readEmbeddedConfig({ LEDGER_SIGNING_KEY: tampered })).toThrow(/LEDGER_SIGNING_KEY.*key id does not match/s);
    expect(() => readEmbeddedConfig({ LEDGER_SIGNING_KEY: key.verifierKey })).toThrow(/LEDGER_SIGNING_KEY.*PRIVATE\+KEY\+/s);
    expect(() => readEmbeddedConfig({ LEDGER_LOG_ORIGIN: 'my ledger' })).toThrow(/LEDGER_LOG_ORIGIN/);
    expect(() => readEmbeddedConfig({ LEDGER_CHECKPOINT_INTERVAL_MS: '50' })).toThrow(/LEDGER_CHECKPOINT_INTERVAL_MS/);
    expect(readEmbeddedConfig({ LEDGER_CHECKPOINT_INTERVAL_MS: '0' }).LEDGER_CHECKPOINT_INTERVAL_MS).toBe(0);

    const broken = mkdtempSync(join(tmpdir(), 'ledger-audit-config-broken-'));
    try {
      writeFileSync(join(broken, 'ledger-signing.key'), 'not a key\n');
      expect(() => resolveSigningKey(readEmbeddedConfig({ LEDGER_DATA_DIR: broken }))).toThrow(/ledger-signing\.key: signer key: must start with PRIVATE\+KEY\+/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
