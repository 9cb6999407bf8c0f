import { asLiaisonOf } from '@ledger/testing/ledger';
import { rectificationDeadlineWatcher } from '@ledger/rectification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, callerOf, historyOf } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// SPEC 10, 11 and the working-day calendar over HTTP on the embedded ledger (issue 12 "Done means"): a bottom-rank
// close opens an item; an item's lifecycle; overdue once with an efficiency warning in the person's history; another
// department's liaison refused; a level-1 rating's case due by the recorded calendar; a justified case opening an
// item; no call-back before the item is completed; the figures per department.

describe('rectification ledger and bad reviews on the embedded ledger', () => {
  let ledger: LedgerHost;
  let now = '2026-01-20T02:00:00.000Z';
  const call: Call = callerOf(() => ledger);
  const liaison = async (departmentId: string, method: 'GET' | 'POST', url: string, payload?: unknown) => {
    const response = await ledger.app.inject({ method, url, headers: asLiaisonOf(departmentId), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.json() };
  };
  // The tests read answers field by field; the routes' own schemas are what they check against.
  // oxlint-disable-next-line typescript/no-explicit-any
  const ok = (reply: { status: number; body: unknown }, status = 200): any => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    return reply.body;
  };

  beforeAll(async () => {
    ledger = await startTestLedger({ clock: { now: () => new Date(now) } });
    for (const [id, category] of [['rect-a', 'service-facing'], ['rect-b', 'vertical']] as const) {
      ok(await call('PUT', `/v1/departments/${id}`, 'evaluation-office', { name: id, category }));
    }
    ok(await call('PUT', '/v1/people/p-a', 'evaluation-office', { name: '王芳', departmentId: 'rect-a' }));
    ok(await call('PUT', '/v1/people/lead-b', 'evaluation-office', { name: '李雷', departmentId: 'rect-b' }));
    ok(await call('PUT', '/v1/departments/rect-b', 'evaluation-office', { name: 'rect-b', category: 'vertical', leaderPersonId: 'lead-b' }));
  });
  afterAll(() => ledger?.stop());

  it('a bottom-rank close opens one item per outcome, due by the policy number of days, the leader responsible', async () => {
    // rect-b, vertical, survey 60 alone in both years: last of its category and unsatisfied twice, no increase.
    for (const year of [2024, 2025]) {
      ok(await call('POST', '/v1/surveys', 'evaluation-office', { departmentId: 'rect-b', year, score: 60 }), 201);
      ok(await call('POST', `/v1/periods/${year}/close`, 'evaluation-office'));
    }
    await ledger.settled();
    const { items } = ok(await call('GET', '/v1/rectifications?departmentId=rect-b&source=bottom-rank', 'disciplinary-official'));
    expect(items.map((item: { rectificationId: string }) => item.rectificationId).toSorted()).toEqual([
      'bottom-rank-2024-admonition-talk-rect-b',
      'bottom-rank-2025-admonition-talk-rect-b',
      'bottom-rank-2025-leader-replacement-rect-b',
    ]);
    expect(items.find((item: { rectificationId: string }) => item.rectificationId === 'bottom-rank-2025-admonition-talk-rect-b')).toMatchObject({
      departmentId: 'rect-b',
      source: { kind: 'bottom-rank', ref: '2025:admonition-talk' },
      responsiblePersonId: 'lead-b',
      status: 'open',
      // 90 calendar days from the close (20 Jan 10:00 Beijing): the end of 20 April.
      deadline: '2026-04-21T00:00:00+08:00',
    });
  });

  it('bottom-rank outcomes are carried out once: the talk with its attendees, the leader replaced and the registry following', async () => {
    const carryOut = (year: number, body: object) => call('POST', `/v1/departments/rect-b/bottom-rank/${year}/carry-out`, 'disciplinary-official', body);
    expect(ok(await carryOut(2025, { outcome: 'admonition-talk', by: 'official-1', attendees: ['lead-b', 'deputy-b'], note: '诫勉谈话' }))).toMatchObject({
      status: 'carried-out', carriedOut: { by: 'official-1', attendees: ['lead-b', 'deputy-b'] },
    });
    expect((await carryOut(2025, { outcome: 'admonition-talk', by: 'official-1' })).status).toBe(409);
    expect((await carryOut(2024, { outcome: 'leader-replacement', by: 'official-1', newLeaderPersonId: 'lead-b' })).status).toBe(404);
    expect((await carryOut(2025, { outcome: 'leader-replacement', by: 'official-1' })).status).toBe(422);
    expect((await carryOut(2025, { outcome: 'leader-replacement', by: 'official-1', newLeaderPersonId: 'nobody' })).status).toBe(422);
    expect((await call('POST', '/v1/departments/rect-b/bottom-rank/2025/carry-out', 'evaluation-office', { outcome: 'admonition-talk', by: 'x' })).status).toBe(403);
    ok(await call('PUT', '/v1/people/new-b', 'evaluation-office', { name: '周强', departmentId: 'rect-b' }));
    expect(ok(await carryOut(2025, { outcome: 'leader-replacement', by: 'party-committee', newLeaderPersonId: 'new-b' }))).toMatchObject({
      carriedOut: { newLeaderPersonId: 'new-b', previousLeaderPersonId: 'lead-b' },
    });
    await ledger.settled();
    expect(ok(await call('GET', '/v1/departments/rect-b', 'auditor'))).toMatchObject({ leaderPersonId: 'new-b' });
    const { bottomRank } = ok(await call('GET', '/v1/departments/rect-b/accountability?year=2025', 'disciplinary-official'));
    expect(bottomRank.map((outcome: { outcome: string; status: string }) => [outcome.outcome, outcome.status])).toEqual([
      ['admonition-talk', 'carried-out'],
      ['leader-replacement', 'carried-out'],
    ]);
    expect(bottomRank[0].carriedOut).toMatchObject({ by: 'official-1', attendees: ['lead-b', 'deputy-b'], note: '诫勉谈话' });
    expect(bottomRank[1].carriedOut).toMatchObject({ by: 'party-committee', newLeaderPersonId: 'new-b' });
  });

  it('an item goes open → in-progress → completed → sent back → verified; another liaison gets 403', async () => {
    const opened = ok(
      await call('POST', '/v1/rectifications', 'evaluation-office', {
        departmentId: 'rect-a', source: { kind: 'inspection', ref: 'insp-7' }, problem: '窗口无人值守', measure: '排班补位', target: '窗口全时段有人',
        deadline: '2026-03-01T00:00:00+08:00', responsiblePersonId: 'p-a',
      }),
      201,
    );
    expect(opened).toEqual({ rectificationId: expect.any(String), status: 'open' });
    const id = opened.rectificationId as string;
    expect(ok(await liaison('rect-a', 'POST', `/v1/rectifications/${id}/progress`, { note: '已排班' }))).toMatchObject({ status: 'in-progress' });
    expect(await liaison('rect-b', 'POST', `/v1/rectifications/${id}/progress`, { note: 'not mine' })).toMatchObject({ status: 403, body: { type: '/problems/forbidden' } });
    expect((await liaison('rect-b', 'GET', `/v1/rectifications/${id}`)).status).toBe(403);
    expect((await liaison('rect-b', 'GET', '/v1/rectifications?departmentId=rect-a')).status).toBe(403);
    expect(ok(await liaison('rect-a', 'POST', `/v1/rectifications/${id}/complete`, { evidence: '排班表' }))).toMatchObject({ status: 'completed' });
    expect((await call('POST', `/v1/rectifications/${id}/verify`, 'intake-clerk', { accepted: true, note: 'x' })).status).toBe(403);
    expect(ok(await call('POST', `/v1/rectifications/${id}/verify`, 'evaluation-office', { accepted: false, note: '证据不足' }))).toMatchObject({ status: 'in-progress' });
    expect((await call('POST', `/v1/rectifications/${id}/verify`, 'evaluation-office', { accepted: true, note: 'again' })).status).toBe(409);
    ok(await liaison('rect-a', 'POST', `/v1/rectifications/${id}/complete`, { evidence: '排班表与监控截图' }));
    expect(ok(await call('POST', `/v1/rectifications/${id}/verify`, 'evaluation-office', { accepted: true, note: '整改到位' }))).toMatchObject({ status: 'verified' });
    await ledger.settled();
    const item = ok(await liaison('rect-a', 'GET', `/v1/rectifications/${id}`)) as { status: string; verifiedOnTime: boolean; history: Array<{ type: string }> };
    expect(item.status).toBe('verified');
    expect(item.verifiedOnTime).toBe(true);
    expect(item.history.map((step) => step.type)).toEqual([
      'RectificationOpened', 'RectificationProgressed', 'RectificationCompleted', 'RectificationSentBack', 'RectificationCompleted', 'RectificationVerified',
    ]);
  });

  it("an item past its deadline is overdue once, and the responsible person's history shows the efficiency warning", async () => {
    const { rectificationId } = ok(
      await call('POST', '/v1/rectifications', 'disciplinary-official', {
        departmentId: 'rect-a', source: { kind: 'audit' }, problem: '台账缺失', measure: '补建台账', target: '台账完整', deadline: '2026-01-25T00:00:00+08:00', responsiblePersonId: 'p-a',
      }),
      201,
    ) as { rectificationId: string };
    now = '2026-02-01T02:00:00.000Z';
    await ledger.settled();
    const watcher = rectificationDeadlineWatcher(ledger.context);
    expect(await watcher.runOnce()).toBe(1);
    await ledger.settled();
    expect(await watcher.runOnce()).toBe(0);
    const overdue = ok(await call('GET', '/v1/rectifications?departmentId=rect-a&overdue=true', 'auditor')) as { items: Array<{ rectificationId: string }> };
    expect(overdue.items.map((item) => item.rectificationId)).toEqual([rectificationId]);
    const history = ok(await historyOf(call, 'p-a')) as { efficiencyWarnings: unknown };
    expect(history.efficiencyWarnings).toEqual([{ rectificationId, issuedAt: '2026-02-01T02:00:00.000Z' }]);
  });

  it('a level-1 rating opens a case due by the recorded calendar; a justified case opens an item; the call-back waits for its completion', async () => {
    now = '2026-09-20T02:00:00.000Z';
    const calendar = { holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'], workdays: ['2026-09-27'] };
    expect(ok(await call('GET', '/v1/policies/calendar/2026', 'evaluation-office'))).toMatchObject({ recorded: false, version: 0 });
    expect(ok(await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', calendar))).toMatchObject({ recorded: true, version: 1, ...calendar });
    expect((await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', { holidays: ['2025-10-01'], workdays: [] })).status).toBe(422);
    expect((await call('PUT', '/v1/policies/calendar/2026', 'intake-clerk', calendar)).status).toBe(403);

    now = '2026-09-25T03:00:00.000Z';
    ok(await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: 'tx-bad-1', departmentId: 'rect-a', personId: 'p-a', platform: 'service-center', level: 1, ratedAt: '2026-09-25T10:00:00+08:00' }), 201);
    ok(await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: 'tx-good-1', departmentId: 'rect-a', platform: 'service-center', level: 4, ratedAt: '2026-09-25T10:30:00+08:00' }), 201);
    await ledger.settled();
    const cases = ok(await liaison('rect-a', 'GET', '/v1/bad-reviews')) as { items: Array<Record<string, unknown>> };
    expect(cases.items).toEqual([
      expect.objectContaining({ transactionId: 'tx-bad-1', level: 1, ratedAt: '2026-09-25T10:00:00+08:00', verifyBy: '2026-10-09T00:00:00+08:00', status: 'open' }),
    ]);
    const badReviewId = cases.items[0]!.badReviewId as string;
    expect((await liaison('rect-b', 'POST', `/v1/bad-reviews/${badReviewId}/verification`, { justified: true, note: 'x' })).status).toBe(403);
    expect((await liaison('rect-a', 'POST', `/v1/bad-reviews/${badReviewId}/callback`, { result: 'satisfied' })).status).toBe(409);

    now = '2026-09-29T02:00:00.000Z';
    const verdict = ok(await liaison('rect-a', 'POST', `/v1/bad-reviews/${badReviewId}/verification`, { justified: true, note: '办理超时属实', at: '2026-09-28T10:00:00+08:00' }));
    // 15 working days after Monday 28 Sep: 29, 30 Sep, 8–9 Oct, 12–16, 19–23, 26 Oct.
    expect(verdict).toMatchObject({ status: 'justified', onTime: true, rectifyBy: '2026-10-27T00:00:00+08:00' });
    expect((await liaison('rect-a', 'POST', `/v1/bad-reviews/${badReviewId}/verification`, { justified: false, note: 'again' })).status).toBe(409);
    await ledger.settled();
    const item = ok(await call('GET', `/v1/rectifications/${verdict.rectificationId as string}`, 'evaluation-office'));
    expect(item).toMatchObject({ departmentId: 'rect-a', source: { kind: 'bad-review', ref: badReviewId }, deadline: '2026-10-27T00:00:00+08:00', responsiblePersonId: 'p-a', status: 'open' });
    expect((await liaison('rect-a', 'POST', `/v1/bad-reviews/${badReviewId}/callback`, { result: 'satisfied' })).status).toBe(409);

    ok(await liaison('rect-a', 'POST', `/v1/rectifications/${verdict.rectificationId as string}/complete`, { evidence: '已整改' }));
    await ledger.settled();
    expect(ok(await liaison('rect-a', 'POST', `/v1/bad-reviews/${badReviewId}/callback`, { result: 'satisfied', note: '回访满意' }))).toMatchObject({ status: 'called-back' });
    expect(ok(await call('GET', '/v1/departments/rect-a/bad-reviews?month=2026-09', 'evaluation-office'))).toMatchObject({
      opened: 1, verifiedOnTime: 1, justified: 1, rectified: 1, callbacksSatisfied: 1,
    });
  });

  it('the figures per department and year: opened, verified, verified on time, overdue, rate', async () => {
    await ledger.settled();
    // rect-a in 2026: the hand-opened item (verified on time), the overdue one, the bad review's (completed).
    expect(ok(await liaison('rect-a', 'GET', '/v1/departments/rect-a/rectification?year=2026'))).toMatchObject({ opened: 3, verified: 1, verifiedOnTime: 1, overdue: 1, rate: 1 / 3 });
    expect((await liaison('rect-a', 'GET', '/v1/departments/rect-b/rectification?year=2026')).status).toBe(403);
  });
});
