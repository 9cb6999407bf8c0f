import { groupCommit } from '@ledger/batching';
import type { SqlQueryable } from './client.ts';
import { type SqlStatement, oneStatement } from './statement.ts';

/** Independent writes that commit together: each submission resolves once its statements are committed. */
export interface StatementGroup {
  /** Resolves once the statements are committed (each one whole, all of them together). */
  submit(statements: readonly SqlStatement[]): Promise<void>;
}

/**
 * Group commit (`@ledger/batching`) for independent writes: what writers submit until `process.nextTick` is one
 * group, one statement (see `oneStatement`), which commits all of them or none; what they submit while a group runs
 * is the next group. When a group fails, each submission runs again on its own (`retryAlone`), so every writer gets
 * its own outcome: one writer's bad write never fails another's. The writers must not change the same rows.
 *
 * A group gathers until `process.nextTick` (`gather: 'next-tick'`), once the promise reactions under way have run,
 * not from the first submission: the embedded bus hands a batch of events to every consumer at once, and the read
 * models that keep a rating (three of them) then commit in one statement instead of two (the first alone, the others
 * behind it), issue 9. It goes no later than that: a later start (setImmediate) let a request that reads the model
 * right after the write reach the database first, where it used to find the write.
 */
export function statementGroup(sql: SqlQueryable): StatementGroup {
  const groups = groupCommit<readonly SqlStatement[], void>(
    async (submissions) => {
      const statement = oneStatement(submissions.flat());
      await sql.query(statement.text, statement.params);
      return submissions.map(() => ({ ok: true, value: undefined }));
    },
    { gather: 'next-tick', retryAlone: true },
  );
  return { submit: (statements) => (statements.length === 0 ? Promise.resolve() : groups.submit(statements)) };
}
