import { type PGlite, messages as backendMessages, parse, protocol } from '@electric-sql/pglite';

type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

interface Prepared {
  name: string;
  /** Parameter types from the statement's description: each value is serialized as PGlite's own `query` would. */
  parameterTypes: number[];
  /** The row description of its answer (none for a statement that answers no rows): the rows are parsed by it. */
  rows: BackendMessage | undefined;
  /** Runs since it was prepared. */
  runs: number;
}

export interface PreparedStatementsOptions {
  /** How many statements stay prepared at most; the least recently used one is closed past it. */
  capacity?: number;
  /**
   * Runs after which a statement is prepared anew (default 200). A cached plan is made again only after DDL or ANALYZE,
   * and PGlite has no autovacuum: a generic plan chosen while a table was small stayed while it grew, and the HTTP
   * bench's history reads cost 1.1-1.5 ms instead of 0.8-0.96 (docs/performance.md). One plan in 200 runs is cheap.
   */
  replanAfter?: number;
}

/** What the cache keeps: one statement of reads or writes, never DDL, `SET`, transaction control or a utility. */
const cacheable = /^\s*(select|insert|update|delete|with)\b/i;

/** The cached plan or statement is gone or no longer fits (DDL changed a result type, or DISCARD ran): prepared again. */
const stale = (error: unknown) =>
  error instanceof Error &&
  ((error as { code?: string }).code === '26000' || ((error as { code?: string }).code === '0A000' && /cached plan must not change result type/.test(error.message)));

/**
 * Named prepared statements for PGlite, keyed by their text (issue 9). PGlite's `query` runs each statement as six
 * calls into PostgreSQL (Parse, Describe, Bind, Describe, Execute, Sync of an unnamed statement), parsed and planned
 * every time; a statement on `read_documents` plans for all its 42 indexes. A prepared one runs in one call (Bind,
 * Execute, Sync) and keeps its plan in PostgreSQL's plan cache (a generic plan once it costs no more than the custom
 * ones, `plan_cache_mode` auto), which PostgreSQL itself replans after DDL or ANALYZE on the tables it reads, and
 * this cache every `replanAfter` runs.
 * The caller holds PGlite's locks (`runExclusive`, and its transaction lock outside a transaction).
 */
export class PreparedStatements {
  private readonly db: PGlite;
  private readonly capacity: number;
  private readonly replanAfter: number;
  /** By text, the least recently used first. */
  private readonly prepared = new Map<string, Prepared>();
  /** Statements dropped from the cache, closed with the next message sent. */
  private toClose: string[] = [];
  private serial = 0;

  constructor(db: PGlite, options: PreparedStatementsOptions = {}) {
    this.db = db;
    this.capacity = options.capacity ?? 64;
    this.replanAfter = options.replanAfter ?? 200;
  }

  /** Whether `text` goes through the cache (else through PGlite's `query`). */
  static fits(text: string): boolean {
    return cacheable.test(text);
  }

  /** How many statements are prepared now (tests). */
  get size(): number {
    return this.prepared.size;
  }

  /**
   * Runs `text` as a prepared statement, preparing it first when it is not. `retryStale`: run it once more, prepared
   * anew, when PostgreSQL refuses the cached one (outside a transaction only, where the refusal changed nothing).
   */
  async run(text: string, params: readonly unknown[], options: { syncToFs: boolean; retryStale: boolean }): Promise<unknown[]> {
    try {
      try {
        return await this.runOnce(text, params, options.syncToFs);
      } catch (error) {
        if (!stale(error)) throw error;
        this.forget(text);
        if (!options.retryStale) throw error;
        return await this.runOnce(text, params, options.syncToFs);
      }
    } catch (error) {
      // As PGlite's query names them: the statement and its parameters on the database's error.
      if (error instanceof backendMessages.DatabaseError) Object.assign(error, { query: text, params, queryOptions: undefined });
      throw error;
    }
  }

  private async runOnce(text: string, params: readonly unknown[], syncToFs: boolean): Promise<unknown[]> {
    const statement = await this.prepare(text);
    const values = params.map((param, index) => {
      if (param === null || param === undefined) return null;
      const serializer = this.db.serializers[statement.parameterTypes[index]!];
      return serializer ? serializer(param) : String(param);
    });
    const messages = await this.db.execProtocolStream(
      joined([...this.closing(), protocol.serialize.bind({ statement: statement.name, values }), protocol.serialize.execute({}), protocol.serialize.sync()]),
      { syncToFs },
    );
    const [result] = parse.parseResults(statement.rows ? [statement.rows, ...messages] : messages, this.db.parsers);
    return result!.rows;
  }

  private async prepare(text: string): Promise<Prepared> {
    let cached = this.prepared.get(text);
    if (cached && cached.runs >= this.replanAfter) {
      this.forget(text);
      cached = undefined;
    }
    if (cached) {
      cached.runs += 1;
      // Most recently used now.
      this.prepared.delete(text);
      this.prepared.set(text, cached);
      return cached;
    }
    const name = `ledger_${(this.serial += 1)}`;
    // A Parse that fails prepares nothing: the error is thrown before the statement is kept.
    const messages = await this.db.execProtocolStream(
      joined([...this.closing(), protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()]),
      { syncToFs: false },
    );
    const statement: Prepared = {
      name,
      parameterTypes: parse.parseDescribeStatementResults(messages),
      rows: messages.find((message) => message.name === 'rowDescription'),
      runs: 1,
    };
    this.prepared.set(text, statement);
    if (this.prepared.size > this.capacity) this.forget(this.prepared.keys().next().value!);
    return statement;
  }

  private forget(text: string): void {
    const statement = this.prepared.get(text);
    if (!statement) return;
    this.prepared.delete(text);
    this.toClose.push(statement.name);
  }

  private closing(): Uint8Array[] {
    const names = this.toClose;
    this.toClose = [];
    return names.map((name) => protocol.serialize.close({ type: 'S', name }));
  }
}

function joined(messages: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(messages.reduce((length, message) => length + message.length, 0));
  let at = 0;
  for (const message of messages) {
    bytes.set(message, at);
    at += message.length;
  }
  return bytes;
}
