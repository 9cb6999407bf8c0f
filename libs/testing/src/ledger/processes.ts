import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import canonicalize from 'canonicalize';
import { testApiKeys } from './api-keys.ts';
import type { LedgerClient, LedgerProcessName } from './client.ts';

const root = resolve(import.meta.dirname, '../../../..');
const run = promisify(execFile);

export const freePort = (): Promise<number> =>
  new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });

/**
 * A Kafka broker of the test's own, started by scripts/engines from the same jars as the shared one but
 * with its own state folder and ports, so that restarting it disturbs no other test file.
 */
export interface PrivateKafka {
  brokers: string;
  /** Stops the broker, keeping its storage (topics, committed offsets) for `up`. */
  down(): Promise<void>;
  up(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateKafka(): Promise<PrivateKafka> {
  const stateDir = mkdtempSync(join(tmpdir(), 'ledger-kafka-'));
  const [port, controllerPort] = [await freePort(), await freePort()];
  const env = { ...process.env, ENGINES_DIR: stateDir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(controllerPort), KAFKA_HEAP: '384m' };
  const engines = async (...args: string[]) => {
    try {
      await run(join(root, 'scripts', 'engines'), args, { env, timeout: 180_000 });
    } catch (error) {
      const failure = error as { stderr?: string };
      throw new Error(`scripts/engines ${args.join(' ')} failed: ${failure.stderr ?? String(error)}`, { cause: error });
    }
  };
  await engines('up', 'kafka');
  return {
    brokers: `127.0.0.1:${port}`,
    down: () => engines('down', 'kafka'),
    up: () => engines('up', 'kafka'),
    async stop() {
      await engines('down', 'kafka').catch(() => {});
      rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** One service of the ledger as a child process, run the way `npm run start:<service>` runs it. */
export class ServiceProcess {
  readonly name: LedgerProcessName;
  readonly port: number;
  private readonly script: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly logFile: string;
  private child: ChildProcess | undefined;

  constructor(options: { name: LedgerProcessName; script: string; port: number; env: NodeJS.ProcessEnv; logDir: string }) {
    this.name = options.name;
    this.port = options.port;
    this.script = join(root, options.script);
    this.env = { ...process.env, ...options.env, PORT: String(options.port) };
    this.logFile = join(options.logDir, `${options.name}.log`);
  }

  /**
   * Starts the process and resolves once /healthz answers 200 (consumers started, routes ready). Five processes
   * starting at once on a busy 2-core machine each compile and open their stores for a minute or more: the budget is
   * for a process that hangs, not a measure of its speed.
   */
  async start(timeoutMs = 180_000): Promise<void> {
    const log = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, [this.script], { env: this.env, stdio: ['ignore', log, log] });
    closeSync(log);
    const child = this.child;
    for (const deadline = Date.now() + timeoutMs; ; ) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.logTail()}`);
      const healthy = await fetch(`http://127.0.0.1:${this.port}/healthz`).then(
        (response) => response.ok,
        () => false,
      );
      if (healthy) return;
      if (Date.now() > deadline) throw new Error(`${this.name} not healthy after ${timeoutMs} ms:\n${this.logTail()}`);
      await new Promise((resolveWait) => setTimeout(resolveWait, 200));
    }
  }

  /** Sends the signal and waits for the process to exit (SIGKILL: a crash; SIGTERM: a clean stop); how it exited. */
  async kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
    const child = this.child;
    if (!child) return { code: null, signal: null };
    if (child.exitCode !== null || child.signalCode !== null) return { code: child.exitCode, signal: child.signalCode };
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) =>
      child.once('exit', (code, exitSignal) => resolveExit({ code, signal: exitSignal })),
    );
    child.kill(signal);
    return exited;
  }

  log(): string {
    try {
      return readFileSync(this.logFile, 'utf8');
    } catch {
      return '(no log)';
    }
  }

  logTail(lines = 30): string {
    return this.log().trimEnd().split('\n').slice(-lines).join('\n');
  }
}

/** The environment every process of one distributed test ledger shares. */
export function sharedEnvironment(options: {
  postgresUrl: string;
  mongo: { url: string; database: string };
  kafkaBrokers: string;
  topicPrefix: string;
  signingKey: string;
  vaultKey: string;
}): NodeJS.ProcessEnv {
  return {
    EVENT_STORE: 'postgres',
    READ_STORE: 'mongo',
    POSTGRES_URL: options.postgresUrl,
    MONGO_URL: options.mongo.url,
    MONGO_DATABASE: options.mongo.database,
    KAFKA_BROKERS: options.kafkaBrokers,
    KAFKA_TOPIC_PREFIX: options.topicPrefix,
    // The broker's minimum: a killed process's partitions go to its successor this soon.
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    STORE_POLL_MS: '50',
    LEDGER_API_KEYS: JSON.stringify(testApiKeys),
    LEDGER_VAULT_KEY: options.vaultKey,
    LEDGER_SIGNING_KEY: options.signingKey,
    LEDGER_CHECKPOINT_INTERVAL_MS: '0',
    DEADLINE_CHECK_INTERVAL_MS: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'info',
  };
}

/** A client that sends each request to the process serving its route. */
export function distributedClient(ports: Partial<Record<LedgerProcessName, number>>): LedgerClient {
  return async (request) => {
    const key = testApiKeys.find((apiKey) => apiKey.role === request.role)!.key;
    const headers: Record<string, string> = { ...request.headers, authorization: `Bearer ${key}` };
    if (request.idempotencyKey) headers['idempotency-key'] = request.idempotencyKey;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const port = ports[request.service];
    if (port === undefined) throw new Error(`no process serves ${request.service}`);
    const response = await fetch(`http://127.0.0.1:${port}${request.path}`, {
      method: request.method,
      headers,
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
}

/** JSON with keys sorted (RFC 8785), so that read stores that order fields differently compare equal. */
export const canonical = (value: unknown): string => canonicalize(value) ?? 'undefined';

/** Polls until `read` gives `expected` (deep equality), or fails with the last value seen. */
export async function eventuallyEqual(what: string, read: () => Promise<unknown>, expected: unknown, timeoutMs = 60_000): Promise<void> {
  const want = canonical(expected);
  let last: unknown;
  for (const deadline = Date.now() + timeoutMs; ; ) {
    last = await read().catch((error: unknown) => `unreadable: ${String(error)}`);
    if (canonical(last) === want) return;
    if (Date.now() > deadline) throw new Error(`${what}: not equal after ${timeoutMs} ms\nexpected ${want}\nlast     ${canonical(last)}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 250));
  }
}
