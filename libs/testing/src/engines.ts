/**
 * Where integration tests find real engines (ARCHITECTURE "Engines in tests"), in order:
 * a URL from the environment; a Testcontainers container when a Docker engine answers; otherwise
 * the test is skipped with the reason. `REQUIRE_ENGINES=postgres,kafka,mongo` turns the skip into a
 * failure, so a green CI means the real engines ran.
 */
import { existsSync } from 'node:fs';

export type EngineName = 'postgres' | 'kafka' | 'mongo' | 'esdb';

export type Engine = { available: true; url: string } | { available: false; reason: string };

const environmentVariable: Record<EngineName, string> = {
  postgres: 'POSTGRES_URL',
  kafka: 'KAFKA_BROKERS',
  mongo: 'MONGO_URL',
  esdb: 'ESDB_URL',
};

export function requiredEngines(): Set<string> {
  return new Set((process.env.REQUIRE_ENGINES ?? '').split(',').map((name) => name.trim()).filter(Boolean));
}

export function dockerEngineAnswers(): boolean {
  const host = process.env.DOCKER_HOST;
  if (host) return true;
  return existsSync('/var/run/docker.sock');
}

const started = new Map<EngineName, Promise<Engine>>();

/**
 * Resolves an engine for a test file. Containers (when Docker exists) are started once per worker
 * by `startContainer`, which adapters' tests supply, since each engine has its own image.
 */
export async function findEngine(name: EngineName, startContainer?: () => Promise<string>): Promise<Engine> {
  const fromEnvironment = process.env[environmentVariable[name]];
  let engine: Engine;
  if (fromEnvironment) {
    engine = { available: true, url: fromEnvironment };
  } else if (startContainer && dockerEngineAnswers()) {
    if (!started.has(name)) {
      started.set(
        name,
        startContainer().then(
          (url): Engine => ({ available: true, url }),
          (error: unknown): Engine => ({ available: false, reason: `container for ${name} failed: ${String(error)}` }),
        ),
      );
    }
    engine = await started.get(name)!;
  } else {
    engine = {
      available: false,
      reason: `${name}: set ${environmentVariable[name]}${startContainer ? ' or run a Docker engine' : ''} to run this test`,
    };
  }
  if (!engine.available && requiredEngines().has(name)) {
    throw new Error(`REQUIRE_ENGINES names ${name}, but it is not available: ${engine.reason}`);
  }
  if (!engine.available) console.warn(`skipped: ${engine.reason}`);
  return engine;
}
