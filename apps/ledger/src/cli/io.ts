/** What a CLI run talks to: its output streams and environment (tests give their own). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** Where progress bars go; none: no progress shown. */
  progress?: NodeJS.WritableStream;
}

export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
    progress: process.stderr,
  };
}

/** Exit codes: success, a check that failed (verification, drift), and a command that could not run. */
export const exitCodes = { ok: 0, failed: 1, usage: 2 } as const;

/** The command line or the environment is wrong: exit code 2, with this message and a hint to `ledger help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
