import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@ledger/platform';
import { asLiaisonOf } from '@ledger/testing/ledger';
import { type Call, type Reply, callerOf, day, foundComplaint, historyOf, plusDays } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

// API conformance: every row of the HTTP contract (API.md) answers on its documented path with the documented status and
// field names (extra fields are allowed, missing or renamed ones are not), and each route admits the roles
// of SPEC section 1 and answers 403 to the others. Ids come from real flows over HTTP on the embedded ledger.

/** One row of an API.md table: the reply, the status it documents, and the fields its answer must name. */
type Row = [label: string, reply: Reply, status: number, fields?: readonly string[]];
/** One role check: who calls which route, and whether SPEC 1 lets them in. */
type Access = [role: Role, method: 'GET' | 'POST' | 'PUT', url: string, admitted: boolean];

function expectRows(rows: readonly Row[]): void {
  for (const [label, reply, status, fields = []] of rows) {
    expect(reply.status, `${label}: ${JSON.stringify(reply.body)}`).toBe(status);
    for (const field of fields) expect(reply.body, `${label} names ${field}`).toHaveProperty(field.split('.'));
  }
}

describe('API.md conformance on the embedded ledger', () => {
  let ledger: LedgerHost;
  const call: Call = callerOf(() => ledger);
  const raw = (url: string, headers: Record<string, string> = {}) => ledger.app.inject({ method: 'GET', url, headers });
  // Processors append events after a command (counts, sanctions, apologies): compare heads once they have settled.
  const settledHead = async () => {
    await ledger.settled();
    return ledger.store.headPosition();
  };

  /** A role outside a route's list gets 403; one inside gets anything but 401/403 (an empty body may well be a 400). */
  async function expectAccess(checks: readonly Access[]): Promise<void> {
    for (const [role, method, url, admitted] of checks) {
      const reply = await call(method, url, role, method === 'GET' ? undefined : {});
      if (admitted) expect([401, 403], `${role} ${method} ${url}: ${JSON.stringify(reply.body)}`).not.toContain(reply.status);
      else expect(reply, `${role} ${method} ${url}`).toMatchObject({ status: 403, body: { type: '/problems/forbidden', status: 403 } });
    }
  }

  beforeAll(async () => {
    ledger = await startTestLedger();
    await call('PUT', '/v1/departments/conf-a', 'evaluation-office', { name: 'Housing Bureau', category: 'service-facing' });
    await call('PUT', '/v1/departments/conf-b', 'evaluation-office', { name: 'Land Bureau', category: 'vertical' });
    await call('PUT', '/v1/people/conf-p', 'evaluation-office', { name: 'Wang Fang', departmentId: 'conf-a', post: 'permit officer' });
    await call('PUT', '/v1/people/conf-lead', 'evaluation-office', { name: 'Li Lei', departmentId: 'conf-a' });
  });
  afterAll(() => ledger?.stop());

  it('Registry: PUT and GET departments and people', async () => {
    expectRows([
      ['PUT department', await call('PUT', '/v1/departments/conf-a', 'evaluation-office', { name: 'Housing Bureau', category: 'service-facing', leaderPersonId: 'conf-lead' }), 200, ['departmentId', 'name', 'category', 'leaderPersonId']],
      ['PUT person', await call('PUT', '/v1/people/conf-p', 'evaluation-office', { name: 'Wang Fang', departmentId: 'conf-a', post: 'permit officer' }), 200, ['personId', 'name', 'departmentId', 'post']],
      ['GET department', await call('GET', '/v1/departments/conf-a', 'intake-clerk'), 200, ['departmentId', 'name', 'category', 'leaderPersonId']],
      ['GET person', await call('GET', '/v1/people/conf-p', 'investigator'), 200, ['personId', 'name', 'departmentId']],
      ['GET unknown department', await call('GET', '/v1/departments/nowhere', 'auditor'), 404, ['type', 'title', 'status', 'detail']],
      ['GET unknown person', await call('GET', '/v1/people/nobody', 'auditor'), 404, ['type', 'title', 'status', 'detail']],
      ['party-mass', await call('PUT', '/v1/departments/conf-pm', 'evaluation-office', { name: 'Youth League', category: 'party-mass' }), 200, ['category']],
      ['unknown category', await call('PUT', '/v1/departments/conf-x', 'evaluation-office', { name: 'X', category: 'ministry' }), 400, ['errors.0.path', 'errors.0.message']],
    ]);
    await expectAccess([
      ['intake-clerk', 'PUT', '/v1/departments/conf-a', false],
      ['complainant', 'PUT', '/v1/people/conf-p', false],
      ['complainant', 'GET', '/v1/people/conf-p', false],
      ['auditor', 'PUT', '/v1/people/conf-p', false],
    ]);
  });

  it('Complaints: the lifecycle answers, the list, and the tracking view with nothing internal', async () => {
    const receivedAt = day('2025-02-03');
    const filed = await call('POST', '/v1/complaints', 'intake-clerk', {
      channel: 'web', departmentId: 'conf-a', personId: 'conf-p', category: 'attitude', summary: 'Rude at the counter',
      occurredAt: plusDays(receivedAt, -1), receivedAt, complainant: { name: 'Zhang San', phone: '13800000000', email: 'zs@example.org' },
    });
    expect(filed.body).toEqual({ complaintId: expect.any(String), trackingCode: expect.any(String), status: 'filed' });
    const id = filed.body.complaintId as string;
    const on = (step: string, role: Role, body: unknown) => call('POST', `/v1/complaints/${id}/${step}`, role, body);
    const rejected = (await call('POST', '/v1/complaints', 'complainant', { channel: 'qr-code', departmentId: 'conf-a', category: 'other', summary: 'Out of scope' })).body.complaintId;

    expectRows([
      // The deadline is set at filing (SPEC 3.2): accept takes no handlingDays, and names the field when sent one.
      ['accept with handlingDays', await on('accept', 'intake-clerk', { handlingDays: 10, at: plusDays(receivedAt, 1) }), 400, ['errors.0.path', 'errors.0.message']],
      ['accept', await on('accept', 'intake-clerk', { at: plusDays(receivedAt, 1) }), 200, ['status', 'dueAt']],
      ['extend too many days', await on('extend', 'intake-clerk', { days: 16, reason: 'site visit', at: plusDays(receivedAt, 1) }), 422, ['type', 'title', 'status', 'detail']],
      ['extend without a reason', await on('extend', 'intake-clerk', { days: 5, at: plusDays(receivedAt, 1) }), 400, ['errors.0.path']],
      ['extend', await on('extend', 'intake-clerk', { days: 5, reason: 'site visit', at: plusDays(receivedAt, 1) }), 200, ['dueAt']],
      ['extend twice', await on('extend', 'intake-clerk', { days: 1, reason: 'again', at: plusDays(receivedAt, 1) }), 422, ['type', 'title', 'status', 'detail']],
      ['assign', await on('assign', 'intake-clerk', { investigatorId: 'inv-1', at: plusDays(receivedAt, 2) }), 200],
      ['finding', await on('finding', 'investigator', { outcome: 'invalid', note: 'no evidence', at: plusDays(receivedAt, 3) }), 200, ['status', 'outcome']],
      ['close', await on('close', 'intake-clerk', { satisfaction: 1, at: plusDays(receivedAt, 4) }), 200, ['status']],
      ['reopen', await on('reopen', 'intake-clerk', { reason: 'unhappy', at: plusDays(receivedAt, 5) }), 200, ['status']],
      ['reopen twice', await on('reopen', 'intake-clerk', { reason: 'again' }), 422, ['type', 'title', 'status', 'detail']],
      ['finding again', await on('finding', 'investigator', { outcome: 'valid', personId: 'conf-p', departmentsAtFault: ['conf-a', 'conf-b'], at: plusDays(receivedAt, 6) }), 200, ['status', 'outcome']],
      ['close again', await on('close', 'intake-clerk', { at: plusDays(receivedAt, 7) }), 200, ['status']],
      ['appeal', await on('appeal', 'disciplinary-official', { reason: 'new evidence', at: plusDays(receivedAt, 8) }), 200, ['status']],
      ['appeal-decision without its reason', await on('appeal-decision', 'disciplinary-official', { decision: 'upheld', at: plusDays(receivedAt, 9) }), 400, ['errors.0.path', 'errors.0.message']],
      ['appeal-decision', await on('appeal-decision', 'disciplinary-official', { decision: 'upheld', reason: 'the finding stands on the evidence', at: plusDays(receivedAt, 9) }), 200],
      ['reject', await call('POST', `/v1/complaints/${rejected}/reject`, 'intake-clerk', { reason: 'out of scope' }), 200, ['status']],
      ['GET complaint', await call('GET', `/v1/complaints/${id}`, 'investigator'), 200, ['complaintId', 'status', 'history.0.type']],
      ['GET unknown complaint', await call('GET', '/v1/complaints/no-such-complaint', 'intake-clerk'), 404, ['type']],
    ]);
    expect((await on('accept', 'intake-clerk', {})).status).toBe(409);
    // The documented values of each answer, beyond the field names.
    const view = await call('GET', `/v1/complaints/${id}`, 'disciplinary-official');
    expect(view.body).toMatchObject({ status: 'closed', finding: { outcome: 'valid' } });
    expect(JSON.stringify(view.body)).not.toContain('Zhang San');
    expect((await call('GET', `/v1/complaints/${rejected}`, 'auditor')).body.status).toBe('rejected');

    // Accepted long ago and never closed: past its dueAt, so `overdue: true` stands beside its status.
    const lateFiled = (await call('POST', '/v1/complaints', 'intake-clerk', { channel: 'petition-office', departmentId: 'conf-a', category: 'inaction', summary: 'No answer', receivedAt: day('2025-01-02') })).body;
    const late = lateFiled.complaintId;
    await call('POST', `/v1/complaints/${late}/accept`, 'intake-clerk', { at: day('2025-01-03') });
    await ledger.settled();
    const lists: Row[] = [];
    for (const query of ['departmentId=conf-a', 'personId=conf-p', 'status=closed', 'overdue=true', 'departmentId=conf-a&limit=1']) {
      lists.push([`GET /v1/complaints?${query}`, await call('GET', `/v1/complaints?${query}`, 'intake-clerk'), 200, ['items']]);
    }
    expectRows(lists);
    expect(lists[0]![1].body.items.map((item: { complaintId: string }) => item.complaintId)).toEqual(expect.arrayContaining([id, rejected]));
    expect(lists.at(-1)![1].body).toEqual({ items: [expect.objectContaining({ complaintId: expect.any(String), status: expect.any(String) })], next: expect.any(String) });

    expect(lists[3]![1].body.items).toContainEqual(expect.objectContaining({ complaintId: late, status: 'accepted', overdue: true }));
    expect((await call('GET', `/v1/complaints/${late}`, 'auditor')).body).toMatchObject({ status: 'accepted', overdue: true });

    const tracked = await raw(`/v1/track/${filed.body.trackingCode}`);
    expect(tracked.statusCode).toBe(200);
    // Reopened after its extension: the redo's fresh deadline is the one shown, the extension's is no longer in force.
    expect(Object.keys(tracked.json()).toSorted()).toEqual(['closedAt', 'dueAt', 'receivedAt', 'status']);
    expect(tracked.json()).toMatchObject({ status: 'closed', receivedAt });
    expect((await raw('/v1/track/NOPE-NOPE-NOPE')).statusCode).toBe(404);

    // SPEC 3.7: an overdue complaint is explained with a commitment; 409 unless overdue (here: closed).
    expectRows([
      ['explanation', await call('POST', `/v1/complaints/${late}/explanation`, 'intake-clerk', { explanation: 'Files were with the archive', commitmentAt: day('2025-02-10'), at: day('2025-02-01') }), 200, ['explanation', 'commitmentAt']],
      ['explanation when not overdue', await on('explanation', 'intake-clerk', { explanation: 'n/a', commitmentAt: day('2030-01-01') }), 409, ['type', 'title', 'status', 'detail']],
    ]);
    // Staff never see a tracking code again after the filing's answer (SPEC 8): the complainant keeps it.
    const lateCode = lateFiled.trackingCode as string;
    await ledger.settled();
    expect(Object.keys((await raw(`/v1/track/${lateCode}`)).json()).toSorted()).toEqual(['commitmentAt', 'dueAt', 'explanation', 'overdue', 'receivedAt', 'status']);

    // A liaison may explain, but for their own department only: conf-a is not theirs (a well-formed body, so the
    // department check is what answers).
    expect(
      await call('POST', `/v1/complaints/${late}/explanation`, 'department-liaison', { explanation: 'Not ours', commitmentAt: day('2025-02-12'), at: day('2025-02-02') }),
    ).toMatchObject({ status: 403, body: { type: '/problems/forbidden', status: 403 } });
    await expectAccess([
      ['investigator', 'POST', `/v1/complaints/${id}/accept`, false],
      ['investigator', 'POST', `/v1/complaints/${id}/extend`, false],
      ['auditor', 'POST', `/v1/complaints/${id}/explanation`, false],
      ['intake-clerk', 'POST', `/v1/complaints/${id}/explanation`, true],
      ['department-liaison', 'POST', `/v1/complaints/${id}/extend`, false],
      ['complainant', 'GET', `/v1/complaints/${id}`, false],
      ['complainant', 'GET', '/v1/complaints', false],
      ['evaluation-office', 'POST', '/v1/complaints', false],
      ['intake-clerk', 'POST', `/v1/complaints/${id}/finding`, false],
      ['investigator', 'POST', `/v1/complaints/${id}/finding`, true],
      ['auditor', 'POST', `/v1/complaints/${id}/close`, false],
      ['intake-clerk', 'POST', `/v1/complaints/${id}/appeal-decision`, false],
    ]);
  });

  it('Discipline: person history, sanctions, the ladder policy, incidents, accountability and apologies', async () => {
    // A department and person of their own, so that the first valid complaint makes a direct apology and step 1.
    await call('PUT', '/v1/people/conf-q', 'evaluation-office', { name: 'Zhao Min', departmentId: 'conf-pm' });
    await call('PUT', '/v1/departments/conf-c', 'evaluation-office', { name: 'Tax Bureau', category: 'service-facing', leaderPersonId: 'conf-q' });
    await call('PUT', '/v1/people/conf-q', 'evaluation-office', { name: 'Zhao Min', departmentId: 'conf-c' });
    await foundComplaint(call, { departmentId: 'conf-c', personId: 'conf-q', receivedAt: day('2025-03-03'), departmentsAtFault: ['conf-c'] });
    await ledger.settled();

    const history = await historyOf(call, 'conf-q');
    expectRows([
      ['history', history, 200, ['personId', 'name', 'departmentId', 'complaints.0.complaintId', 'complaints.0.receivedAt', 'complaints.0.status', 'complaints.0.outcome', 'complaints.0.departmentId', 'validCounts.byYear', 'validCounts.last24Months', 'currentStep', 'sanctions', 'ratingCaps']],
      ['history asOf', await historyOf(call, 'conf-q', new Date().toISOString()), 200, ['personId', 'complaints', 'validCounts', 'currentStep', 'sanctions', 'ratingCaps']],
    ]);
    expect(history.body.validCounts.byYear['2025']).toBeGreaterThanOrEqual(1);
    expect(history.body.ratingCaps['2025']).toMatch(/^(not-excellent|incompetent)$/);
    const [sanction] = history.body.sanctions;
    for (const field of ['sanctionId', 'step', 'year', 'consequences', 'complaintIds', 'policyVersion', 'status', 'decidedAt']) expect(sanction).toHaveProperty(field);
    expect(sanction).toMatchObject({ step: 1, status: 'pending', consequences: ['admonition-talk', 'no-excellent-rating'] });

    const accountability = await call('GET', '/v1/departments/conf-c/accountability?year=2025', 'disciplinary-official');
    const apology = accountability.body.apologies.find((candidate: { kind: string }) => candidate.kind === 'direct');
    expect(apology, JSON.stringify(accountability.body)).toMatchObject({ apologyId: expect.any(String) });
    const ladder = await call('GET', '/v1/policies/sanction-ladder', 'disciplinary-official');

    expectRows([
      ['sanctions pending', await call('GET', '/v1/sanctions?status=pending&personId=conf-q', 'disciplinary-official'), 200, ['items.0.sanctionId', 'items.0.status']],
      ['sanction carry-out', await call('POST', `/v1/sanctions/${encodeURIComponent(sanction.sanctionId)}/carry-out`, 'disciplinary-official', { by: 'official-1', note: 'talk held' }), 200],
      ['sanctions carried-out', await call('GET', '/v1/sanctions?status=carried-out&personId=conf-q', 'auditor'), 200, ['items.0.sanctionId']],
      ['sanctions rescinded', await call('GET', '/v1/sanctions?status=rescinded', 'auditor'), 200, ['items']],
      ['unknown sanction', await call('POST', '/v1/sanctions/no-such/carry-out', 'disciplinary-official', { by: 'official-1' }), 404, ['type']],
      ['policy in force', ladder, 200, ['version', 'effectiveFrom']],
      ['adopt policy', await call('POST', '/v1/policies/sanction-ladder', 'disciplinary-official', { steps: ladder.body.steps, dismissal: ladder.body.dismissal, effectiveFrom: plusDays(new Date().toISOString(), 1) }), 201, ['version']],
      ['incident', await call('POST', '/v1/departments/conf-c/incidents', 'disciplinary-official', { kind: 'media-exposure', note: 'newspaper', at: day('2025-04-01') }), 201],
      ['accountability', accountability, 200, ['apologies.0.apologyId', 'apologies.0.kind', 'bottomRank']],
      ['apology carry-out', await call('POST', `/v1/apologies/${encodeURIComponent(apology.apologyId)}/carry-out`, 'disciplinary-official', { by: 'conf-q', at: day('2025-05-01') }), 200],
    ]);
    const kinds = (await call('GET', '/v1/departments/conf-c/accountability?year=2025', 'auditor')).body.apologies.map((item: { kind: string }) => item.kind);
    expect(kinds.toSorted()).toEqual(['direct', 'public']);
    for (const kind of ['superior-criticism', 'e-supervision', 'inspection']) {
      expect((await call('POST', '/v1/departments/conf-c/incidents', 'evaluation-office', { kind })).status).toBe(201);
    }

    // SPEC 4.7: a valid-violation finding opens a referral; the disciplinary official records its outcome.
    await call('PUT', '/v1/people/conf-v', 'evaluation-office', { name: 'Sun Wei', departmentId: 'conf-c' });
    await foundComplaint(call, { departmentId: 'conf-c', personId: 'conf-v', receivedAt: day('2025-03-04'), outcome: 'valid-violation' });
    await ledger.settled();
    const referrals = await call('GET', '/v1/referrals?status=open&personId=conf-v', 'disciplinary-official');
    const referralId = referrals.body.items[0]?.referralId as string;
    expectRows([
      ['referrals open', referrals, 200, ['items.0.referralId', 'items.0.complaintId', 'items.0.personId', 'items.0.status']],
      ['referral outcome', await call('POST', `/v1/referrals/${encodeURIComponent(referralId)}/outcome`, 'disciplinary-official', { outcome: 'no-sanction', reference: 'JW-2025-3', at: day('2025-04-02') }), 200, ['referralId', 'status', 'outcome', 'reference']],
      ['referral decided twice', await call('POST', `/v1/referrals/${encodeURIComponent(referralId)}/outcome`, 'disciplinary-official', { outcome: 'no-sanction', reference: 'JW-2025-3' }), 409, ['type', 'title', 'status', 'detail']],
      ['unknown referral', await call('POST', '/v1/referrals/no-such/outcome', 'disciplinary-official', { outcome: 'no-sanction', reference: 'r' }), 404, ['type']],
      ['referral outcome without reference', await call('POST', `/v1/referrals/${encodeURIComponent(referralId)}/outcome`, 'disciplinary-official', { outcome: 'no-sanction' }), 400, ['errors.0.path', 'errors.0.message']],
      ['referrals decided', await call('GET', '/v1/referrals?status=decided', 'auditor'), 200, ['items.0.referralId', 'items.0.outcome', 'items.0.reference']],
      ['history with referrals', await historyOf(call, 'conf-v'), 200, ['referrals.0.referralId', 'referrals.0.complaintId', 'referrals.0.status', 'referrals.0.outcome', 'referrals.0.reference']],
      ['carry-out again, naming a measure', await call('POST', `/v1/sanctions/${encodeURIComponent(sanction.sanctionId)}/carry-out`, 'disciplinary-official', { by: 'o', imposed: 'demerit' }), 409, ['type']],
    ]);

    await expectAccess([
      ['complainant', 'GET', '/v1/referrals', false],
      ['investigator', 'GET', '/v1/referrals', false],
      ['auditor', 'GET', '/v1/referrals', true],
      ['evaluation-office', 'POST', `/v1/referrals/${encodeURIComponent(referralId)}/outcome`, false],
      ['disciplinary-official', 'POST', `/v1/referrals/${encodeURIComponent(referralId)}/outcome`, true],
      ['intake-clerk', 'GET', '/v1/people/conf-q/history?reason=curious', false],
      ['complainant', 'GET', '/v1/sanctions', false],
      ['investigator', 'POST', `/v1/sanctions/${encodeURIComponent(sanction.sanctionId)}/carry-out`, false],
      ['evaluation-office', 'POST', '/v1/policies/sanction-ladder', false],
      ['intake-clerk', 'POST', '/v1/departments/conf-c/incidents', false],
      ['complainant', 'GET', '/v1/departments/conf-c/accountability', false],
      ['evaluation-office', 'POST', `/v1/apologies/${encodeURIComponent(apology.apologyId)}/carry-out`, false],
    ]);
  });

  it('Evaluations and rankings: inputs, statistics, closing a period and the rankings', async () => {
    const year = 2023;
    const rating = { transactionId: 'conf-tx-1', departmentId: 'conf-a', personId: 'conf-p', platform: 'hotline-12345', level: 5, ratedAt: '2023-06-15T09:00:00+08:00' };
    expectRows([
      ['rating', await call('POST', '/v1/ratings', 'evaluation-office', rating), 201],
      ['second rating of a transaction', await call('POST', '/v1/ratings', 'service', { ...rating, level: 1 }), 409, ['type', 'title', 'status', 'detail']],
      ['rating 4', await call('POST', '/v1/ratings', 'service', { ...rating, transactionId: 'conf-tx-2', level: 4, platform: 'qr-code' }), 201],
      ['rating 1', await call('POST', '/v1/ratings', 'evaluation-office', { ...rating, transactionId: 'conf-tx-3', level: 1, platform: 'media' }), 201],
      ['survey', await call('POST', '/v1/surveys', 'evaluation-office', { departmentId: 'conf-a', year, score: 80 }), 201],
      ['superior evaluation', await call('POST', '/v1/superior-evaluations', 'evaluation-office', { departmentId: 'conf-a', year, score: 90 }), 201],
      ['survey of a vertical', await call('POST', '/v1/surveys', 'evaluation-office', { departmentId: 'conf-b', year, score: 70 }), 201],
      ['deduction', await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'conf-a', year, kind: 'deduction', source: 'inspection', points: 1, reason: 'late files' }), 201],
      ['bonus over the cap', await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'conf-a', year, kind: 'bonus', source: 'leading-group', points: 6, reason: 'too much' }), 422, ['type', 'title', 'status', 'detail', 'errors.0.path']],
      ['rating naming a person of another department', await call('POST', '/v1/ratings', 'evaluation-office', { ...rating, transactionId: 'conf-tx-9', departmentId: 'conf-b' }), 422, ['type', 'title', 'status', 'detail', 'errors.0.path']],
      ['bonus', await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'conf-a', year, kind: 'bonus', source: 'leading-group', points: 2, reason: 'award' }), 201],
      ['veto', await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'conf-b', year, kind: 'veto', source: 'leading-group', reason: 'major incident' }), 201],
      ['statistics', await call('GET', '/v1/departments/conf-a/statistics?month=2023-06', 'evaluation-office'), 200, ['counts.1', 'counts.2', 'counts.3', 'counts.4', 'counts.5', 'satisfactionRate', 'meanIndex']],
      ['statistics bad month', await call('GET', '/v1/departments/conf-a/statistics?month=2023-13', 'evaluation-office'), 400, ['errors.0.path']],
    ]);
    const statistics = await call('GET', '/v1/departments/conf-a/statistics?month=2023-06', 'auditor');
    expect(statistics.body).toMatchObject({ counts: { 1: 1, 2: 0, 3: 0, 4: 1, 5: 1 }, satisfactionRate: 2 / 3 });

    // API.md gives the close no body: a JSON content type without one (as fetch sends it) is no body, not malformed JSON.
    const closed = await call('POST', `/v1/periods/${year}/close`, 'evaluation-office', undefined, { 'content-type': 'application/json' });
    await ledger.settled();
    expectRows([
      ['close', closed, 200, ['rankings.0.items']],
      ['close again', await call('POST', `/v1/periods/${year}/close`, 'evaluation-office'), 409, ['type']],
      ['rankings', await call('GET', `/v1/rankings/${year}?category=service-facing`, 'auditor'), 200, ['items.0.departmentId', 'items.0.category', 'items.0.score', 'items.0.grade', 'items.0.rank', 'items.0.bottom', 'items.0.components', 'items.0.adjustments']],
      ['people', await call('GET', `/v1/rankings/${year}/people?departmentId=conf-a`, 'disciplinary-official'), 200, ['items']],
      ['unclosed year', await call('GET', '/v1/rankings/2022', 'auditor'), 404, ['type']],
    ]);
    const vertical = await call('GET', `/v1/rankings/${year}?category=vertical`, 'evaluation-office');
    expect(vertical.body.items).toEqual([expect.objectContaining({ departmentId: 'conf-b', grade: 'unsatisfied', rank: 1, bottom: true })]);

    await expectAccess([
      ['intake-clerk', 'POST', '/v1/ratings', false],
      ['complainant', 'POST', '/v1/ratings', false],
      ['investigator', 'POST', '/v1/surveys', false],
      ['disciplinary-official', 'POST', '/v1/superior-evaluations', false],
      ['auditor', 'POST', '/v1/adjustments', false],
      ['complainant', 'GET', '/v1/departments/conf-a/statistics?month=2023-06', false],
      ['auditor', 'POST', '/v1/periods/2021/close', false],
      ['intake-clerk', 'GET', `/v1/rankings/${year}`, false],
      ['complainant', 'GET', `/v1/rankings/${year}/people`, false],
    ]);
  });

  it('Rectification, bad reviews, calendar: items, cases, the figures and the working-day calendar, a liaison for their department only', async () => {
    const liaison = async (departmentId: string, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<Reply> => {
      const response = await ledger.app.inject({ method, url, headers: asLiaisonOf(departmentId), ...(payload === undefined ? {} : { payload: payload as object }) });
      return { status: response.statusCode, body: response.json() };
    };
    await call('PUT', '/v1/departments/liaison-a', 'evaluation-office', { name: 'Tax Bureau', category: 'service-facing' });
    await call('PUT', '/v1/people/liaison-p', 'evaluation-office', { name: 'Zhao Min', departmentId: 'liaison-a' });
    const opened = await call('POST', '/v1/rectifications', 'evaluation-office', {
      departmentId: 'liaison-a', source: { kind: 'complaint', ref: 'c-1' }, problem: 'Slow permits', measure: 'Extra window', target: 'Within 5 days',
      deadline: plusDays(new Date().toISOString(), 30), responsiblePersonId: 'liaison-p',
    });
    const id = opened.body.rectificationId as string;
    await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: 'conf-tx-bad', departmentId: 'liaison-a', platform: 'qr-code', level: 2, ratedAt: '2026-03-02T10:00:00+08:00' });
    await ledger.settled();
    const cases = await call('GET', '/v1/bad-reviews?departmentId=liaison-a', 'evaluation-office');
    const caseId = cases.body.items[0]?.badReviewId as string;
    expectRows([
      ['POST rectification', opened, 201, ['rectificationId', 'status']],
      ['progress', await liaison('liaison-a', 'POST', `/v1/rectifications/${id}/progress`, { note: 'Window opened' }), 200, ['status']],
      ['complete', await liaison('liaison-a', 'POST', `/v1/rectifications/${id}/complete`, { evidence: 'Roster' }), 200, ['status']],
      ['verify', await call('POST', `/v1/rectifications/${id}/verify`, 'evaluation-office', { accepted: true, note: 'Done' }), 200, ['status']],
      ['list rectifications', await call('GET', '/v1/rectifications?departmentId=liaison-a&status=verified&source=complaint', 'auditor'), 200, ['items.0.rectificationId', 'items.0.status']],
      ['overdue rectifications', await call('GET', '/v1/rectifications?overdue=true', 'disciplinary-official'), 200, ['items']],
      ['GET rectification', await call('GET', `/v1/rectifications/${id}`, 'evaluation-office'), 200, ['rectificationId', 'departmentId', 'source', 'deadline', 'status', 'history']],
      ['unknown rectification', await call('GET', '/v1/rectifications/nowhere', 'evaluation-office'), 404, ['type', 'title', 'status', 'detail']],
      ['department rectification', await call('GET', '/v1/departments/liaison-a/rectification', 'evaluation-office'), 200, ['opened', 'verified', 'verifiedOnTime', 'overdue', 'rate']],
      ['list bad reviews', cases, 200, ['items.0.badReviewId', 'items.0.transactionId', 'items.0.level', 'items.0.ratedAt', 'items.0.verifyBy', 'items.0.status']],
      ['call-back before rectified', await liaison('liaison-a', 'POST', `/v1/bad-reviews/${caseId}/callback`, { result: 'satisfied' }), 409, ['type', 'title', 'status', 'detail']],
      ['verification', await liaison('liaison-a', 'POST', `/v1/bad-reviews/${caseId}/verification`, { justified: false, note: 'Not our fault' }), 200],
      ['department bad reviews', await call('GET', '/v1/departments/liaison-a/bad-reviews?month=2026-03', 'evaluation-office'), 200, ['opened', 'verifiedOnTime', 'justified', 'rectified', 'callbacksSatisfied']],
      ['PUT calendar', await call('PUT', '/v1/policies/calendar/2027', 'evaluation-office', { holidays: ['2027-01-01'], workdays: [] }), 200, ['holidays', 'workdays']],
      ['GET calendar', await call('GET', '/v1/policies/calendar/2027', 'auditor'), 200, ['holidays', 'workdays']],
      ['bad calendar', await call('PUT', '/v1/policies/calendar/2027', 'evaluation-office', { holidays: 'new year' }), 400, ['errors.0.path']],
    ]);
    expect((await liaison('liaison-b', 'POST', `/v1/rectifications/${id}/progress`, { note: 'not mine' })).status).toBe(403);
    expect((await liaison('liaison-b', 'GET', '/v1/departments/liaison-a/rectification')).status).toBe(403);
    expect((await liaison('liaison-b', 'POST', `/v1/bad-reviews/${caseId}/verification`, { justified: true, note: 'x' })).status).toBe(403);
    await expectAccess([
      ['intake-clerk', 'POST', '/v1/rectifications', false],
      ['department-liaison', 'POST', '/v1/rectifications', false],
      ['department-liaison', 'POST', `/v1/rectifications/${id}/verify`, false],
      ['investigator', 'GET', '/v1/rectifications', false],
      ['complainant', 'GET', '/v1/bad-reviews', false],
      ['intake-clerk', 'POST', `/v1/bad-reviews/${caseId}/verification`, false],
      ['department-liaison', 'PUT', '/v1/policies/calendar/2027', false],
      ['evaluation-office', 'PUT', '/v1/policies/calendar/2027', true],
      ['evaluation-office', 'POST', `/v1/bad-reviews/${caseId}/verification`, true],
    ]);
  });

  it('Ledger: the feed, the checkpoint, the verifier key and the proofs', async () => {
    await ledger.settled();
    const feed = await call('GET', '/v1/ledger/events?after=0&limit=5', 'auditor');
    expectRows([
      ['feed', feed, 200, ['events.0.specversion', 'events.0.id', 'events.0.source', 'events.0.type', 'events.0.data', 'next']],
      ['inclusion', await call('GET', '/v1/ledger/proofs/inclusion?index=0&size=5', 'auditor'), 200],
      ['consistency', await call('GET', '/v1/ledger/proofs/consistency?from=2&to=5', 'service'), 200],
    ]);
    expect(feed.body.events).toHaveLength(5);
    const page2 = await call('GET', `/v1/ledger/events?after=${feed.body.next}&limit=5`, 'service');
    expect(page2.body.events[0].position).toBeGreaterThan(feed.body.events[4].position);

    const checkpoint = await raw('/v1/ledger/checkpoint');
    expect(checkpoint.statusCode).toBe(200);
    expect(checkpoint.headers['content-type']).toMatch(/^text\/plain/);
    expect(checkpoint.body).toMatch(/^accountability-ledger\n\d+\n[A-Za-z0-9+/]+=*\n\n— /);
    const key = await raw('/v1/ledger/verifier-key');
    expect(key.statusCode).toBe(200);
    expect(key.headers['content-type']).toMatch(/^text\/plain/);
    expect(key.body).toMatch(/^[^+\s]+\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(key.body.split('+').slice(2).join('+'), 'base64')).toHaveLength(33);

    await expectAccess([
      ['intake-clerk', 'GET', '/v1/ledger/events', false],
      ['complainant', 'GET', '/v1/ledger/events', false],
      ['evaluation-office', 'GET', '/v1/ledger/proofs/inclusion?index=0&size=1', false],
      ['disciplinary-official', 'GET', '/v1/ledger/proofs/consistency?from=1&to=1', false],
    ]);
  });

  it('Idempotency-Key: every state-changing POST answers a repeat with its first answer and writes nothing more', async () => {
    await call('PUT', '/v1/people/conf-r', 'evaluation-office', { name: 'Sun Li', departmentId: 'conf-c' });
    const receivedAt = day('2025-07-01');
    const ids: Record<string, string> = {};
    const complaint = (step: string) => () => `/v1/complaints/${ids.complaint}/${step}`;
    const steps: Array<[role: Role, url: string | (() => string), body: () => unknown, remember?: (answer: Reply['body']) => Promise<void> | void]> = [
      ['intake-clerk', '/v1/complaints', () => ({ channel: 'phone', departmentId: 'conf-c', personId: 'conf-r', category: 'delay', summary: 'Slow', receivedAt }), (answer) => void (ids.complaint = answer.complaintId)],
      ['intake-clerk', '/v1/complaints', () => ({ channel: 'mailbox', departmentId: 'conf-c', category: 'other', summary: 'Spam' }), (answer) => void (ids.rejected = answer.complaintId)],
      ['intake-clerk', () => `/v1/complaints/${ids.rejected}/reject`, () => ({ reason: 'no actionable content' })],
      ['intake-clerk', complaint('accept'), () => ({ at: plusDays(receivedAt, 1) })],
      ['intake-clerk', complaint('assign'), () => ({ investigatorId: 'inv-9', at: plusDays(receivedAt, 2) })],
      ['investigator', complaint('finding'), () => ({ outcome: 'valid', personId: 'conf-r', departmentsAtFault: ['conf-c'], at: plusDays(receivedAt, 3) })],
      ['intake-clerk', complaint('close'), () => ({ satisfaction: 2, at: plusDays(receivedAt, 4) })],
      ['intake-clerk', complaint('reopen'), () => ({ reason: 'unhappy', at: plusDays(receivedAt, 5) })],
      ['investigator', complaint('finding'), () => ({ outcome: 'valid', personId: 'conf-r', at: plusDays(receivedAt, 6) })],
      ['intake-clerk', complaint('close'), () => ({ at: plusDays(receivedAt, 7) })],
      ['intake-clerk', complaint('appeal'), () => ({ reason: 'disputed', at: plusDays(receivedAt, 8) })],
      ['disciplinary-official', complaint('appeal-decision'), () => ({ decision: 'upheld', reason: 'the finding stands on the evidence', at: plusDays(receivedAt, 9) }), async () => {
        await ledger.settled();
        ids.sanction = (await call('GET', '/v1/sanctions?status=pending&personId=conf-r', 'auditor')).body.items[0].sanctionId;
        const apologies = (await call('GET', '/v1/departments/conf-c/accountability', 'auditor')).body.apologies;
        const pending = apologies.find((apology: { status: string }) => apology.status === 'pending');
        ids.apology = pending.apologyId;
        ids.apologyKind = pending.kind;
      }],
      ['disciplinary-official', () => `/v1/sanctions/${encodeURIComponent(ids.sanction!)}/carry-out`, () => ({ by: 'official-2' })],
      // A public or joint apology records where, when and a reference (SPEC 5); a direct one has none.
      ['disciplinary-official', () => `/v1/apologies/${encodeURIComponent(ids.apology!)}/carry-out`, () => ({ by: 'conf-q', ...(ids.apologyKind === 'direct' ? {} : { outlet: 'website', reference: 'https://example.gov.cn/apology/1' }) })],
      ['disciplinary-official', '/v1/departments/conf-c/incidents', () => ({ kind: 'inspection' })],
      ['disciplinary-official', '/v1/policies/sanction-ladder', () => JSON.parse(ids.ladder!)],
      ['evaluation-office', '/v1/ratings', () => ({ transactionId: 'conf-tx-idem', departmentId: 'conf-c', platform: 'media', level: 2, ratedAt: '2024-03-01T10:00:00Z' })],
      ['evaluation-office', '/v1/surveys', () => ({ departmentId: 'conf-c', year: 2024, score: 60 })],
      ['evaluation-office', '/v1/superior-evaluations', () => ({ departmentId: 'conf-c', year: 2024, score: 65 })],
      ['evaluation-office', '/v1/adjustments', () => ({ departmentId: 'conf-c', year: 2024, kind: 'deduction', source: 'e-supervision', points: 2, reason: 'late' })],
      ['evaluation-office', '/v1/periods/2024/close', () => undefined],
    ];
    const { steps: ladderSteps, dismissal } = (await call('GET', '/v1/policies/sanction-ladder', 'auditor')).body;
    ids.ladder = JSON.stringify({ steps: ladderSteps, dismissal, effectiveFrom: plusDays(new Date().toISOString(), 2) });
    for (const [index, [role, url, body, remember]] of steps.entries()) {
      const path = typeof url === 'string' ? url : url();
      const key = { 'idempotency-key': `conf-idem-${index}` };
      const first = await call('POST', path, role, body(), key);
      expect([200, 201], `${path}: ${JSON.stringify(first.body)}`).toContain(first.status);
      const head = await settledHead();
      const repeat = await call('POST', path, role, body(), key);
      expect(repeat, `repeat of ${path}`).toEqual(first);
      expect(await settledHead(), `repeat of ${path} wrote nothing`).toBe(head);
      await remember?.(first.body);
    }
  });

  it('Public and publication: filing, tracking and rating with no key, statistics, bulletins, public rankings and accountability', async () => {
    const anonymous = async (method: 'GET' | 'POST', url: string, payload?: object): Promise<Reply> => {
      const response = await ledger.app.inject({ method, url, remoteAddress: '198.51.100.99', ...(payload ? { payload } : {}) });
      return { status: response.statusCode, body: response.headers['content-type']?.includes('json') ? response.json() : response.body };
    };
    const filed = await anonymous('POST', '/v1/public/complaints', { channel: 'qr-code', departmentId: 'conf-a', category: 'attitude', summary: '扫码投诉' });
    const code = filed.body.trackingCode as string;
    await ledger.settled();
    const bulletin = await call('POST', '/v1/bulletins', 'evaluation-office', { kind: 'praise', title: '通报表扬', body: '办事高效', subjects: [{ departmentId: 'conf-a' }] });
    await ledger.settled();
    expectRows([
      ['public filing', filed, 201, ['trackingCode', 'status']],
      ['track', await anonymous('GET', `/v1/track/${code}`), 200, ['status', 'receivedAt']],
      ['track unknown', await anonymous('GET', '/v1/track/AAAA-AAAA-AAAA-AAAA'), 404, ['type', 'title', 'status', 'detail']],
      ['rating before the close', await anonymous('POST', `/v1/track/${code}/rating`, { satisfaction: 4 }), 409, ['type', 'status']],
      ['statistics', await call('GET', '/v1/statistics/complaints?departmentId=conf-a&month=2025-02', 'evaluation-office'), 200,
        ['received', 'accepted', 'rejected', 'closed', 'closedOnTime', 'overdue', 'completionRate', 'onTimeRate', 'satisfactionRate', 'meanSatisfaction']],
      ['bulletin', bulletin, 201, ['bulletinId', 'publishedAt']],
      ['public bulletins', await anonymous('GET', '/v1/public/bulletins'), 200, ['items.0.bulletinId', 'items.0.title']],
      ['atom', await anonymous('GET', '/v1/public/bulletins.atom'), 200],
      ['public ranking of an open year', await anonymous('GET', '/v1/public/rankings/2099'), 404, ['type']],
      ['public accountability', await anonymous('GET', '/v1/public/accountability/2025'), 200, ['bottomRank', 'apologies']],
    ]);
    await expectAccess([
      ['intake-clerk', 'POST', '/v1/bulletins', false],
      ['complainant', 'GET', '/v1/statistics/complaints', false],
      ['evaluation-office', 'GET', '/v1/statistics/complaints', true],
    ]);
  });

  it('Keys: an administrator issues (the key shown once), lists and revokes keys; every other role gets 403', async () => {
    const issued = await call('POST', '/v1/keys', 'administrator', { role: 'investigator', personId: 'conf-inv', label: 'conformance investigator' });
    const keyId = issued.body.keyId as string;
    const revoke = async (role: Role) => {
      const reply = await ledger.app.inject({ method: 'DELETE', url: `/v1/keys/${keyId}`, headers: as(role) });
      return { status: reply.statusCode, body: reply.json() };
    };
    expectRows([
      ['POST /v1/keys', issued, 201, ['keyId', 'key']],
      ['GET /v1/keys', await call('GET', '/v1/keys', 'administrator'), 200, ['items.0.keyId', 'items.0.role', 'items.0.label', 'items.0.createdAt']],
      ['DELETE by a non-administrator', await revoke('auditor'), 403, ['type', 'title', 'status', 'detail']],
      ['DELETE /v1/keys/{keyId}', await revoke('administrator'), 200, ['keyId', 'revokedAt']],
      ['GET /v1/keys after', await call('GET', '/v1/keys?personId=conf-inv', 'administrator'), 200, ['items.0.revokedAt']],
      ['DELETE unknown key', await ledger.app.inject({ method: 'DELETE', url: '/v1/keys/no-such-key', headers: as('administrator') }).then((reply) => ({ status: reply.statusCode, body: reply.json() })), 404, ['type', 'title', 'status', 'detail']],
      ['POST without label', await call('POST', '/v1/keys', 'administrator', { role: 'auditor', personId: 'conf-aud' }), 400, ['errors.0.path']],
    ]);
    const revoked = await ledger.app.inject({ method: 'GET', url: '/v1/complaints', headers: { authorization: `Bearer ${issued.body.key as string}` } });
    expect(revoked.statusCode).toBe(401);
    await expectAccess([
      ['evaluation-office', 'GET', '/v1/keys', false],
      ['auditor', 'GET', '/v1/keys', false],
      ['intake-clerk', 'POST', '/v1/keys', false],
      ['service', 'POST', '/v1/keys', false],
      ['department-liaison', 'GET', '/v1/keys', false],
      ['administrator', 'GET', '/v1/complaints', false],
    ]);
    const operations = (await raw('/docs/json')).json().paths as Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>>;
    expect([operations['/v1/keys']?.post?.operationId, operations['/v1/keys']?.get?.operationId, operations['/v1/keys/{keyId}']?.delete?.operationId]).toEqual(['issueKey', 'listKeys', 'revokeKey']);
    expect(Object.keys(operations['/v1/keys']?.post?.responses ?? {})).toEqual(expect.arrayContaining(['201', '400', '401', '403', '409', '422']));
  });

  it('Conventions: bearer auth, Idempotency-Key, problem details, health and docs', async () => {
    expect((await raw('/healthz')).statusCode).toBe(200);
    const docs = await raw('/docs/json');
    expect(docs.statusCode).toBe(200);
    // Every method and path of API.md is in the generated OpenAPI, where anything API.md leaves open is documented.
    const documented = [
      'put /v1/departments/{departmentId}', 'put /v1/people/{personId}', 'get /v1/departments/{departmentId}', 'get /v1/people/{personId}',
      'post /v1/complaints', 'post /v1/complaints/{id}/accept', 'post /v1/complaints/{id}/reject', 'post /v1/complaints/{id}/assign',
      'post /v1/complaints/{id}/finding', 'post /v1/complaints/{id}/close', 'post /v1/complaints/{id}/reopen', 'post /v1/complaints/{id}/appeal',
      'post /v1/complaints/{id}/appeal-decision', 'get /v1/complaints/{id}', 'get /v1/complaints', 'get /v1/track/{trackingCode}',
      'post /v1/track/{trackingCode}/rating', 'post /v1/public/complaints', 'get /v1/statistics/complaints', 'post /v1/bulletins',
      'get /v1/public/bulletins', 'get /v1/public/bulletins.atom', 'get /v1/public/rankings/{year}', 'get /v1/public/accountability/{year}',
      'get /v1/people/{personId}/history', 'get /v1/sanctions', 'post /v1/sanctions/{sanctionId}/carry-out', 'get /v1/policies/sanction-ladder',
      'post /v1/policies/sanction-ladder', 'post /v1/departments/{departmentId}/incidents', 'get /v1/departments/{departmentId}/accountability',
      'post /v1/apologies/{apologyId}/carry-out', 'get /v1/referrals', 'post /v1/referrals/{referralId}/outcome', 'post /v1/ratings', 'post /v1/surveys', 'post /v1/superior-evaluations', 'post /v1/adjustments',
      'get /v1/departments/{departmentId}/statistics', 'post /v1/periods/{year}/close', 'get /v1/rankings/{year}', 'get /v1/rankings/{year}/people',
      'get /v1/ledger/events', 'get /v1/ledger/checkpoint', 'get /v1/ledger/verifier-key', 'get /v1/ledger/proofs/inclusion', 'get /v1/ledger/proofs/consistency',
      'post /v1/keys', 'get /v1/keys', 'delete /v1/keys/{keyId}',
    ];
    const paths = docs.json().paths as Record<string, Record<string, unknown>>;
    expect(documented.filter((route) => {
      const [method, path] = route.split(' ') as [string, string];
      return paths[path]?.[method] === undefined;
    })).toEqual([]);

    const anonymous = await raw('/v1/complaints');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await raw('/v1/complaints', { authorization: 'Bearer not-a-key-of-anyone-at-all' })).statusCode).toBe(401);

    const before = await settledHead();
    const keyed = { 'idempotency-key': 'conf-rating-once' };
    const rating = { transactionId: 'conf-tx-keyed', departmentId: 'conf-a', platform: 'web', level: 3 };
    const first = await call('POST', '/v1/ratings', 'evaluation-office', { ...rating, platform: 'service-center' }, keyed);
    const repeat = await call('POST', '/v1/ratings', 'evaluation-office', { ...rating, platform: 'service-center' }, keyed);
    expect(first.status).toBe(201);
    expect(repeat).toEqual(first);
    expect(await settledHead()).toBe(before + 1);

    // Malformed (400 naming the field), unknown id (404), conflict (409), refused by the rules (422): each a problem that writes nothing.
    const future = plusDays(new Date().toISOString(), 1);
    const problems: Array<[Reply, number, string?]> = [
      [await call('POST', '/v1/ratings', 'evaluation-office', rating), 400, 'body.platform'],
      [await call('POST', '/v1/complaints/no-such/close', 'intake-clerk', {}), 404],
      [await call('POST', '/v1/ratings', 'evaluation-office', { ...rating, platform: 'service-center' }), 409],
      [await call('POST', '/v1/ratings', 'evaluation-office', { ...rating, transactionId: 'conf-tx-future', platform: 'service-center', ratedAt: future }), 422],
    ];
    for (const [reply, status, path] of problems) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      expect(reply.body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
      if (path) expect(reply.body.errors).toEqual(expect.arrayContaining([{ path, message: expect.any(String) }]));
    }
    expect(await settledHead()).toBe(before + 1);
  });
});
