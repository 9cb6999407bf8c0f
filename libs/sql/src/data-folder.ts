import { chmodSync, closeSync, lstatSync, mkdirSync, openSync, readFileSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * SPEC 8: stored data is readable by its owner only, and one process at a time opens an embedded data folder.
 * Folders are 0700 and files 0600; a lock file next to the folder names the process that holds it.
 */

/** A second process asked for a data folder that a live process holds. */
export class DataFolderInUseError extends Error {
  readonly folder: string;
  readonly pid: number;
  constructor(folder: string, pid: number, since: string | undefined) {
    super(
      `the data folder ${folder} is in use by process ${pid}${since ? ` (since ${since})` : ''}: ` +
        'one process at a time may open an embedded ledger; stop that process first, or reach the running ledger over HTTP (ledger --url)',
    );
    this.name = 'DataFolderInUseError';
    this.folder = folder;
    this.pid = pid;
  }
}

export interface DataFolderLock {
  readonly file: string;
  release(): void;
}

/** Files the process makes from now on are its owner's only (0600, folders 0700). Not possible in a worker thread. */
export function ownerOnlyUmask(): void {
  try {
    process.umask(0o077);
  } catch {
    // Worker threads cannot change the umask; `makeOwnerOnly` still fixes the modes after the fact.
  }
}

/** Folders 0700 and files 0600 under `path`, itself included (an older folder made 0755/0666 is fixed too). */
export function makeOwnerOnly(path: string): void {
  const stat = lstatSync(path, { throwIfNoEntry: false });
  if (!stat || stat.isSymbolicLink()) return;
  if (stat.isDirectory()) {
    if ((stat.mode & 0o777) !== 0o700) chmodSync(path, 0o700);
    for (const entry of readdirSync(path)) makeOwnerOnly(join(path, entry));
  } else if ((stat.mode & 0o777) !== 0o600) chmodSync(path, 0o600);
}

/** Makes the folder (0700) if it is missing, and makes what is in it its owner's only. */
export function ownerOnlyFolder(folder: string): void {
  ownerOnlyUmask();
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  makeOwnerOnly(folder);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function holderOf(file: string): { pid: number; since?: string } | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { pid?: unknown; since?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, ...(typeof parsed.since === 'string' ? { since: parsed.since } : {}) } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes `<folder>.lock` for this process: a file (0600) with the holder's PID. A lock whose process is gone (a
 * crash, a SIGKILL) is taken over; one held by a live process, this one included, is a `DataFolderInUseError`.
 */
export function lockDataFolder(folder: string): DataFolderLock {
  const file = `${folder}.lock`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, `${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`);
      closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          if (holderOf(file)?.pid === process.pid) unlinkSync(file);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = holderOf(file);
      if (holder && isAlive(holder.pid)) throw new DataFolderInUseError(folder, holder.pid, holder.since);
      // A stale lock (its process is gone, or the file was left half written): take it over.
      try {
        unlinkSync(file);
      } catch (unlinkError) {
        if ((unlinkError as NodeJS.ErrnoException).code !== 'ENOENT') throw unlinkError;
      }
    }
  }
  throw new Error(`could not take the lock ${file}: other processes keep taking it`);
}
