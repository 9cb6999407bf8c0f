import { randomUUID } from 'node:crypto';
import { serviceNames } from '@ledger/events';
import { createKafka, deleteTopicsWithPrefix, ledgerTopics, readTopicsToEnd, sqlCheckpointStore, startKafkaRelay } from '@ledger/messaging';
import { createLogger } from '@ledger/platform';
import { findEngine } from '@ledger/testing';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, callerOf, day, foundComplaint } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 13.4-5, SPEC 5 and 12: bulletins (list and Atom), public rankings of closed years, public accountability;
// then the leak test: a seeded ledger's every public answer is walked for complainants' names, phones, e-mails and
// tracking codes, and the feed and every message the relay publishes to Kafka for them.
const kafka = await findEngine('kafka');

const complainants = [
  { name: '王小明', phone: '13700001111', email: 'wxm@example.cn' },
  { name: 'Liu Yang', phone: '+86 139 2222 3333', email: 'liu.yang@example.org' },
];

describe('the public record, with no key', () => {
  let ledger: LedgerHost;
  const call: Call = callerOf(() => ledger);
  const open = async (url: string) => {
    const response = await ledger.app.inject({ method: 'GET', url, remoteAddress: '198.51.100.20' });
    return { status: response.statusCode, type: String(response.headers['content-type']), text: response.body };
  };
  const codes: string[] = [];
  let publicApologyId = '';
  /** What must never be public nor leave the vault in clear: complainants' identities and tracking codes (as given and without dashes). */
  const secrets = () => [...complainants.flatMap((person) => [person.name, person.phone, person.email]), ...codes, ...codes.map((code) => code.replaceAll('-', ''))];

  beforeAll(async () => {
    ledger = await startTestLedger({ publicRateLimit: { max: 1_000, timeWindowMs: 60_000 } });
    await call('PUT', '/v1/departments/pr-a', 'evaluation-office', { name: '市不动产登记中心', category: 'service-facing' });
    await call('PUT', '/v1/people/pr-p', 'evaluation-office', { name: '赵科长', departmentId: 'pr-a' });
    // The leader is named in public only by the bottom-rank outcome that holds them to account (and a bulletin names whom it names).
    await call('PUT', '/v1/people/pr-leader', 'evaluation-office', { name: '钱主任', departmentId: 'pr-a' });
    await call('PUT', '/v1/departments/pr-a', 'evaluation-office', { name: '市不动产登记中心', category: 'service-facing', leaderPersonId: 'pr-leader' });
    // 2024: ratings of 3 only (index 50): unsatisfied and bottom of its category, so an admonition talk.
    for (let i = 0; i < 3; i++) {
      expect((await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: `pr-t${i}`, departmentId: 'pr-a', platform: 'service-center', level: 3, ratedAt: day('2024-03-10') })).status).toBe(201);
    }
    // Complaints with identities, on the staff and the public desk.
    const filed = await call('POST', '/v1/complaints', 'intake-clerk', {
      channel: 'hotline-12345', departmentId: 'pr-a', personId: 'pr-p', category: 'delay', summary: '登记拖延两个月', receivedAt: day('2024-02-01'), complainant: complainants[0],
    });
    codes.push(filed.body.trackingCode);
    const web = await ledger.app.inject({ method: 'POST', url: '/v1/public/complaints', remoteAddress: '198.51.100.21', payload: { channel: 'web', departmentId: 'pr-a', category: 'attitude', summary: '窗口人员推诿', complainant: complainants[1] } });
    expect(web.statusCode).toBe(201);
    codes.push(web.json().trackingCode);
    // A valid finding at fault (a direct apology, to the complainant) and media exposure (a public apology).
    await foundComplaint(call, { departmentId: 'pr-a', personId: 'pr-p', receivedAt: day('2024-03-01'), departmentsAtFault: ['pr-a'] });
    const incident = await call('POST', '/v1/departments/pr-a/incidents', 'disciplinary-official', { kind: 'media-exposure', note: '电视问政曝光', at: day('2024-06-01') });
    expect(incident.status, JSON.stringify(incident.body)).toBe(201);
    publicApologyId = incident.body.apology.apologyId;
    expect((await call('POST', '/v1/periods/2024/close', 'evaluation-office', {})).status).toBe(200);
    await ledger.settled();
  });
  afterAll(() => ledger?.stop());

  it('records a public apology with its outlet, date and reference, and publishes it with the bottom-rank outcome', async () => {
    const url = `/v1/apologies/${encodeURIComponent(publicApologyId)}/carry-out`;
    expect(await call('POST', url, 'disciplinary-official', { by: 'pr-leader', at: day('2024-06-10') })).toMatchObject({ status: 422, body: { errors: [{ path: 'body.outlet' }] } });
    const carried = await call('POST', url, 'disciplinary-official', { by: 'pr-leader', at: day('2024-06-10'), outlet: 'newspaper', madeAt: day('2024-06-09'), reference: '《市日报》2024年6月9日第3版' });
    expect(carried.status, JSON.stringify(carried.body)).toBe(200);
    await ledger.settled();
    const answer = await open('/v1/public/accountability/2024');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      year: 2024,
      bottomRank: [{ departmentId: 'pr-a', year: 2024, outcome: 'admonition-talk', leaderPersonId: 'pr-leader', leaderName: '钱主任' }],
      apologies: [{ departmentId: 'pr-a', kind: 'public', outlet: 'newspaper', madeAt: day('2024-06-09'), reference: '《市日报》2024年6月9日第3版' }],
    });
  });

  it('publishes rankings of closed years only', async () => {
    const closed = await open('/v1/public/rankings/2024');
    expect(closed.status).toBe(200);
    expect(JSON.parse(closed.text).items).toEqual([expect.objectContaining({ departmentId: 'pr-a', rank: 1, bottom: true, grade: 'unsatisfied' })]);
    const staff = await call('GET', '/v1/rankings/2024', 'evaluation-office');
    expect(JSON.parse(closed.text).items).toEqual(staff.body.items);
    expect((await open('/v1/public/rankings/2025')).status).toBe(404);
  });

  it('keeps bulletins as published, a correction being a new one, as a list and a valid Atom feed', async () => {
    const first = await call('POST', '/v1/bulletins', 'evaluation-office', { kind: 'criticism', title: '关于市不动产登记中心办件拖延的通报', body: '经核查，该中心存在办件拖延问题，予以通报批评。', subjects: [{ departmentId: 'pr-a' }, { personId: 'pr-p' }] });
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toEqual({ bulletinId: expect.any(String), publishedAt: expect.any(String) });
    const again = await call('POST', '/v1/bulletins', 'evaluation-office', { kind: 'notice', title: '重复', body: '同一键', subjects: [] }, { 'idempotency-key': 'b-1' });
    const repeat = await call('POST', '/v1/bulletins', 'evaluation-office', { kind: 'notice', title: '重复', body: '同一键', subjects: [] }, { 'idempotency-key': 'b-1' });
    expect(repeat.body.bulletinId).toBe(again.body.bulletinId);
    const correction = await call('POST', '/v1/bulletins', 'evaluation-office', { kind: 'notice', title: '更正：通报日期', body: '前一通报中的日期应为6月9日。', subjects: [{ departmentId: 'pr-a' }], corrects: first.body.bulletinId });
    expect(correction.status).toBe(201);
    expect((await call('POST', '/v1/bulletins', 'evaluation-office', { kind: 'praise', title: 'x', body: 'y', subjects: [{ personId: 'nobody' }] })).status).toBe(422);
    expect((await call('POST', '/v1/bulletins', 'evaluation-office', { kind: 'praise', title: 'x', body: 'y', subjects: [], corrects: 'never-published' })).status).toBe(422);
    expect((await call('POST', '/v1/bulletins', 'intake-clerk', { kind: 'praise', title: 'x', body: 'y', subjects: [] })).status).toBe(403);
    await ledger.settled();

    const list = JSON.parse((await open('/v1/public/bulletins')).text);
    expect(list.items.map((item: { title: string }) => item.title)).toEqual(['关于市不动产登记中心办件拖延的通报', '重复', '更正：通报日期']);
    expect(list.items[2]).toMatchObject({ corrects: first.body.bulletinId, subjects: [{ departmentId: 'pr-a' }] });
    // The corrected bulletin stays as published, and says which bulletin corrects it; the others say nothing of it.
    expect(list.items[0]).toMatchObject({ bulletinId: first.body.bulletinId, title: '关于市不动产登记中心办件拖延的通报', correctedBy: [correction.body.bulletinId] });
    expect(list.items[1]).not.toHaveProperty('correctedBy');
    expect(list.items[2]).not.toHaveProperty('correctedBy');
    const paged = JSON.parse((await open('/v1/public/bulletins?limit=2')).text);
    expect(paged.items).toHaveLength(2);
    expect(JSON.parse((await open(`/v1/public/bulletins?after=${paged.next}`)).text).items.map((item: { title: string }) => item.title)).toEqual(['更正：通报日期']);
    // Newest first, a page at a time: `next` continues in the same order; a wrong order is a 400 problem.
    const titlesOf = async (url: string) => JSON.parse((await open(url)).text) as { items: Array<{ title: string }>; next?: string };
    const newest = await titlesOf('/v1/public/bulletins?order=newest&limit=2');
    expect(newest.items.map((item) => item.title)).toEqual(['更正：通报日期', '重复']);
    const older = await titlesOf(`/v1/public/bulletins?order=newest&limit=2&after=${newest.next}`);
    expect(older).toEqual({ items: [list.items[0]] });
    expect((await titlesOf('/v1/public/bulletins?order=newest')).items).toEqual(list.items.toReversed());
    expect((await titlesOf('/v1/public/bulletins?order=oldest')).items).toEqual(list.items);
    expect(JSON.parse((await open('/v1/public/bulletins?order=latest')).text)).toMatchObject({ status: 400, errors: [{ path: expect.stringContaining('order') }] });

    const atom = await open('/v1/public/bulletins.atom');
    expect(atom.status).toBe(200);
    expect(atom.type).toMatch(/^application\/atom\+xml/);
    expect(XMLValidator.validate(atom.text)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(atom.text);
    expect(parsed.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(parsed.feed.title).toBe('效能问责公开通报');
    const entries = [parsed.feed.entry].flat();
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      expect(entry.id).toMatch(/^urn:uuid:/);
      expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
      const title = typeof entry.title === 'object' ? entry.title['#text'] : entry.title;
      expect(title).toMatch(/^【(通知|通报批评|通报表扬)】/);
    }
    const summaryOf = (title: string) => {
      const entry = entries.find((candidate) => String(typeof candidate.title === 'object' ? candidate.title['#text'] : candidate.title).endsWith(title));
      return entry.summary === undefined ? undefined : String(typeof entry.summary === 'object' ? entry.summary['#text'] : entry.summary);
    };
    // Newest first; each entry names its subjects (summary and categories) and its corrections.
    expect(entries.map((entry) => String(typeof entry.title === 'object' ? entry.title['#text'] : entry.title))).toEqual(['【通知】更正：通报日期', '【通知】重复', '【通报批评】关于市不动产登记中心办件拖延的通报']);
    expect(summaryOf('关于市不动产登记中心办件拖延的通报')).toBe(`通报对象：市不动产登记中心、赵科长。本通报已由通报 ${correction.body.bulletinId} 更正`);
    expect(summaryOf('更正：通报日期')).toBe(`通报对象：市不动产登记中心。更正通报 ${first.body.bulletinId}`);
    expect(summaryOf('重复')).toBeUndefined();
    const categoriesOf = (index: number) => [entries[index].category ?? []].flat().map((category: Record<string, string>) => [category['@_term'], category['@_label']]);
    expect(categoriesOf(2)).toEqual([['市不动产登记中心', '市不动产登记中心'], ['赵科长', '赵科长']]);
    expect(categoriesOf(1)).toEqual([]);

    // Bulletins name their subjects in public: the departments and people by name as the registry has them now.
    expect(list.items[0].subjects).toEqual([{ departmentId: 'pr-a', departmentName: '市不动产登记中心' }, { personId: 'pr-p', personName: '赵科长' }]);
    // One bulletin by id, as the list gives it (its corrections too); an unknown one is a 404 problem.
    const one = await open(`/v1/public/bulletins/${encodeURIComponent(first.body.bulletinId)}`);
    expect(one.status).toBe(200);
    expect(JSON.parse(one.text)).toEqual(list.items[0]);
    expect(JSON.parse((await open(`/v1/public/bulletins/${encodeURIComponent(correction.body.bulletinId)}`)).text)).toEqual(list.items[2]);
    const unknown = await open('/v1/public/bulletins/never-published');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(unknown.text)).toMatchObject({ status: 404, title: 'Not found', detail: 'bulletin never-published does not exist' });
  });

  it('names the registered departments in public, by id with their names and categories, and nothing of their leaders', async () => {
    // Registered after 2024 closed: it is in no ranking, and named all the same.
    await call('PUT', '/v1/departments/pr-b', 'evaluation-office', { name: '共青团市委', category: 'party-mass' });
    await ledger.settled();
    const directory = await open('/v1/public/departments');
    expect(directory.status).toBe(200);
    expect(JSON.parse(directory.text)).toEqual({
      items: [
        { departmentId: 'pr-a', name: '市不动产登记中心', category: 'service-facing' },
        { departmentId: 'pr-b', name: '共青团市委', category: 'party-mass' },
      ],
    });
    for (const leader of ['pr-leader', '钱主任']) expect(directory.text).not.toContain(leader);
    const first = JSON.parse((await open('/v1/public/departments?limit=1')).text);
    expect(first.items.map((item: { departmentId: string }) => item.departmentId)).toEqual(['pr-a']);
    expect(JSON.parse((await open(`/v1/public/departments?after=${first.next}`)).text)).toEqual({ items: [{ departmentId: 'pr-b', name: '共青团市委', category: 'party-mass' }] });
    expect(JSON.parse((await open('/v1/public/departments?category=party-mass')).text).items).toEqual([{ departmentId: 'pr-b', name: '共青团市委', category: 'party-mass' }]);
    expect(JSON.parse((await open('/v1/public/departments?category=nope')).text)).toMatchObject({ status: 400, errors: [{ path: expect.stringContaining('category') }] });
    // One department, as a service window's QR code names it.
    const one = await open('/v1/public/departments/pr-a');
    expect(JSON.parse(one.text)).toEqual({ departmentId: 'pr-a', name: '市不动产登记中心', category: 'service-facing' });
    expect(one.text).not.toContain('pr-leader');
    expect(JSON.parse((await open('/v1/public/departments/nowhere')).text)).toMatchObject({ status: 404, detail: 'department nowhere does not exist' });
  });

  it('leaks nothing about complainants on any public answer, nor a tracking code in the feed', async () => {
    await ledger.settled();
    const bulletinIds = (JSON.parse((await open('/v1/public/bulletins')).text).items as Array<{ bulletinId: string }>).map((item) => item.bulletinId);
    expect(bulletinIds.length).toBeGreaterThan(0);
    const answers = [
      await open('/v1/public/bulletins'),
      ...(await Promise.all(bulletinIds.map((bulletinId) => open(`/v1/public/bulletins/${encodeURIComponent(bulletinId)}`)))),
      await open('/v1/public/bulletins.atom'),
      await open('/v1/public/departments'),
      await open('/v1/public/departments/pr-a'),
      await open('/v1/public/rankings/2024'),
      await open('/v1/public/accountability/2024'),
      await open('/docs/json'),
      ...(await Promise.all(codes.map((code) => open(`/v1/track/${code}`)))),
    ];
    for (const answer of answers) expect(answer.status).toBe(200);
    for (const [index, answer] of answers.entries()) {
      for (const secret of secrets()) expect(answer.text, `public answer ${index} shows ${secret}`).not.toContain(secret);
    }
    // The feed holds only digests of the codes and sealed identities.
    const feed = JSON.stringify((await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).body);
    for (const secret of secrets()) expect(feed).not.toContain(secret);
  });

  it.skipIf(!kafka.available)('puts no tracking code nor complainant on Kafka: every message the relay publishes, on every topic', async () => {
    await ledger.settled();
    // The distributed relay's own code, publishing this ledger's store to topics of a prefix of this test's.
    const topicPrefix = `leak-${randomUUID().slice(0, 8)}.`;
    const logger = createLogger({ level: 'silent' });
    const client = createKafka({ brokers: kafka.available ? kafka.url : '', logger });
    const relay = await startKafkaRelay({ kafka: client, store: ledger.store, checkpoints: await sqlCheckpointStore(ledger.sql), logger, name: `relay-${topicPrefix}`, topicPrefix, lingerMs: 5 });
    try {
      const head = await ledger.store.headPosition();
      for (let waited = 0; relay.publishedPosition() < head; waited += 50) {
        if (waited > 30_000) throw new Error(`the relay published up to ${relay.publishedPosition()} of ${head} in 30 s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const topics = serviceNames.map(ledgerTopics(topicPrefix).of);
      const messages = await readTopicsToEnd(client, topics);
      // Every event is there (none hidden from the scan), filings included, with their codes as keyed digests.
      expect(messages.length).toBeGreaterThanOrEqual(head);
      const filed = messages.filter((message) => message.headers.ce_type?.includes('ComplaintFiled'));
      expect(filed.length).toBeGreaterThanOrEqual(codes.length);
      for (const message of filed) expect(message.value).toContain('hmac-sha256:');
      for (const message of messages) {
        const text = JSON.stringify({ key: message.key, value: message.value, headers: message.headers });
        for (const secret of secrets()) expect(text, `${message.topic} at ${message.offset} shows ${secret}`).not.toContain(secret);
      }
    } finally {
      await relay.stop();
      await deleteTopicsWithPrefix(client, topicPrefix).catch(() => {});
    }
  });
});
