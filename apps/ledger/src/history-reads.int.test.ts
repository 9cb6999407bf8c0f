import { AsyncLocalStorage } from 'node:async_hooks';
import { type SqlClient, type SqlQueryable, connectPostgres, openPglite } from '@ledger/sql';
import { type CountingSqlClient, countingSqlClient, findEngine, freshPostgresDatabase } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 9, "Reads": a person's history answers from one document read, and the read it records goes through the
// store's group commit: 16 readers at once share their document reads (one statement embedded, where the gets of a
// turn go together; a few on a server, where those asked while one runs go together) and one append between them
// (not one commit each), and every read is recorded exactly once. Counted statement by statement on the SQL client: the requests' own
// statements carry the tag 'request', those of the host's background loops 'host'.
const postgres = await findEngine('postgres');

/** The client, but any statement with a parameter naming `refused()`'s stream fails (the whole batch, then that append alone). */
function refusingWritesTo(sql: SqlClient, refused: () => string | undefined): SqlClient {
  const guarded = (target: SqlQueryable): SqlQueryable => ({
    query: (text, params) => {
      const stream = refused();
      if (stream !== undefined && params?.some((param) => String(param).includes(stream))) return Promise.reject(new Error(`refused for the test: a write naming ${stream}`));
      return target.query(text, params);
    },
  });
  return {
    engine: sql.engine,
    query: guarded(sql).query,
    transaction: (work, options) => sql.transaction((tx) => work(guarded(tx)), options),
    close: () => sql.close(),
  };
}
const readers = 16;

const engines: Array<{ name: string; open?: () => Promise<{ sql: SqlClient; drop(): Promise<void> }> }> = [
  {
    name: 'embedded PGlite',
    open: async () => {
      const sql = await openPglite();
      return { sql, drop: async () => {} };
    },
  },
  {
    name: 'PostgreSQL',
    ...(postgres.available
      ? {
          open: async () => {
            const database = await freshPostgresDatabase(postgres.url);
            const sql = connectPostgres({ connectionString: database.url, maxConnections: 4 });
            return { sql, drop: () => database.drop() };
          },
        }
      : {}),
  },
];

describe.each(engines)('recorded history reads, $name', ({ name, open }) => {
  if (!open) {
    it.skip(`needs PostgreSQL: ${postgres.available ? '' : postgres.reason}`, () => {});
    return;
  }
  const context = new AsyncLocalStorage<string>();
  const tagged = <T>(tag: string, work: () => Promise<T>) => context.run(tag, work);
  let sql: CountingSqlClient;
  let ledger: LedgerHost;
  let closeEngine: () => Promise<void>;
  /** Statements that name this stream fail, as a database that refuses the write would. */
  let refusedStream: string | undefined;

  beforeAll(async () => {
    const engine = await open();
    sql = countingSqlClient(refusingWritesTo(engine.sql, () => refusedStream), { tagOf: () => context.getStore() });
    // The host closes the SQL client when it stops; the database is dropped after.
    closeEngine = engine.drop;
    ledger = await tagged('host', () => startTestLedger({ sql, idlePollMs: 3_600_000, logFollowIntervalMs: 3_600_000, checkpointIntervalMs: 0 }));
    const put = (url: string, payload: object) => ledger.app.inject({ method: 'PUT', url, headers: as('evaluation-office'), payload });
    expect((await put('/v1/departments/permits', { name: 'Permits', category: 'service-facing' })).statusCode).toBe(200);
    expect((await put('/v1/people/zhao', { name: 'Zhao Lei', departmentId: 'permits' })).statusCode).toBe(200);
    expect((await put('/v1/people/qian', { name: 'Qian Hong', departmentId: 'permits' })).statusCode).toBe(200);
    await tagged('request', () => ledger.settled());
    // The reader's key is known from here on (its state is cached, as after any first request): a read of nobody
    // is a 404 and records nothing.
    expect((await ledger.app.inject({ method: 'GET', url: '/v1/people/nobody/history', headers: as('disciplinary-official') })).statusCode).toBe(404);
  });
  afterAll(async () => {
    await ledger?.stop();
    await closeEngine?.();
  });

  it(`answers ${readers} concurrent readers from shared document reads, records every read exactly once, in one append between them`, async () => {
    sql.reset();
    const requestIds = Array.from({ length: readers }, (_, index) => `history-read-${name.replaceAll(' ', '-')}-${index}`);
    const answers = await tagged('request', () =>
      Promise.all(
        requestIds.map((requestId) =>
          ledger.app.inject({ method: 'GET', url: '/v1/people/zhao/history?reason=review', headers: { ...as('disciplinary-official'), 'x-request-id': requestId } }),
        ),
      ),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(requestIds.map(() => 200));
    expect(answers[0]!.json()).toMatchObject({ personId: 'zhao', name: 'Zhao Lei', complaints: [] });

    const statements = sql.log.filter((entry) => entry.tag === 'request').map((entry) => ({ text: entry.text.replaceAll(/\s+/g, ' '), params: entry.params }));
    const described = statements.map((statement) => statement.text).join('\n');
    const documentReads = statements.filter((statement) => / read_documents /.test(statement.text) && String(statement.params[0]).includes('discipline-person-histories'));
    if (sql.engine === 'pglite') expect(documentReads, described).toHaveLength(1);
    else expect(documentReads.length, described).toBeLessThan(readers / 2);
    // The reads were recorded together, not in one commit a reader. Embedded, where a request runs to its answer
    // without giving the event loop back, exactly one group commit (its one statement on the fast path); on a
    // server the reads come back over the network at different moments, and each batch waits for the one before.
    const appends = statements.filter((statement) => /ledger_append_clean_batch|insert into ledger_events/.test(statement.text));
    if (sql.engine === 'pglite') expect(appends, described).toHaveLength(1);
    else expect(appends.length, described).toBeLessThan(readers / 2);
    // Nothing else a history read waits for touches the store (no idempotency lookup, no stream read).
    expect(statements.filter((statement) => / from ledger_events where stream_id|idempotency/.test(statement.text)), described).toEqual([]);

    await tagged('request', () => ledger.settled());
    const recorded = await ledger.sql.query<{ correlation: string; reader: string; reason: string }>(
      "select metadata->>'correlationId' as correlation, data->>'reader' as reader, data->>'reason' as reason from ledger_events where stream_id = $1 order by position",
      ['discipline-reads-zhao'],
    );
    expect(recorded.rows.map((row) => row.correlation).toSorted()).toEqual(requestIds.toSorted());
    expect(new Set(recorded.rows.map((row) => `${row.reader} ${row.reason}`))).toEqual(new Set(['disciplinary-official:test-disciplinary-official review']));
    const listed = await ledger.app.inject({ method: 'GET', url: '/v1/audit/history-reads?personId=zhao&limit=100', headers: as('auditor') });
    expect(listed.json().items).toHaveLength(readers);
  });

  it('answers nothing of a history whose read could not be recorded, and fails only that request', async () => {
    const [unrecordedId, recordedId] = ['unrecorded', 'recorded'].map((what) => `${what}-${name.replaceAll(' ', '-')}`);
    refusedStream = 'discipline-reads-qian';
    try {
      const [refused, other] = await Promise.all([
        ledger.app.inject({ method: 'GET', url: '/v1/people/qian/history?reason=review', headers: { ...as('disciplinary-official'), 'x-request-id': unrecordedId } }),
        ledger.app.inject({ method: 'GET', url: '/v1/people/zhao/history?reason=review', headers: { ...as('disciplinary-official'), 'x-request-id': recordedId } }),
      ]);
      // The document was read before its record failed, but none of it is answered.
      expect(refused.statusCode).toBeGreaterThanOrEqual(500);
      expect(refused.body).not.toContain('Qian Hong');
      expect(other.statusCode).toBe(200);
    } finally {
      refusedStream = undefined;
    }
    await ledger.settled();
    const recorded = await ledger.sql.query<{ stream: string }>("select stream_id as stream from ledger_events where metadata->>'correlationId' in ($1, $2)", [unrecordedId, recordedId]);
    expect(recorded.rows).toEqual([{ stream: 'discipline-reads-zhao' }]);
  });
});
