import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ReplayReport, documentsOf } from '@ledger/audit';
import { deadlineWatcher } from '@ledger/complaints';
import { rectificationDeadlineWatcher } from '@ledger/rectification';
import { catalogue } from '@ledger/events';
import type { Role } from '@ledger/platform';
import type { Document } from '@ledger/readstore';
import { withinTimeout } from '@ledger/testing/hook-timeout';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from './cli/io.ts';
import { ledgerReadModels } from './cli/replay-command.ts';
import { runLedgerCli } from './cli/run.ts';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

type Snapshot = Record<string, Document[]>;

/**
 * The replay of a stopped ledger opens its data folder anew for each of four CLI runs (a PGlite open takes seconds on
 * a quiet machine, tens of seconds on a loaded one). The replays over HTTP rebuild into a store in memory, which
 * costs nothing to open, and keep the default budget (4 s, 1.4 s and 0.7 s at load 28 on 2 cores; the data-folder test 43 s).
 */
const dataFolderReplaysTimeoutMs = 150_000;

/**
 * Building the ledger is about 130 requests, each followed by the work of every in-process consumer, and 20 waits for
 * the consumers to settle, into a data folder: it took over 120 s (the default hook timeout) in a test run at load
 * 30–40 on 2 cores. Its budget is proportionate to that work, so that only a real hang fails it.
 */
const buildLedgerTimeoutMs = 400_000;

/**
 * Issue "Audit", done means: a ledger built through HTTP with every kind of event its API records,
 * replayed from the first event, equals the live read models; and rebuilt as of an instant, it
 * equals what the live models held then. The comparison covers every module's projections, so
 * read models added later are compared without changing this file.
 */
describe('replaying a ledger built through HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-replay-'));
  const auditorKey = as('auditor').authorization!.slice('Bearer '.length);
  const projections = ledgerReadModels();
  const collections = [...new Set(projections.flatMap((projection) => projection.collections))];
  let ledger: LedgerHost;
  let ledgerRunning = false;
  let address: string;
  let asOf: string;
  let snapshotAtInstant: Snapshot;
  let eventTypes: string[];
  // Business times in the past and in order: every step is valid, and a month old complaint is overdue.
  let clock = Date.now() - 30 * 86_400_000;
  const past = () => new Date((clock += 60_000)).toISOString();

  const call = async (method: 'POST' | 'PUT' | 'GET' | 'DELETE', url: string, role: Role, payload?: object) => {
    const response = await ledger.app.inject({ method, url, headers: as(role), ...(payload ? { payload } : {}) });
    expect(response.statusCode, `${method} ${url}: ${response.body}`).toBeLessThan(300);
    return response.json();
  };
  const complaint = async (extra: object = {}) =>
    (await call('POST', '/v1/complaints', 'intake-clerk', { channel: 'petition-office', departmentId: 'health', category: 'attitude', summary: 'Rude at the counter', receivedAt: past(), ...extra }))
      .complaintId as string;
  const step = (id: string, action: string, role: Role, body: object = {}) => call('POST', `/v1/complaints/${id}/${action}`, role, { ...body, at: past() });
  const snapshot = async (): Promise<Snapshot> => {
    const all: Snapshot = {};
    for (const collection of collections) {
      all[collection] = [];
      for await (const document of documentsOf(ledger.readStore, collection)) all[collection].push(document);
    }
    return all;
  };
  const cli = async (...args: string[]) => {
    const out: string[] = [];
    const io: CliIo = { out: (text) => void out.push(text), err: (text) => void out.push(text), env: {} };
    const code = await runLedgerCli(args, io);
    return { code, output: out.join('') };
  };

  beforeAll(
    ...withinTimeout(buildLedgerTimeoutMs, async () => {
      ledger = await startTestLedger({ dataDir });
      ledgerRunning = true;
      address = await ledger.app.listen({ host: '127.0.0.1', port: 0 });

      // Registry: registered and changed departments and people.
      await call('PUT', '/v1/departments/health', 'evaluation-office', { name: 'Health Bureau', category: 'service-facing' });
      await call('PUT', '/v1/departments/tax', 'evaluation-office', { name: 'Tax Office', category: 'vertical' });
      await call('PUT', '/v1/people/sun', 'evaluation-office', { name: 'Sun Li', departmentId: 'health', post: 'clerk' });
      await call('PUT', '/v1/people/zhou', 'evaluation-office', { name: 'Zhou Min', departmentId: 'health' });
      await call('PUT', '/v1/departments/health', 'evaluation-office', { name: 'Health Bureau', category: 'service-facing', leaderPersonId: 'zhou' });

      // Complaints through every step: filed, rejected, accepted, assigned, findings of each outcome,
      // closed with a poor rating, reopened, found again, appealed and decided both ways.
      const rejected = await complaint();
      await step(rejected, 'reject', 'intake-clerk', { reason: 'duplicate' });
      const full = await complaint({ personId: 'sun', complainant: { name: 'Wu Yi', email: 'wu.yi@example.org' } });
      await step(full, 'accept', 'intake-clerk');
      await step(full, 'assign', 'intake-clerk', { investigatorId: 'inv-7' });
      await step(full, 'finding', 'investigator', { outcome: 'valid', personId: 'sun', departmentsAtFault: ['health', 'tax'] });
      await step(full, 'close', 'intake-clerk', { satisfaction: 1 });
      await step(full, 'reopen', 'intake-clerk', { reason: 'the redo was not done' });
      await step(full, 'finding', 'investigator', { outcome: 'valid-violation', personId: 'sun' });
      await step(full, 'close', 'intake-clerk', { satisfaction: 4 });
      await step(full, 'appeal', 'disciplinary-official', { reason: 'new evidence' });
      await step(full, 'appeal-decision', 'disciplinary-official', { decision: 'overturned', outcome: 'invalid', reason: 'not substantiated' });
      const upheld = await complaint({ personId: 'zhou' });
      await step(upheld, 'accept', 'intake-clerk', {});
      await step(upheld, 'finding', 'investigator', { outcome: 'valid', personId: 'zhou' });
      await step(upheld, 'appeal', 'disciplinary-official', { reason: 'disputed' });
      await step(upheld, 'appeal-decision', 'disciplinary-official', { decision: 'upheld', reason: 'substantiated' });
      // SPEC 4.4: two valid complaints against qian, then the first overturned: step 2 is rescinded and step 1
      // survives on the second complaint (the change of support is an event).
      await call('PUT', '/v1/people/qian', 'evaluation-office', { name: 'Qian Jin', departmentId: 'health' });
      const first = await complaint({ personId: 'qian' });
      await step(first, 'accept', 'intake-clerk');
      await step(first, 'finding', 'investigator', { outcome: 'valid', personId: 'qian' });
      const second = await complaint({ personId: 'qian' });
      await step(second, 'accept', 'intake-clerk');
      await step(second, 'finding', 'investigator', { outcome: 'valid', personId: 'qian' });
      await step(first, 'appeal', 'disciplinary-official', { reason: 'wrong person' });
      await step(first, 'appeal-decision', 'disciplinary-official', { decision: 'overturned', outcome: 'invalid', reason: 'the counter was closed that day' });
      // SPEC 4.7: a valid-violation finding opens a referral, whose outcome is recorded.
      const violation = await complaint({ personId: 'qian' });
      await step(violation, 'accept', 'intake-clerk');
      await step(violation, 'finding', 'investigator', { outcome: 'valid-violation', personId: 'qian' });
      await ledger.settled();
      const referral = (await call('GET', '/v1/referrals?personId=qian&status=open', 'disciplinary-official')).items[0].referralId as string;
      await call('POST', `/v1/referrals/${encodeURIComponent(referral)}/outcome`, 'disciplinary-official', { outcome: 'no-sanction', reference: 'JW-2026-17', at: past() });
      // SPEC 8: a key issued and revoked.
      const issued = await call('POST', '/v1/keys', 'administrator', { role: 'auditor', personId: 'aud-2', label: 'second auditor' });
      await call('DELETE', `/v1/keys/${issued.keyId}`, 'administrator');
      const late = await complaint({ complainant: { name: 'Zheng Er', phone: '13600000000' } });
      await step(late, 'accept', 'intake-clerk');
      // SPEC 3.2: one extension, with its reason, while the deadline runs.
      await step(late, 'extend', 'intake-clerk', { days: 5, reason: 'waiting for the hospital records' });
      // The complainant's own rating through the tracking code (SPEC 3.5), and a bulletin (SPEC 12).
      const rated = await call('POST', '/v1/complaints', 'intake-clerk', { channel: 'web', departmentId: 'health', category: 'delay', summary: 'Slow', receivedAt: past() });
      await step(rated.complaintId, 'accept', 'intake-clerk');
      await step(rated.complaintId, 'finding', 'investigator', { outcome: 'invalid' });
      await step(rated.complaintId, 'close', 'intake-clerk');
      await ledger.settled();
      await call('POST', `/v1/track/${rated.trackingCode}/rating`, 'complainant', { satisfaction: 3 });
      await call('POST', '/v1/bulletins', 'evaluation-office', { kind: 'notice', title: '通知', body: '公开通报', subjects: [{ departmentId: 'health' }] });
      await ledger.settled();
      // Overdue: the watcher records it for the complaint accepted a month ago and never closed.
      expect(await deadlineWatcher(ledger.context).runOnce()).toBeGreaterThanOrEqual(1);
      await ledger.settled();
      // SPEC 3.7: a complaint nobody accepted, overdue, explained now with a commitment ahead.
      const unanswered = await complaint({ receivedAt: new Date(Date.now() - 25 * 86_400_000).toISOString() });
      await call('POST', `/v1/complaints/${unanswered}/explanation`, 'intake-clerk', { explanation: 'The records arrived late', commitmentAt: new Date(Date.now() + 5 * 86_400_000).toISOString() });
      await ledger.settled();

      // Discipline: the valid finding against zhou decided a sanction; carry it out. A department incident
      // requires a public apology; carry that out too. A new ladder policy, and a recorded history read.
      const [sanction] = (await call('GET', '/v1/sanctions?personId=zhou', 'disciplinary-official')).items as Array<{ sanctionId: string }>;
      await call('POST', `/v1/sanctions/${encodeURIComponent(sanction!.sanctionId)}/carry-out`, 'disciplinary-official', { by: 'official-1', at: past() });
      await call('POST', '/v1/departments/health/incidents', 'disciplinary-official', { kind: 'media-exposure', note: 'evening news', at: past() });
      await ledger.settled();
      const { apologies } = await call('GET', '/v1/departments/health/accountability', 'disciplinary-official');
      const pending = (apologies as Array<{ apologyId: string; status: string; kind: string }>).find((apology) => apology.status === 'pending')!;
      await call('POST', `/v1/apologies/${encodeURIComponent(pending.apologyId)}/carry-out`, 'disciplinary-official', {
        by: 'zhou',
        at: past(),
        ...(pending.kind === 'direct' ? {} : { outlet: 'broadcast', reference: '市电视台《问政》第12期' }),
      });
      const { version: _version, effectiveFrom: _from, inForceAt: _inForceAt, ...ladder } = await call('GET', '/v1/policies/sanction-ladder', 'disciplinary-official');
      await call('POST', '/v1/policies/sanction-ladder', 'disciplinary-official', { ...ladder, effectiveFrom: new Date(Date.now() + 3_600_000).toISOString() });
      await call('GET', '/v1/people/zhou/history?reason=audit%20sample', 'disciplinary-official');

      // Evaluations and rankings: two closed years in which health (led by zhou) is the only, hence last,
      // service-facing department with ratings of 1 and the same scores: an admonition talk each year and,
      // with no increase, a leader replacement in the second.
      for (const year of [2024, 2025]) {
        for (let index = 0; index < 10; index++) {
          await call('POST', '/v1/ratings', 'evaluation-office', {
            transactionId: `tx-${year}-${index}`,
            departmentId: 'health',
            personId: 'sun',
            platform: 'service-center',
            level: 1,
            ratedAt: `${year}-06-${String(index + 1).padStart(2, '0')}T09:00:00Z`,
          });
        }
        await call('POST', '/v1/surveys', 'evaluation-office', { departmentId: 'health', year, score: 40 });
        await call('POST', '/v1/superior-evaluations', 'evaluation-office', { departmentId: 'health', year, score: 50 });
        await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'health', year, kind: 'deduction', source: 'e-supervision', points: 1, reason: 'late replies' });
      }
      await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'tax', year: 2025, kind: 'bonus', points: 2, reason: 'commended' });
      await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'tax', year: 2025, kind: 'veto', reason: 'integrity breach' });
      const { version: _evaluationVersion, effectiveFrom: _evaluationFrom, inForceAt: _evaluationInForceAt, ...evaluationPolicy } = await call('GET', '/v1/policies/evaluation', 'evaluation-office');
      // 2025 ranks people from one rating, so that five people of parks are ranked from a few calls.
      await call('POST', '/v1/policies/evaluation', 'evaluation-office', { ...evaluationPolicy, minimumRatingsForPeopleRanking: 1, effectiveFrom: '2025-01-01T00:00:00+08:00' });
      await call('POST', '/v1/policies/evaluation', 'evaluation-office', { ...evaluationPolicy, effectiveFrom: new Date(Date.now() + 3_600_000).toISOString() });
      // SPEC 6: the person ranked last of parks (five ranked people, the last below the department's index)
      // gets a talk; health's outcomes are carried out, the new leader followed by the registry.
      await call('PUT', '/v1/departments/parks', 'evaluation-office', { name: 'Parks Bureau', category: 'service-facing' });
      for (const [index, personId] of ['park-1', 'park-2', 'park-3', 'park-4', 'park-5'].entries()) {
        await call('PUT', `/v1/people/${personId}`, 'evaluation-office', { name: personId, departmentId: 'parks' });
        await call('POST', '/v1/ratings', 'evaluation-office', {
          transactionId: `tx-park-${index}`, departmentId: 'parks', personId, platform: 'qr-code', level: index === 4 ? 3 : 5, ratedAt: '2025-05-05T09:00:00Z',
        });
      }
      await ledger.settled();
      await call('POST', '/v1/periods/2024/close', 'evaluation-office');
      await call('POST', '/v1/periods/2025/close', 'evaluation-office');
      await ledger.settled();

      // SPEC 10, 11: the calendar, a bad review verified as justified, its item (its deadline moved by a calendar
      // recorded later) through every step, an overdue item.
      await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', { holidays: ['2026-10-01'], workdays: ['2026-09-27'] });
      // A 2025 calendar recorded after the June 2025 bad reviews opened moves their deadlines (a holiday on Tuesday
      // 3 June); a new version of the deadline policy, from the future.
      await call('PUT', '/v1/policies/calendar/2025', 'evaluation-office', { holidays: ['2025-06-03'], workdays: [] });
      await call('POST', '/v1/policies/rectification-deadlines', 'evaluation-office', { bottomRankDays: 60, effectiveFrom: new Date(Date.now() + 3_600_000).toISOString() });
      await call('PUT', '/v1/people/qian', 'evaluation-office', { name: 'Qian Hao', departmentId: 'health' });
      const overdueItem = await call('POST', '/v1/rectifications', 'disciplinary-official', {
        departmentId: 'health', source: { kind: 'audit' }, problem: 'no register', measure: 'keep one', target: 'complete register', responsiblePersonId: 'sun', at: past(),
        deadline: new Date(clock + 30_000).toISOString(),
      });
      await ledger.settled();
      const [badReview] = (await call('GET', '/v1/bad-reviews?departmentId=health&limit=1', 'evaluation-office')).items as Array<{ badReviewId: string }>;
      const verdict = await call('POST', `/v1/bad-reviews/${badReview!.badReviewId}/verification`, 'evaluation-office', { justified: true, note: 'confirmed' });
      await ledger.settled();
      // Its item is due 15 working days after the verification: a calendar recorded now that makes the item's last
      // working day a holiday moves the deadline (RectificationDeadlineMoved).
      const { deadline } = await call('GET', `/v1/rectifications/${verdict.rectificationId as string}`, 'evaluation-office');
      const lastWorkingDay = ledger.context.calendar.dateOf(new Date(Date.parse(deadline as string) - 1));
      const calendarYear = Number(lastWorkingDay.slice(0, 4));
      const inForce = await call('GET', `/v1/policies/calendar/${calendarYear}`, 'evaluation-office');
      await call('PUT', `/v1/policies/calendar/${calendarYear}`, 'evaluation-office', {
        holidays: [...(inForce.holidays as string[]), lastWorkingDay],
        workdays: (inForce.workdays as string[]).filter((day) => day !== lastWorkingDay),
      });
      await ledger.settled();
      const moved = await call('GET', `/v1/rectifications/${verdict.rectificationId as string}`, 'evaluation-office');
      expect(Date.parse(moved.deadline as string)).toBeGreaterThan(Date.parse(deadline as string));
      const item = (action: string, body: object) => call('POST', `/v1/rectifications/${verdict.rectificationId as string}/${action}`, 'evaluation-office', body);
      await item('progress', { note: 'under way' });
      await item('complete', { evidence: 'photos' });
      await item('verify', { accepted: false, note: 'not enough' });
      await item('complete', { evidence: 'photos and minutes' });
      await item('verify', { accepted: true, note: 'done' });
      await ledger.settled();
      await call('POST', `/v1/bad-reviews/${badReview!.badReviewId}/callback`, 'evaluation-office', { result: 'satisfied' });
      expect(await rectificationDeadlineWatcher(ledger.context).runOnce()).toBeGreaterThanOrEqual(2);
      expect(overdueItem.rectificationId).toEqual(expect.any(String));
      await ledger.settled();
      await call('POST', '/v1/departments/health/bottom-rank/2025/carry-out', 'disciplinary-official', { outcome: 'admonition-talk', by: 'official-1', attendees: ['zhou'] });
      await call('POST', '/v1/departments/health/bottom-rank/2025/carry-out', 'disciplinary-official', { outcome: 'leader-replacement', by: 'committee', newLeaderPersonId: 'qian' });
      await ledger.settled();

      // The instant to rebuild at, and what the live read models said then.
      const feed = (await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).events as Array<{ time: string }>;
      asOf = feed.at(-1)!.time;
      snapshotAtInstant = await snapshot();
      await new Promise((resolve) => setTimeout(resolve, 10));

      // After the instant: erasure of personal data, and more steps on existing complaints.
      // (A consumer's checkpoint moves past skipped events only now and then: end on an event every model reads.)
      await call('PUT', '/v1/people/sun', 'evaluation-office', { name: 'Sun Li', departmentId: 'tax', post: 'auditor' });
      const ref = (await call('GET', `/v1/complaints/${late}`, 'intake-clerk')).complainant.ref;
      await call('DELETE', `/v1/complainants/${ref}/personal-data`, 'intake-clerk', { legalBasis: 'lawful request' });
      await step(late, 'finding', 'investigator', { outcome: 'invalid' });
      await step(late, 'close', 'intake-clerk', {});
      await ledger.settled();
      eventTypes = ((await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).events as Array<{ type: string }>).map((event) => event.type.split('.').at(-2)!);
    }),
  );
  afterAll(async () => {
    if (ledgerRunning) await ledger.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('built a ledger with every kind of event in the catalogue', () => {
    // Each type the catalogue defines was recorded at least once, so the replay below exercises every
    // projection's handling of every event it reads.
    const defined = [...new Set(catalogue.map((definition) => definition.type))];
    expect(defined.filter((type) => !eventTypes.includes(type))).toEqual([]);
  });

  it('equals the live read models, every module\'s projections, on the running ledger (route and CLI over HTTP)', async () => {
    const report = (await call('POST', '/v1/ledger/replays', 'auditor', { compare: true })) as ReplayReport;
    expect(report.comparison).toMatchObject({ equal: true, differences: [] });
    expect(report.events).toBe(eventTypes.length);
    expect(report.readModels.map((model) => model.projection)).toEqual(projections.map((projection) => projection.name));
    expect(report.comparison!.documents).toBe(Object.values(await snapshot()).flat().length);
    expect(report.readModels.find((model) => model.projection === 'complaints.complaint-list')!.documents).toEqual({ complaints: 9 });

    const overHttp = await cli('replay', '--compare', '--url', address, '--api-key', auditorKey);
    expect(overHttp.output).toContain('no difference');
    expect(overHttp.code).toBe(0);
  });

  it('reports a live document that drifted from the events, field by field, and fails', async () => {
    const [target] = await ledger.sql.query<{ id: string }>(`select id from read_documents where collection = 'complaints' and doc->>'status' = 'rejected'`).then((result) => result.rows);
    await ledger.sql.query(`update read_documents set doc = jsonb_set(doc, '{status}', '"closed"') where collection = 'complaints' and id = $1`, [target!.id]);
    try {
      const report = (await call('POST', '/v1/ledger/replays', 'auditor', { compare: true })) as ReplayReport;
      expect(report.comparison!.differences).toEqual([
        { projection: 'complaints.complaint-list', collection: 'complaints', id: target!.id, kind: 'changed', fields: [{ path: 'status', live: 'closed', replayed: 'rejected' }] },
      ]);
      const overHttp = await cli('replay', '--compare', '--url', address, '--api-key', auditorKey);
      expect(overHttp.output).toContain(`complaints/${target!.id} (complaints.complaint-list): 1 fields differ`);
      expect(overHttp.output).toContain('status: live "closed", replayed "rejected"');
      expect(overHttp.code).toBe(1);
    } finally {
      await ledger.sql.query(`update read_documents set doc = jsonb_set(doc, '{status}', '"rejected"') where collection = 'complaints' and id = $1`, [target!.id]);
    }
  });

  it('rebuilds the ledger as it stood at an instant, over HTTP', async () => {
    const answer = await call('POST', '/v1/ledger/replays', 'auditor', { asOf, documents: true });
    expect(answer.documents).toEqual(snapshotAtInstant);
    expect(answer.documents).not.toEqual(await snapshot());
  });

  it('replays a stopped embedded ledger from its data folder: equal to the live models, and as of the instant', async () => {
    await ledger.stop();
    ledgerRunning = false;
    const compared = await cli('replay', '--compare', '--data-dir', dataDir, '--json');
    expect(compared.code).toBe(0);
    const report = JSON.parse(compared.output) as ReplayReport;
    expect(report.comparison).toMatchObject({ equal: true, differences: [] });
    expect(report.readModels.every((model) => model.upTo === report.head)).toBe(true);

    const out = join(dataDir, 'as-of.ndjson');
    const asOfRun = await cli('replay', '--as-of', asOf, '--out', out, '--data-dir', dataDir);
    expect(asOfRun.code).toBe(0);
    expect(asOfRun.output).toContain(`as of ${asOf}`);
    const rebuilt: Snapshot = Object.fromEntries(collections.map((collection) => [collection, [] as Document[]]));
    for (const line of readFileSync(out, 'utf8').trim().split('\n')) {
      const { collection, document } = JSON.parse(line) as { collection: string; document: Document };
      rebuilt[collection]!.push(document);
    }
    expect(rebuilt).toEqual(snapshotAtInstant);

    expect((await cli('replay', '--compare', '--as-of', asOf, '--data-dir', dataDir)).code).toBe(2);
    expect((await cli('replay', '--as-of', 'next week', '--data-dir', dataDir)).output).toContain('--as-of: must be an ISO 8601 instant');
  }, dataFolderReplaysTimeoutMs);
});
