import { connectPostgres, openPglite } from '@ledger/sql';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import { merkleLogBehaviour } from './merkle-log-behaviour.testkit.ts';

merkleLogBehaviour('embedded PGlite', async () => {
  const sql = await openPglite();
  return { sql, dispose: () => sql.close() };
});

const postgres = await findEngine('postgres');
if (postgres.available) {
  merkleLogBehaviour('PostgreSQL', async () => {
    const database = await freshPostgresDatabase(postgres.url);
    const sql = connectPostgres({ connectionString: database.url, maxConnections: 4 });
    return {
      sql,
      async dispose() {
        await sql.close();
        await database.drop();
      },
    };
  });
}
