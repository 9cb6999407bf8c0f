// The embedded host in a child process of its own (scripts/bench/write-host.ts), so that the CPU time it reports is
// the server's alone, background work included, and one HTTP call on a keep-alive connection. Used by the HTTP
// section of `npm run bench` (sections/http.ts).
import { type ChildProcess, fork } from 'node:child_process';
import { type Agent, request } from 'node:http';
import { testApiKeys } from '@ledger/testing/ledger';

const keyOf = (role: string) => testApiKeys.find((key) => key.role === role)!.key;

export class HostProcess {
  private readonly child: ChildProcess;
  private nextId = 0;
  private readonly waiting = new Map<number, (answer: Record<string, unknown>) => void>();
  readonly address: Promise<string>;

  /** `env`: BENCH_DATA_DIR (PGlite in that folder) or BENCH_POSTGRES_URL (the embedded host on that database). */
  constructor(env: Record<string, string>, execArgv: string[] = []) {
    this.child = fork(new URL('./write-host.ts', import.meta.url), { env: { ...process.env, ...env }, execArgv: [...process.execArgv, ...execArgv], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.address = new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`the host exited with ${code} before it was ready`)));
      this.child.on('message', (message: Record<string, unknown>) => {
        if (typeof message.ready === 'string') resolve(message.ready);
        else this.waiting.get(message.id as number)?.(message);
      });
    });
  }

  ask(what: 'usage' | 'settle' | 'stop' | 'tally'): Promise<Record<string, unknown>> {
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (answer) => (answer.error ? reject(new Error(String(answer.error))) : resolve(answer)));
      this.child.send({ ask: what, id });
    });
  }

  /** The host's CPU time (user + system) and SQL statements so far. */
  async usage(): Promise<{ cpuMicros: number; statements: number }> {
    return (await this.ask('usage')) as { cpuMicros: number; statements: number };
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.ask('stop').catch(() => {});
    await exited;
  }
}

export interface Call {
  method: string;
  path: string;
  /** The test key of this role goes in the bearer; none: no Authorization header. */
  role?: string;
  body?: unknown;
}

/** One HTTP call on a keep-alive connection; resolves with the status once the body is read. */
export function call(agent: Agent, base: URL, { method, path, role, body }: Call): Promise<number> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method,
        path,
        headers: {
          ...(role === undefined ? {} : { authorization: `Bearer ${keyOf(role)}` }),
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }),
        },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}
