import { calendarIn } from '@ledger/calendar';
import { deadlineWatcher } from '@ledger/complaints';
import { as, testLiaisonDepartmentId } from '@ledger/testing/ledger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 10, item 2 (SPEC 3.2, 3.7), over HTTP on the embedded ledger: the deadline set at filing from receipt,
// overdue whether accepted or not, one reasoned extension within the channel's days, and the explanation with
// its commitment on the tracking view, a missed commitment being overdue again.
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
/** The ids of a list answer's items. */
const ids = (answer: { body: { items: Array<{ complaintId: string }> } }) => answer.body.items.map((item) => item.complaintId);

describe('complaint deadlines over HTTP', () => {
  let ledger: LedgerHost;
  const calendar = calendarIn('Asia/Shanghai');

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, role: Parameters<typeof as>[0] | 'public', payload?: unknown) => {
    const response = await ledger.app.inject({ method, url, headers: role === 'public' ? {} : as(role), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  const file = async (receivedAt: string, channel = 'hotline-12345', departmentId = 'permits') => {
    const filed = await call('POST', '/v1/complaints', 'intake-clerk', { channel, departmentId, category: 'delay', summary: 'Licence pending for weeks', receivedAt });
    expect(filed.status).toBe(201);
    return filed.body as { complaintId: string; trackingCode: string };
  };
  const on = (id: string, step: string, body: unknown) => call('POST', `/v1/complaints/${id}/${step}`, 'intake-clerk', body);
  const track = async (code: string) => (await call('GET', `/v1/track/${code}`, 'public')).body;
  const overdueIds = async () =>
    ((await call('GET', '/v1/complaints?overdue=true&limit=500', 'auditor')).body.items as Array<{ complaintId: string }>).map((item) => item.complaintId);
  const historyTypes = async (id: string) => ((await call('GET', `/v1/complaints/${id}`, 'auditor')).body.history as Array<{ type: string }>).map((event) => event.type);

  beforeAll(async () => {
    ledger = await startTestLedger({ handlingDays: { 'hotline-12345': 15, 'media': 5 } });
    expect((await call('PUT', '/v1/departments/permits', 'evaluation-office', { name: 'Permits Office', category: 'service-facing' })).status).toBe(200);
    expect((await call('PUT', `/v1/departments/${testLiaisonDepartmentId}`, 'evaluation-office', { name: 'Water Bureau', category: 'service-facing' })).status).toBe(200);
  });
  afterAll(() => ledger?.stop());

  it('sets the deadline at filing in local days from receipt; accept takes no handlingDays (400 naming it)', async () => {
    const receivedAt = '2026-03-03T10:00:00+08:00';
    const { complaintId, trackingCode } = await file(receivedAt);
    await ledger.settled();
    // Long past: the complainant sees it overdue too.
    expect(await track(trackingCode)).toEqual({ status: 'filed', receivedAt, dueAt: '2026-03-19T00:00:00+08:00', overdue: true });
    const refused = await on(complaintId, 'accept', { handlingDays: 30 });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body.errors)).toContain('handlingDays');
    // Accepted a month later: the deadline stays the one set at filing.
    expect((await on(complaintId, 'accept', { at: '2026-04-03T10:00:00+08:00' })).body).toEqual({ status: 'accepted', dueAt: '2026-03-19T00:00:00+08:00' });
  });

  it('lets a complaint nobody accepted go overdue, and the watcher mark it', async () => {
    const { complaintId } = await file(daysAgo(20));
    const fresh = await file(daysAgo(1));
    await ledger.settled();
    const late = await overdueIds();
    expect(late).toContain(complaintId);
    expect(late).not.toContain(fresh.complaintId);
    expect((await call('GET', `/v1/complaints/${complaintId}`, 'auditor')).body).toMatchObject({ status: 'filed', overdue: true });
    expect(await deadlineWatcher(ledger.context).runOnce()).toBeGreaterThanOrEqual(1);
    await ledger.settled();
    expect(await historyTypes(complaintId)).toEqual(['ComplaintFiled', 'ComplaintOverdue']);
  });

  it("extends once, with a reason, by at most the channel's days; the tracking view shows the extension", async () => {
    const receivedAt = daysAgo(2);
    const { complaintId, trackingCode } = await file(receivedAt, 'media');
    await on(complaintId, 'accept', {});
    const tooLong = await on(complaintId, 'extend', { days: 6, reason: 'Needs a site visit' });
    expect(tooLong).toMatchObject({ status: 422, body: { status: 422 } });
    expect(JSON.stringify(tooLong.body)).toContain('days');
    const noReason = await on(complaintId, 'extend', { days: 3 });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body.errors)).toContain('reason');
    const extended = await on(complaintId, 'extend', { days: 5, reason: 'Needs a site visit' });
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.dueAt)).toBe(Date.parse(calendar.calendarDaysDeadline(receivedAt, 10)));
    const second = await on(complaintId, 'extend', { days: 1, reason: 'Still waiting' });
    expect(second).toMatchObject({ status: 422, body: { status: 422 } });
    await ledger.settled();
    expect(await track(trackingCode)).toEqual({ status: 'accepted', receivedAt, dueAt: expect.any(String), extendedDueAt: extended.body.dueAt });
    expect((await historyTypes(complaintId)).filter((type) => type === 'ComplaintDeadlineExtended')).toHaveLength(1);
  });

  it('takes an explanation with a commitment only once overdue, and shows both on the tracking view', async () => {
    const onTime = await file(daysAgo(1));
    expect((await on(onTime.complaintId, 'explanation', { explanation: 'Not late yet', commitmentAt: daysAhead(3) })).status).toBe(409);

    const { complaintId, trackingCode } = await file(daysAgo(20));
    await on(complaintId, 'accept', { at: daysAgo(19) });
    const commitmentAt = daysAhead(3);
    const explained = await call('POST', `/v1/complaints/${complaintId}/explanation`, 'intake-clerk', { explanation: 'The surveyor was on leave; the visit is booked.', commitmentAt });
    expect(explained).toMatchObject({ status: 200, body: { explanation: 'The surveyor was on leave; the visit is booked.', commitmentAt } });
    await ledger.settled();
    expect(await track(trackingCode)).toMatchObject({ status: 'accepted', dueAt: expect.any(String), explanation: 'The surveyor was on leave; the visit is booked.', commitmentAt });
    // Until the commitment passes, the complaint is not overdue.
    expect(await overdueIds()).not.toContain(complaintId);
  });

  it('makes a missed commitment overdue again', async () => {
    const { complaintId, trackingCode } = await file(daysAgo(20));
    await on(complaintId, 'accept', { at: daysAgo(19) });
    await ledger.settled();
    const watcher = deadlineWatcher(ledger.context);
    await watcher.runOnce();
    await ledger.settled();
    const commitmentAt = daysAgo(1);
    expect((await on(complaintId, 'explanation', { explanation: 'Parts on order', commitmentAt, at: daysAgo(3) })).status).toBe(200);
    await ledger.settled();
    expect(await overdueIds()).toContain(complaintId);
    expect((await call('GET', `/v1/complaints/${complaintId}`, 'auditor')).body).toMatchObject({ overdue: true, commitmentAt });
    await watcher.runOnce();
    await ledger.settled();
    const view = (await call('GET', `/v1/complaints/${complaintId}`, 'auditor')).body;
    const marks = (view.history as Array<{ type: string; data: { missed: string; dueAt: string } }>).filter((event) => event.type === 'ComplaintOverdue');
    expect(marks.map((event) => event.data.missed)).toEqual(['deadline', 'commitment']);
    expect(marks[1]!.data.dueAt).toBe(commitmentAt);
    expect(await track(trackingCode)).toMatchObject({ explanation: 'Parts on order', commitmentAt });
  });

  it("lets a department's liaison explain its own overdue complaints, and no other department's", async () => {
    const own = await file(daysAgo(20), 'hotline-12345', testLiaisonDepartmentId);
    const other = await file(daysAgo(20));
    const body = { explanation: 'The pipe works wait for the permit.', commitmentAt: daysAhead(5) };
    expect((await call('POST', `/v1/complaints/${other.complaintId}/explanation`, 'department-liaison', body)).status).toBe(403);
    expect((await call('POST', `/v1/complaints/${own.complaintId}/explanation`, 'department-liaison', body))).toMatchObject({ status: 200, body });
    const explainedBy = ((await call('GET', `/v1/complaints/${own.complaintId}`, 'auditor')).body.history as Array<{ type: string; actor?: string }>).at(-1);
    expect(explainedBy).toMatchObject({ type: 'ComplaintOverdueExplained', actor: 'department-liaison:test-department-liaison' });
    expect(await historyTypes(other.complaintId)).toEqual(['ComplaintFiled']);
  });

  it("lets a department's liaison list and read its own department's complaints (overdue ones to explain), never another's nor the complainant", async () => {
    const filed = await call('POST', '/v1/complaints', 'intake-clerk', {
      channel: 'phone',
      departmentId: testLiaisonDepartmentId,
      category: 'delay',
      summary: 'Water meter not replaced',
      receivedAt: daysAgo(30),
      complainant: { name: '李明', phone: '13800000000' },
    });
    const own = filed.body as { complaintId: string };
    const other = await file(daysAgo(30));
    await ledger.settled();

    // Unnamed or named, the liaison's list is their own department's; another department's is a 403 problem.
    const unnamed = await call('GET', '/v1/complaints?overdue=true&limit=500', 'department-liaison');
    expect(unnamed.status).toBe(200);
    expect(ids(unnamed)).toContain(own.complaintId);
    expect(ids(unnamed)).not.toContain(other.complaintId);
    expect(new Set(unnamed.body.items.map((item: { departmentId: string }) => item.departmentId))).toEqual(new Set([testLiaisonDepartmentId]));
    const named = await call('GET', `/v1/complaints?departmentId=${testLiaisonDepartmentId}&overdue=true&limit=500`, 'department-liaison');
    expect(ids(named)).toEqual(ids(unnamed));
    expect(await call('GET', '/v1/complaints?departmentId=permits&overdue=true', 'department-liaison')).toMatchObject({ status: 403, body: { type: '/problems/forbidden', status: 403 } });

    // One of them reads with its history, without the complainant the intake clerk sees.
    const read = await call('GET', `/v1/complaints/${own.complaintId}`, 'department-liaison');
    expect(read).toMatchObject({ status: 200, body: { complaintId: own.complaintId, departmentId: testLiaisonDepartmentId, overdue: true } });
    expect(read.body.complainant).toBeUndefined();
    expect(JSON.stringify(read.body)).not.toMatch(/李明|13800000000/);
    expect((await call('GET', `/v1/complaints/${own.complaintId}`, 'intake-clerk')).body.complainant).toMatchObject({ name: '李明' });
    expect(await call('GET', `/v1/complaints/${other.complaintId}`, 'department-liaison')).toMatchObject({ status: 403, body: { type: '/problems/forbidden' } });
    expect((await call('GET', '/v1/complaints/no-such-complaint', 'department-liaison')).status).toBe(404);

    // The other steps stay refused to the liaison, on their own department's complaint too.
    for (const [step, body] of [
      ['accept', {}],
      ['extend', { days: 1, reason: 'x' }],
      ['reject', { reason: 'x' }],
      ['assign', { investigatorId: 'inv-1' }],
      ['finding', { outcome: 'invalid' }],
      ['close', {}],
    ] as const) {
      expect((await call('POST', `/v1/complaints/${own.complaintId}/${step}`, 'department-liaison', body)).status, step).toBe(403);
    }
  });
});
