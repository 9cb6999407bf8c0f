import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, callerOf, expectOk, historyOf, sanctionsOf } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 10 over HTTP on the embedded ledger (zone Asia/Shanghai): reasoned appeals that re-attribute a
// complaint (SPEC 3.6), referrals with their outcome (4.7), step 4's measure chosen at carry-out (4.6), the
// 24-month window with both ends (4.8), and rankings: a veto at the bottom, the bonus cap, the rating-person
// check (6). One ledger for the file; each case uses its own people and departments.

describe('sanctions and rankings as issue 10 means them', () => {
  let ledger: LedgerHost;
  const call: Call = callerOf(() => ledger);
  const local = (date: string, time = '09:00') => `${date}T${time}:00+08:00`;

  async function file(personId: string, receivedAt: string, departmentId = 's-dept'): Promise<string> {
    const filed = expectOk(
      await call('POST', '/v1/complaints', 'intake-clerk', { channel: 'hotline-12345', departmentId, personId, category: 'delay', summary: '办件超期', receivedAt }),
      'file',
    );
    const id = filed.body.complaintId as string;
    expectOk(await call('POST', `/v1/complaints/${id}/accept`, 'intake-clerk', { at: receivedAt }), 'accept');
    return id;
  }

  async function found(personId: string, receivedAt: string, outcome: 'valid' | 'valid-violation' = 'valid'): Promise<string> {
    const id = await file(personId, receivedAt);
    const at = new Date(Date.parse(receivedAt) + 5 * 86_400_000).toISOString();
    expectOk(await call('POST', `/v1/complaints/${id}/finding`, 'investigator', { outcome, personId, at }), 'finding');
    return id;
  }

  beforeAll(async () => {
    ledger = await startTestLedger();
    expectOk(await call('PUT', '/v1/departments/s-dept', 'evaluation-office', { name: '审批局', category: 'service-facing' }), 'department');
    for (const personId of ['s-zhao', 's-qian', 's-sun', 's-li', 's-zhou']) {
      expectOk(await call('PUT', `/v1/people/${personId}`, 'evaluation-office', { name: personId, departmentId: 's-dept' }), personId);
    }
  });
  afterAll(() => ledger?.stop());

  it('an overturn that names another person moves the count between the two histories, with its reason (SPEC 3.6)', async () => {
    const id = await found('s-zhao', local('2025-03-03', '10:00'));
    await ledger.settled();
    expect((await historyOf(call, 's-zhao')).body.validCounts.byYear).toEqual({ '2025': 1 });

    expectOk(await call('POST', `/v1/complaints/${id}/appeal`, 'intake-clerk', { reason: '被投诉人称窗口当日由钱某值班', at: local('2025-03-10') }), 'appeal');
    const refused = await call('POST', `/v1/complaints/${id}/appeal-decision`, 'disciplinary-official', { decision: 'overturned', personId: 's-qian', at: local('2025-03-12') });
    expect(refused.status).toBe(400);
    expect(refused.body.errors.map((error: { path: string }) => error.path)).toContain('body.reason');
    const notOfficial = await call('POST', `/v1/complaints/${id}/appeal-decision`, 'investigator', { decision: 'upheld', reason: 'x' });
    expect(notOfficial.status).toBe(403);

    const reason = '排班记录显示当日由钱某受理';
    const decided = expectOk(
      await call('POST', `/v1/complaints/${id}/appeal-decision`, 'disciplinary-official', { decision: 'overturned', personId: 's-qian', reason, at: local('2025-03-12') }),
      'decision',
    );
    expect(decided.body).toMatchObject({ decision: 'overturned', outcome: 'valid', personId: 's-qian', reason });
    await ledger.settled();

    const zhao = (await historyOf(call, 's-zhao')).body;
    expect(zhao.validCounts.byYear).toEqual({});
    expect(zhao.currentStep).toBe(0);
    expect(zhao.sanctions).toEqual([expect.objectContaining({ step: 1, year: 2025, status: 'rescinded', rescindedReason: expect.stringContaining(reason) })]);
    const qian = (await historyOf(call, 's-qian')).body;
    expect(qian.validCounts.byYear).toEqual({ '2025': 1 });
    expect(qian.sanctions).toEqual([expect.objectContaining({ step: 1, year: 2025, status: 'pending', complaintIds: [id] })]);
    expect(qian.complaints.map((complaint: { complaintId: string }) => complaint.complaintId)).toContain(id);
  });

  it('a valid-violation finding opens a referral; its outcome shows in the history (SPEC 4.7)', async () => {
    const id = await found('s-sun', local('2025-04-01'), 'valid-violation');
    await ledger.settled();
    const open = expectOk(await call('GET', '/v1/referrals?personId=s-sun&status=open', 'auditor'), 'referrals').body.items;
    expect(open).toEqual([expect.objectContaining({ personId: 's-sun', complaintId: id, status: 'open' })]);
    expect((await historyOf(call, 's-sun')).body).toMatchObject({ validCounts: { byYear: {} }, sanctions: [], referrals: [{ complaintId: id, status: 'open' }] });

    const referralId = open[0].referralId as string;
    const url = `/v1/referrals/${encodeURIComponent(referralId)}/outcome`;
    expect((await call('POST', url, 'disciplinary-official', { outcome: 'sanctioned', reference: '纪决〔2025〕7号', at: local('2025-05-01') })).status).toBe(422);
    const decided = expectOk(await call('POST', url, 'disciplinary-official', { outcome: 'sanctioned', sanction: '记过', reference: '纪决〔2025〕7号', at: local('2025-05-01') }), 'outcome');
    expect(decided.body).toMatchObject({ referralId, status: 'decided', outcome: 'sanctioned', sanction: '记过', reference: '纪决〔2025〕7号' });
    expect((await call('POST', url, 'disciplinary-official', { outcome: 'no-sanction', reference: 'again' })).status).toBe(409);
    expect((await call('POST', url, 'investigator', { outcome: 'no-sanction', reference: 'r' })).status).toBe(403);
    await ledger.settled();
    expect((await historyOf(call, 's-sun')).body.referrals).toEqual([
      expect.objectContaining({ referralId, complaintId: id, status: 'decided', outcome: 'sanctioned', sanction: '记过', reference: '纪决〔2025〕7号' }),
    ]);
    expect(expectOk(await call('GET', '/v1/referrals?status=decided&personId=s-sun', 'disciplinary-official'), 'decided').body.items).toHaveLength(1);
  });

  it("refuses a step-4 carry-out without the measure, and shows the measure chosen (SPEC 4.6)", async () => {
    for (const date of ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10']) await found('s-li', local(date));
    await ledger.settled();
    const step4 = (await sanctionsOf(call, '&personId=s-li')).find((sanction) => sanction.step === 4)!;
    expect(step4).toMatchObject({ status: 'pending', year: 2025 });
    const url = `/v1/sanctions/${encodeURIComponent(step4.sanctionId)}/carry-out`;
    const refused = await call('POST', url, 'disciplinary-official', { by: 'official-1', at: local('2025-05-01') });
    expect(refused).toMatchObject({ status: 422, body: { status: 422, detail: expect.stringContaining('imposed') } });
    const step1 = (await sanctionsOf(call, '&personId=s-li')).find((sanction) => sanction.step === 1)!;
    expect((await call('POST', `/v1/sanctions/${encodeURIComponent(step1.sanctionId)}/carry-out`, 'disciplinary-official', { by: 'o', imposed: 'demotion' })).status).toBe(422);
    const done = expectOk(await call('POST', url, 'disciplinary-official', { by: 'official-1', imposed: 'demotion', at: local('2025-05-01') }), 'carry-out');
    expect(done.body).toMatchObject({ status: 'carried-out', imposed: 'demotion' });
    await ledger.settled();
    expect((await historyOf(call, 's-li')).body.sanctions.find((sanction: { step: number }) => sanction.step === 4)).toMatchObject({ status: 'carried-out', imposed: 'demotion' });
  });

  it('dismisses five valid complaints from 1 February 2024 to 1 February 2026: both ends are within 24 months (SPEC 4.8)', async () => {
    for (const date of ['2024-02-01', '2024-08-01', '2025-02-01', '2025-08-01', '2026-02-01']) await found('s-zhou', local(date, '23:30'));
    await ledger.settled();
    const history = (await historyOf(call, 's-zhou')).body;
    expect(history.currentStep).toBe(5);
    expect(history.sanctions.filter((sanction: { step: number }) => sanction.step === 5)).toEqual([expect.objectContaining({ status: 'pending', complaintIds: expect.any(Array) })]);
    expect(history.validCounts.byYear).toEqual({ '2024': 2, '2025': 2, '2026': 1 });
  });

  it('ranks a vetoed department with the highest score last, with the admonition talk (SPEC 6)', async () => {
    const scores: Array<[string, number]> = [['v-top', 98], ['v-a', 92], ['v-b', 90], ['v-c', 88], ['v-d', 86]];
    for (const [departmentId, score] of scores) {
      expectOk(await call('PUT', `/v1/departments/${departmentId}`, 'evaluation-office', { name: departmentId, category: 'party-mass' }), departmentId);
      expectOk(await call('PUT', `/v1/people/${departmentId}-lead`, 'evaluation-office', { name: `${departmentId} 主要负责人`, departmentId }), 'leader');
      expectOk(await call('PUT', `/v1/departments/${departmentId}`, 'evaluation-office', { name: departmentId, category: 'party-mass', leaderPersonId: `${departmentId}-lead` }), departmentId);
      expectOk(await call('POST', '/v1/surveys', 'evaluation-office', { departmentId, year: 2023, score, at: local('2024-01-05') }), 'survey');
      expectOk(await call('POST', '/v1/superior-evaluations', 'evaluation-office', { departmentId, year: 2023, score, at: local('2024-01-05') }), 'superior');
    }
    expectOk(await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'v-top', year: 2023, kind: 'veto', source: 'leading-group', reason: '发生重大责任事故', at: local('2024-01-06') }), 'veto');
    await ledger.settled();
    const closed = expectOk(await call('POST', '/v1/periods/2023/close', 'evaluation-office', {}), 'close').body;
    const partyMass = closed.rankings.find((ranking: { category: string }) => ranking.category === 'party-mass');
    expect(partyMass.items.map((item: { departmentId: string; rank: number; bottom: boolean; grade: string }) => [item.departmentId, item.rank, item.bottom, item.grade])).toEqual([
      ['v-a', 1, false, 'satisfied'],
      ['v-b', 2, false, 'satisfied'],
      ['v-c', 3, true, 'satisfied'],
      ['v-d', 4, true, 'satisfied'],
      ['v-top', 5, true, 'unsatisfied'],
    ]);
    expect(closed.bottomRank.filter((outcome: { departmentId: string }) => outcome.departmentId.startsWith('v-'))).toEqual([
      expect.objectContaining({ outcome: 'admonition-talk', departmentId: 'v-top', leaderPersonId: 'v-top-lead' }),
    ]);
  });

  it('caps the bonuses of a department and year at 5 points (SPEC 6)', async () => {
    const bonus = (points: number) => call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 's-dept', year: 2024, kind: 'bonus', source: 'leading-group', points, reason: '领导小组表彰', at: local('2024-06-01') });
    expect((await bonus(3)).status).toBe(201);
    expect((await bonus(2)).status).toBe(201);
    const over = await bonus(0.5);
    expect(over).toMatchObject({ status: 422, body: { type: expect.stringContaining('bonus-cap-exceeded'), errors: [expect.objectContaining({ path: expect.stringContaining('points') })] } });
    // Another year has its own cap.
    expect((await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 's-dept', year: 2025, kind: 'bonus', source: 'leading-group', points: 5, reason: '表彰', at: local('2025-06-01') })).status).toBe(201);
  });

  it('refuses a rating naming a person who was not in the rated department at ratedAt (SPEC 6)', async () => {
    expectOk(await call('PUT', '/v1/departments/s-other', 'evaluation-office', { name: '税务局', category: 'service-facing' }), 'department');
    expectOk(await call('PUT', '/v1/people/s-mover', 'evaluation-office', { name: '吴某', departmentId: 's-dept' }), 'register');
    expectOk(await call('PUT', '/v1/people/s-mover', 'evaluation-office', { name: '吴某', departmentId: 's-other' }), 'move');
    const rate = (transactionId: string, departmentId: string) =>
      call('POST', '/v1/ratings', 'evaluation-office', { transactionId, departmentId, personId: 's-mover', platform: 'service-center', level: 5 });
    const refused = await rate('s-tx-1', 's-dept');
    expect(refused).toMatchObject({ status: 422, body: { type: expect.stringContaining('person-not-in-department'), detail: expect.stringContaining('s-other') } });
    const taken = await rate('s-tx-2', 's-other');
    expect(taken.status).toBe(201);
    expect(taken.body).toMatchObject({ personId: 's-mover', departmentId: 's-other', year: expect.any(Number), month: expect.stringMatching(/^\d{4}-\d{2}$/) });
    // A rating counts in the local month: 00:30 on 1 June in Beijing is June.
    const june = await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: 's-tx-3', departmentId: 's-other', platform: 'qr-code', level: 4, ratedAt: local('2025-06-01', '00:30') });
    expect(june.body).toMatchObject({ year: 2025, month: '2025-06' });
  });
});
