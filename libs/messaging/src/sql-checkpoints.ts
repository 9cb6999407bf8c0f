import type { SqlQueryable, SqlStatement } from '@ledger/sql';
import type { CheckpointStore } from './port.ts';

// greatest(): a late save from a slower worker never moves a checkpoint back.
const upsertFrom = (rows: string) => `insert into consumer_checkpoints (name, position) ${rows}
  on conflict (name) do update set position = greatest(consumer_checkpoints.position, excluded.position), updated_at = now()`;

const fromRows = upsertFrom('select x.name, x.position from jsonb_to_recordset($1::jsonb) as x(name text, position bigint)');

// As rows, so that the checkpoints of consumers committing together are one insert (`oneStatement`).
const saveStatement = (name: string, position: number): SqlStatement => ({
  text: fromRows,
  params: [JSON.stringify([{ name, position }])],
  rowsInFirstParam: true,
});

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
      const { text, params } = saveStatement(name, position);
      await sql.query(text, params);
    },
    async saveMany(positions) {
      // One row per name (the highest), since one upsert cannot change a row twice.
      const highest = new Map<string, number>();
      for (const { name, position } of positions) highest.set(name, Math.max(position, highest.get(name) ?? 0));
      if (highest.size === 0) return;
      const rows = JSON.stringify([...highest].map(([name, position]) => ({ name, position })));
      await sql.query(fromRows, [rows]);
    },
    saveWrite: (name, position) => ({ database: sql, statement: saveStatement(name, position) }),
  };
}
