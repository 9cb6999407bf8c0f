import { type SqlClient, type SqlQueryable, type SqlStatement, type SqlWrite, type StatementGroup, statementGroup } from '@ledger/sql';
import { checkedField } from '../field-name.ts';
import type { Collection, Document, DocumentRef, Filter, FindOptions, ReadStore, UnitOfWork } from '../port.ts';
import { HeldCollection, HeldWrites, heldView } from '../unit-of-work.ts';
import { type DocumentReads, type DocumentReadsGathering, documentReads, readDocuments } from './document-reads.ts';

const tableName = /^[a-z_][a-z0-9_]{0,40}$/;

/**
 * The text `doc->>field` has when the field equals `value`, where that text is certain: a string, a boolean, or a
 * safe integer (jsonb writes those as JSON.stringify does). Not other numbers: 1e21 or 1e-7 read back in another form.
 */
function textOfEqual(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/** Builds a WHERE clause from a filter; values always travel as parameters. */
function whereOf(collection: string, filter: Filter, params: unknown[]): string {
  params.push(collection);
  const clauses = ['collection = $1'];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  for (const [rawField, condition] of Object.entries(filter)) {
    const field = checkedField(rawField);
    const json = `(doc->'${field}')`;
    const text = `((doc->>'${field}') collate "C")`;
    const typed = (value: unknown, op: string) =>
      typeof value === 'number'
        ? `(jsonb_typeof(${json}) = 'number' and ${json} ${op} ${param(JSON.stringify(value))}::jsonb)`
        : `(jsonb_typeof(${json}) = 'string' and ${text} ${op} ${param(String(value))})`;
    const conditions: Array<[string, unknown]> =
      condition !== null && typeof condition === 'object' ? Object.entries(condition) : [['$eq', condition]];
    for (const [operator, value] of conditions) {
      switch (operator) {
        case '$eq':
          if (value === null) clauses.push(`(${json} is null or ${json} = 'null'::jsonb)`);
          else {
            // With the same test on the field's text too, which it implies, the field's ensureIndex b-tree can serve
            // it; the primary key's collection prefix bounds the rest (issue 9: no index over every document).
            const implied = textOfEqual(value);
            const contains = `doc @> ${param(JSON.stringify({ [field]: value }))}::jsonb`;
            clauses.push(implied === undefined ? contains : `(${contains} and ${text} = ${param(implied)})`);
          }
          break;
        case '$ne':
          // Null and missing are one value to equality, so "not null" means present and not null.
          clauses.push(value === null ? `(${json} is not null and ${json} <> 'null'::jsonb)` : `${json} is distinct from ${param(JSON.stringify(value))}::jsonb`);
          break;
        case '$in': {
          const inList = `${json} in (select jsonb_array_elements(${param(JSON.stringify(value))}::jsonb))`;
          clauses.push(Array.isArray(value) && value.includes(null) ? `(${json} is null or ${inList})` : inList);
          break;
        }
        case '$exists':
          clauses.push(value ? `doc ? ${param(field)}` : `not (doc ? ${param(field)})`);
          break;
        case '$lt':
          clauses.push(typed(value, '<'));
          break;
        case '$lte':
          clauses.push(typed(value, '<='));
          break;
        case '$gt':
          clauses.push(typed(value, '>'));
          break;
        case '$gte':
          clauses.push(typed(value, '>='));
          break;
        default:
          throw new Error(`read store: unsupported operator ${operator}`);
      }
    }
  }
  return clauses.join(' and ');
}

/** Documents to write as one jsonb array parameter, `[{"c":collection,"i":id,"d":doc}, …]`: the same on pg and PGlite. */
const documentRows = (collection: string, puts: ReadonlyArray<{ id: string; json: string }>) =>
  puts.map(({ id, json }) => `{"c":${JSON.stringify(collection)},"i":${JSON.stringify(id)},"d":${json}}`).join(',');

/** The statements that store held writes: one upsert of every put document, one delete of every deleted id. */
function writeStatements(table: string, writes: ReturnType<HeldWrites['take']>): SqlStatement[] {
  const puts = writes.filter((write) => write.puts.length > 0).map((write) => documentRows(write.collection, write.puts));
  const deletes = writes.flatMap((write) => write.deletes.map((id) => [write.collection, id] as const));
  const statements: SqlStatement[] = [];
  if (puts.length > 0) {
    statements.push({
      text: `insert into ${table} (collection, id, doc)
             select x.c, x.i, x.d from jsonb_to_recordset($1::jsonb) as x(c text, i text, d jsonb)
             on conflict (collection, id) do update set doc = excluded.doc`,
      params: [`[${puts.join(',')}]`],
      // The units of several consumers that commit together write their documents in one insert.
      rowsInFirstParam: true,
    });
  }
  if (deletes.length > 0) {
    statements.push({
      // Two arrays unnested, as the document reads do: the planner sizes `unnest` by its arrays and probes the primary
      // key, where a `jsonb_to_recordset` (guessed at 100 rows) made it hash-join over the whole table.
      text: `delete from ${table} where (collection, id) in (select x.c, x.i from unnest($1::text[], $2::text[]) as x(c, i))`,
      params: [deletes.map(([collection]) => collection), deletes.map(([, id]) => id)],
    });
  }
  return statements;
}

class SqlCollection<Doc extends Document> implements Collection<Doc> {
  private readonly sql: SqlQueryable;
  private readonly table: string;
  private readonly name: string;
  /** Where a get joins the other gets of the moment (the store's own collections; not those of a transaction). */
  private readonly gets: DocumentReads | undefined;
  constructor(sql: SqlQueryable, table: string, name: string, gets?: DocumentReads) {
    this.sql = sql;
    this.table = table;
    this.name = name;
    this.gets = gets;
  }

  async get(id: string): Promise<Doc | undefined> {
    if (this.gets) {
      // Each asker parses its own copy: a caller may change the document it got.
      const json = (await this.gets.read([{ collection: this.name, id }])).get(this.name)?.get(id);
      return json === undefined ? undefined : (JSON.parse(json) as Doc);
    }
    const result = await this.sql.query<{ doc: Doc }>(`select doc from ${this.table} where collection = $1 and id = $2`, [this.name, id]);
    return result.rows[0]?.doc;
  }

  async put(doc: Doc): Promise<void> {
    await this.sql.query(
      `insert into ${this.table} (collection, id, doc) values ($1, $2, $3::jsonb)
       on conflict (collection, id) do update set doc = excluded.doc`,
      [this.name, doc.id, JSON.stringify(doc)],
    );
  }

  async putMany(docs: Doc[]): Promise<void> {
    // The last document of an id wins, as it would in a series of puts (one upsert cannot change a row twice).
    const byId = new Map(docs.map((doc) => [doc.id, doc]));
    if (byId.size === 0) return;
    const puts = [...byId.values()].map((doc) => ({ id: doc.id, json: JSON.stringify(doc) }));
    for (const statement of writeStatements(this.table, [{ collection: this.name, puts, deletes: [] }])) await this.sql.query(statement.text, statement.params);
  }

  async delete(id: string): Promise<void> {
    await this.sql.query(`delete from ${this.table} where collection = $1 and id = $2`, [this.name, id]);
  }

  async find(filter: Filter = {}, options: FindOptions = {}): Promise<Doc[]> {
    const params: unknown[] = [];
    let where = whereOf(this.name, filter, params);
    if (options.afterId !== undefined) {
      params.push(options.afterId);
      where += ` and (id collate "C") > $${params.length}`;
    }
    let order = 'id collate "C" asc';
    if (options.sort) {
      const field = checkedField(options.sort.field);
      const direction = options.sort.direction === 'desc' ? 'desc' : 'asc';
      order = `(case when jsonb_typeof(doc->'${field}') = 'number' then (doc->>'${field}')::numeric end) ${direction},
               ((doc->>'${field}') collate "C") ${direction}, ${order}`;
    }
    params.push(options.limit ?? 100);
    const result = await this.sql.query<{ doc: Doc }>(`select doc from ${this.table} where ${where} order by ${order} limit $${params.length}`, params);
    return result.rows.map((row) => row.doc);
  }

  async count(filter: Filter = {}): Promise<number> {
    const params: unknown[] = [];
    const result = await this.sql.query<{ n: number }>(`select count(*)::int as n from ${this.table} where ${whereOf(this.name, filter, params)}`, params);
    return result.rows[0]!.n;
  }

  async ensureIndex(field: string): Promise<void> {
    const checked = checkedField(field);
    const indexName = `${this.table}_${this.name.replaceAll(/[^a-z0-9]/gi, '_')}_${checked}`.toLowerCase().slice(0, 63);
    const collection = this.name.replaceAll("'", "''");
    await this.sql.query(
      `create index if not exists ${indexName} on ${this.table} (((doc->>'${checked}') collate "C")) where collection = '${collection}'`,
    );
  }
}

/** A transaction opened when first needed, committed or rolled back by its opener. */
interface OpenTransaction {
  tx: SqlQueryable;
  commit(): Promise<void>;
  rollBack(): Promise<void>;
}

class RolledBack extends Error {}

/** Opens a transaction through the client's callback form, and hands back the means to end it. */
function openTransaction(sql: SqlClient): Promise<OpenTransaction> {
  return new Promise((opened, failedToOpen) => {
    let end: { commit(): void; rollBack(): void } | undefined;
    const outcome = sql.transaction(
      (tx) =>
        new Promise<void>((commit, rollBack) => {
          end = { commit: () => commit(), rollBack: () => rollBack(new RolledBack()) };
          opened({
            tx,
            async commit() {
              end!.commit();
              await outcome;
            },
            async rollBack() {
              end!.rollBack();
              await outcome.catch((error: unknown) => {
                if (!(error instanceof RolledBack)) throw error;
              });
            },
          });
        }),
    );
    outcome.catch((error: unknown) => {
      if (!end) failedToOpen(error);
    });
  });
}

/**
 * The SQL unit of work: writes held in memory and stored at commit in one statement (every upsert and delete,
 * and the bus's checkpoint when it is a write of this database), which commits whole or not at all; units of
 * several consumers that commit at the same time share that statement (StatementGroup). Reads
 * before that go to the database, where this consumer's documents are as its last commit left them. A `find` or
 * `count` on a collection with held writes opens a transaction, writes them in it and reads there; the commit
 * then ends that transaction.
 */
class SqlUnitOfWork implements UnitOfWork {
  readonly store: ReadStore;
  private readonly sql: SqlClient;
  private readonly table: string;
  private readonly held = new HeldWrites();
  private readonly group: StatementGroup;
  private readonly reads: DocumentReads;
  private transaction: OpenTransaction | undefined;

  constructor(sql: SqlClient, table: string, parent: ReadStore, group: StatementGroup, reads: DocumentReads) {
    this.sql = sql;
    this.table = table;
    this.group = group;
    this.reads = reads;
    const base = <Doc extends Document>(name: string) => new SqlCollection<Doc>(this.transaction?.tx ?? sql, table, name);
    this.store = heldView(parent, <Doc extends Document>(name: string) => new HeldCollection<Doc>(name, this.held, () => base<Doc>(name), (collection) => this.writeEarly(collection)));
  }

  private async writeEarly(collection: string): Promise<void> {
    if (!this.held.has(collection)) return;
    this.transaction ??= await openTransaction(this.sql);
    for (const statement of writeStatements(this.table, this.held.take(collection))) await this.transaction.tx.query(statement.text, statement.params);
  }

  async prefetch(refs: readonly DocumentRef[]): Promise<void> {
    const wanted = refs.filter((ref) => !this.held.knows(ref.collection, ref.id));
    if (wanted.length === 0) return;
    // In a transaction of its own (a query wrote early), it reads there; else with the other units of the turn.
    const documents = this.transaction ? await readDocuments(this.transaction.tx, this.table, wanted) : await this.reads.read(wanted);
    for (const ref of wanted) {
      if (!this.held.knows(ref.collection, ref.id)) this.held.remember(ref.collection, ref.id, documents.get(ref.collection)?.get(ref.id) ?? null);
    }
  }

  async commit(alongWith?: SqlWrite): Promise<boolean> {
    const joined = alongWith !== undefined && alongWith.database === this.sql;
    const statements = [...writeStatements(this.table, this.held.take()), ...(joined ? [alongWith.statement] : [])];
    const transaction = this.transaction;
    this.transaction = undefined;
    if (transaction) {
      try {
        for (const statement of statements) await transaction.tx.query(statement.text, statement.params);
      } catch (error) {
        await transaction.rollBack().catch(() => {});
        throw error;
      }
      await transaction.commit();
    } else {
      await this.group.submit(statements);
    }
    return joined;
  }

  async abandon(): Promise<void> {
    this.held.clear();
    const transaction = this.transaction;
    this.transaction = undefined;
    await transaction?.rollBack();
  }
}

export interface SqlReadStoreOptions {
  /** Table that holds the documents; a replay uses another one so that it never touches the live models. */
  table?: string;
  /**
   * When concurrent gets by id start their shared statement (documentReads): `turn` for a database answered on
   * microtasks alone (embedded PGlite), else `none` (the default: at once, or with those asked while one runs).
   */
  gatherGets?: DocumentReadsGathering;
}

/** Read models as jsonb documents in one table, on PostgreSQL or PGlite. */
export async function sqlReadStore(sql: SqlClient, options: SqlReadStoreOptions = {}): Promise<ReadStore> {
  const table = options.table ?? 'read_documents';
  if (!tableName.test(table)) throw new Error(`read store: unsupported table name ${table}`);
  await sql.query(`
    create table if not exists ${table} (
      collection  text not null,
      id          text not null,
      doc         jsonb not null,
      primary key (collection, id)
    )`);
  // No index over every document (issue 9): the GIN index `${table}_doc` cost every write (3.4 pending-list inserts a
  // rating) and served only `$eq`, which the fields' ensureIndex b-trees serve, within one collection (whereOf).
  // A database made before loses it here.
  await sql.query(`drop index if exists ${table}_doc`);
  // Each consumer writes only its own documents, so the units of several commit together safely, and read theirs together.
  const group = statementGroup(sql);
  const reads = documentReads(sql, table);
  // Gets by id of requests under way share a statement too (issue 9: readers of a person's history at 16 clients
  // were one statement each). Gathered as the consumers' reads are (`none`, on a server), they join those reads'
  // batches, one instance for both: measured against two, no more latency, CPU or statements (docs/performance.md).
  const gatherGets = options.gatherGets ?? 'none';
  const gets = gatherGets === 'none' ? reads : documentReads(sql, table, gatherGets);
  const store: ReadStore = {
    collection: <Doc extends Document>(name: string) => new SqlCollection<Doc>(sql, table, name, gets),
    async collections() {
      const result = await sql.query<{ collection: string }>(`select distinct collection from ${table} order by collection`);
      return result.rows.map((row) => row.collection);
    },
    async drop(names) {
      await sql.query(`delete from ${table} where collection = any($1::text[])`, [names]);
    },
    async close() {
      // The SQL client belongs to whoever opened it.
    },
    unitOfWork: () => new SqlUnitOfWork(sql, table, store, group, reads),
  };
  return store;
}

