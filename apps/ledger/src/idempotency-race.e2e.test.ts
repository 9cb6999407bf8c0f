import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { testLedgerEngines } from './test-ledger.testkit.ts';

// Issue "Access and hardening", idempotency under concurrency: 50 requests with one Idempotency-Key, sent at once
// over HTTP, 10 different bodies 5 times each. The key is one filing: exactly one body wins, every request of it is
// answered as the first (the same complaint and tracking code), every other body is 422, and one set of events is stored.
const engines = await testLedgerEngines();

describe.each(engines)('one Idempotency-Key, 50 concurrent filings with different bodies, on %s', (_engine, start) => {
  let ledger: LedgerHost;
  let drop: () => Promise<void>;
  let address: string;

  beforeAll(async () => {
    ({ ledger, drop } = await start());
    address = await ledger.app.listen({ host: '127.0.0.1', port: 0 });
    const registered = await fetch(`${address}/v1/departments/housing`, {
      method: 'PUT',
      headers: as('evaluation-office', { 'content-type': 'application/json' }),
      body: JSON.stringify({ name: 'Housing Bureau', category: 'service-facing' }),
    });
    expect(registered.status).toBe(200);
  });
  afterAll(async () => {
    await ledger?.stop();
    await drop?.();
  });

  it('answers the winning body as the first time and every other body with 422, storing one filing', async () => {
    const bodies = Array.from({ length: 10 }, (_, index) => ({
      channel: 'hotline-12345',
      departmentId: 'housing',
      category: 'delay',
      summary: `Permit pending, caller ${index}`,
      complainant: { name: `Caller ${index}` },
    }));
    const requests = Array.from({ length: 50 }, (_, index) => index % bodies.length);
    const answers = await Promise.all(
      requests.map(async (body) => {
        const response = await fetch(`${address}/v1/complaints`, {
          method: 'POST',
          headers: as('intake-clerk', { 'content-type': 'application/json', 'idempotency-key': 'race-key-0001' }),
          body: JSON.stringify(bodies[body]),
        });
        return { body, status: response.status, json: (await response.json()) as Record<string, unknown> };
      }),
    );

    const winners = new Set(answers.filter((answer) => answer.status < 300).map((answer) => answer.body));
    expect(winners.size).toBe(1);
    const [winner] = winners;
    const won = answers.filter((answer) => answer.body === winner);
    expect(won.map((answer) => answer.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(won.map((answer) => `${String(answer.json.complaintId)} ${String(answer.json.trackingCode)}`)).size).toBe(1);
    const refused = answers.filter((answer) => answer.body !== winner);
    expect(refused.map((answer) => answer.status)).toEqual(refused.map(() => 422));
    expect(refused.every((answer) => String(answer.json.type).endsWith('idempotency-key-reused'))).toBe(true);

    await ledger.settled();
    const filings = (await ledger.store.readAll({ after: 0, limit: 10_000 })).filter((event) => event.type === 'ComplaintFiled');
    const filed = filings.map((event) => event.data as { complaintId: string; summary: string });
    expect(filed.map((data) => [data.complaintId, data.summary])).toEqual([[won[0]!.json.complaintId, bodies[winner!]!.summary]]);
    const view = await fetch(`${address}/v1/complaints/${String(won[0]!.json.complaintId)}`, { headers: as('intake-clerk') });
    expect(((await view.json()) as { complainant: { name: string } }).complainant.name).toBe(`Caller ${winner}`);
  });
});
