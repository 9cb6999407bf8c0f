import { as } from '@ledger/testing/ledger';
import createClient from 'openapi-fetch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { paths } from '../../console/src/api/schema.d.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 14.1: a client generated from the OpenAPI alone (openapi-typescript wrote apps/console/src/api/schema.d.ts
// from /docs/json; a console test keeps it fresh) drives a complaint from filing to the sanction it causes, over
// real HTTP with openapi-fetch. The compiler checks every path, body and answer field used here against it.

describe('a client generated from the OpenAPI', () => {
  let ledger: LedgerHost;
  let baseUrl: string;

  beforeAll(async () => {
    ledger = await startTestLedger();
    baseUrl = await ledger.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(() => ledger?.stop());

  it('given the typed client, when a complaint is filed, accepted, assigned and found valid, then the sanction it causes is listed and carried out', async () => {
    const client = (role: Parameters<typeof as>[0]) => createClient<paths>({ baseUrl, headers: as(role) });
    const office = client('evaluation-office');
    expect((await office.PUT('/v1/departments/{departmentId}', { params: { path: { departmentId: 'gc-housing' } }, body: { name: '住房保障局', category: 'service-facing' } })).response.status).toBe(200);
    const person = await office.PUT('/v1/people/{personId}', { params: { path: { personId: 'gc-wang' } }, body: { name: '王芳', departmentId: 'gc-housing' } });
    expect(person.data?.departmentHistory[0]?.departmentId).toBe('gc-housing');

    const clerk = client('intake-clerk');
    const filed = await clerk.POST('/v1/complaints', {
      params: { header: { 'idempotency-key': 'gc-file-1' } },
      body: { channel: 'hotline-12345', departmentId: 'gc-housing', personId: 'gc-wang', category: 'delay', summary: '办证拖延数月' },
    });
    expect(filed.response.status).toBe(201);
    const complaintId = filed.data!.complaintId;
    expect(filed.data!.status).toBe('filed');
    const id = { params: { path: { id: complaintId } } };
    const accepted = await clerk.POST('/v1/complaints/{id}/accept', { ...id, body: {} });
    expect(accepted.data?.dueAt).toEqual(expect.any(String));
    expect((await clerk.POST('/v1/complaints/{id}/assign', { ...id, body: { investigatorId: 'inv-1' } })).data?.investigators).toHaveLength(1);
    const found = await client('investigator').POST('/v1/complaints/{id}/finding', { ...id, body: { outcome: 'valid', personId: 'gc-wang' } });
    expect(found.data).toEqual({ status: 'found', outcome: 'valid' });

    await ledger.settled();
    const official = client('disciplinary-official');
    const sanctions = await official.GET('/v1/sanctions', { params: { query: { personId: 'gc-wang' } } });
    expect(sanctions.data?.items).toHaveLength(1);
    const sanction = sanctions.data!.items[0]!;
    expect(sanction).toMatchObject({ personId: 'gc-wang', step: 1, status: 'pending', complaintIds: [complaintId] });

    const carried = await official.POST('/v1/sanctions/{sanctionId}/carry-out', { params: { path: { sanctionId: sanction.sanctionId } }, body: { by: 'official-1' } });
    expect(carried.data?.status).toBe('carried-out');
    const history = await official.GET('/v1/people/{personId}/history', { params: { path: { personId: 'gc-wang' }, query: { reason: '核对问责' } } });
    expect(history.data?.currentStep).toBe(1);
    expect(history.data?.complaints.map((complaint) => complaint.complaintId)).toEqual([complaintId]);

    const refused = await clerk.POST('/v1/complaints/{id}/accept', { ...id, body: {} });
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ status: 409, type: expect.stringMatching(/^\/problems\//) });
  });
});
