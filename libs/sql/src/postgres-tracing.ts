import { createRequire } from 'node:module';
import type { TracerProvider } from '@opentelemetry/api';
import type { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import pg from 'pg';

// Loaded only once tracing starts: the instrumentation and its dependencies cost every process and test worker
// a noticeable part of a second to import, for nothing while tracing is off (the default). Its CommonJS build
// shares the API's globals (the registered context manager and propagator) with the ESM one.
const loadPgInstrumentation = () => (createRequire(import.meta.url)('@opentelemetry/instrumentation-pg') as { PgInstrumentation: typeof PgInstrumentation }).PgInstrumentation;

/**
 * PostgreSQL client spans (issue 14.3) from the official `@opentelemetry/instrumentation-pg`, applied to the `pg`
 * module this code imports. The instrumentation's own hook patches CommonJS loading, which ESM code does not go
 * through (and which would have to run before `pg` loads), so here its module definitions patch the loaded module
 * objects directly: `pg` (Client.prototype.query and connect) and `pg-pool` (the Pool class `pg.Pool` extends).
 * Only queries inside a span are traced (`requireParentSpan`: the pollers' background reads start no traces), and
 * never their parameters (`enhancedDatabaseReporting` off): a span holds the statement's text with its `$n`
 * placeholders, no personal data. Answers the undoing, for the stop of tracing.
 */
export function instrumentPostgres(tracerProvider: TracerProvider): () => void {
  const instrumentation = new (loadPgInstrumentation())({ enabled: false, requireParentSpan: true, enhancedDatabaseReporting: false });
  instrumentation.setTracerProvider(tracerProvider);
  const loaded: Record<string, unknown> = { pg, 'pg-pool': Object.getPrototypeOf(pg.Pool) };
  const definitions = instrumentation.getModuleDefinitions().filter((definition) => loaded[definition.name] !== undefined);
  for (const definition of definitions) definition.patch?.(loaded[definition.name], definition.moduleVersion);
  return () => {
    for (const definition of definitions) definition.unpatch?.(loaded[definition.name], definition.moduleVersion);
  };
}
