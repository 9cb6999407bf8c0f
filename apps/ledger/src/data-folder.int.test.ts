import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ownerOnlyFolder } from '@ledger/sql';
import { withinTimeout } from '@ledger/testing/hook-timeout';
import { as, freePort, testApiKeys } from '@ledger/testing/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// SPEC 8 (issue 11 item 3): the embedded data folder is its owner's only (folders 0700, files 0600, PGlite's
// included) and one process at a time opens it. Driven as an operator meets it: the ledger runs as its own
// process (`npm start` runs main.ts), and a second ledger and the `ledger` CLI (replay, checkpoint, verify), each its own process, are
// started on the same folder. The first start loads the test run's fresh PGlite cluster (LEDGER_PGLITE_TEMPLATE,
// passed on in the environment) instead of running initdb; the refused starts never boot PGlite at all.

const root = resolve(import.meta.dirname, '../../..');
/**
 * Real processes cost real starts: the first ledger about 12 s of CPU (PGlite's WASM, migrations, the first
 * checkpoint), a refused start or CLI run about 1.5 s (loading the ledger's modules), the CLI's PGlite open after
 * the crash a few seconds. On a two-core machine shared by many test runs each start stretched fivefold, so the
 * limits are set for that, far above what an idle machine takes.
 */
const processTestTimeoutMs = 240_000;
const firstStartTimeoutMs = 170_000;
const main = join(root, 'apps/ledger/src/main.ts');
const cliScript = join(root, 'apps/ledger/src/cli.ts');

function modesUnder(path: string): { path: string; mode: number; folder: boolean }[] {
  const stat = statSync(path);
  const here = { path, mode: stat.mode & 0o777, folder: stat.isDirectory() };
  return stat.isDirectory() ? [here, ...readdirSync(path).flatMap((entry) => modesUnder(join(path, entry)))] : [here];
}
const notOwnerOnly = (path: string) => modesUnder(path).filter((entry) => entry.mode !== (entry.folder ? 0o700 : 0o600)).map((entry) => `${entry.path} ${entry.mode.toString(8)}`);

/** A process run to its end: its exit code and what it said (a PGlite folder recovering after SIGKILL can take a minute on a busy machine). */
const runToEnd = (script: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child = execFile(process.execPath, [script, ...args], { env, timeout: 120_000, encoding: 'utf8' }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });

describe('the embedded data folder, opened by two real processes', () => {
  const folder = mkdtempSync(join(tmpdir(), 'ledger-folder-'));
  const dataDir = join(folder, 'data');
  const pgliteLock = join(dataDir, 'pglite.lock');
  const logFile = join(folder, 'first.log');
  let first: ChildProcess | undefined;
  let port = 0;
  const env = (extra: Record<string, string>): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH ?? '',
    ...(process.env.LEDGER_PGLITE_TEMPLATE ? { LEDGER_PGLITE_TEMPLATE: process.env.LEDGER_PGLITE_TEMPLATE } : {}),
    LEDGER_DATA_DIR: dataDir,
    LEDGER_API_KEYS: JSON.stringify(testApiKeys),
    LOG_LEVEL: 'info',
    // Node keeps the compiled modules of the first start for the later ones (a third of their CPU).
    NODE_COMPILE_CACHE: join(root, 'node_modules/.cache/ledger/node-compile-cache'),
    ...extra,
  });
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;
  const firstLog = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '(no log)');

  // Given a ledger started as its own process on a fresh data folder (the slow part: in the hook)
  beforeAll(
    ...withinTimeout(firstStartTimeoutMs, async () => {
      port = await freePort();
      const log = openSync(logFile, 'a');
      first = spawn(process.execPath, [main], { env: env({ PORT: String(port) }), stdio: ['ignore', log, log] });
      closeSync(log);
      for (const deadline = Date.now() + firstStartTimeoutMs - 10_000; ; ) {
        if (first.exitCode !== null) throw new Error(`the first ledger exited with ${first.exitCode}:\n${firstLog()}`);
        if (await fetch(url('/healthz')).then((response) => response.ok, () => false)) break;
        if (Date.now() > deadline) throw new Error(`the first ledger did not answer /healthz:\n${firstLog()}`);
        await new Promise((resolveWait) => setTimeout(resolveWait, 200));
      }
    }),
  );
  afterAll(async () => {
    if (first && first.exitCode === null && first.signalCode === null) {
      const exited = new Promise((resolveExit) => first!.once('exit', resolveExit));
      first.kill('SIGKILL');
      await exited;
    }
    rmSync(folder, { recursive: true, force: true });
  });

  it("is its owner's only while the ledger runs, PGlite's files included, with a lock naming the ledger's process", () => {
    expect(modesUnder(dataDir).filter((entry) => !entry.folder).length).toBeGreaterThan(10);
    expect(notOwnerOnly(dataDir)).toEqual([]);
    expect(JSON.parse(readFileSync(pgliteLock, 'utf8'))).toMatchObject({ pid: first!.pid, since: expect.any(String) });
    expect(statSync(pgliteLock).mode & 0o777).toBe(0o600);
  });

  it('refuses a second ledger and the ledger CLI on the same folder with a clear message, and the first keeps running', async () => {
    // When a second ledger is started on the same folder (another port), and the CLI is pointed at it
    // (One after the other: on a machine of two busy cores, processes loading the ledger's modules at once crawl.)
    const second = await runToEnd(main, [], env({ PORT: String(await freePort()) }));
    const replay = await runToEnd(cliScript, ['replay', '--data-dir', dataDir], env({}));
    const checkpoint = await runToEnd(cliScript, ['checkpoint', '--data-dir', dataDir], env({}));

    // Then each exits at once with a message naming the folder and the process that holds it, not a crash
    expect(second.code, second.stderr).toBe(3);
    expect(second.stderr).toContain(`ledger: the data folder ${join(dataDir, 'pglite')} is in use by process ${first!.pid}`);
    expect(second.stderr).toContain('stop that process first');
    expect(second.stderr).not.toMatch(/\n\s+at /);
    // (Before the lock, a replay ran silently beside the ledger and a checkpoint crashed in PGlite's WASM.)
    for (const [command, refused] of [['replay', replay], ['checkpoint', checkpoint]] as const) {
      expect(refused.code, refused.stderr).toBe(2);
      expect(refused.stderr).toContain(`ledger ${command}: the data folder ${join(dataDir, 'pglite')} is in use by process ${first!.pid}`);
      expect(refused.stderr).toContain('(ledger --url)');
      expect(refused.stderr).not.toMatch(/RuntimeError|wasm|\n\s+at /i);
    }

    // And the first ledger still runs, answers, records and holds its lock
    expect(first!.exitCode).toBeNull();
    expect((await fetch(url('/healthz'))).status).toBe(200);
    const put = await fetch(url('/v1/departments/roads'), {
      method: 'PUT',
      headers: { ...as('evaluation-office'), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Roads Bureau', category: 'service-facing' }),
    });
    expect(put.status, await put.clone().text()).toBe(200);
    expect(JSON.parse(readFileSync(pgliteLock, 'utf8'))).toMatchObject({ pid: first!.pid });
    expect(firstLog()).not.toMatch(/"level":(50|60)/);
  }, processTestTimeoutMs);

  it('is opened again after the ledger is killed: the lock of a process that is gone is taken over, and given back', async () => {
    const verifierKey = await (await fetch(url('/v1/ledger/verifier-key'))).text();
    // When the ledger dies without a word (SIGKILL leaves its lock behind)
    const exited = new Promise((resolveExit) => first!.once('exit', resolveExit));
    first!.kill('SIGKILL');
    await exited;
    expect(existsSync(pgliteLock)).toBe(true);
    // Then the CLI, as its own process, takes the stale lock over, verifies the ledger, and releases the lock
    const verify = await runToEnd(cliScript, ['verify', '--data-dir', dataDir, '--verifier-key', verifierKey, '--no-progress'], env({}));
    expect(verify.code, `${verify.stdout}${verify.stderr}`).toBe(0);
    expect(verify.stdout).toContain('verified: the first');
    expect(existsSync(pgliteLock)).toBe(false);
    expect(notOwnerOnly(dataDir)).toEqual([]);
  }, processTestTimeoutMs);

  it('makes an older, open folder its owner only', () => {
    const older = join(folder, 'older');
    mkdirSync(join(older, 'inner'), { recursive: true });
    writeFileSync(join(older, 'inner', 'file'), 'x');
    chmodSync(join(older, 'inner', 'file'), 0o666);
    chmodSync(older, 0o755);
    ownerOnlyFolder(older);
    expect(notOwnerOnly(older)).toEqual([]);
  });
});
