import { inSpan } from '@ledger/eventstore';
import { connectPostgres, type SqlClient } from '@ledger/sql';
import { findEngine } from '@ledger/testing';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Tracing, startTracing } from './tracing.ts';

const postgresEngine = await findEngine('postgres');

// Issue 14.3: with tracing on, the official pg instrumentation (applied to the ESM-imported module by startTracing)
// makes each query inside a span a CLIENT child of it, with the statement's text and never its parameters; queries
// outside any span start no trace, and with tracing stopped nothing is wrapped.
describe.skipIf(!postgresEngine.available)('PostgreSQL client spans', () => {
  const exporter = new InMemorySpanExporter();
  let tracing: Tracing | undefined;
  let sql: SqlClient;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'pg-under-test', exporter });
    sql = connectPostgres({ connectionString: postgresEngine.available ? postgresEngine.url : '', maxConnections: 2 });
  });
  afterAll(async () => {
    await sql?.close();
    await tracing?.shutdown();
  });

  const childrenOf = (parent: ReadableSpan) => exporter.getFinishedSpans().filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

  it('records a query and a transaction’s statements inside a span as its children, without their parameters', async () => {
    const secret = '张三 13800000000';
    await inSpan('request', {}, async () => {
      await sql.query('SELECT $1::text AS name', [secret]);
      await sql.transaction(async (tx) => tx.query('SELECT $1::text AS again', [secret]), { advisoryLock: 4242 });
    });
    const request = exporter.getFinishedSpans().find((span) => span.name === 'request')!;
    const queries = childrenOf(request).filter((span) => span.attributes['db.system.name'] === 'postgresql' || span.attributes['db.system'] === 'postgresql');
    const texts = queries.map((span) => span.attributes['db.query.text'] ?? span.attributes['db.statement']);
    expect(texts).toEqual(expect.arrayContaining(['SELECT $1::text AS name', 'BEGIN; SELECT pg_advisory_xact_lock(4242)', 'SELECT $1::text AS again', 'COMMIT']));
    expect(queries.every((span) => span.kind === 2 /* CLIENT */)).toBe(true);
    expect(JSON.stringify(exporter.getFinishedSpans().map((span) => span.attributes))).not.toContain(secret);
  });

  it('starts no trace for a query outside any span', async () => {
    exporter.reset();
    await sql.query('SELECT 1 AS untraced');
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it('wraps nothing once tracing stops', async () => {
    await tracing!.shutdown();
    tracing = undefined;
    exporter.reset();
    await inSpan('request', {}, () => sql.query('SELECT 1 AS after_stop'));
    expect(exporter.getFinishedSpans()).toEqual([]);
    const { Client } = (await import('pg')).default;
    expect(Client.prototype.query.name).toBe('query');
    expect('__wrapped' in Client.prototype.query).toBe(false);
  });
});
