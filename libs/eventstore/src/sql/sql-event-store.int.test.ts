import { openPglite, connectPostgres } from '@ledger/sql';
import { eventStoreContract, findEngine, freshPostgresDatabase } from '@ledger/testing';
import { SqlEventStore } from './sql-event-store.ts';

eventStoreContract('SQL adapter on embedded PGlite', async () => {
  const sql = await openPglite();
  return { store: await SqlEventStore.open(sql), dispose: () => sql.close() };
});

const postgres = await findEngine('postgres');
if (postgres.available) {
  eventStoreContract('SQL adapter on PostgreSQL', async () => {
    const database = await freshPostgresDatabase(postgres.url);
    const sql = connectPostgres({ connectionString: database.url, maxConnections: 12 });
    return {
      store: await SqlEventStore.open(sql),
      async dispose() {
        await sql.close();
        await database.drop();
      },
    };
  });
}
