import type { LedgerClient, ScenarioRequest } from '@ledger/testing/ledger';

const fixed = (day: number, month = 3) => `2026-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T09:00:00+08:00`;

async function expectStatus(client: LedgerClient, request: ScenarioRequest, ...expected: number[]): Promise<Record<string, unknown>> {
  const response = await client(request);
  if (!expected.includes(response.status)) {
    throw new Error(`${request.method} ${request.path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body as Record<string, unknown>;
}

/**
 * A valid complaint against a person, from filing to the finding. Every write carries an idempotency key,
 * so the complaint id (derived from the caller and the key) and every event id are the same in every run
 * of the scenario, whatever the mode: the runs can be compared document for document.
 */
async function validComplaint(client: LedgerClient, key: string, who: { personId: string; departmentId: string }, day: number, departmentsAtFault?: string[]): Promise<string> {
  const filed = await expectStatus(
    client,
    {
      service: 'complaints',
      method: 'POST',
      path: '/v1/complaints',
      role: 'intake-clerk',
      idempotencyKey: key,
      body: { channel: 'hotline-12345', departmentId: who.departmentId, personId: who.personId, category: 'delay', summary: `complaint ${key}`, receivedAt: fixed(day, 2) },
    },
    201,
  );
  const complaintId = String(filed.complaintId);
  const path = `/v1/complaints/${complaintId}`;
  await expectStatus(client, { service: 'complaints', method: 'POST', path: `${path}/accept`, role: 'intake-clerk', idempotencyKey: `${key}-accept`, body: { at: fixed(day, 2) } }, 200);
  await expectStatus(
    client,
    {
      service: 'complaints',
      method: 'POST',
      path: `${path}/finding`,
      role: 'investigator',
      idempotencyKey: `${key}-finding`,
      body: { outcome: 'valid', personId: who.personId, at: fixed(day), ...(departmentsAtFault ? { departmentsAtFault } : {}) },
    },
    200,
  );
  return complaintId;
}

export const people = {
  wang: { personId: 'wang', departmentId: 'housing' },
  li: { personId: 'li', departmentId: 'land' },
  zhao: { personId: 'zhao', departmentId: 'housing' },
} as const;

/**
 * The sanction-ladder scenario (SPEC 4, 5) in phases. A phase marked `settle` ends where a person would
 * wait for the ledger to react before the next step (the disciplinary effects of one person's findings are
 * ordered by when they were counted); the other phases touch each person and department at most once, so
 * any delivery order gives the same result.
 */
export function ladderScenario(client: LedgerClient) {
  const complaintIds: Record<string, string> = {};
  const complaint = async (key: string, who: { personId: string; departmentId: string }, day: number, departmentsAtFault?: string[]) => {
    complaintIds[key] = await validComplaint(client, key, who, day, departmentsAtFault);
  };
  const put = (path: string, body: unknown) => expectStatus(client, { service: 'evaluations', method: 'PUT', path, role: 'evaluation-office', body }, 200);
  const post = (path: string, body: unknown, key: string) =>
    expectStatus(client, { service: 'evaluations', method: 'POST', path, role: 'evaluation-office', idempotencyKey: key, body }, 201);

  return {
    complaintIds,
    phases: {
      async registry() {
        await put('/v1/departments/housing', { name: 'Housing Bureau', category: 'service-facing' });
        await put('/v1/departments/land', { name: 'Land Bureau', category: 'vertical' });
        await put('/v1/people/chen', { name: 'Chen Jing', departmentId: 'housing', post: 'director' });
        await put('/v1/people/wang', { name: 'Wang Fang', departmentId: 'housing', post: 'permit officer' });
        await put('/v1/people/li', { name: 'Li Lei', departmentId: 'land', post: 'surveyor' });
        await put('/v1/people/zhao', { name: 'Zhao Min', departmentId: 'housing', post: 'clerk' });
        await put('/v1/departments/housing', { name: 'Housing Bureau', category: 'service-facing', leaderPersonId: 'chen' });
      },
      /** Wang's first findings, one at a time (settle after each); the first also finds the department at fault. */
      wang1: () => complaint('wang-1', people.wang, 2, ['housing']),
      wang2: () => complaint('wang-2', people.wang, 5),
      wang3: () => complaint('wang-3', people.wang, 9, ['housing']),
      /** One finding for each person: safe in any order (run while the discipline process is down). */
      async spread() {
        await complaint('wang-4', people.wang, 12);
        await complaint('li-1', people.li, 13);
        await complaint('zhao-1', people.zhao, 14);
      },
      /** Another round, one per person, while the broker restarts. */
      async spreadAgain() {
        await complaint('li-2', people.li, 16);
        await complaint('zhao-2', people.zhao, 17);
      },
      /** The fifth valid complaint within 24 months: dismissal. */
      wang5: () => complaint('wang-5', people.wang, 20),
      /** SPEC 6 inputs for 2025: ratings of one transaction each (people ranked from 10), surveys, superior evaluations, an adjustment. */
      async rankingInputs() {
        for (let index = 0; index < 12; index += 1) {
          const level = 3 + (index % 3);
          const personId = index % 2 === 0 ? 'wang' : 'zhao';
          await post('/v1/ratings', { transactionId: `tx-${index}`, departmentId: 'housing', personId, platform: 'hotline-12345', level, ratedAt: `2025-0${1 + (index % 9)}-10T10:00:00+08:00` }, `rating-${index}`);
        }
        await post('/v1/surveys', { departmentId: 'housing', year: 2025, score: 82 }, 'survey-housing');
        await post('/v1/surveys', { departmentId: 'land', year: 2025, score: 91 }, 'survey-land');
        await post('/v1/superior-evaluations', { departmentId: 'housing', year: 2025, score: 75 }, 'superior-housing');
        await post('/v1/superior-evaluations', { departmentId: 'land', year: 2025, score: 64 }, 'superior-land');
        await post('/v1/adjustments', { departmentId: 'land', year: 2025, kind: 'deduction', source: 'inspection', points: 2, reason: 'unannounced inspection' }, 'deduction-land');
      },
      /** Closing 2025 decides on the rankings read model, which must first have read every input. */
      async closeYear() {
        await expectStatus(client, { service: 'rankings', method: 'POST', path: '/v1/periods/2025/close', role: 'evaluation-office', idempotencyKey: 'close-2025' }, 200);
      },
      /** Wang's third complaint is closed, appealed and overturned: the ladder is recounted, sanctions rescinded. */
      async overturn() {
        const path = `/v1/complaints/${complaintIds['wang-3']}`;
        await expectStatus(client, { service: 'complaints', method: 'POST', path: `${path}/close`, role: 'intake-clerk', idempotencyKey: 'wang-3-close', body: { satisfaction: 4, at: fixed(25) } }, 200);
        await expectStatus(client, { service: 'complaints', method: 'POST', path: `${path}/appeal`, role: 'disciplinary-official', idempotencyKey: 'wang-3-appeal', body: { reason: 'new evidence', at: fixed(26) } }, 200);
        await expectStatus(
          client,
          { service: 'complaints', method: 'POST', path: `${path}/appeal-decision`, role: 'disciplinary-official', idempotencyKey: 'wang-3-decision', body: { decision: 'overturned', outcome: 'invalid', reason: 'the applicant withdrew the allegation', at: fixed(27) } },
          200,
        );
      },
    },
  };
}

/** Every sanction, as the discipline service lists them: what a settled phase is compared on. */
export async function sanctionsOf(client: LedgerClient): Promise<unknown[]> {
  const items: unknown[] = [];
  for (let after: string | undefined; ; ) {
    const page = await expectStatus(
      client,
      { service: 'discipline', method: 'GET', path: `/v1/sanctions?limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`, role: 'disciplinary-official' },
      200,
    );
    items.push(...(page.items as unknown[]));
    if (!page.next) return items;
    after = String(page.next);
  }
}

/** The person histories (each read is itself recorded, so they are read once at the end of a run). */
export async function historiesOf(client: LedgerClient): Promise<Record<string, unknown>> {
  const histories: Record<string, unknown> = {};
  for (const personId of ['chen', ...Object.keys(people)]) {
    histories[personId] = await expectStatus(
      client,
      { service: 'discipline', method: 'GET', path: `/v1/people/${personId}/history?reason=${encodeURIComponent('end-to-end comparison')}`, role: 'disciplinary-official' },
      200,
    );
  }
  return histories;
}

/** The published 2025 rankings: departments by category and people of the housing department. */
export async function rankingsOf(client: LedgerClient): Promise<Record<string, unknown>> {
  const read = (path: string) => expectStatus(client, { service: 'rankings', method: 'GET', path, role: 'evaluation-office' }, 200);
  return { departments: await read('/v1/rankings/2025'), people: await read('/v1/rankings/2025/people?departmentId=housing') };
}

/**
 * The rectification items (SPEC 10) the scenario opened, by department: what each is and where it stands (not its
 * times, which follow the wall clock of the close in each run).
 */
export async function rectificationsOf(client: LedgerClient): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const departmentId of ['housing', 'land']) {
    const page = await expectStatus(client, { service: 'rectification', method: 'GET', path: `/v1/rectifications?departmentId=${departmentId}`, role: 'evaluation-office' }, 200);
    result[departmentId] = (page.items as Array<Record<string, unknown>>).map(({ rectificationId, source, status, responsiblePersonId }) => ({ rectificationId, source, status, responsiblePersonId }));
  }
  return result;
}

/** The department accountability (apologies) of the scenario's departments. */
export async function accountabilityOf(client: LedgerClient): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const departmentId of ['housing', 'land']) {
    result[departmentId] = await expectStatus(
      client,
      { service: 'discipline', method: 'GET', path: `/v1/departments/${departmentId}/accountability?year=2026`, role: 'disciplinary-official' },
      200,
    );
  }
  return result;
}
