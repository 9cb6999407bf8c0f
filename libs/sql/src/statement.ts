/** One SQL statement with its parameters ($1, $2, … in `text`). */
export interface SqlStatement {
  text: string;
  params: readonly unknown[];
  /**
   * The statement's one parameter ($1) is a JSON array of rows (as text) and it does the same to each row: several
   * such statements of one text are the same statement over all their rows (`oneStatement` joins them).
   */
  rowsInFirstParam?: true;
}

/**
 * Writes of different components that must commit together, on one database: each statement is a single
 * INSERT, UPDATE or DELETE (no RETURNING needed) whose text uses only `$n` placeholders (no `$` followed by a
 * digit anywhere else, e.g. in a literal). They become one statement, each part a data-modifying WITH query:
 * PostgreSQL runs every part exactly once, on one snapshot, and a statement commits whole or not at all, so one
 * round trip replaces BEGIN, the parts and COMMIT. No two parts may change the same row.
 */
export function oneStatement(statements: readonly SqlStatement[]): SqlStatement {
  if (statements.length === 0) throw new Error('oneStatement needs at least one statement');
  if (statements.length === 1) return statements[0]!;
  const parts = joinedRows(statements);
  if (parts.length === 1) return parts[0]!;
  const params: unknown[] = [];
  const queries = parts.map((part, index) => {
    const offset = params.length;
    params.push(...part.params);
    const text = part.text.replaceAll(/\$(\d+)/g, (_, n: string) => {
      const number = Number(n);
      if (number < 1 || number > part.params.length) throw new Error(`statement ${index + 1} names $${n} but has ${part.params.length} parameters`);
      return `$${number + offset}`;
    });
    return `part_${index + 1} as (${text})`;
  });
  return { text: `with ${queries.join(', ')} select 1`, params };
}

/**
 * Statements of one text that take their rows as one JSON array become one statement over the rows of all, at the
 * place of the first (issue 9: the read models of a batch, each a consumer's upsert of its documents and its
 * checkpoint's upsert, are then two inserts, each table's indexes opened once, instead of one insert a consumer and
 * table). As within one statement of rows, no two of the rows may change the same row of a table.
 */
function joinedRows(statements: readonly SqlStatement[]): SqlStatement[] {
  const rowsByText = new Map<string, string[]>();
  const joined: Array<SqlStatement | { text: string; rows: string[] }> = [];
  for (const statement of statements) {
    if (!statement.rowsInFirstParam) {
      joined.push(statement);
      continue;
    }
    const array = statement.params[0];
    if (statement.params.length !== 1 || typeof array !== 'string' || !array.startsWith('[') || !array.endsWith(']')) {
      throw new Error('a statement of rows takes one parameter, a JSON array');
    }
    let rows = rowsByText.get(statement.text);
    if (!rows) {
      rows = [];
      rowsByText.set(statement.text, rows);
      joined.push({ text: statement.text, rows });
    }
    const inner = array.slice(1, -1);
    if (inner.trim() !== '') rows.push(inner);
  }
  return joined.map((part) => ('rows' in part ? { text: part.text, params: [`[${part.rows.join(',')}]`], rowsInFirstParam: true } : part));
}

/**
 * A write that belongs to another component but must commit with this one's (a bus checkpoint with the read-model
 * writes it acknowledges), and the database it must run on: a component may join it to its own writes only when
 * it writes through that very client.
 */
export interface SqlWrite {
  database: unknown;
  statement: SqlStatement;
}
