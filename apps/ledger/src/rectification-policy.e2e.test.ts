import { asLiaisonOf } from '@ledger/testing/ledger';
import { executeCommand } from '@ledger/eventstore';
import { badReviewDecider, badReviewStream, itemDecider, rectificationDeadlineWatcher, rectificationStream } from '@ledger/rectification';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, callerOf } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 12 over HTTP: the deadlines of SPEC 10, 11 are versioned policy (new items take the version in force when
// they open, old ones keep theirs), and a working-day calendar recorded after a bad-review case opened moves the
// case's deadline, and the deadline of a justified bad review's item (counted in working days), by an event.

const stepTypes = (item: { history: Array<{ type: string }> }) => item.history.map((step) => step.type);

describe('rectification deadline policy and late calendars on the embedded ledger', () => {
  let ledger: LedgerHost;
  let now = '2026-03-02T01:00:00.000Z';
  const call: Call = callerOf(() => ledger);
  // oxlint-disable-next-line typescript/no-explicit-any
  const ok = (reply: { status: number; body: unknown }, status = 200): any => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    return reply.body;
  };
  const incident = async (id: string, at: string) => {
    ok(await call('POST', '/v1/departments/rect-a/incidents', 'disciplinary-official', { kind: 'inspection', note: `明察暗访 ${id}`, at }), 201);
  };
  const inspectionItems = async () => {
    await ledger.settled();
    const { items } = ok(await call('GET', '/v1/rectifications?departmentId=rect-a&source=inspection', 'evaluation-office'));
    return (items as Array<{ openedAt: string; deadline: string; policyVersion?: number }>).toSorted((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt));
  };

  beforeAll(async () => {
    ledger = await startTestLedger({ clock: { now: () => new Date(now) } });
    ok(await call('PUT', '/v1/departments/rect-a', 'evaluation-office', { name: 'rect-a', category: 'service-facing' }));
    ok(await call('PUT', '/v1/people/lead-pol', 'evaluation-office', { name: '陈静', departmentId: 'rect-a' }));
    ok(await call('PUT', '/v1/departments/rect-a', 'evaluation-office', { name: 'rect-a', category: 'service-facing', leaderPersonId: 'lead-pol' }));
  });
  afterAll(() => ledger?.stop());

  it('is version 1, the SPEC numbers, until a version is adopted; adoption is the evaluation office\'s and never retroactive', async () => {
    expect(ok(await call('GET', '/v1/policies/rectification-deadlines', 'auditor'))).toEqual({
      version: 1, effectiveFrom: '1970-01-01T00:00:00.000Z', bottomRankDays: 90, inspectionDays: 30, badReviewVerificationWorkingDays: 5, badReviewRectificationWorkingDays: 15, inForceAt: now,
    });
    const from = '2026-04-01T00:00:00+08:00';
    expect((await call('POST', '/v1/policies/rectification-deadlines', 'disciplinary-official', { inspectionDays: 10, effectiveFrom: from })).status).toBe(403);
    expect((await call('POST', '/v1/policies/rectification-deadlines', 'evaluation-office', { inspectionDays: 10, effectiveFrom: '2026-03-01T00:00:00+08:00' }))).toMatchObject({
      status: 422, body: { type: '/problems/effective-before-adoption' },
    });
    expect((await call('POST', '/v1/policies/rectification-deadlines', 'evaluation-office', { inspectionDays: 0, effectiveFrom: from })).status).toBe(422);
    expect((await call('POST', '/v1/policies/rectification-deadlines', 'evaluation-office', { inspectionDays: 10, effectiveFrom: from, extra: 1 })).status).toBe(400);
  });

  it('an item takes the deadline of the version in force when it opens; items opened before keep theirs', async () => {
    await incident('i-1', '2026-03-02T09:00:00+08:00');
    // Version 2 from 1 April: inspections rectified within 10 days, bad reviews verified within 3 working days.
    expect(
      ok(await call('POST', '/v1/policies/rectification-deadlines', 'evaluation-office', { inspectionDays: 10, badReviewVerificationWorkingDays: 3, effectiveFrom: '2026-04-01T00:00:00+08:00' }), 201),
    ).toMatchObject({ version: 2, bottomRankDays: 90, inspectionDays: 10, badReviewVerificationWorkingDays: 3, badReviewRectificationWorkingDays: 15, adoptedAt: now });
    expect(ok(await call('GET', '/v1/policies/rectification-deadlines?at=2026-04-01T00:00:00%2B08:00', 'auditor'))).toMatchObject({ version: 2, inspectionDays: 10 });
    expect(ok(await call('GET', '/v1/policies/rectification-deadlines', 'auditor'))).toMatchObject({ version: 1, inspectionDays: 30 });

    // Still March: version 1 (30 days) for an incident of 20 March.
    now = '2026-03-20T02:00:00.000Z';
    await incident('i-2', '2026-03-20T09:00:00+08:00');
    now = '2026-04-02T02:00:00.000Z';
    await incident('i-3', '2026-04-02T09:00:00+08:00');
    expect((await inspectionItems()).map((item) => [item.deadline, item.policyVersion])).toEqual([
      ['2026-04-02T00:00:00+08:00', 1],
      ['2026-04-20T00:00:00+08:00', 1],
      ['2026-04-13T00:00:00+08:00', 2],
    ]);

    // A bad review of Thursday 2 April under version 2: 3 working days, by weekends alone while 2026 has no
    // calendar recorded (Friday 3, Monday 6, Tuesday 7 April).
    ok(await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: 'tx-pol-1', departmentId: 'rect-a', platform: 'qr-code', level: 2, ratedAt: '2026-04-02T10:00:00+08:00' }), 201);
    await ledger.settled();
    const { items } = ok(await call('GET', '/v1/bad-reviews?departmentId=rect-a', 'evaluation-office'));
    expect(items).toEqual([expect.objectContaining({ transactionId: 'tx-pol-1', verifyBy: '2026-04-08T00:00:00+08:00', policyVersion: 2 })]);
  });

  it("a calendar recorded after a case opened moves the case's deadline by an event, and the watcher judges by the moved one", async () => {
    const [open] = ok(await call('GET', '/v1/bad-reviews?departmentId=rect-a', 'evaluation-office')).items as Array<{ badReviewId: string }>;
    // Monday 6 April (Qingming) a holiday: Friday 3, Tuesday 7, Wednesday 8 April.
    ok(await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', { holidays: ['2026-04-06'], workdays: [] }));
    await ledger.settled();
    const moved = ok(await asLiaison('GET', `/v1/bad-reviews/${open!.badReviewId}`));
    expect(moved).toMatchObject({ verifyBy: '2026-04-09T00:00:00+08:00', status: 'open', overdue: false, policyVersion: 2 });
    expect(moved.history.map((step: { type: string }) => step.type)).toEqual(['BadReviewOpened', 'BadReviewDeadlineMoved']);
    expect(moved.history[1]).toMatchObject({ previousVerifyBy: '2026-04-08T00:00:00+08:00', verifyBy: '2026-04-09T00:00:00+08:00', calendarYear: 2026, calendarVersion: 1, yearsWithoutCalendar: [] });

    // The same calendar again records nothing, so nothing moves.
    ok(await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', { holidays: ['2026-04-06'], workdays: [] }));
    await ledger.settled();
    expect(ok(await asLiaison('GET', `/v1/bad-reviews/${open!.badReviewId}`)).history).toHaveLength(2);

    // On 8 April 12:00 the case would be late by its first deadline, not by the moved one.
    const watcher = rectificationDeadlineWatcher(ledger.context);
    const overdue = async (at: string) => {
      now = at;
      await watcher.runOnce();
      await ledger.settled();
      return ok(await asLiaison('GET', `/v1/bad-reviews/${open!.badReviewId}`)).overdue as boolean;
    };
    expect(await overdue('2026-04-08T04:00:00.000Z')).toBe(false);
    expect(await overdue('2026-04-09T02:00:00.000Z')).toBe(true);
    // A calendar changed once the case was marked overdue does not move it: the missed deadline stays history.
    ok(await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', { holidays: ['2026-04-06', '2026-04-08'], workdays: [] }));
    await ledger.settled();
    const late = ok(await asLiaison('GET', `/v1/bad-reviews/${open!.badReviewId}`));
    expect(late).toMatchObject({ verifyBy: '2026-04-09T00:00:00+08:00', overdue: true });
    expect(late.history.map((step: { type: string }) => step.type)).toEqual(['BadReviewOpened', 'BadReviewDeadlineMoved', 'BadReviewOverdue']);
  });

  it('the watcher moves a deadline the calendar processor missed (a case not yet listed when the calendar came) before judging it', async () => {
    // The race, staged: a case whose deadline counted weekends only although the 2026 calendar (6 and 8 April off)
    // was recorded before it. Friday 3 April, 3 working days: 7, 9 and 10 April by the calendar, not 6–8.
    now = '2026-04-10T02:00:00.000Z';
    const opened = await executeCommand(ledger.context.store, badReviewStream('br-stale'), badReviewDecider, {
      type: 'Open', badReviewId: 'br-stale', transactionId: 'tx-stale', departmentId: 'rect-a', level: 2, ratedAt: '2026-04-03T10:00:00+08:00',
      verifyBy: '2026-04-09T00:00:00+08:00', yearsWithoutCalendar: [2026], policyVersion: 2, verificationWorkingDays: 3, at: '2026-04-03T10:00:01+08:00',
    });
    expect(opened.ok).toBe(true);
    await ledger.settled();
    await rectificationDeadlineWatcher(ledger.context).runOnce();
    await ledger.settled();
    const stale = ok(await asLiaison('GET', '/v1/bad-reviews/br-stale'));
    expect(stale).toMatchObject({ verifyBy: '2026-04-11T00:00:00+08:00', overdue: false });
    expect(stale.history.map((step: { type: string }) => step.type)).toEqual(['BadReviewOpened', 'BadReviewDeadlineMoved']);
    expect(stale.history[1]).toMatchObject({ previousVerifyBy: '2026-04-09T00:00:00+08:00', calendarYear: 2026, calendarVersion: 2, yearsWithoutCalendar: [] });
  });

  it('a justified case opens an item due by the version in force at the verification, which the item records', async () => {
    now = '2026-04-10T02:00:00.000Z';
    ok(await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: 'tx-pol-2', departmentId: 'rect-a', platform: 'qr-code', level: 1, ratedAt: '2026-04-10T09:00:00+08:00' }), 201);
    ok(await call('POST', '/v1/policies/rectification-deadlines', 'evaluation-office', { badReviewRectificationWorkingDays: 5, effectiveFrom: '2026-04-13T00:00:00+08:00' }), 201);
    await ledger.settled();
    const { items } = ok(await call('GET', '/v1/bad-reviews?departmentId=rect-a&status=open', 'evaluation-office'));
    const badReviewId = (items as Array<{ badReviewId: string; transactionId: string }>).find((item) => item.transactionId === 'tx-pol-2')!.badReviewId;
    now = '2026-04-13T02:00:00.000Z';
    // Version 3 is in force on Monday 13 April: 5 working days, 14–17 and 20 April.
    const verdict = ok(await asLiaison('POST', `/v1/bad-reviews/${badReviewId}/verification`, { justified: true, note: '属实' }));
    expect(verdict).toMatchObject({ status: 'justified', rectifyBy: '2026-04-21T00:00:00+08:00' });
    await ledger.settled();
    expect(ok(await call('GET', `/v1/rectifications/${verdict.rectificationId as string}`, 'evaluation-office'))).toMatchObject({
      deadline: '2026-04-21T00:00:00+08:00', policyVersion: 3, workingDays: 5, deadlineFrom: '2026-04-13T02:00:00.000Z',
    });
    badReviewItemId = verdict.rectificationId as string;
  });

  let badReviewItemId = '';
  const itemOf = async (id: string) => ok(await call('GET', `/v1/rectifications/${id}`, 'evaluation-office'));

  it("a calendar recorded after a justified bad review's item opened moves the item's deadline by an event, and the watcher judges by the moved one", async () => {
    // Wednesday 15 April becomes a holiday (2026 calendar version 3): 14, 16, 17, 20 and 21 April.
    now = '2026-04-14T02:00:00.000Z';
    ok(await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', { holidays: ['2026-04-06', '2026-04-08', '2026-04-15'], workdays: [] }));
    await ledger.settled();
    const moved = await itemOf(badReviewItemId);
    expect(moved).toMatchObject({ deadline: '2026-04-22T00:00:00+08:00', status: 'open', overdue: false, workingDays: 5 });
    expect(stepTypes(moved)).toEqual(['RectificationOpened', 'RectificationDeadlineMoved']);
    expect(moved.history[1]).toMatchObject({
      previousDeadline: '2026-04-21T00:00:00+08:00', deadline: '2026-04-22T00:00:00+08:00', calendarYear: 2026, calendarVersion: 3, yearsWithoutCalendar: [],
    });
    // The list moves with it (the watcher and the deadline filters read it).
    const listed = ok(await call('GET', '/v1/rectifications?departmentId=rect-a&source=bad-review', 'evaluation-office')).items as Array<{ rectificationId: string; deadline: string }>;
    expect(listed.find((item) => item.rectificationId === badReviewItemId)?.deadline).toBe('2026-04-22T00:00:00+08:00');
    // Inspection items count calendar days: no calendar moves them.
    const inspections = ok(await call('GET', '/v1/rectifications?departmentId=rect-a&source=inspection', 'evaluation-office')).items as Array<{ rectificationId: string }>;
    expect(inspections).toHaveLength(3);
    for (const { rectificationId } of inspections) expect(stepTypes(await itemOf(rectificationId))).not.toContain('RectificationDeadlineMoved');

    // The same calendar again records nothing, so nothing moves.
    ok(await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', { holidays: ['2026-04-06', '2026-04-08', '2026-04-15'], workdays: [] }));
    await ledger.settled();
    expect(stepTypes(await itemOf(badReviewItemId))).toHaveLength(2);

    // Tuesday 21 April at noon the item would be late by its first deadline, not by the moved one.
    const watcher = rectificationDeadlineWatcher(ledger.context);
    now = '2026-04-21T04:00:00.000Z';
    await watcher.runOnce();
    await ledger.settled();
    expect(await itemOf(badReviewItemId)).toMatchObject({ overdue: false });
    now = '2026-04-22T02:00:00.000Z';
    await watcher.runOnce();
    await ledger.settled();
    const late = await itemOf(badReviewItemId);
    expect(late).toMatchObject({ deadline: '2026-04-22T00:00:00+08:00', overdue: true });
    expect(late.history.find((step: { type: string }) => step.type === 'RectificationOverdue')).toMatchObject({ deadline: '2026-04-22T00:00:00+08:00' });

    // A calendar changed once the item was marked overdue does not move it: the missed deadline stays history.
    ok(await call('PUT', '/v1/policies/calendar/2026', 'evaluation-office', { holidays: ['2026-04-06', '2026-04-08', '2026-04-15', '2026-04-21'], workdays: [] }));
    await ledger.settled();
    const kept = await itemOf(badReviewItemId);
    expect(kept).toMatchObject({ deadline: '2026-04-22T00:00:00+08:00', overdue: true });
    expect(stepTypes(kept)).toEqual(['RectificationOpened', 'RectificationDeadlineMoved', 'RectificationOverdue', 'EfficiencyWarningIssued']);
  });

  it('the watcher moves an item deadline the calendar processor missed (an item not yet listed when the calendar came) before judging it', async () => {
    // The race, staged: an item whose 5 working days from Monday 13 April counted weekends only (due 21 April)
    // although the 2026 calendar (15 and 21 April off, version 4) was recorded before it: 14, 16, 17, 20 and 22 April.
    now = '2026-04-22T04:00:00.000Z';
    const opened = await executeCommand(ledger.context.store, rectificationStream('rect-stale'), itemDecider, {
      type: 'Open', rectificationId: 'rect-stale', departmentId: 'rect-a', source: { kind: 'bad-review', ref: 'br-stale' }, problem: '差评核实属实', measure: '整改', target: '整改到位',
      deadline: '2026-04-21T00:00:00+08:00', responsiblePersonId: 'lead-pol', policyVersion: 3, workingDays: 5, deadlineFrom: '2026-04-13T10:00:00+08:00', at: '2026-04-13T10:00:00+08:00', now,
    });
    expect(opened.ok).toBe(true);
    await ledger.settled();
    await rectificationDeadlineWatcher(ledger.context).runOnce();
    await ledger.settled();
    const stale = await itemOf('rect-stale');
    expect(stale).toMatchObject({ deadline: '2026-04-23T00:00:00+08:00', overdue: false });
    expect(stepTypes(stale)).toEqual(['RectificationOpened', 'RectificationDeadlineMoved']);
    expect(stale.history[1]).toMatchObject({ previousDeadline: '2026-04-21T00:00:00+08:00', calendarYear: 2026, calendarVersion: 4, yearsWithoutCalendar: [] });
  });

  const asLiaison = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const response = await ledger.app.inject({ method, url, headers: asLiaisonOf('rect-a'), ...(payload ? { payload } : {}) });
    return { status: response.statusCode, body: response.json() };
  };
});
