import type { SqlQueryable } from '@ledger/sql';
import type { CheckpointStore } from './port.ts';

/** Checkpoints in a SQL table beside the ledger (PostgreSQL or PGlite). Positions only ever move forward. */
export async function sqlCheckpointStore(sql: SqlQueryable): Promise<CheckpointStore> {
  await sql.query(`
    create table if not exists consumer_checkpoints (
      name        text primary key,
      position    bigint not null,
      updated_at  timestamptz not null default now()
    )`);
  return {
    async load(name) {
      const result = await sql.query<{ position: number }>('select position from consumer_checkpoints where name = $1', [name]);
      return Number(result.rows[0]?.position ?? 0);
    },
    async save(name, position) {
      // greatest(): a late save from a slower worker never moves a checkpoint back.
      await sql.query(
        `insert into consumer_checkpoints (name, position) values ($1, $2)
         on conflict (name) do update set position = greatest(consumer_checkpoints.position, excluded.position), updated_at = now()`,
        [name, position],
      );
    },
  };
}
