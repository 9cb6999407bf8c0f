import { connectPostgres, openPglite } from '@ledger/sql';
import { findEngine, freshPostgresDatabase, readStoreContract } from '@ledger/testing';
import { sqlReadStore } from './sql-read-store.ts';

readStoreContract('jsonb on embedded PGlite', async () => {
  const sql = await openPglite();
  return { store: await sqlReadStore(sql), dispose: () => sql.close() };
});

const postgres = await findEngine('postgres');
if (postgres.available) {
  readStoreContract('jsonb on PostgreSQL', async () => {
    const database = await freshPostgresDatabase(postgres.url);
    const sql = connectPostgres({ connectionString: database.url, maxConnections: 4 });
    return {
      store: await sqlReadStore(sql),
      async dispose() {
        await sql.close();
        await database.drop();
      },
    };
  });
}
