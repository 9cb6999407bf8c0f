import { EventStoreDBClient } from '@eventstore/db-client';
import { eventStoreContract, findEngine } from '@ledger/testing';
import { it } from 'vitest';
import { EsdbEventStore } from './esdb-event-store.ts';

// EventStoreDB runs where a Docker engine answers (Testcontainers) or ESDB_URL names one; elsewhere this
// suite is skipped with the reason (this project's CI machines have no Docker engine).
const esdb = await findEngine('esdb', async () => {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer('docker.kurrent.io/kurrent-latest/kurrentdb:25.1')
    .withEnvironment({ KURRENTDB_INSECURE: 'true', KURRENTDB_MEM_DB: 'true', KURRENTDB_RUN_PROJECTIONS: 'None' })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
    .start();
  return `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
});

if (esdb.available) {
  eventStoreContract('EventStoreDB adapter', async () => {
    const store = new EsdbEventStore(EventStoreDBClient.connectionString(esdb.url), { idlePollMs: 50 });
    return { store, dispose: () => store.close() };
  });
}
else {
  it.skip(`EventStore contract: EventStoreDB adapter (${esdb.reason})`, () => {});
}
