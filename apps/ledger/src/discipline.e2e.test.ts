import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPglite } from '@ledger/sql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type SanctionItem,
  callerOf,
  day,
  defaultConsequences,
  eventName,
  expectOk,
  feedOf,
  foundComplaint,
  historyOf,
  plusDays,
  sanctionsOf,
} from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// Stops and starts the embedded ledger on a data folder several times: each start opens PGlite on disk (seconds
// on a busy machine), so this test gets a budget of its own.
const restartTestTimeoutMs = 360_000;

// Issue 3 (discipline), done means: the ladder, recomputation, carry-out, apologies and the person history,
// end to end over HTTP on the embedded ledger. Business times lie in past years; `recordedAt` is now.

let ledger: LedgerHost;
const call = callerOf(() => ledger);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const foundNow = () => new Date().toISOString();
/** The ledger-visible shape of a sanction: what the tests compare. */
const brief = (sanction: SanctionItem) => ({
  step: sanction.step,
  year: sanction.year,
  consequences: sanction.consequences,
  complaintIds: sanction.complaintIds,
  policyVersion: sanction.policyVersion,
  status: sanction.status,
});
const inForce = (sanctions: SanctionItem[]) => sanctions.filter((sanction) => sanction.status !== 'rescinded');
const byStep = (a: SanctionItem, b: SanctionItem) => (a.year ?? 9999) - (b.year ?? 9999) || a.step - b.step;

beforeAll(async () => {
  ledger = await startTestLedger();
  for (const [id, name] of [['housing', 'Housing Bureau'], ['land', 'Land Bureau'], ['transport', 'Transport Bureau']]) {
    expectOk(await call('PUT', `/v1/departments/${id}`, 'evaluation-office', { name, category: 'service-facing' }), `department ${id}`);
  }
  const people: Array<[string, string, string]> = [
    ['wang', 'Wang Fang', 'transport'],
    ['chen', 'Chen Jie', 'transport'],
    ['zhou', 'Zhou Min', 'transport'],
    ['liu', 'Liu Yang', 'transport'],
    ['sun', 'Sun Li', 'transport'],
    ['hleader', 'He Lei', 'housing'],
    ['lleader', 'Lin Lan', 'land'],
  ];
  for (const [id, name, departmentId] of people) expectOk(await call('PUT', `/v1/people/${id}`, 'evaluation-office', { name, departmentId }), `person ${id}`);
  expectOk(await call('PUT', '/v1/departments/housing', 'evaluation-office', { name: 'Housing Bureau', category: 'service-facing', leaderPersonId: 'hleader' }), 'leader');
  expectOk(await call('PUT', '/v1/departments/land', 'evaluation-office', { name: 'Land Bureau', category: 'vertical', leaderPersonId: 'lleader' }), 'leader');
});
afterAll(() => ledger.stop());

describe('the sanction ladder over HTTP', () => {
  it('climbs the five steps of SPEC 4 for one person, one sanction per step, with the default consequences', async () => {
    const ids: string[] = [];
    for (const [index, month] of ['02', '03', '04', '05', '06'].entries()) {
      ids.push(await foundComplaint(call, { departmentId: 'transport', personId: 'wang', receivedAt: day(`2024-${month}-05`) }));
      await ledger.settled();
      const sanctions = (await sanctionsOf(call, '&personId=wang')).toSorted(byStep);
      const steps = index < 4 ? [index + 1] : [5];
      const reached = sanctions.filter((sanction) => steps.includes(sanction.step));
      expect(reached, `after complaint ${index + 1}`).toHaveLength(1);
      expect(sanctions).toHaveLength(index + 1);
    }
    const sanctions = (await sanctionsOf(call, '&personId=wang')).toSorted(byStep);
    expect(sanctions.map(brief)).toEqual([
      ...[1, 2, 3, 4].map((step) => ({
        step,
        year: 2024,
        consequences: defaultConsequences[step],
        complaintIds: ids.slice(0, step),
        policyVersion: 1,
        status: 'pending',
      })),
      { step: 5, year: undefined, consequences: ['dismissal'], complaintIds: ids, policyVersion: 1, status: 'pending' },
    ]);
    // Each is decided when its triggering complaint was found valid (ten days after receipt here).
    expect(sanctions.map((sanction) => sanction.decidedAt)).toEqual(['02', '03', '04', '05', '06'].map((month) => plusDays(day(`2024-${month}-05`), 10)));

    const history = await historyOf(call, 'wang');
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({
      personId: 'wang',
      name: 'Wang Fang',
      departmentId: 'transport',
      validCounts: { byYear: { '2024': 5 }, last24Months: 0 },
      currentStep: 5,
      ratingCaps: { '2024': 'incompetent' },
    });
    expect(history.body.complaints.map((complaint: { complaintId: string; status: string; outcome: string }) => [complaint.complaintId, complaint.status, complaint.outcome])).toEqual(
      ids.map((id) => [id, 'found', 'valid']),
    );
    expect(history.body.sanctions.map((sanction: SanctionItem) => sanction.sanctionId).toSorted()).toEqual(sanctions.map((sanction) => sanction.sanctionId).toSorted());
  });

  it('restarts the steps in a new calendar year, while the 24-month count still dismisses', async () => {
    const receipts = ['2024-10-01', '2024-11-01', '2024-12-20', '2025-01-10', '2025-02-10'];
    const ids: string[] = [];
    for (const receivedAt of receipts) ids.push(await foundComplaint(call, { departmentId: 'transport', personId: 'chen', receivedAt: day(receivedAt) }));
    await ledger.settled();
    const sanctions = (await sanctionsOf(call, '&personId=chen')).toSorted(byStep);
    expect(sanctions.map((sanction) => [sanction.year, sanction.step, sanction.complaintIds])).toEqual([
      [2024, 1, ids.slice(0, 1)],
      [2024, 2, ids.slice(0, 2)],
      [2024, 3, ids.slice(0, 3)],
      [2025, 1, ids.slice(3, 4)],
      [2025, 2, ids.slice(3, 5)],
      [undefined, 5, ids],
    ]);
    expect(sanctions.every((sanction) => sanction.consequences.join() === defaultConsequences[sanction.step]!.join())).toBe(true);
    const history = (await historyOf(call, 'chen')).body;
    expect(history).toMatchObject({
      validCounts: { byYear: { '2024': 3, '2025': 2 } },
      currentStep: 5,
      ratingCaps: { '2024': 'incompetent', '2025': 'incompetent' },
    });
  });

  it('does not dismiss when no 24 months hold five valid complaints, and never counts valid-violation or invalid', async () => {
    const ids: string[] = [];
    for (const receivedAt of ['2023-01-10', '2023-02-10', '2023-03-10', '2023-04-10', '2025-06-10']) {
      ids.push(await foundComplaint(call, { departmentId: 'transport', personId: 'zhou', receivedAt: day(receivedAt) }));
    }
    await foundComplaint(call, { departmentId: 'transport', personId: 'zhou', receivedAt: day('2025-07-10'), outcome: 'valid-violation' });
    await foundComplaint(call, { departmentId: 'transport', personId: 'zhou', receivedAt: day('2025-08-10'), outcome: 'invalid' });
    await ledger.settled();
    const sanctions = (await sanctionsOf(call, '&personId=zhou')).toSorted(byStep);
    expect(sanctions.map((sanction) => [sanction.year, sanction.step])).toEqual([
      [2023, 1],
      [2023, 2],
      [2023, 3],
      [2023, 4],
      [2025, 1],
    ]);
    const history = (await historyOf(call, 'zhou')).body;
    expect(history.validCounts.byYear).toEqual({ '2023': 4, '2025': 1 });
    expect(history.complaints.map((complaint: { outcome: string }) => complaint.outcome)).toEqual(['valid', 'valid', 'valid', 'valid', 'valid', 'valid-violation', 'invalid']);
    expect(history.currentStep).toBe(1);
    expect(history.ratingCaps).toEqual({ '2023': 'incompetent', '2025': 'not-excellent' });
  });
});

describe('recomputation, carry-out and the sanction list', () => {
  it('rescinds what an overturned finding no longer supports (a carried-out one stays, marked), and decides afresh when valid again', async () => {
    const [c1, c2, c3] = [
      await foundComplaint(call, { departmentId: 'transport', personId: 'liu', receivedAt: day('2024-03-01') }),
      await foundComplaint(call, { departmentId: 'transport', personId: 'liu', receivedAt: day('2024-04-01') }),
      await foundComplaint(call, { departmentId: 'transport', personId: 'liu', receivedAt: day('2024-05-01') }),
    ];
    await ledger.settled();
    const stepThree = (await sanctionsOf(call, '&personId=liu')).find((sanction) => sanction.step === 3)!;
    const carried = await call('POST', `/v1/sanctions/${encodeURIComponent(stepThree.sanctionId)}/carry-out`, 'disciplinary-official', {
      by: 'official-7',
      note: 'transferred to the archive office',
      at: day('2024-06-01'),
    });
    expect(carried.status).toBe(200);
    expect(carried.body).toMatchObject({ sanctionId: stepThree.sanctionId, status: 'carried-out', carriedOut: { by: 'official-7', at: day('2024-06-01') } });

    expectOk(await call('POST', `/v1/complaints/${c2}/appeal`, 'disciplinary-official', { reason: 'new evidence', at: day('2024-06-10') }), 'appeal');
    expectOk(await call('POST', `/v1/complaints/${c2}/appeal-decision`, 'disciplinary-official', { decision: 'overturned', outcome: 'invalid', reason: 'no evidence of delay', at: day('2024-07-01') }), 'overturn');
    await ledger.settled();
    let sanctions = await sanctionsOf(call, '&personId=liu');
    const rescinded = sanctions.find((sanction) => sanction.sanctionId === stepThree.sanctionId)!;
    expect(rescinded).toMatchObject({ status: 'rescinded', carriedOut: { by: 'official-7', note: 'transferred to the archive office' } });
    expect(rescinded.rescindedReason).toContain(c2);
    expect(rescinded.rescindedReason).toMatch(/overturned/);
    expect(inForce(sanctions).map((sanction) => sanction.step).toSorted()).toEqual([1, 2]);
    let history = (await historyOf(call, 'liu')).body;
    expect(history.validCounts.byYear).toEqual({ '2024': 2 });
    expect(history.complaints.find((complaint: { complaintId: string }) => complaint.complaintId === c2)).toMatchObject({ outcome: 'invalid' });
    expect(history.sanctions.find((sanction: SanctionItem) => sanction.sanctionId === stepThree.sanctionId)).toMatchObject({
      status: 'rescinded',
      rescindedReason: rescinded.rescindedReason,
    });
    expect(history.ratingCaps).toEqual({ '2024': 'incompetent' });

    // Valid again after a redo: step 3 is decided afresh, under a new id; the rescinded one stays on record.
    expectOk(await call('POST', `/v1/complaints/${c2}/close`, 'intake-clerk', { satisfaction: 1, at: day('2024-07-05') }), 'close');
    expectOk(await call('POST', `/v1/complaints/${c2}/reopen`, 'intake-clerk', { reason: 'complainant dissatisfied', at: day('2024-07-06') }), 'reopen');
    expectOk(await call('POST', `/v1/complaints/${c2}/finding`, 'investigator', { outcome: 'valid', at: day('2024-07-20') }), 'redo finding');
    // A finding first invalid, overturned to valid on appeal, counts from the decision.
    const c4 = await foundComplaint(call, { departmentId: 'transport', personId: 'liu', receivedAt: day('2024-08-01'), outcome: 'invalid' });
    expectOk(await call('POST', `/v1/complaints/${c4}/appeal`, 'disciplinary-official', { reason: 'evidence overlooked', at: day('2024-08-20') }), 'appeal');
    expectOk(await call('POST', `/v1/complaints/${c4}/appeal-decision`, 'disciplinary-official', { decision: 'overturned', outcome: 'valid', reason: 'new evidence', at: day('2024-09-01') }), 'reinstate');
    await ledger.settled();
    sanctions = await sanctionsOf(call, '&personId=liu');
    expect(sanctions).toHaveLength(5);
    expect(sanctions.find((sanction) => sanction.sanctionId === stepThree.sanctionId)!.status).toBe('rescinded');
    const active = inForce(sanctions).toSorted(byStep);
    expect(active.map((sanction) => [sanction.step, sanction.status, sanction.decidedAt])).toEqual([
      [1, 'pending', plusDays(day('2024-03-01'), 10)],
      [2, 'pending', plusDays(day('2024-04-01'), 10)],
      [3, 'pending', day('2024-07-20')],
      [4, 'pending', day('2024-09-01')],
    ]);
    expect(active[2]!.sanctionId).not.toBe(stepThree.sanctionId);
    expect(active[2]!.complaintIds).toEqual([c1, c3, c2]);
    expect(active[3]!.complaintIds).toEqual([c1, c3, c2, c4]);
    history = (await historyOf(call, 'liu')).body;
    expect(history.validCounts.byYear).toEqual({ '2024': 4 });
    expect(history.sanctions).toHaveLength(5);
  });

  it('filters sanctions by status and person, pages them, and carries one out once', async () => {
    const wang = (await sanctionsOf(call, '&personId=wang')).toSorted(byStep);
    const first = wang[0]!;
    expect((await call('POST', `/v1/sanctions/${encodeURIComponent(first.sanctionId)}/carry-out`, 'disciplinary-official', { by: 'official-1', at: plusDays(first.decidedAt, 3) })).status).toBe(200);
    expect(await sanctionsOf(call, '&personId=wang&status=carried-out')).toEqual([expect.objectContaining({ sanctionId: first.sanctionId, carriedOut: { by: 'official-1', at: plusDays(first.decidedAt, 3) } })]);
    expect((await sanctionsOf(call, '&personId=wang&status=pending')).map((sanction) => sanction.step).toSorted()).toEqual([2, 3, 4, 5]);
    const rescinded = await sanctionsOf(call, '&status=rescinded');
    expect(rescinded.map((sanction) => sanction.personId)).toEqual(['liu']);
    const everyone = await sanctionsOf(call);
    expect(new Set(everyone.map((sanction) => sanction.personId))).toEqual(new Set(['wang', 'chen', 'zhou', 'liu']));
    const page = await call('GET', '/v1/sanctions?personId=chen&limit=2', 'disciplinary-official');
    expect(page.body.items).toHaveLength(2);
    const next = await call('GET', `/v1/sanctions?personId=chen&limit=2&after=${encodeURIComponent(page.body.next)}`, 'disciplinary-official');
    expect(next.body.items).toHaveLength(2);
    expect(next.body.items[0].sanctionId > page.body.items[1].sanctionId).toBe(true);
    // The history shows the carry-out too.
    const history = (await historyOf(call, 'wang')).body;
    expect(history.sanctions.find((sanction: SanctionItem) => sanction.sanctionId === first.sanctionId).status).toBe('carried-out');
  });
});

describe('leader apologies (SPEC 5)', () => {
  it('requires direct, then public, apologies per year, one joint apology for a joint fault, and public ones for incidents', async () => {
    const direct = await foundComplaint(call, { departmentId: 'housing', receivedAt: day('2024-03-01'), departmentsAtFault: ['housing'] });
    const second = await foundComplaint(call, { departmentId: 'housing', receivedAt: day('2024-05-01'), departmentsAtFault: ['housing'] });
    const joint = await foundComplaint(call, { departmentId: 'housing', receivedAt: day('2024-06-01'), departmentsAtFault: ['land', 'housing'] });
    await foundComplaint(call, { departmentId: 'housing', receivedAt: day('2024-06-15'), outcome: 'invalid', departmentsAtFault: ['housing'] });
    const nextYear = await foundComplaint(call, { departmentId: 'housing', receivedAt: day('2025-02-01'), departmentsAtFault: ['housing'] });
    const incident = await call('POST', '/v1/departments/land/incidents', 'disciplinary-official', { kind: 'media-exposure', note: 'TV report', at: day('2024-07-01') });
    expect(incident.status).toBe(201);
    expect(incident.body.apology).toMatchObject({ kind: 'public', year: 2024, status: 'pending' });
    await ledger.settled();

    type Apology = { apologyId: string; kind: string; cause: { complaintId?: string; kind?: string }; departments: Array<{ departmentId: string; leaderPersonId?: string }>; status: string };
    const housing2024 = (await call('GET', '/v1/departments/housing/accountability?year=2024', 'disciplinary-official')).body;
    expect(housing2024.apologies.map((apology: Apology) => [apology.kind, apology.cause.complaintId])).toEqual([
      ['direct', direct],
      ['public', second],
      ['joint', joint],
    ]);
    expect(housing2024.apologies[0].departments).toEqual([{ departmentId: 'housing', leaderPersonId: 'hleader' }]);
    expect(housing2024.apologies[2].departments).toEqual([
      { departmentId: 'housing', leaderPersonId: 'hleader' },
      { departmentId: 'land', leaderPersonId: 'lleader' },
    ]);
    expect(housing2024.bottomRank).toEqual([]);
    const land2024 = (await call('GET', '/v1/departments/land/accountability?year=2024', 'auditor')).body;
    expect(land2024.apologies.map((apology: Apology) => [apology.kind, apology.cause.complaintId ?? apology.cause.kind])).toEqual([
      ['joint', joint],
      ['public', 'media-exposure'],
    ]);
    // The joint apology is one record, the same in both departments' views.
    expect(land2024.apologies[0].apologyId).toBe(housing2024.apologies[2].apologyId);
    const housing2025 = (await call('GET', '/v1/departments/housing/accountability?year=2025', 'disciplinary-official')).body;
    expect(housing2025.apologies.map((apology: Apology) => [apology.kind, apology.cause.complaintId])).toEqual([['direct', nextYear]]);

    const apologyId = housing2024.apologies[0].apologyId as string;
    const carried = await call('POST', `/v1/apologies/${encodeURIComponent(apologyId)}/carry-out`, 'disciplinary-official', { by: 'hleader', note: 'met the complainant', at: day('2024-04-01') });
    expect(carried.status).toBe(200);
    expect(carried.body).toMatchObject({ apologyId, status: 'carried-out', carriedOut: { by: 'hleader', at: day('2024-04-01') } });
    const again = await call('POST', `/v1/apologies/${encodeURIComponent(apologyId)}/carry-out`, 'disciplinary-official', { by: 'hleader' });
    expect(again.status).toBe(409);
    await ledger.settled();
    const after = (await call('GET', '/v1/departments/housing/accountability?year=2024', 'disciplinary-official')).body;
    expect(after.apologies[0]).toMatchObject({ apologyId, status: 'carried-out', carriedOut: { by: 'hleader', note: 'met the complainant' } });
    expect(after.apologies.slice(1).map((apology: Apology) => apology.status)).toEqual(['pending', 'pending']);
  });
});

describe('the person history as of an instant', () => {
  it('answers exactly as the ledger stood then, ignoring everything recorded after', async () => {
    const before = new Date().toISOString();
    await pause(5);
    const c1 = await foundComplaint(call, { departmentId: 'transport', personId: 'sun', receivedAt: day('2024-01-10') });
    await ledger.settled();
    const then = await historyOf(call, 'sun');
    await pause(5);
    const instant = new Date().toISOString();
    await pause(5);

    const c2 = await foundComplaint(call, { departmentId: 'transport', personId: 'sun', receivedAt: day('2024-02-10') });
    expectOk(await call('POST', `/v1/complaints/${c1}/close`, 'intake-clerk', { satisfaction: 4, at: day('2024-03-01') }), 'close');
    await ledger.settled();
    const stepOne = (await sanctionsOf(call, '&personId=sun')).find((sanction) => sanction.step === 1)!;
    expectOk(await call('POST', `/v1/sanctions/${encodeURIComponent(stepOne.sanctionId)}/carry-out`, 'disciplinary-official', { by: 'official-2', at: day('2024-03-02') }), 'carry out');
    await ledger.settled();
    const now = await historyOf(call, 'sun');

    const asOf = await historyOf(call, 'sun', instant);
    expect(asOf.status).toBe(200);
    expect(asOf.body).toEqual(then.body);
    expect(asOf.body.complaints).toEqual([{ complaintId: c1, receivedAt: day('2024-01-10'), status: 'found', outcome: 'valid', departmentId: 'transport' }]);
    expect(asOf.body.sanctions.map((sanction: SanctionItem) => [sanction.step, sanction.status])).toEqual([[1, 'pending']]);

    expect(now.body.complaints.map((complaint: { complaintId: string; status: string }) => [complaint.complaintId, complaint.status])).toEqual([
      [c1, 'closed'],
      [c2, 'found'],
    ]);
    expect(now.body.sanctions.map((sanction: SanctionItem) => [sanction.step, sanction.status])).toEqual([
      [1, 'carried-out'],
      [2, 'pending'],
    ]);
    const latest = await historyOf(call, 'sun', new Date().toISOString());
    expect(latest.body).toEqual(now.body);
    // Before the person was registered the ledger knew nothing of them.
    const registeredLater = await historyOf(call, 'sun', '2020-01-01T00:00:00.000Z');
    expect(registeredLater.status).toBe(404);
    // Before the first complaint: the registry entry only.
    const blank = await historyOf(call, 'sun', before);
    expect(blank.body).toMatchObject({ personId: 'sun', name: 'Sun Li', complaints: [], sanctions: [], currentStep: 0, validCounts: { byYear: {}, last24Months: 0 } });
  });
});

describe('recorded reads of a person history (SPEC 8)', () => {
  it("records every read, with the stated reason or none (API.md's bare call), and lists them to auditors only", async () => {
    const stated = await historyOf(call, 'sun');
    const bare = await call('GET', `/v1/people/sun/history?asOf=${encodeURIComponent(new Date().toISOString())}`, 'auditor');
    expect([stated.status, bare.status]).toEqual([200, 200]);
    await ledger.settled();
    const reads = await call('GET', '/v1/audit/history-reads?personId=sun&limit=200', 'auditor');
    expect(reads.status).toBe(200);
    const [withReason, withoutReason] = (reads.body.items as Array<Record<string, unknown>>).slice(-2);
    expect(withReason).toMatchObject({ personId: 'sun', reader: 'disciplinary-official:test-disciplinary-official', reason: 'disciplinary review' });
    expect(withoutReason).toMatchObject({ personId: 'sun', reader: 'auditor:test-auditor', asOf: expect.any(String) });
    expect(withoutReason).not.toHaveProperty('reason');
    expect((await call('GET', '/v1/audit/history-reads?personId=sun', 'disciplinary-official')).status).toBe(403);
  });
});

describe('bad input', () => {
  it('answers problem details naming the field and writes nothing', async () => {
    const sanction = (await sanctionsOf(call, '&personId=wang&status=pending'))[0]!;
    const carried = (await sanctionsOf(call, '&status=carried-out'))[0]!;
    const rescinded = (await sanctionsOf(call, '&status=rescinded'))[0]!;
    const apologyId = (await call('GET', '/v1/departments/housing/accountability?year=2024', 'auditor')).body.apologies[1].apologyId as string;
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const carryOut = (id: string, body: unknown) => call('POST', `/v1/sanctions/${encodeURIComponent(id)}/carry-out`, 'disciplinary-official', body);
    const ladder = {
      steps: [1, 2, 3, 4].map((step) => ({ step, threshold: step, consequences: ['admonition-talk'] })),
      dismissal: { threshold: 5, windowMonths: 24, consequences: ['dismissal'] },
    };
    await ledger.settled();
    const before = (await feedOf(call)).length;

    const cases: Array<[string, Promise<{ status: number; body: { type: string; errors?: Array<{ path: string }> } }>, number, string?]> = [
      ['carry-out without by', carryOut(sanction.sanctionId, { note: 'x' }), 400, 'body.by'],
      ['carry-out with an unknown field', carryOut(sanction.sanctionId, { by: 'o', when: 'today' }), 400],
      ['carry-out in the future', carryOut(sanction.sanctionId, { by: 'o', at: future }), 422, 'body.at'],
      ['carry-out before the decision', carryOut(sanction.sanctionId, { by: 'o', at: plusDays(sanction.decidedAt, -1) }), 422, 'body.at'],
      ['carry-out twice', carryOut(carried.sanctionId, { by: 'o' }), 409],
      ['carry-out of a rescinded sanction', carryOut(rescinded.sanctionId, { by: 'o' }), 409],
      ['carry-out of an unknown sanction', carryOut('sanction:nobody:2024-step-1:1', { by: 'o' }), 404],
      ['carry-out by the wrong role', call('POST', `/v1/sanctions/${encodeURIComponent(sanction.sanctionId)}/carry-out`, 'investigator', { by: 'o' }), 403],
      ['apology carry-out with a bad time', call('POST', `/v1/apologies/${encodeURIComponent(apologyId)}/carry-out`, 'disciplinary-official', { by: 'o', at: 'yesterday' }), 400, 'body.at'],
      ['unknown apology', call('POST', '/v1/apologies/nothing/carry-out', 'disciplinary-official', { by: 'o' }), 404],
      ['incident of an unknown kind', call('POST', '/v1/departments/housing/incidents', 'disciplinary-official', { kind: 'gossip' }), 400, 'body.kind'],
      ['incident of an unknown department', call('POST', '/v1/departments/nowhere/incidents', 'disciplinary-official', { kind: 'inspection' }), 404],
      ['incident in the future', call('POST', '/v1/departments/housing/incidents', 'disciplinary-official', { kind: 'inspection', at: future }), 422, 'body.at'],
      ['policy without effectiveFrom', call('POST', '/v1/policies/sanction-ladder', 'disciplinary-official', ladder), 400, 'body.effectiveFrom'],
      ['policy with an unknown consequence', call('POST', '/v1/policies/sanction-ladder', 'disciplinary-official', { ...ladder, dismissal: { ...ladder.dismissal, consequences: ['exile'] }, effectiveFrom: future }), 400, 'body.dismissal.consequences.0'],
      [
        'policy with falling thresholds',
        call('POST', '/v1/policies/sanction-ladder', 'disciplinary-official', { ...ladder, steps: ladder.steps.map((step) => ({ ...step, threshold: 5 - step.step })), effectiveFrom: future }),
        422,
        'body.steps.1.threshold',
      ],
      ['retroactive policy', call('POST', '/v1/policies/sanction-ladder', 'disciplinary-official', { ...ladder, effectiveFrom: day('2024-01-01') }), 422, 'body.effectiveFrom'],
      ['sanctions of an unknown status', call('GET', '/v1/sanctions?status=forgotten', 'auditor'), 400, 'querystring.status'],
      ['history with a blank reason', call('GET', '/v1/people/wang/history?reason=%20', 'disciplinary-official'), 400, 'querystring.reason'],
      ['history as of a non-instant', historyOf(call, 'wang', 'last week'), 400, 'querystring.asOf'],
      ['history as of the future', historyOf(call, 'wang', future), 422, 'querystring.asOf'],
      ['history of an unknown person', historyOf(call, 'nobody'), 404],
      ['history by the wrong role', call('GET', '/v1/people/wang/history?reason=curious', 'intake-clerk'), 403],
    ];
    for (const [what, pending, status, field] of cases) {
      const response = await pending;
      expect(response.status, `${what}: ${JSON.stringify(response.body)}`).toBe(status);
      expect(response.body.type, what).toMatch(/^\/problems\/[a-z-]+$/);
      if (field) expect(response.body.errors?.map((error) => error.path), `${what}: ${JSON.stringify(response.body)}`).toContain(field);
    }
    await ledger.settled();
    const after = await feedOf(call);
    expect(after.length, after.slice(before).map((event) => eventName(event.type)).join()).toBe(before);
  });
});

describe('sanction policy as data (its own ledger: a policy applies to everyone)', () => {
  let policyLedger: LedgerHost;
  const callP = callerOf(() => policyLedger);
  beforeAll(async () => {
    policyLedger = await startTestLedger();
    expectOk(await callP('PUT', '/v1/departments/water', 'evaluation-office', { name: 'Water Bureau', category: 'service-facing' }), 'department');
    for (const id of ['ma', 'he']) expectOk(await callP('PUT', `/v1/people/${id}`, 'evaluation-office', { name: id, departmentId: 'water' }), 'person');
  });
  afterAll(() => policyLedger.stop());

  it('adopts a versioned ladder from effectiveFrom; findings found from then on use it and record its version', async () => {
    const initial = (await callP('GET', '/v1/policies/sanction-ladder', 'disciplinary-official')).body;
    expect(initial).toMatchObject({ version: 1, effectiveFrom: '1970-01-01T00:00:00.000Z', dismissal: { threshold: 5, windowMonths: 24, consequences: ['dismissal'] } });
    expect(initial.steps.map((step: { step: number; threshold: number; consequences: string[] }) => [step.step, step.threshold, step.consequences])).toEqual(
      [1, 2, 3, 4].map((step) => [step, step, defaultConsequences[step]]),
    );

    // Far enough ahead that the adoption is recorded before it (an effectiveFrom already past is retroactive).
    const effectiveFrom = new Date(Date.now() + 2_500).toISOString();
    const ladder = {
      steps: [
        { step: 1, threshold: 2, consequences: ['admonition-talk'] },
        { step: 2, threshold: 3, consequences: ['incompetent-rating', 'mandatory-training'] },
        { step: 3, threshold: 4, consequences: ['removal-from-post'] },
        { step: 4, threshold: 5, consequences: ['heavier-sanction'] },
      ],
      dismissal: { threshold: 6, windowMonths: 36, consequences: ['dismissal'] },
    };
    const adopted = await callP('POST', '/v1/policies/sanction-ladder', 'disciplinary-official', { ...ladder, effectiveFrom });
    expect(adopted.status).toBe(201);
    expect(adopted.body).toMatchObject({ version: 2, effectiveFrom, ...ladder });
    expect((await callP('GET', '/v1/policies/sanction-ladder', 'auditor')).body.version).toBe(1);
    expect((await callP('GET', `/v1/policies/sanction-ladder?at=${encodeURIComponent(effectiveFrom)}`, 'auditor')).body).toMatchObject({ version: 2, effectiveFrom });

    // Recorded after the adoption, but found valid before effectiveFrom: the default ladder applies.
    const early = await foundComplaint(callP, { departmentId: 'water', personId: 'ma', receivedAt: day('2025-03-01') });
    await pause(Math.max(0, Date.parse(effectiveFrom) - Date.now() + 20));
    expect((await callP('GET', '/v1/policies/sanction-ladder', 'auditor')).body.version).toBe(2);
    const first = await foundComplaint(callP, { departmentId: 'water', personId: 'he', receivedAt: day('2025-04-01'), foundAt: foundNow() });
    await policyLedger.settled();
    expect(await sanctionsOf(callP, '&personId=he')).toEqual([]);
    const second = await foundComplaint(callP, { departmentId: 'water', personId: 'he', receivedAt: day('2025-05-01'), foundAt: foundNow() });
    // ma's second complaint of 2025 reaches no new step under version 2, and step 1 is never repeated.
    await foundComplaint(callP, { departmentId: 'water', personId: 'ma', receivedAt: day('2025-06-01'), foundAt: foundNow() });
    await policyLedger.settled();
    expect((await sanctionsOf(callP, '&personId=he')).map(brief)).toEqual([
      { step: 1, year: 2025, consequences: ['admonition-talk'], complaintIds: [first, second], policyVersion: 2, status: 'pending' },
    ]);
    expect((await sanctionsOf(callP, '&personId=ma')).map(brief)).toEqual([
      { step: 1, year: 2025, consequences: defaultConsequences[1], complaintIds: [early], policyVersion: 1, status: 'pending' },
    ]);
    const history = (await historyOf(callP, 'he')).body;
    expect(history.sanctions.map((sanction: SanctionItem) => sanction.policyVersion)).toEqual([2]);
  });
});

describe('redelivery and restarts', () => {
  it('never doubles a sanction or an apology when every event is delivered again, nor after a stop mid-stream', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'discipline-redelivery-'));
    const vaultKey = randomBytes(32);
    let host: LedgerHost | undefined;
    const callR = callerOf(() => host!);
    const start = async () => {
      host = await startTestLedger({ dataDir, vaultKey });
    };
    /** Stops the host wherever its consumers are, moves every consumer back to `position`, and starts it again. */
    const restartFrom = async (position: number) => {
      await host!.stop();
      host = undefined;
      const sql = await openPglite(join(dataDir, 'pglite'));
      await sql.query('update consumer_checkpoints set position = least(position, $1)', [position]);
      await sql.close();
      await start();
    };
    const snapshot = async () => ({
      // Reading a history records the read: those events are expected to grow.
      events: (await feedOf(callR)).filter((event) => eventName(event.type) !== 'PersonHistoryRead').map(({ id, type, subject, data }) => ({ id, type, subject, data })),
      sanctions: await sanctionsOf(callR),
      fan: (await historyOf(callR, 'fan')).body,
      qin: (await historyOf(callR, 'qin')).body,
      roads: (await callR('GET', '/v1/departments/roads/accountability', 'auditor')).body,
      parks: (await callR('GET', '/v1/departments/parks/accountability', 'auditor')).body,
    });
    try {
      await start();
      for (const [id, leader] of [['roads', 'gao'], ['parks', 'tan']] as const) {
        expectOk(await callR('PUT', `/v1/departments/${id}`, 'evaluation-office', { name: id, category: 'service-facing' }), 'department');
        expectOk(await callR('PUT', `/v1/people/${leader}`, 'evaluation-office', { name: leader, departmentId: id }), 'leader');
        expectOk(await callR('PUT', `/v1/departments/${id}`, 'evaluation-office', { name: id, category: 'service-facing', leaderPersonId: leader }), 'department');
      }
      for (const id of ['fan', 'qin']) expectOk(await callR('PUT', `/v1/people/${id}`, 'evaluation-office', { name: id, departmentId: 'roads' }), 'person');
      const faults = [['roads'], [], ['roads'], ['parks', 'roads'], []];
      for (const [index, month] of ['01', '02', '03', '04', '05'].entries()) {
        await foundComplaint(callR, { departmentId: 'roads', personId: 'fan', receivedAt: day(`2024-${month}-10`), departmentsAtFault: faults[index]! });
      }
      expect((await callR('POST', '/v1/departments/parks/incidents', 'disciplinary-official', { kind: 'inspection', at: day('2024-06-01') })).status).toBe(201);
      await host!.settled();
      const first = await snapshot();
      expect(first.sanctions.map((sanction) => sanction.step).toSorted()).toEqual([1, 2, 3, 4, 5]);
      expect(first.roads.apologies.map((apology: { kind: string }) => apology.kind)).toEqual(['direct', 'public', 'joint']);

      // Every consumer reads the whole ledger again.
      await restartFrom(0);
      await host!.settled();
      expect(await snapshot()).toEqual(first);

      // qin's complaints, then a stop without waiting for the consumers, and a restart from half-way.
      const startOfQin = await host!.store.headPosition();
      for (const month of ['01', '02', '03', '04', '05']) {
        await foundComplaint(callR, { departmentId: 'roads', personId: 'qin', receivedAt: day(`2025-${month}-10`), departmentsAtFault: ['parks'] });
      }
      const middle = Math.floor((startOfQin + (await host!.store.headPosition())) / 2);
      await restartFrom(middle);
      await host!.settled();
      const second = await snapshot();
      const qin = second.sanctions.filter((sanction) => sanction.personId === 'qin');
      expect(qin.map((sanction) => [sanction.step, sanction.status]).toSorted()).toEqual([1, 2, 3, 4, 5].map((step) => [step, 'pending']));
      const decided = second.events.filter((event) => eventName(event.type) === 'SanctionDecided').map((event) => event.data.sanctionId);
      expect(new Set(decided).size).toBe(decided.length);
      expect(decided).toHaveLength(10);
      const required = second.events.filter((event) => eventName(event.type) === 'ApologyRequired').map((event) => event.data.apologyId);
      expect(new Set(required).size).toBe(required.length);
      expect(second.parks.apologies.map((apology: { kind: string }) => apology.kind)).toEqual(['joint', 'public', 'direct', 'public', 'public', 'public', 'public']);
      expect(second.events.slice(0, first.events.length)).toEqual(first.events);

      // And once more from the start: nothing new.
      await restartFrom(0);
      await host!.settled();
      expect(await snapshot()).toEqual(second);
    } finally {
      await host?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, restartTestTimeoutMs);
});
