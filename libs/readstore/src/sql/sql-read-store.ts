import type { SqlClient } from '@ledger/sql';
import { checkedField } from '../field-name.ts';
import type { Collection, Document, Filter, FindOptions, ReadStore } from '../port.ts';

const tableName = /^[a-z_][a-z0-9_]{0,40}$/;

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
          // For a string, the same test on the text too, which it implies: the planner may then use the
          // field's ensureIndex b-tree (a few rows) instead of the whole table's GIN index.
          else if (typeof value === 'string') clauses.push(`(doc @> ${param(JSON.stringify({ [field]: value }))}::jsonb and ${text} = ${param(value)})`);
          else clauses.push(`doc @> ${param(JSON.stringify({ [field]: value }))}::jsonb`);
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

class SqlCollection<Doc extends Document> implements Collection<Doc> {
  private readonly sql: SqlClient;
  private readonly table: string;
  private readonly name: string;
  constructor(sql: SqlClient, table: string, name: string) {
    this.sql = sql;
    this.table = table;
    this.name = name;
  }

  async get(id: string): Promise<Doc | undefined> {
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

export interface SqlReadStoreOptions {
  /** Table that holds the documents; a replay uses another one so that it never touches the live models. */
  table?: string;
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
  await sql.query(`create index if not exists ${table}_doc on ${table} using gin (doc jsonb_path_ops)`);
  return {
    collection: <Doc extends Document>(name: string) => new SqlCollection<Doc>(sql, table, name),
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
  };
}

