import { as } from '@ledger/testing/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { testLedgerEngines } from './test-ledger.testkit.ts';

// Issue 9: a command's answer waits until the consumers the host runs have handled its events
// (ServiceContext.ownWritesVisible), so a caller reads its own write in any read model at once, without settled().
// On PGlite, which answers on microtasks, the consumers' statements used to run before the next request's by chance
// (and no longer do once appends are gathered by event-loop turn, for processors); on PostgreSQL they never did: without
// the wait, every one of the 48 reads there missed its write.
// Sixteen clients over real sockets, each reading its own write as soon as it is answered.
const clients = 16;
const rounds = 3;
// Off by default on a server database (LedgerHostOptions.readYourWrites): asked for there, where it is needed most.
const engines = await testLedgerEngines({ onPostgres: { readYourWrites: true } });

describe.each(engines)('read your own writes on the embedded host, 16 concurrent clients, on %s', (_engine, start) => {
  let ledger: LedgerHost;
  let drop: () => Promise<void>;
  let address: string;
  const send = (method: 'GET' | 'POST' | 'PUT', path: string, role: Parameters<typeof as>[0], body?: unknown) =>
    fetch(`${address}${path}`, { method, headers: as(role, { 'content-type': 'application/json' }), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

  beforeAll(async () => {
    ({ ledger, drop } = await start());
    address = await ledger.app.listen({ host: '127.0.0.1', port: 0 });
    expect((await send('PUT', '/v1/departments/ryw', 'evaluation-office', { name: 'Read Bureau', category: 'service-facing' })).status).toBe(200);
  });
  afterAll(async () => {
    await ledger?.stop();
    await drop?.();
  });

  it('finds each filed complaint in the complaints list as soon as its filing is answered', async () => {
    const missing: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      await Promise.all(
        Array.from({ length: clients }, async (_, client) => {
          const filed = await send('POST', '/v1/complaints', 'intake-clerk', { channel: 'hotline-12345', departmentId: 'ryw', category: 'delay', summary: `Round ${round}, client ${client}` });
          expect(filed.status).toBe(201);
          const { complaintId } = (await filed.json()) as { complaintId: string };
          const listed = (await (await send('GET', '/v1/complaints?departmentId=ryw&limit=500', 'intake-clerk')).json()) as { items: Array<{ complaintId: string }> };
          if (!listed.items.some((item) => item.complaintId === complaintId)) missing.push(complaintId);
        }),
      );
    }
    expect(missing).toEqual([]);
  });

  it('counts, in the month statistics read at once, every rating answered before the read', async () => {
    let answered = 0;
    const short: string[] = [];
    for (let round = 0; round < rounds; round += 1) {
      await Promise.all(
        Array.from({ length: clients }, async (_, client) => {
          const rated = await send('POST', '/v1/ratings', 'service', { transactionId: `ryw-${round}-${client}`, departmentId: 'ryw', platform: 'service-center', level: 1 + (client % 5), ratedAt: '2026-03-10T04:00:00.000Z' });
          expect(rated.status).toBe(201);
          answered += 1;
          const atLeast = answered;
          const statistics = (await (await send('GET', '/v1/departments/ryw/statistics?month=2026-03', 'evaluation-office')).json()) as { total: number };
          if (statistics.total < atLeast) short.push(`${statistics.total} < ${atLeast}`);
        }),
      );
    }
    expect(short).toEqual([]);
    expect(answered).toBe(clients * rounds);
  });
});
