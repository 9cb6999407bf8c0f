import type { SqlQueryable } from './client.ts';
import { type SqlStatement, oneStatement } from './statement.ts';

interface Submitted {
  statements: readonly SqlStatement[];
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Group commit for independent writes: what writers submit before the event loop moves on is one group, one
 * statement (see `oneStatement`), which commits all of them or none; what they submit while a group runs is the next
 * group. When a group fails, each submission runs again on its own, so every writer gets its own outcome: one writer's
 * bad write never fails another's. The writers must not change the same rows.
 *
 * The first group starts on `process.nextTick`, once the promise reactions under way have run, not with the first
 * submission: the embedded bus hands a batch of events to every consumer at once, and the read models that keep a
 * rating (three of them) then commit in one statement instead of two (the first alone, the others behind it), issue 9.
 * It goes no later than that: a later start (setImmediate) let a request that reads the model right after the write
 * reach the database first, where it used to find the write.
 */
export class StatementGroup {
  private readonly sql: SqlQueryable;
  private queue: Submitted[] = [];
  private running = false;

  constructor(sql: SqlQueryable) {
    this.sql = sql;
  }

  /** Resolves once the statements are committed (each one whole, all of them together). */
  submit(statements: readonly SqlStatement[]): Promise<void> {
    if (statements.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ statements, resolve, reject });
      // Once the reactions under way have submitted, when the database is not busy with a group of ours; else with the next group.
      if (!this.running) {
        this.running = true;
        process.nextTick(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue;
      this.queue = [];
      try {
        await this.run(group.flatMap((submitted) => submitted.statements));
        for (const submitted of group) submitted.resolve();
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else for (const submitted of group) await this.run(submitted.statements).then(submitted.resolve, submitted.reject);
      }
    }
    this.running = false;
  }

  private async run(statements: readonly SqlStatement[]): Promise<void> {
    const statement = oneStatement(statements);
    await this.sql.query(statement.text, statement.params);
  }
}
