import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataFolderInUseError, lockDataFolder, openPglite, ownerOnlyFolder } from '@ledger/sql';
import type { SqlClient } from '@ledger/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli/io.ts';
import { runLedgerCli } from './cli/run.ts';

// SPEC 8 (issue 11 item 3): the embedded data folder is its owner's only (folders 0700, files 0600, PGlite's
// included) and one process at a time opens it: a second is refused with a clear message, the CLI too; the
// lock of a process that is gone is taken over. The host opens its folder exactly so (`ownerOnlyFolder`, then
// `openPglite`), which these tests drive directly: one PGlite start is all a loaded CI machine should pay.

function modesUnder(path: string): { path: string; mode: number; folder: boolean }[] {
  const stat = statSync(path);
  const here = { path, mode: stat.mode & 0o777, folder: stat.isDirectory() };
  return stat.isDirectory() ? [here, ...readdirSync(path).flatMap((entry) => modesUnder(join(path, entry)))] : [here];
}
const notOwnerOnly = (path: string) => modesUnder(path).filter((entry) => entry.mode !== (entry.folder ? 0o700 : 0o600)).map((entry) => `${entry.path} ${entry.mode.toString(8)}`);

const cli = async (args: string[]) => {
  const err: string[] = [];
  const io: CliIo = { out: () => undefined, err: (text) => void err.push(text), env: {} };
  return { code: await runLedgerCli(args, io), err: err.join('') };
};

describe('the embedded data folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-folder-'));
  const dataDir = join(root, 'data');
  const pgliteDir = join(dataDir, 'pglite');
  let sleeper: ChildProcess | undefined;
  let sql: SqlClient | undefined;
  // Given a data folder made as the host makes it, with a database in it (one PGlite start for the file)
  beforeAll(async () => {
    ownerOnlyFolder(dataDir);
    sql = await openPglite(pgliteDir);
    await sql.query('create table t (x int)');
  });
  afterAll(async () => {
    sleeper?.kill('SIGKILL');
    await sql?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is made 0700 with files 0600, PGlite files too, and a second opener and the CLI are told who holds it', async () => {
    {
      // Then everything in it is the owner's only, PGlite's files included
      expect(modesUnder(dataDir).filter((entry) => !entry.folder).length).toBeGreaterThan(10);
      expect(notOwnerOnly(dataDir)).toEqual([]);
      expect(JSON.parse(readFileSync(`${pgliteDir}.lock`, 'utf8'))).toMatchObject({ pid: process.pid, since: expect.any(String) });
      // When a second opener and the CLI open the same folder
      await expect(openPglite(pgliteDir)).rejects.toThrow(DataFolderInUseError);
      const verify = await cli(['replay', '--data-dir', dataDir]);
      // Then they are refused with a message that says why, instead of a crash
      expect(verify.code).toBe(2);
      expect(verify.err).toContain(`is in use by process ${process.pid}`);
      expect(verify.err).toContain('--url');
    }
    // And the lock goes with the database, which stays its owner's only
    await sql!.close();
    sql = undefined;
    expect(readdirSync(dataDir)).not.toContain('pglite.lock');
    expect(notOwnerOnly(dataDir)).toEqual([]);
  });

  it('makes an older, open folder its owner only', () => {
    const older = join(root, 'older');
    mkdirSync(join(older, 'inner'), { recursive: true });
    writeFileSync(join(older, 'inner', 'file'), 'x');
    chmodSync(join(older, 'inner', 'file'), 0o666);
    chmodSync(older, 0o755);
    ownerOnlyFolder(older);
    expect(notOwnerOnly(older)).toEqual([]);
  });

  it('refuses a folder whose lock a live process holds, and takes over the lock of a process that is gone', async () => {
    // Given a lock held by another live process
    const folder = join(root, 'held');
    sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    writeFileSync(`${folder}.lock`, JSON.stringify({ pid: sleeper.pid, since: '2026-12-01T00:00:00Z' }), { mode: 0o600 });
    expect(() => lockDataFolder(folder)).toThrow(`in use by process ${sleeper.pid} (since 2026-12-01T00:00:00Z)`);
    // When that process dies (a SIGKILL leaves its lock behind)
    const gone = new Promise((resolve) => sleeper!.once('exit', resolve));
    sleeper.kill('SIGKILL');
    await gone;
    // Then the next opener takes the stale lock over, and gives it back
    const lock = lockDataFolder(folder);
    expect(JSON.parse(readFileSync(`${folder}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(statSync(`${folder}.lock`).mode & 0o777).toBe(0o600);
    lock.release();
    expect(readdirSync(root)).not.toContain('held.lock');
  });
});
