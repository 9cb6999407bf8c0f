import { as } from '@ledger/testing/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 14.2: /readyz answers 503 naming a consumer that stopped, and 200 once it runs again; /metrics shows
// its lag rising while it is held and falling once it caught up, beside the HTTP, store and log metrics.

describe('readiness and metrics of the embedded ledger', () => {
  let ledger: LedgerHost;
  const get = (url: string) => ledger.app.inject({ method: 'GET', url });
  const register = (id: string) =>
    ledger.app.inject({ method: 'PUT', url: `/v1/departments/${id}`, headers: as('evaluation-office'), payload: { name: `Bureau ${id}`, category: 'vertical' } });
  const lagOf = async (consumer: string) => {
    const text = (await get('/metrics')).body;
    const line = text.split('\n').find((candidate) => candidate.startsWith(`ledger_consumer_lag_events{consumer="${consumer}"}`));
    return Number(line?.split(' ').at(-1));
  };

  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(() => ledger?.stop());

  it('given a running ledger, when /readyz and /metrics are asked, then it is ready and shows every family of metrics', async () => {
    await register('ops-a');
    await ledger.settled();
    const ready = await get('/readyz');
    expect(ready.statusCode, ready.body).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready', checks: [{ name: 'store', ok: true }, { name: 'consumers', ok: true }, { name: 'audit', ok: true }] });
    const metrics = await get('/metrics');
    expect(metrics.headers['content-type']).toContain('text/plain');
    for (const family of [
      'ledger_http_request_duration_seconds_count{method="PUT",route="/v1/departments/:departmentId",status="200"} 1',
      'ledger_consumer_lag_events{consumer=',
      'ledger_consumer_up{consumer=',
      'ledger_store_head_position ',
      'ledger_dead_letters 0',
      'ledger_merkle_log_size ',
      'ledger_events_appended_total{type="DepartmentRegistered"} 1',
      // The checkpoint chain holds: nothing refused (the tamper e2e shows them when it breaks)
      'ledger_checkpoint_chain_refused 0',
      'ledger_checkpoint_refusals_total 0',
    ]) {
      expect(metrics.body).toContain(family);
    }
  });

  it('given a consumer held back, then /readyz is 503 naming it and its lag rises; once resumed, 200 and the lag falls to 0', async () => {
    const [held] = ledger.consumers.names();
    await ledger.consumers.stop(held!);
    const notReady = await get('/readyz');
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json().detail).toContain(`${held} stopped`);

    const before = await lagOf(held!);
    for (const id of ['ops-b', 'ops-c', 'ops-d']) expect((await register(id)).statusCode).toBe(200);
    const during = await lagOf(held!);
    expect(during).toBeGreaterThanOrEqual(before + 3);

    await ledger.consumers.resume(held!);
    await ledger.settled();
    expect((await get('/readyz')).statusCode).toBe(200);
    expect(await lagOf(held!)).toBe(0);
  });

});
