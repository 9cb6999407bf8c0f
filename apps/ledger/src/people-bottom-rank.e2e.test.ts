import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, callerOf, historyOf } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// SPEC 6 over HTTP (issue 12): the person ranked last of a department of at least 5 ranked people, whose rating
// index is below the department's own, gets a bottom-rank talk that shows in their history (no ladder step).
// The evaluation policy ranks people from 3 ratings here (SPEC 6's 10 is policy data), so that five people are
// ranked from a few calls. The smaller-department and level-with-the-department cases are the rankings unit tests'
// (close-period.unit.test.ts).

describe("the last person's bottom-rank talk on the embedded ledger", () => {
  let ledger: LedgerHost;
  const call: Call = callerOf(() => ledger);
  // oxlint-disable-next-line typescript/no-explicit-any
  const ok = (reply: { status: number; body: unknown }, status = 200): any => {
    expect(reply.status, JSON.stringify(reply.body)).toBe(status);
    return reply.body;
  };
  const team = ['talk-1', 'talk-2', 'talk-3', 'talk-4', 'talk-5'];

  beforeAll(async () => {
    ledger = await startTestLedger({ clock: { now: () => new Date('2026-01-20T02:00:00.000Z') } });
    ok(await call('PUT', '/v1/departments/talk-dept', 'evaluation-office', { name: 'talk-dept', category: 'service-facing' }));
    for (const personId of team) ok(await call('PUT', `/v1/people/${personId}`, 'evaluation-office', { name: personId, departmentId: 'talk-dept' }));
    const { version: _version, effectiveFrom: _from, inForceAt: _at, ...policy } = ok(await call('GET', '/v1/policies/evaluation', 'evaluation-office'));
    ok(await call('POST', '/v1/policies/evaluation', 'evaluation-office', { ...policy, minimumRatingsForPeopleRanking: 3, effectiveFrom: '2025-01-01T00:00:00+08:00' }), 201);
  });
  afterAll(() => ledger?.stop());

  const rate = async (departmentId: string, personId: string, level: number, count: number) => {
    for (let index = 0; index < count; index += 1) {
      const ratedAt = `2025-06-${String(1 + index).padStart(2, '0')}T10:00:00+08:00`;
      ok(await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: `tx-${personId}-${index}`, departmentId, personId, platform: 'service-center', level, ratedAt }), 201);
    }
  };

  it('closing the year gives the last person a talk shown in their history, and no one else one', async () => {
    // Four people at level 5 and talk-5 at level 3 (index 50), three ratings each: the department's index is
    // (4 × 100 + 50) / 5 = 90.
    for (const personId of team) await rate('talk-dept', personId, personId === 'talk-5' ? 3 : 5, 3);
    await ledger.settled();
    ok(await call('POST', '/v1/periods/2025/close', 'evaluation-office'));
    await ledger.settled();

    const people = ok(await call('GET', '/v1/rankings/2025/people?departmentId=talk-dept', 'evaluation-office')) as { items: Array<{ personId: string; rank: number }> };
    expect(people.items.at(-1)).toMatchObject({ personId: 'talk-5', rank: 5 });

    const last = ok(await historyOf(call, 'talk-5'));
    expect(last.bottomRankTalks).toEqual([{ year: 2025, departmentId: 'talk-dept' }]);
    // A talk, not a ladder step.
    expect(last.currentStep).toBe(0);
    expect(last.sanctions).toEqual([]);
    expect(ok(await historyOf(call, 'talk-4')).bottomRankTalks ?? []).toEqual([]);
  });
});
