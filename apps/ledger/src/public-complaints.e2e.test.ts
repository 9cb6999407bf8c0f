import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, callerOf } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// SPEC 3.5 and 8, issue 13: complainants file, follow and rate with no key; the tracking code is the credential,
// never recorded in clear; public routes are rate-limited per client; public idempotency keys are never shared.

const trustedProxy = '10.0.0.1';
/** Headers as the trusted proxy sends them: what the client wrote (192.0.2.99, not believed), then the peer it saw. */
const viaProxy = (client: string) => ({ 'x-forwarded-for': `192.0.2.99, ${client}` });
const codePattern = /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/;

describe('the complainant without a key, on the embedded ledger', () => {
  let ledger: LedgerHost;
  const call: Call = callerOf(() => ledger);
  /** A request with no key, from a given client address (the rate limit and idempotency are per client). */
  const anonymous = async (method: 'GET' | 'POST', url: string, payload?: object, options: { from?: string; headers?: Record<string, string> } = {}) => {
    const response = await ledger.app.inject({
      method,
      url,
      remoteAddress: options.from ?? '198.51.100.1',
      headers: options.headers ?? {},
      ...(payload ? { payload } : {}),
    });
    return { status: response.statusCode, headers: response.headers, body: response.body ? response.json() : undefined, raw: response.body };
  };
  const filing = (summary: string) => ({
    channel: 'web',
    departmentId: 'pub-a',
    category: 'attitude',
    summary,
    complainant: { name: 'Chen Jing', phone: '13911112222', email: 'chen.jing@example.org' },
  });

  beforeAll(async () => {
    // 10.0.0.1 is the one reverse proxy believed (LEDGER_TRUSTED_PROXIES); every other peer is the client itself.
    ledger = await startTestLedger({ publicRateLimit: { max: 40, timeWindowMs: 60_000 }, trustedProxies: [trustedProxy] });
    await call('PUT', '/v1/departments/pub-a', 'evaluation-office', { name: '市住房保障局', category: 'service-facing' });
  });
  afterAll(() => ledger?.stop());

  /** Steps a filed complaint to closed through the staff routes; the id comes from the staff list. */
  async function closeByStaff(complaintId: string) {
    expect((await call('POST', `/v1/complaints/${complaintId}/accept`, 'intake-clerk', {})).status).toBe(200);
    expect((await call('POST', `/v1/complaints/${complaintId}/finding`, 'investigator', { outcome: 'invalid' })).status).toBe(200);
    expect((await call('POST', `/v1/complaints/${complaintId}/close`, 'intake-clerk', {})).status).toBe(200);
  }

  async function newestComplaintId(): Promise<string> {
    await ledger.settled();
    const list = await call('GET', '/v1/complaints?departmentId=pub-a&limit=500', 'intake-clerk');
    return (list.body.items as { complaintId: string; receivedAt: string }[]).toSorted((a, b) => a.receivedAt.localeCompare(b.receivedAt)).at(-1)!.complaintId;
  }

  it('files, follows, rates once after the close (409 before and twice), and reopens after a 2', async () => {
    const filed = await anonymous('POST', '/v1/public/complaints', filing('窗口工作人员态度恶劣，拒绝解释材料要求。'));
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    expect(filed.body).toEqual({ trackingCode: expect.stringMatching(codePattern), status: 'filed' });
    const code = filed.body.trackingCode as string;

    const tracked = await anonymous('GET', `/v1/track/${code}`);
    expect(tracked.status).toBe(200);
    // SPEC 3.2: the deadline is set at filing and shown to the complainant.
    expect(tracked.body).toEqual({ status: 'filed', receivedAt: expect.any(String), dueAt: expect.any(String) });
    // Lower case and without dashes still opens it: a code read out on the phone.
    expect((await anonymous('GET', `/v1/track/${code.toLowerCase().replaceAll('-', '')}`)).status).toBe(200);
    expect((await anonymous('GET', '/v1/track/AAAA-BBBB-CCCC-DDDD')).status).toBe(404);

    expect(await anonymous('POST', `/v1/track/${code}/rating`, { satisfaction: 2 })).toMatchObject({
      status: 409,
      body: { type: '/problems/rating-before-close', status: 409 },
    });

    const complaintId = await newestComplaintId();
    await closeByStaff(complaintId);
    // The call-back is not the complainant's rating: closing without it leaves the complainant's to give.
    const rated = await anonymous('POST', `/v1/track/${code}/rating`, { satisfaction: 2, comment: '问题没有解决，我叫陈静。' });
    expect(rated.status, JSON.stringify(rated.body)).toBe(201);
    expect(rated.body).toEqual({ satisfaction: 2, ratedAt: expect.any(String) });
    expect(await anonymous('POST', `/v1/track/${code}/rating`, { satisfaction: 5 })).toMatchObject({ status: 409, body: { type: '/problems/already-rated' } });
    await ledger.settled();
    expect((await anonymous('GET', `/v1/track/${code}`)).body).toMatchObject({ status: 'closed', rating: { satisfaction: 2 }, closedAt: expect.any(String) });

    // A 2 from the complainant allows the one reopen.
    const reopened = await call('POST', `/v1/complaints/${complaintId}/reopen`, 'intake-clerk', { reason: '回访不满意重办' });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'accepted' });
    await ledger.settled();
    expect((await anonymous('GET', `/v1/track/${code}`)).body).toMatchObject({ status: 'accepted', rating: { satisfaction: 2 } });

    // Staff find it by id and see neither the code nor its digest.
    const staffView = await call('GET', `/v1/complaints/${complaintId}`, 'intake-clerk');
    expect(JSON.stringify(staffView.body)).not.toMatch(/trackingCode|hmac-sha256/);
    expect(JSON.stringify(staffView.body)).not.toContain(code);
    expect(JSON.stringify(staffView.body)).not.toContain('陈静');
  });

  it('refuses the staff channels and a body it does not know, and needs no key', async () => {
    expect((await anonymous('POST', '/v1/public/complaints', { ...filing('Filed on the hotline by the public'), channel: 'hotline-12345' })).status).toBe(400);
    expect((await anonymous('POST', '/v1/public/complaints', { ...filing('Received in the past, says the public'), receivedAt: '2020-01-01T00:00:00Z' })).status).toBe(400);
    expect(await anonymous('POST', '/v1/public/complaints', { ...filing('Against a department nobody knows'), departmentId: 'nowhere' })).toMatchObject({ status: 422 });
    expect((await anonymous('POST', '/v1/public/complaints', { ...filing('扫码投诉：窗口无人'), channel: 'qr-code' })).status).toBe(201);
  });

  it('answers a retry of the same client with the same code, and another client with the same key a complaint of its own', async () => {
    const headers = { 'idempotency-key': 'same-key-everyone-uses' };
    const body = filing('同一个幂等键：第一次提交。');
    const first = await anonymous('POST', '/v1/public/complaints', body, { from: '198.51.100.7', headers });
    const retry = await anonymous('POST', '/v1/public/complaints', body, { from: '198.51.100.7', headers });
    const other = await anonymous('POST', '/v1/public/complaints', body, { from: '203.0.113.9', headers });
    const otherBody = await anonymous('POST', '/v1/public/complaints', filing('同一个幂等键：另一份投诉。'), { from: '198.51.100.7', headers });
    expect([first.status, retry.status, other.status, otherBody.status]).toEqual([201, 201, 201, 201]);
    expect(retry.body.trackingCode).toBe(first.body.trackingCode);
    expect(other.body.trackingCode).not.toBe(first.body.trackingCode);
    expect(otherBody.body.trackingCode).not.toBe(first.body.trackingCode);
    await ledger.settled();
    for (const answer of [first, other, otherBody]) expect((await anonymous('GET', `/v1/track/${answer.body.trackingCode}`)).status).toBe(200);
  });

  it('keeps every tracking code and the public idempotency keys out of the feed', async () => {
    const issued: string[] = [];
    for (const summary of ['查码：第一份', '查码：第二份']) issued.push((await anonymous('POST', '/v1/public/complaints', filing(summary), { headers: { 'idempotency-key': `feed-scan-${issued.length}` } })).body.trackingCode);
    await ledger.settled();
    const feed = JSON.stringify((await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).body);
    expect(feed).toContain('hmac-sha256:');
    for (const code of issued) {
      expect(feed).not.toContain(code);
      expect(feed).not.toContain(code.replaceAll('-', ''));
    }
    expect(feed).not.toContain('feed-scan-');
    expect(feed).not.toMatch(/Chen Jing|13911112222|chen\.jing@example\.org|陈静/);
  });

  it('answers 429 with Retry-After past the limit, for that client only', async () => {
    const from = '192.0.2.50';
    let last = await anonymous('GET', '/v1/track/ZZZZ-ZZZZ-ZZZZ-ZZZZ', undefined, { from });
    for (let i = 0; i < 45 && last.status !== 429; i++) last = await anonymous('GET', '/v1/track/ZZZZ-ZZZZ-ZZZZ-ZZZZ', undefined, { from });
    expect(last.status).toBe(429);
    expect(last.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.body).toMatchObject({ type: '/problems/rate-limited', status: 429, title: expect.any(String), detail: expect.any(String) });
    // One budget across the public routes: the department directory and a single bulletin are limited with the rest.
    for (const url of ['/v1/public/departments', '/v1/public/departments/some-department', '/v1/public/bulletins/some-bulletin']) {
      expect((await anonymous('GET', url, undefined, { from })).status, url).toBe(429);
    }
    // Another client still gets in; staff routes are not limited.
    expect((await anonymous('GET', '/v1/track/ZZZZ-ZZZZ-ZZZZ-ZZZZ', undefined, { from: '192.0.2.51' })).status).toBe(404);
    expect((await call('GET', '/v1/complaints?limit=1', 'intake-clerk')).status).toBe(200);
  });

  /** Asks until the rate limit answers 429 (at most 45 times, the limit being 40); `headers` may differ per request. */
  async function untilLimited(from: string, headers: (attempt: number) => Record<string, string> = () => ({})) {
    let last = await anonymous('GET', '/v1/track/ZZZZ-ZZZZ-ZZZZ-ZZZZ', undefined, { from, headers: headers(0) });
    let attempts = 1;
    for (; attempts < 45 && last.status !== 429; attempts++) last = await anonymous('GET', '/v1/track/ZZZZ-ZZZZ-ZZZZ-ZZZZ', undefined, { from, headers: headers(attempts) });
    return { status: last.status, attempts };
  }

  it('ignores X-Forwarded-For from a peer that is no trusted proxy: a new address each time does not escape the limit', async () => {
    const spoofed = await untilLimited('192.0.2.60', (attempt) => ({ 'x-forwarded-for': `203.0.113.${attempt + 1}` }));
    expect(spoofed).toEqual({ status: 429, attempts: 41 });
  });

  it('counts the client a trusted proxy names in X-Forwarded-For, for the rate limit and for public idempotency', async () => {
    // The proxy's header names the client (the last address before the proxy); what the client wrote before it is not believed.
    expect(await untilLimited(trustedProxy, () => viaProxy('198.51.100.80'))).toEqual({ status: 429, attempts: 41 });
    // Another client behind the same proxy has a budget of its own; so has the proxy's own address.
    expect((await anonymous('GET', '/v1/track/ZZZZ-ZZZZ-ZZZZ-ZZZZ', undefined, { from: trustedProxy, headers: viaProxy('198.51.100.81') })).status).toBe(404);
    expect((await anonymous('GET', '/v1/track/ZZZZ-ZZZZ-ZZZZ-ZZZZ', undefined, { from: trustedProxy })).status).toBe(404);

    // Two clients behind the proxy with the same idempotency key: two complaints; one client's retry: the same one.
    const body = filing('代理之后：同一个幂等键。');
    const send = (client: string) => anonymous('POST', '/v1/public/complaints', body, { from: trustedProxy, headers: { ...viaProxy(client), 'idempotency-key': 'behind-the-proxy' } });
    const first = await send('198.51.100.82');
    const retry = await send('198.51.100.82');
    const other = await send('198.51.100.83');
    expect([first.status, retry.status, other.status]).toEqual([201, 201, 201]);
    expect(retry.body.trackingCode).toBe(first.body.trackingCode);
    expect(other.body.trackingCode).not.toBe(first.body.trackingCode);
  });
});
