import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarIn } from '@ledger/calendar';
import { deadlineWatcher } from '@ledger/complaints';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

// Stops and starts the embedded ledger on a data folder several times: each start opens PGlite on disk (seconds
// on a busy machine), so this test gets a budget of its own.
const restartTestTimeoutMs = 360_000;

// Issue "Core ledger", done means: every SPEC 3 transition and refusal over HTTP, on the embedded host.
describe('complaints over HTTP on the embedded ledger', () => {
  let ledger: LedgerHost;
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

  const call = async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, role: Parameters<typeof as>[0], payload?: unknown, headers: Record<string, string> = {}) => {
    const response = await ledger.app.inject({ method, url, headers: as(role, headers), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined, headers: response.headers };
  };
  const feed = async () => (await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).body.events as Array<{ type: string; data: unknown; subject: string }>;
  const fileComplaint = async (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    call('POST', '/v1/complaints', 'intake-clerk', { channel: 'hotline-12345', departmentId: 'housing', category: 'delay', summary: 'Permit pending for 4 months', ...extra }, headers);

  beforeAll(async () => {
    ledger = await startTestLedger();
    expect((await call('PUT', '/v1/departments/housing', 'evaluation-office', { name: 'Housing Bureau', category: 'service-facing' })).status).toBe(200);
    expect((await call('PUT', '/v1/departments/land', 'evaluation-office', { name: 'Land Bureau', category: 'vertical' })).status).toBe(200);
    expect((await call('PUT', '/v1/people/wang', 'evaluation-office', { name: 'Wang Fang', departmentId: 'housing', post: 'permit officer' })).status).toBe(200);
    expect((await call('PUT', '/v1/departments/housing', 'evaluation-office', { name: 'Housing Bureau', category: 'service-facing', leaderPersonId: 'wang' })).status).toBe(200);
  });
  afterAll(() => ledger.stop());

  it('walks a complaint through every step of SPEC 3', async () => {
    const receivedAt = daysAgo(5);
    const filed = await fileComplaint({ personId: 'wang', receivedAt, complainant: { name: 'Zhang San', phone: '13800000000' } });
    expect(filed.status).toBe(201);
    expect(filed.body).toEqual({ complaintId: expect.any(String), trackingCode: expect.stringMatching(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/), status: 'filed' });
    const id = filed.body.complaintId;

    const accepted = await call('POST', `/v1/complaints/${id}/accept`, 'intake-clerk', {});
    expect(accepted.body).toEqual({ status: 'accepted', dueAt: expect.any(String) });
    // The deadline was set at filing from receipt, not from acceptance: 15 calendar days by default, the day of
    // receipt not counted, due at the end of the 15th local day (SPEC "Local time", 3.2).
    expect(Date.parse(accepted.body.dueAt)).toBe(Date.parse(calendarIn('Asia/Shanghai').calendarDaysDeadline(receivedAt, 15)));

    expect((await call('POST', `/v1/complaints/${id}/assign`, 'intake-clerk', { investigatorId: 'inv-1' })).status).toBe(200);
    expect((await call('POST', `/v1/complaints/${id}/assign`, 'intake-clerk', { investigatorId: 'inv-2' })).body.investigators).toHaveLength(2);
    const finding = await call('POST', `/v1/complaints/${id}/finding`, 'investigator', { outcome: 'valid', departmentsAtFault: ['housing', 'land'] });
    expect(finding.body).toEqual({ status: 'found', outcome: 'valid' });
    expect((await call('POST', `/v1/complaints/${id}/close`, 'intake-clerk', { satisfaction: 2 })).body).toEqual({ status: 'closed' });
    expect((await call('POST', `/v1/complaints/${id}/reopen`, 'intake-clerk', { reason: 'complainant unhappy with the redo' })).body).toMatchObject({ status: 'accepted' });
    expect((await call('POST', `/v1/complaints/${id}/finding`, 'investigator', { outcome: 'invalid' })).body).toEqual({ status: 'found', outcome: 'invalid' });
    expect((await call('POST', `/v1/complaints/${id}/close`, 'intake-clerk', { satisfaction: 4 })).status).toBe(200);
    expect((await call('POST', `/v1/complaints/${id}/appeal`, 'disciplinary-official', { reason: 'new evidence' })).body).toEqual({ status: 'appealed' });
    const decided = await call('POST', `/v1/complaints/${id}/appeal-decision`, 'disciplinary-official', { decision: 'overturned', outcome: 'valid', reason: 'the call recording confirms it' });
    expect(decided.body).toEqual({ status: 'closed', decision: 'overturned', outcome: 'valid', personId: 'wang', reason: 'the call recording confirms it' });

    const view = await call('GET', `/v1/complaints/${id}`, 'intake-clerk');
    expect(view.body).toMatchObject({ complaintId: id, status: 'closed', finding: { outcome: 'valid', personId: 'wang' }, reopened: true });
    expect(view.body.complainant).toEqual({ ref: expect.any(String), name: 'Zhang San', phone: '13800000000' });
    expect(view.body.history.map((event: { type: string }) => event.type)).toEqual([
      'ComplaintFiled',
      'ComplaintAccepted',
      'ComplaintAssigned',
      'ComplaintAssigned',
      'FindingRecorded',
      'ComplaintClosed',
      'ComplaintReopened',
      'FindingRecorded',
      'ComplaintClosed',
      'AppealFiled',
      'AppealDecided',
    ]);
    // The respondent's side never sees who complained.
    const official = await call('GET', `/v1/complaints/${id}`, 'disciplinary-official');
    expect(official.body.complainant).toBeUndefined();
    expect(JSON.stringify(official.body)).not.toContain('Zhang');

    // The complainant follows it with the tracking code alone, and sees nothing internal.
    await ledger.settled();
    const tracked = await ledger.app.inject({ method: 'GET', url: `/v1/track/${filed.body.trackingCode}` });
    expect(tracked.json()).toEqual({ status: 'closed', receivedAt, dueAt: expect.any(String), closedAt: expect.any(String) });

    // Each event in the feed names its JSON Schema, generated from the zod catalogue, and its data fits it.
    const [filedEvent] = (await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).body.events.filter(
      (event: { subject: string }) => event.subject === `complaint-${id}`,
    );
    // v3: the filing carries the deadline (SPEC 3.2) and only a digest of the tracking code (SPEC 8); v1 and v2,
    // the filings of older ledgers, stay served for their events.
    expect(filedEvent.dataschema).toMatch(/^https?:\/\/[^/]+\/v1\/schemas\/ComplaintFiled\/v3$/);
    const schema = (await ledger.app.inject({ method: 'GET', url: new URL(filedEvent.dataschema).pathname })).json();
    expect(schema.required).toEqual(expect.arrayContaining(['complaintId', 'trackingCodeDigest', 'channel', 'departmentId', 'receivedAt']));
    expect(schema.properties).toHaveProperty('dueAt');
    expect(schema.properties).not.toHaveProperty('trackingCode');
    expect((await ledger.app.inject({ method: 'GET', url: '/v1/schemas/ComplaintFiled/v1' })).statusCode).toBe(200);
    expect((await ledger.app.inject({ method: 'GET', url: '/v1/schemas/ComplaintFiled/v2' })).statusCode).toBe(200);
    expect(schema.properties.channel.enum).toContain('hotline-12345');
  });

  it('refuses what does not fit, with the right status and problem, and writes nothing', async () => {
    const rejected = (await fileComplaint()).body.complaintId;
    await call('POST', `/v1/complaints/${rejected}/reject`, 'intake-clerk', { reason: 'duplicate' });
    const closedTwice = (await fileComplaint()).body.complaintId;
    await call('POST', `/v1/complaints/${closedTwice}/accept`, 'intake-clerk', {});
    await call('POST', `/v1/complaints/${closedTwice}/finding`, 'investigator', { outcome: 'invalid' });
    await call('POST', `/v1/complaints/${closedTwice}/close`, 'intake-clerk', { satisfaction: 1 });
    await call('POST', `/v1/complaints/${closedTwice}/reopen`, 'intake-clerk', { reason: 'redo' });
    await call('POST', `/v1/complaints/${closedTwice}/finding`, 'investigator', { outcome: 'invalid' });
    await call('POST', `/v1/complaints/${closedTwice}/close`, 'intake-clerk', { satisfaction: 1 });
    const before = (await feed()).length;
    const future = new Date(Date.now() + 86_400_000).toISOString();

    const cases: Array<[Promise<{ status: number; body: { type: string; errors?: Array<{ path: string }> } }>, number, string, string?]> = [
      [fileComplaint({ channel: 'carrier-pigeon' }), 400, '/problems/validation', 'body.channel'],
      [fileComplaint({ summary: 'x', surprise: true }), 400, '/problems/validation'],
      [fileComplaint({ departmentId: 'nowhere' }), 422, '/problems/unknown-department', 'body.departmentId'],
      [fileComplaint({ personId: 'nobody' }), 422, '/problems/unknown-person', 'body.personId'],
      [fileComplaint({ receivedAt: future }), 422, '/problems/future-business-time', 'body.receivedAt'],
      [call('POST', `/v1/complaints/${rejected}/finding`, 'investigator', { outcome: 'valid', personId: 'wang' }), 409, ''],
      [call('POST', `/v1/complaints/${closedTwice}/close`, 'intake-clerk', {}), 409, ''],
      [call('POST', `/v1/complaints/${closedTwice}/reopen`, 'intake-clerk', { reason: 'again' }), 422, ''],
      [call('POST', `/v1/complaints/${closedTwice}/appeal`, 'intake-clerk', { reason: 'r', at: future }), 422, '/problems/future-business-time', 'body.at'],
      [call('POST', '/v1/complaints/no-such-complaint/close', 'intake-clerk', {}), 404, ''],
      [call('POST', `/v1/complaints/${rejected}/finding`, 'intake-clerk', { outcome: 'valid' }), 403, '/problems/forbidden'],
    ];
    for (const [pending, status, type, field] of cases) {
      const response = await pending;
      expect(response.status, JSON.stringify(response.body)).toBe(status);
      expect(response.body.type).toMatch(type ? new RegExp(`^${type}$`) : /^\/problems\/[a-z-]+$/);
      if (field) expect(response.body.errors?.map((error) => error.path)).toContain(field);
    }
    expect((await feed()).length).toBe(before);
  });

  it('answers a repeated Idempotency-Key with the first answer and one set of events', async () => {
    const key = `file-${randomBytes(4).toString('hex')}`;
    const first = await fileComplaint({ summary: 'idempotent filing' }, { 'idempotency-key': key });
    const second = await fileComplaint({ summary: 'idempotent filing' }, { 'idempotency-key': key });
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    const id = first.body.complaintId;
    const acceptKey = { 'idempotency-key': `accept-${key}` };
    const accepted = await call('POST', `/v1/complaints/${id}/accept`, 'intake-clerk', {}, acceptKey);
    const acceptedAgain = await call('POST', `/v1/complaints/${id}/accept`, 'intake-clerk', {}, acceptKey);
    expect(acceptedAgain).toMatchObject({ status: 200, body: accepted.body });
    const events = (await feed()).filter((event) => event.subject === `complaint-${id}`);
    expect(events.map((event) => event.type.split('.').at(-2))).toEqual(['ComplaintFiled', 'ComplaintAccepted']);
    const reused = await fileComplaint({ summary: 'another request' }, { 'idempotency-key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.type).toBe('/problems/idempotency-key-reused');
  });

  it('never stores or publishes the complainant in clear text, and erases it without touching an event', async () => {
    const identity = { name: 'Qian Duoduo', phone: '13912345678', email: 'qian.duoduo@example.org' };
    const id = (await fileComplaint({ complainant: identity })).body.complaintId;
    const rows = async () => (await ledger.sql.query<{ event_id: string; data: string; metadata: string }>('select event_id, data::text as data, metadata::text as metadata from ledger_events order by position')).rows;
    const stored = await rows();
    for (const value of Object.values(identity)) {
      expect(JSON.stringify(stored)).not.toContain(value);
      expect(JSON.stringify(await feed())).not.toContain(value);
    }
    await ledger.settled();
    const ref = (await call('GET', `/v1/complaints/${id}`, 'intake-clerk')).body.complainant.ref;
    const erased = await call('DELETE', `/v1/complainants/${ref}/personal-data`, 'intake-clerk', { legalBasis: 'request of the data subject' });
    expect(erased.body).toEqual({ complainantRef: ref, erased: true });
    const after = await rows();
    expect(after.slice(0, stored.length)).toEqual(stored);
    const erasure = after.slice(stored.length);
    expect(erasure).toHaveLength(1);
    expect(JSON.parse(erasure[0]!.data)).toEqual({ complainantRef: ref, legalBasis: 'request of the data subject', at: expect.any(String) });
    const view = await call('GET', `/v1/complaints/${id}`, 'intake-clerk');
    expect(view.status).toBe(200);
    expect(view.body.complainant).toEqual({ ref, erased: true });
    expect((await call('DELETE', `/v1/complainants/${ref}/personal-data`, 'intake-clerk', { legalBasis: 'again' })).body.erased).toBe(true);
    expect((await rows()).length).toBe(after.length);
  });

  it('lists by department, person, status and overdue; the watcher records one overdue event per late complaint', async () => {
    const late = (await fileComplaint({ personId: 'wang', receivedAt: daysAgo(20) })).body.complaintId;
    await call('POST', `/v1/complaints/${late}/accept`, 'intake-clerk', {});
    const onTime = (await fileComplaint({ receivedAt: daysAgo(1) })).body.complaintId;
    await call('POST', `/v1/complaints/${onTime}/accept`, 'intake-clerk', {});
    await ledger.settled();
    const overdue = await call('GET', '/v1/complaints?overdue=true&limit=500', 'disciplinary-official');
    const overdueIds = overdue.body.items.map((item: { complaintId: string }) => item.complaintId);
    expect(overdueIds).toContain(late);
    expect(overdueIds).not.toContain(onTime);
    expect(overdue.body.items.find((item: { complaintId: string }) => item.complaintId === late)).toMatchObject({ status: 'accepted', overdue: true });
    const byPerson = await call('GET', '/v1/complaints?personId=wang&status=accepted', 'auditor');
    expect(byPerson.body.items.map((item: { complaintId: string }) => item.complaintId)).toContain(late);

    const deadlines = deadlineWatcher(ledger.context);
    expect(await deadlines.runOnce()).toBeGreaterThanOrEqual(1);
    await ledger.settled();
    expect(await deadlines.runOnce()).toBe(0);
    const marks = (await feed()).filter((event) => event.subject === `complaint-${late}` && event.type.includes('ComplaintOverdue'));
    expect(marks).toHaveLength(1);

    const paged = await call('GET', '/v1/complaints?departmentId=housing&limit=2', 'auditor');
    expect(paged.body.items).toHaveLength(2);
    const next = await call('GET', `/v1/complaints?departmentId=housing&limit=2&after=${paged.body.next}`, 'auditor');
    expect(next.body.items[0].complaintId > paged.body.items[1].complaintId).toBe(true);
  });
});

describe('the embedded ledger across a restart', () => {
  it('keeps every event and read model in its data folder', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ledger-restart-'));
    const vaultKey = randomBytes(32);
    try {
      let ledger = await startTestLedger({ dataDir, vaultKey });
      await ledger.app.inject({ method: 'PUT', url: '/v1/departments/d1', headers: as('evaluation-office'), payload: { name: 'D1', category: 'party-mass' } });
      const filed = await ledger.app.inject({
        method: 'POST',
        url: '/v1/complaints',
        headers: as('intake-clerk'),
        payload: { channel: 'web', departmentId: 'd1', category: 'attitude', summary: 'rude', complainant: { name: 'Sun Li' } },
      });
      const { complaintId, trackingCode } = filed.json();
      await ledger.settled();
      await ledger.stop();

      ledger = await startTestLedger({ dataDir, vaultKey });
      const view = await ledger.app.inject({ method: 'GET', url: `/v1/complaints/${complaintId}`, headers: as('intake-clerk') });
      expect(view.json()).toMatchObject({ complaintId, status: 'filed', complainant: { name: 'Sun Li' } });
      await ledger.settled();
      expect((await ledger.app.inject({ method: 'GET', url: `/v1/track/${trackingCode}` })).json()).toMatchObject({ status: 'filed' });
      await ledger.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, restartTestTimeoutMs);
});
