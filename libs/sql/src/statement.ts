/** One SQL statement with its parameters ($1, $2, … in `text`). */
export interface SqlStatement {
  text: string;
  params: readonly unknown[];
}

/**
 * Writes of different components that must commit together, on one database: each statement is a single
 * INSERT, UPDATE or DELETE (no RETURNING needed) whose text uses only `$n` placeholders (no `$` followed by a
 * digit anywhere else, e.g. in a literal). They become one statement, each part a data-modifying WITH query:
 * PostgreSQL runs every part exactly once, on one snapshot, and a statement commits whole or not at all, so one
 * round trip replaces BEGIN, the parts and COMMIT. No two parts may change the same row.
 */
export function oneStatement(parts: readonly SqlStatement[]): SqlStatement {
  if (parts.length === 0) throw new Error('oneStatement needs at least one statement');
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
 * A write that belongs to another component but must commit with this one's (a bus checkpoint with the read-model
 * writes it acknowledges), and the database it must run on: a component may join it to its own writes only when
 * it writes through that very client.
 */
export interface SqlWrite {
  database: unknown;
  statement: SqlStatement;
}
