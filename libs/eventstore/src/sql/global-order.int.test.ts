import { randomUUID } from 'node:crypto';
import { connectPostgres, type SqlClient } from '@ledger/sql';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqlEventStore } from './sql-event-store.ts';

const postgres = await findEngine('postgres');

// Several processes append to one ledger in distributed mode. Each has its own store (its own writer, its own pool);
// the test runs four such stores with four writers each, while a reader on a fifth connection tails the global order
// as a relay does. What it checks is the one thing a follower relies on: once it has read position p, no event ever
// appears below p. Without the append lock, transactions commit out of the order they took positions in, and the
// reader sees a later position before an earlier one is committed (the test fails within the first few hundred batches).
describe.runIf(postgres.available)('global order under 16 concurrent writers in 4 processes (PostgreSQL)', () => {
  const processes = 4;
  const writersEach = 4;
  const appendsEach = 120;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  const clients: SqlClient[] = [];

  beforeAll(async () => {
    database = await freshPostgresDatabase((postgres as { url: string }).url);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await database?.drop();
  });

  const connect = () => {
    const client = connectPostgres({ connectionString: database.url, maxConnections: 2 });
    clients.push(client);
    return client;
  };

  it('never lets a reader see a position appear behind one it has read', async () => {
    const stores = await Promise.all(Array.from({ length: processes }, () => SqlEventStore.open(connect())));
    const reader = await SqlEventStore.open(connect());

    let writing = true;
    const read: number[] = [];
    // A follower as the relay is one: it reads forward from the last position it saw, and never looks back.
    const follower = (async () => {
      let after = 0;
      for (;;) {
        const stillWriting = writing;
        const batch = await reader.readAll({ after, limit: 500 });
        for (const event of batch) read.push(event.position);
        after = read.at(-1) ?? after;
        if (!stillWriting && batch.length === 0) return;
      }
    })();

    const writer = async (store: SqlEventStore, index: number) => {
      const streamId = `order-${index}-${randomUUID()}`;
      for (let version = 0; version < appendsEach; version += 1) {
        const events = Array.from({ length: 1 + (version % 3) }, (_, n) => ({ eventId: randomUUID(), type: 'Tick', schemaVersion: 1, data: { version, n } }));
        await store.append(streamId, events, version === 0 ? 'no-stream' : 'any');
      }
    };
    await Promise.all(stores.flatMap((store, process) => Array.from({ length: writersEach }, (_, index) => writer(store, process * writersEach + index))));
    writing = false;
    await follower;

    const all = (await reader.readAll({ after: 0, limit: 100_000 })).map((event) => event.position);
    const seen = new Set(read);
    // A position the follower never saw was committed below one it had already read.
    expect(all.filter((position) => !seen.has(position))).toEqual([]);
    expect(read).toEqual(all);
    expect(all).toHaveLength(processes * writersEach * appendsEach * 2);
  });
});
