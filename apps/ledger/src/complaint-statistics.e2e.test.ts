import { deadlineWatcher } from '@ledger/complaints';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, callerOf, plusDays } from './discipline.testkit.ts';
import type { LedgerHost } from './host.ts';
import { startTestLedger } from './test-ledger.testkit.ts';

// SPEC 12: complaint statistics per department, channel and local month, against a count worked by hand.
// The ledger's zone is Asia/Shanghai (UTC+8): 2025-01-31T16:30Z is 1 February 00:30 there, so it counts in February.

describe('complaint statistics in the local calendar', () => {
  let ledger: LedgerHost;
  const call: Call = callerOf(() => ledger);

  async function complaint(plan: { dept: string; channel: string; receivedAt: string; upTo: 'reject' | 'accept' | 'close'; closeAt?: string; satisfaction?: number }) {
    const filed = await call('POST', '/v1/complaints', 'intake-clerk', {
      channel: plan.channel, departmentId: plan.dept, category: 'delay', summary: `Statistics case ${plan.receivedAt}`, receivedAt: plan.receivedAt,
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const id = filed.body.complaintId as string;
    const step = async (path: string, role: 'intake-clerk' | 'investigator', body: object) => {
      const reply = await call('POST', `/v1/complaints/${id}/${path}`, role, body);
      expect(reply.status, `${path}: ${JSON.stringify(reply.body)}`).toBe(200);
    };
    if (plan.upTo === 'reject') await step('reject', 'intake-clerk', { reason: 'duplicate', at: plusDays(plan.receivedAt, 1) });
    else await step('accept', 'intake-clerk', { at: plusDays(plan.receivedAt, 1) });
    if (plan.upTo === 'close') {
      await step('finding', 'investigator', { outcome: 'invalid', at: plusDays(plan.receivedAt, 2) });
      await step('close', 'intake-clerk', { at: plan.closeAt ?? plusDays(plan.receivedAt, 5), ...(plan.satisfaction ? { satisfaction: plan.satisfaction } : {}) });
    }
    return filed.body.trackingCode as string;
  }

  beforeAll(async () => {
    ledger = await startTestLedger();
    await call('PUT', '/v1/departments/stat-a', 'evaluation-office', { name: '市市场监管局', category: 'service-facing' });
    await call('PUT', '/v1/departments/stat-b', 'evaluation-office', { name: '市税务局', category: 'vertical' });
    // January (local): J1 closed on time (call-back 5), J2 at 23:30 local on 31 January closed late, J3 rejected.
    await complaint({ dept: 'stat-a', channel: 'hotline-12345', receivedAt: '2025-01-10T02:00:00.000Z', upTo: 'close', satisfaction: 5 });
    const j2 = await complaint({ dept: 'stat-a', channel: 'web', receivedAt: '2025-01-31T15:30:00.000Z', upTo: 'close', closeAt: '2025-03-01T02:00:00.000Z', satisfaction: 4 });
    await complaint({ dept: 'stat-a', channel: 'web', receivedAt: '2025-01-20T02:00:00.000Z', upTo: 'reject' });
    // February (local): F1 at 00:30 local on 1 February, accepted and never closed (overdue); F2 closed on time (call-back 4).
    await complaint({ dept: 'stat-a', channel: 'hotline-12345', receivedAt: '2025-01-31T16:30:00.000Z', upTo: 'accept' });
    await complaint({ dept: 'stat-a', channel: 'hotline-12345', receivedAt: '2025-02-10T02:00:00.000Z', upTo: 'close', satisfaction: 4 });
    await complaint({ dept: 'stat-b', channel: 'hotline-12345', receivedAt: '2025-02-11T02:00:00.000Z', upTo: 'accept' });
    // The complainant's own rating of J2 (2) is the one counted, not the call-back's 4.
    await ledger.settled();
    expect((await ledger.app.inject({ method: 'POST', url: `/v1/track/${j2}/rating`, payload: { satisfaction: 2 } })).statusCode).toBe(201);
    await ledger.settled();
    // The deadline watcher marks the two complaints left open (F1 and stat-b's) overdue.
    expect(await deadlineWatcher(ledger.context).runOnce()).toBe(2);
    await ledger.settled();
  });
  afterAll(() => ledger?.stop());

  const statistics = async (query: string) => {
    const reply = await call('GET', `/v1/statistics/complaints?${query}`, 'evaluation-office');
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    return reply.body;
  };

  it('counts January by hand: J1, J2 (23:30 local on the 31st) and J3', async () => {
    expect(await statistics('departmentId=stat-a&month=2025-01')).toEqual({
      received: 3, accepted: 2, rejected: 1, closed: 2, closedOnTime: 1, overdue: 0,
      completionRate: 1, onTimeRate: 0.5, satisfactionRate: 0.5, meanSatisfaction: 3.5, ratings: 2,
    });
    expect(await statistics('departmentId=stat-a&channel=web&month=2025-01')).toEqual({
      received: 2, accepted: 1, rejected: 1, closed: 1, closedOnTime: 0, overdue: 0,
      completionRate: 1, onTimeRate: 0, satisfactionRate: 0, meanSatisfaction: 2, ratings: 1,
    });
  });

  it('counts February by hand: F1 (00:30 local on the 1st, 16:30 UTC the day before) and F2', async () => {
    expect(await statistics('departmentId=stat-a&month=2025-02')).toEqual({
      received: 2, accepted: 2, rejected: 0, closed: 1, closedOnTime: 1, overdue: 1,
      completionRate: 0.5, onTimeRate: 1, satisfactionRate: 1, meanSatisfaction: 4, ratings: 1,
    });
    expect(await statistics('departmentId=stat-b&month=2025-02')).toEqual({
      received: 1, accepted: 1, rejected: 0, closed: 0, closedOnTime: 0, overdue: 1,
      completionRate: 0, onTimeRate: null, satisfactionRate: null, meanSatisfaction: null, ratings: 0,
    });
    expect((await statistics('month=2025-02')).received).toBe(3);
    expect((await statistics('departmentId=stat-a')).received).toBe(5);
  });

  it('refuses a malformed month and stays closed to the public', async () => {
    expect((await call('GET', '/v1/statistics/complaints?month=2025-13', 'evaluation-office')).status).toBe(400);
    expect((await ledger.app.inject({ method: 'GET', url: '/v1/statistics/complaints' })).statusCode).toBe(401);
  });
});
