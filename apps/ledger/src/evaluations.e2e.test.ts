import { evaluationsModule } from '@ledger/evaluations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';
import { defaultEvaluationPolicy } from '@ledger/evaluation-policy';

type Role = Parameters<typeof as>[0];
/** A request, and the status, problem type and field its refusal must name (no field: any problem of that type). */
type Refusal = [Promise<Answer>, number, string, string?];
interface Answer {
  status: number;
  /** JSON of many shapes: each test asserts the fields it relies on. */
  body: any;
}

/** Each refusal answers its status and problem type, naming the field at fault. */
const expectRefusals = async (cases: Refusal[]) => {
  for (const [pending, status, type, path] of cases) {
    const { body, status: answered } = await pending;
    expect(answered, JSON.stringify(body)).toBe(status);
    expect(body).toMatchObject({ type, status });
    if (path) expect(body.errors.map((error: { path: string }) => error.path)).toContain(path);
  }
};

// Issue 4, part A: the SPEC 6 inputs over HTTP on the embedded ledger (ratings, surveys, superior
// evaluations, adjustments, the evaluation policy, monthly statistics).
describe('evaluation inputs over HTTP on the embedded ledger', () => {
  let ledger: LedgerHost;
  let transactions = 0;

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, role: Role, payload?: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
    const response = await ledger.app.inject({ method, url, headers: as(role, headers), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  };
  const feed = async () => (await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).body.events as Array<{ type: string; subject: string; data: Record<string, unknown> }>;
  const nextTransaction = () => `tx-${++transactions}`;
  const rate = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    call('POST', '/v1/ratings', 'service', { transactionId: nextTransaction(), departmentId: 'permits', platform: 'service-center', level: 5, ...body }, headers);
  const score = (path: string, body: Record<string, unknown>, role: Role = 'evaluation-office') =>
    call('POST', path, role, { departmentId: 'permits', year: 2026, score: 50, ...body });
  const statistics = (departmentId: string, month: string) => call('GET', `/v1/departments/${departmentId}/statistics?month=${month}`, 'evaluation-office');

  beforeAll(async () => {
    ledger = await startTestLedger();
    expect((await call('PUT', '/v1/departments/permits', 'evaluation-office', { name: 'Permits Office', category: 'service-facing' })).status).toBe(200);
    expect((await call('PUT', '/v1/departments/youth-league', 'evaluation-office', { name: 'Youth League', category: 'party-mass' })).status).toBe(200);
    expect((await call('PUT', '/v1/people/li', 'evaluation-office', { name: 'Li Na', departmentId: 'permits', post: 'clerk' })).status).toBe(200);
  });
  afterAll(() => ledger.stop());

  it('refuses a registry entry of an unknown category, leader or department, and writes nothing', async () => {
    const before = (await feed()).length;
    const cases: Refusal[] = [
      [call('PUT', '/v1/departments/water', 'evaluation-office', { name: 'Water Bureau', category: 'township' }), 400, '/problems/validation', 'body.category'],
      [call('PUT', '/v1/departments/water', 'evaluation-office', { name: 'Water Bureau', category: 'vertical', leaderPersonId: 'nobody' }), 422, '/problems/unknown-leader', 'body.leaderPersonId'],
      [call('PUT', '/v1/people/zhao', 'evaluation-office', { name: 'Zhao Lei', departmentId: 'nowhere' }), 422, '/problems/unknown-department', 'body.departmentId'],
    ];
    await expectRefusals(cases);
    expect((await call('GET', '/v1/departments/water', 'auditor')).status).toBe(404);
    expect((await feed()).length).toBe(before);
  });

  describe('POST /v1/ratings', () => {
    it('records a rating (201) with ratedAt defaulting to now, and refuses a second rating of the transaction with 409', async () => {
      const before = Date.now();
      const first = await call('POST', '/v1/ratings', 'service', { transactionId: 'tx-once', departmentId: 'permits', personId: 'li', platform: 'qr-code', level: 4 });
      expect(first.status).toBe(201);
      expect(first.body).toEqual({ transactionId: 'tx-once', departmentId: 'permits', personId: 'li', platform: 'qr-code', level: 4, ratedAt: expect.any(String), year: expect.any(Number), month: expect.stringMatching(/^\d{4}-\d{2}$/) });
      expect(Date.parse(first.body.ratedAt)).toBeGreaterThanOrEqual(before - 1);

      const second = await call('POST', '/v1/ratings', 'evaluation-office', { transactionId: 'tx-once', departmentId: 'permits', platform: 'hotline-12345', level: 1 });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ type: '/problems/transaction-already-rated', status: 409, errors: [{ path: 'body.transactionId' }] });
      const ratings = (await feed()).filter((event) => event.subject === 'rating-tx-once');
      expect(ratings.map((event) => event.data.level)).toEqual([4]);
    });

    it('answers a replay with the same Idempotency-Key with the first answer, and writes it once', async () => {
      const headers = { 'idempotency-key': 'rating-replay-1' };
      const body = { transactionId: 'tx-replayed', departmentId: 'permits', platform: 'media', level: 2, ratedAt: '2026-02-03T10:00:00+08:00' };
      const first = await call('POST', '/v1/ratings', 'service', body, headers);
      const again = await call('POST', '/v1/ratings', 'service', body, headers);
      expect(first.status).toBe(201);
      expect(again).toEqual(first);
      expect((await feed()).filter((event) => event.subject === 'rating-tx-replayed')).toHaveLength(1);
      const otherKey = await call('POST', '/v1/ratings', 'service', body, { 'idempotency-key': 'rating-replay-2' });
      expect(otherKey.status).toBe(409);
    });

    it('lets one of two concurrent first ratings of a transaction in, and refuses the other with 409', async () => {
      const answers = await Promise.all([1, 5].map((level) => call('POST', '/v1/ratings', 'service', { transactionId: 'tx-raced', departmentId: 'permits', platform: 'hotline-12345', level })));
      expect(answers.map((answer) => answer.status).toSorted()).toEqual([201, 409]);
      const stored = (await feed()).filter((event) => event.subject === 'rating-tx-raced');
      expect(stored.map((event) => event.data.level)).toEqual([answers.find((answer) => answer.status === 201)!.body.level]);
    });

    it('refuses bad input with problem details naming the field, and writes nothing', async () => {
      const before = (await feed()).length;
      const future = new Date(Date.now() + 3_600_000).toISOString();
      const cases: Refusal[] = [
        [rate({ level: 0 }), 400, '/problems/validation', 'body.level'],
        [rate({ level: 6 }), 400, '/problems/validation', 'body.level'],
        [rate({ level: 4.5 }), 400, '/problems/validation', 'body.level'],
        [rate({ platform: 'carrier-pigeon' }), 400, '/problems/validation', 'body.platform'],
        [rate({ ratedAt: 'yesterday' }), 400, '/problems/validation', 'body.ratedAt'],
        [rate({ departmentId: 'nowhere' }), 422, '/problems/unknown-department', 'body.departmentId'],
        [rate({ personId: 'nobody' }), 422, '/problems/unknown-person', 'body.personId'],
        [rate({ ratedAt: future }), 422, '/problems/future-business-time', 'body.ratedAt'],
        [call('POST', '/v1/ratings', 'service', { departmentId: 'permits', platform: 'media', level: 3 }), 400, '/problems/validation', 'body.transactionId'],
      ];
      await expectRefusals(cases);
      const forbidden = await call('POST', '/v1/ratings', 'complainant', { transactionId: 'tx-x', departmentId: 'permits', platform: 'media', level: 3 });
      expect(forbidden.status).toBe(403);
      expect((await feed()).length).toBe(before);
    });
  });

  describe('GET /v1/departments/{departmentId}/statistics', () => {
    it('counts a month by level with the satisfaction rate and the mean index, computed by hand', async () => {
      // March 2026 (local, Asia/Shanghai) for the youth league: levels 5, 5, 4, 3, 2, 1, 1, 1.
      //   counts 1→3, 2→1, 3→1, 4→1, 5→2; satisfaction (4–5 over all) = 3 / 8 = 0.375
      //   index per rating (level − 1) / 4 × 100: 100 + 100 + 75 + 50 + 25 + 0 + 0 + 0 = 350; mean = 350 / 8 = 43.75
      const march = ['2026-03-01T00:00:00Z', '2026-03-09T08:00:00+08:00', '2026-03-15T12:00:00Z', '2026-03-20T12:00:00Z'];
      const levels = [5, 5, 4, 3, 2, 1, 1];
      for (const [index, level] of levels.entries()) {
        expect((await rate({ departmentId: 'youth-league', level, ratedAt: march[index % march.length] })).status).toBe(201);
      }
      // The last second of 31 March in Beijing: March. 23:30 on 31 March at −01:00 is 08:30 on 1 April in Beijing: April.
      expect((await rate({ departmentId: 'youth-league', level: 1, ratedAt: '2026-03-31T23:59:59+08:00' })).status).toBe(201);
      expect((await rate({ departmentId: 'youth-league', level: 5, ratedAt: '2026-03-31T23:30:00-01:00' })).status).toBe(201);
      // Another department's rating in the same month is not counted.
      expect((await rate({ departmentId: 'permits', level: 1, ratedAt: '2026-03-05T12:00:00Z' })).status).toBe(201);
      await ledger.settled();

      const answer = await statistics('youth-league', '2026-03');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        departmentId: 'youth-league',
        month: '2026-03',
        counts: { '1': 3, '2': 1, '3': 1, '4': 1, '5': 2 },
        total: 8,
        satisfactionRate: 0.375,
        meanIndex: 43.75,
      });
      expect((await statistics('youth-league', '2026-04')).body).toMatchObject({ counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 1 }, satisfactionRate: 1, meanIndex: 100 });
    });

    it('answers zero counts and null rate and index for a month without ratings', async () => {
      const answer = await statistics('youth-league', '2025-07');
      expect(answer).toEqual({
        status: 200,
        body: { departmentId: 'youth-league', month: '2025-07', counts: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 }, total: 0, satisfactionRate: null, meanIndex: null },
      });
    });

    it('counts a redelivered rating once: the projection is safe under at-least-once delivery', async () => {
      await rate({ departmentId: 'youth-league', level: 2, ratedAt: '2026-06-10T10:00:00Z' });
      await ledger.settled();
      const [rating] = (await ledger.store.readStream(`rating-tx-${transactions}`));
      const projection = evaluationsModule().projections.find((candidate) => candidate.name === 'evaluations.rating-facts')!;
      await projection.apply(rating!, ledger.readStore);
      await projection.apply(rating!, ledger.readStore);
      expect((await statistics('youth-league', '2026-06')).body.counts).toEqual({ '1': 0, '2': 1, '3': 0, '4': 0, '5': 0 });
    });

    it('refuses a bad month (400), an unknown department (404) and a role without access (403)', async () => {
      for (const month of ['2026-13', '2026-3', 'March', '']) {
        const answer = await statistics('youth-league', month);
        expect(answer.status, month).toBe(400);
        expect(answer.body.errors.map((error: { path: string }) => error.path)).toContain('querystring.month');
      }
      expect((await call('GET', '/v1/departments/youth-league/statistics', 'evaluation-office')).status).toBe(400);
      expect((await statistics('nowhere', '2026-03')).status).toBe(404);
      expect((await call('GET', '/v1/departments/youth-league/statistics?month=2026-03', 'complainant')).status).toBe(403);
    });
  });

  describe('POST /v1/surveys and /v1/superior-evaluations', () => {
    it('records a score (201); a later one for the same year is a correction naming what it replaces; restating it writes nothing (200)', async () => {
      const survey = await call('POST', '/v1/surveys', 'evaluation-office', { departmentId: 'youth-league', year: 2026, score: 88.5 });
      expect(survey).toEqual({ status: 201, body: { departmentId: 'youth-league', year: 2026, score: 88.5, at: expect.any(String) } });
      const corrected = await call('POST', '/v1/surveys', 'evaluation-office', { departmentId: 'youth-league', year: 2026, score: 90 });
      expect(corrected).toEqual({ status: 201, body: { departmentId: 'youth-league', year: 2026, score: 90, at: expect.any(String), replaces: { score: 88.5, at: survey.body.at } } });
      const before = (await feed()).length;
      const restated = await call('POST', '/v1/surveys', 'evaluation-office', { departmentId: 'youth-league', year: 2026, score: 90 });
      expect(restated).toEqual({ status: 200, body: { departmentId: 'youth-league', year: 2026, score: 90, at: corrected.body.at } });
      expect((await feed()).length).toBe(before);

      const superior = await call('POST', '/v1/superior-evaluations', 'evaluation-office', { departmentId: 'youth-league', year: 2026, score: 100, at: '2026-06-30T09:00:00+08:00' });
      expect(superior).toEqual({ status: 201, body: { departmentId: 'youth-league', year: 2026, score: 100, at: '2026-06-30T09:00:00+08:00' } });
      const events = (await feed()).filter((event) => event.subject === 'evaluation-youth-league-2026');
      expect(events.map((event) => event.type.split('.').at(-2))).toEqual(['SurveyScored', 'SurveyScored', 'SuperiorEvaluationScored']);
    });

    it('answers a replayed Idempotency-Key with the first answer', async () => {
      const headers = { 'idempotency-key': 'superior-permits-2025' };
      const first = await call('POST', '/v1/superior-evaluations', 'evaluation-office', { departmentId: 'permits', year: 2025, score: 75 }, headers);
      const again = await call('POST', '/v1/superior-evaluations', 'evaluation-office', { departmentId: 'permits', year: 2025, score: 75 }, headers);
      expect(first.status).toBe(201);
      expect(again).toEqual(first);
      expect((await feed()).filter((event) => event.subject === 'evaluation-permits-2025')).toHaveLength(1);
    });

    it('refuses bad input with problem details naming the field, and writes nothing', async () => {
      const before = (await feed()).length;
      const cases: Refusal[] = [
        [score('/v1/surveys', { score: 100.5 }), 400, '/problems/validation', 'body.score'],
        [score('/v1/superior-evaluations', { score: 101 }), 400, '/problems/validation', 'body.score'],
        [score('/v1/surveys', { score: -1 }), 400, '/problems/validation', 'body.score'],
        [score('/v1/surveys', { year: 26 }), 400, '/problems/validation', 'body.year'],
        [score('/v1/surveys', { note: 'extra' }), 400, '/problems/validation'],
        [score('/v1/surveys', { departmentId: 'nowhere' }), 422, '/problems/unknown-department', 'body.departmentId'],
        [score('/v1/superior-evaluations', { departmentId: 'nowhere' }), 422, '/problems/unknown-department', 'body.departmentId'],
        [score('/v1/surveys', { year: 2027 }), 422, '/problems/year-not-started', 'body.year'],
        [score('/v1/surveys', { at: new Date(Date.now() + 3_600_000).toISOString() }), 422, '/problems/future-business-time', 'body.at'],
        [score('/v1/surveys', {}, 'service'), 403, '/problems/forbidden'],
      ];
      await expectRefusals(cases);
      expect((await feed()).length).toBe(before);
    });
  });

  describe('POST /v1/adjustments', () => {
    it('records a deduction with its source and points, a bonus and a veto from the leading group (201, with an adjustmentId)', async () => {
      const deduction = await call('POST', '/v1/adjustments', 'evaluation-office', {
        departmentId: 'permits', year: 2026, kind: 'deduction', source: 'e-supervision', points: 2.5, reason: 'late approvals flagged by e-supervision',
      });
      expect(deduction).toEqual({
        status: 201,
        body: { adjustmentId: expect.any(String), departmentId: 'permits', year: 2026, kind: 'deduction', source: 'e-supervision', points: 2.5, reason: 'late approvals flagged by e-supervision', at: expect.any(String) },
      });
      const bonus = await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'permits', year: 2026, kind: 'bonus', points: 1, reason: 'provincial award' });
      expect(bonus.body).toMatchObject({ kind: 'bonus', source: 'leading-group', points: 1 });
      const veto = await call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'permits', year: 2026, kind: 'veto', source: 'leading-group', reason: 'serious accident covered up' });
      expect(veto.status).toBe(201);
      expect(veto.body).toMatchObject({ kind: 'veto', source: 'leading-group' });
      expect(veto.body.points).toBeUndefined();
      expect(new Set([deduction.body.adjustmentId, bonus.body.adjustmentId, veto.body.adjustmentId]).size).toBe(3);
      const recorded = (await feed()).filter((event) => event.subject === 'evaluation-permits-2026');
      expect(recorded.map((event) => event.data.kind)).toEqual(['deduction', 'bonus', 'veto']);
    });

    it('answers a replayed Idempotency-Key with the first adjustment, and a reused key for another request with 422', async () => {
      const headers = { 'idempotency-key': 'inspection-2026-04' };
      const body = { departmentId: 'permits', year: 2026, kind: 'deduction', source: 'inspection', points: 1, reason: 'unannounced inspection' };
      const first = await call('POST', '/v1/adjustments', 'evaluation-office', body, headers);
      const again = await call('POST', '/v1/adjustments', 'evaluation-office', body, headers);
      expect(first.status).toBe(201);
      expect(again).toEqual(first);
      const reused = await call('POST', '/v1/adjustments', 'evaluation-office', { ...body, points: 3 }, headers);
      expect(reused.status).toBe(422);
      expect(reused.body.type).toBe('/problems/idempotency-key-reused');
      expect((await feed()).filter((event) => event.data.adjustmentId === first.body.adjustmentId)).toHaveLength(1);
    });

    it('refuses bad input with problem details naming the field, and writes nothing', async () => {
      const before = (await feed()).length;
      const adjust = (body: Record<string, unknown>) =>
        call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'permits', year: 2026, kind: 'deduction', source: 'inspection', points: 1, reason: 'r', ...body });
      const cases: Refusal[] = [
        [adjust({ kind: 'fine' }), 400, '/problems/validation', 'body.kind'],
        [adjust({ source: 'rumour' }), 400, '/problems/validation', 'body.source'],
        [adjust({ source: undefined }), 400, '/problems/validation', 'body.source'],
        [adjust({ points: undefined }), 400, '/problems/validation', 'body.points'],
        [adjust({ points: 0 }), 400, '/problems/validation', 'body.points'],
        [adjust({ points: 101 }), 400, '/problems/validation', 'body.points'],
        [adjust({ kind: 'bonus', source: 'inspection' }), 400, '/problems/validation', 'body.source'],
        [adjust({ kind: 'veto', source: 'leading-group', points: 5 }), 400, '/problems/validation', 'body'],
        [adjust({ reason: '   ' }), 400, '/problems/validation', 'body.reason'],
        [adjust({ departmentId: 'nowhere' }), 422, '/problems/unknown-department', 'body.departmentId'],
        [adjust({ year: 2031 }), 422, '/problems/year-not-started', 'body.year'],
      ];
      await expectRefusals(cases);
      expect((await call('POST', '/v1/adjustments', 'disciplinary-official', { departmentId: 'permits', year: 2026, kind: 'veto', reason: 'r' })).status).toBe(403);
      expect((await feed()).length).toBe(before);
    });
  });

  describe('GET and POST /v1/policies/evaluation', () => {
    const { weights: specWeights, grades: specGrades, bottomCount: specBottomCount } = defaultEvaluationPolicy;
    const spec = { weights: specWeights, grades: specGrades, bottomCount: specBottomCount };

    it('answers the SPEC 6 default as version 0 before any adoption', async () => {
      const answer = await call('GET', '/v1/policies/evaluation', 'auditor');
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ ...defaultEvaluationPolicy, inForceAt: expect.any(String) });
      // SPEC 6's table and thresholds, stated here by hand.
      expect(answer.body.weights['service-facing']).toEqual({ ratings: 80, survey: 10, superior: 10 });
      expect(answer.body.weights['party-mass']).toEqual({ ratings: 0, survey: 80, superior: 20 });
      expect(answer.body.weights.vertical).toEqual(answer.body.weights['party-mass']);
      expect([answer.body.grades, answer.body.bottomCount]).toEqual([{ satisfied: 85, basicallySatisfied: 70 }, 3]);
    });

    it('adopts versions in order (201), each in force from its effectiveFrom, as EvaluationPolicyAdopted events', async () => {
      const weights = { ...spec.weights, 'service-facing': { ratings: 70, survey: 15, superior: 15 } };
      const first = await call('POST', '/v1/policies/evaluation', 'evaluation-office', { ...spec, weights, bottomCount: 2, effectiveFrom: '2026-01-01T00:00:00+08:00' });
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ version: 1, effectiveFrom: '2026-01-01T00:00:00+08:00', weights, bottomCount: 2, minimumRatingsForPeopleRanking: 10, adoptedAt: expect.any(String) });
      const later = await call('POST', '/v1/policies/evaluation', 'evaluation-office', {
        ...spec, grades: { satisfied: 90, basicallySatisfied: 75 }, minimumRatingsForPeopleRanking: 20, effectiveFrom: '2099-01-01T00:00:00Z',
      });
      expect(later.body).toMatchObject({ version: 2, grades: { satisfied: 90, basicallySatisfied: 75 }, minimumRatingsForPeopleRanking: 20 });

      expect((await call('GET', '/v1/policies/evaluation', 'service')).body).toMatchObject({ version: 1, weights, bottomCount: 2 });
      expect((await call('GET', '/v1/policies/evaluation?at=2025-12-31T15:59:59Z', 'evaluation-office')).body).toMatchObject({ version: 0, bottomCount: 3 });
      expect((await call('GET', '/v1/policies/evaluation?at=2099-01-01T00:00:00Z', 'disciplinary-official')).body).toMatchObject({ version: 2, bottomCount: 3 });
      const adopted = (await feed()).filter((event) => event.subject === 'evaluation-policy');
      expect(adopted.map((event) => event.data.version)).toEqual([1, 2]);
    });

    it('refuses a bad policy with problem details naming the field, and writes nothing', async () => {
      const before = (await feed()).length;
      const adopt = (change: Record<string, unknown>) =>
        call('POST', '/v1/policies/evaluation', 'evaluation-office', { ...spec, effectiveFrom: '2100-01-01T00:00:00Z', ...change });
      const cases: Refusal[] = [
        [adopt({ weights: { ...spec.weights, township: { ratings: 0, survey: 50, superior: 50 } } }), 400, '/problems/validation', 'body.weights'],
        [adopt({ weights: { 'service-facing': spec.weights['service-facing'], vertical: spec.weights.vertical } }), 400, '/problems/validation', 'body.weights.party-mass'],
        [adopt({ weights: { ...spec.weights, vertical: { ratings: 0, survey: 80, superior: 30 } } }), 422, '/problems/invalid-weights', 'body.weights.vertical'],
        [adopt({ grades: { satisfied: 70, basicallySatisfied: 85 } }), 422, '/problems/invalid-grade-thresholds', 'body.grades'],
        [adopt({ grades: { satisfied: 120, basicallySatisfied: 70 } }), 400, '/problems/validation', 'body.grades.satisfied'],
        [adopt({ bottomCount: 0 }), 400, '/problems/validation', 'body.bottomCount'],
        [adopt({ effectiveFrom: 'soon' }), 400, '/problems/validation', 'body.effectiveFrom'],
        [adopt({ effectiveFrom: '2098-01-01T00:00:00Z' }), 422, '/problems/effective-before-latest', 'body.effectiveFrom'],
      ];
      await expectRefusals(cases);
      expect((await call('POST', '/v1/policies/evaluation', 'disciplinary-official', { ...spec, effectiveFrom: '2100-01-01T00:00:00Z' })).status).toBe(403);
      expect((await call('GET', '/v1/policies/evaluation?at=yesterday', 'auditor')).status).toBe(400);
      expect((await feed()).length).toBe(before);
    });
  });

  // A closed year's ranking is published once and never recomputed: its inputs are refused rather than
  // accepted to no effect. Ratings stay open (they count in the monthly statistics).
  describe('inputs for a year the rankings service has closed', () => {
    let replayed: { status: number; body: unknown };
    const superior2024 = { departmentId: 'permits', year: 2024, score: 66 };
    const replayKey = { 'idempotency-key': 'superior-permits-2024' };

    beforeAll(async () => {
      replayed = await call('POST', '/v1/superior-evaluations', 'evaluation-office', superior2024, replayKey);
      expect(replayed.status).toBe(201);
      expect((await score('/v1/surveys', { year: 2024, score: 70 })).status).toBe(201);
      const closed = await call('POST', '/v1/periods/2024/close', 'evaluation-office');
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      await ledger.settled();
    });

    it('refuses a survey, a superior evaluation and an adjustment of the closed year with 409 naming body.year, and writes nothing', async () => {
      const before = (await feed()).length;
      const cases: Refusal[] = [
        [score('/v1/surveys', { year: 2024, score: 80 }), 409, '/problems/period-closed', 'body.year'],
        // Restating the score in force is refused too, not answered 200 as if the year were open.
        [score('/v1/surveys', { year: 2024, score: 70 }), 409, '/problems/period-closed', 'body.year'],
        [score('/v1/superior-evaluations', { year: 2024, score: 90 }), 409, '/problems/period-closed', 'body.year'],
        [call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'permits', year: 2024, kind: 'veto', reason: 'found after the close' }), 409, '/problems/period-closed', 'body.year'],
        [call('POST', '/v1/adjustments', 'evaluation-office', { departmentId: 'permits', year: 2024, kind: 'deduction', source: 'inspection', points: 1, reason: 'r' }), 409, '/problems/period-closed', 'body.year'],
      ];
      await expectRefusals(cases);
      expect((await score('/v1/surveys', { year: 2024, score: 80 })).body.detail).toContain('2024');
      expect((await feed()).length).toBe(before);
    });

    it('still takes the inputs of a year not closed, and answers a request replayed with its key as the first time', async () => {
      expect((await score('/v1/surveys', { year: 2025, score: 61 })).status).toBe(201);
      const before = (await feed()).length;
      expect(await call('POST', '/v1/superior-evaluations', 'evaluation-office', superior2024, replayKey)).toEqual(replayed);
      expect((await feed()).length).toBe(before);
    });

    it('still accepts a rating dated in the closed year: it counts in that month\'s statistics', async () => {
      const rated = await rate({ departmentId: 'permits', level: 4, ratedAt: '2024-05-10T10:00:00+08:00' });
      expect(rated.status, JSON.stringify(rated.body)).toBe(201);
      await ledger.settled();
      expect((await statistics('permits', '2024-05')).body).toMatchObject({ counts: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 0 }, total: 1 });
      expect((await call('GET', '/v1/policies/evaluation?at=2024-12-31T00:00:00Z', 'auditor')).status).toBe(200);
    });
  });

  it('documents every route with its roles in the OpenAPI description', async () => {
    const openapi = (await ledger.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const described = (path: string, method: string) => openapi.paths[path]?.[method]?.description ?? '';
    expect(described('/v1/ratings', 'post')).toContain('Roles: evaluation-office, service');
    for (const path of ['/v1/surveys', '/v1/superior-evaluations', '/v1/adjustments', '/v1/policies/evaluation']) {
      expect(described(path, 'post'), path).toContain('Roles: evaluation-office.');
    }
    expect(described('/v1/policies/evaluation', 'get')).toContain('auditor');
    expect(described('/v1/departments/{departmentId}/statistics', 'get')).toContain('auditor');
    const adjustment = JSON.stringify(openapi.paths['/v1/adjustments'].post.requestBody);
    for (const kind of ['deduction', 'bonus', 'veto', 'e-supervision', 'administrative-fault']) expect(adjustment).toContain(kind);
  });

  // Two replays over HTTP, each into a store in memory (nothing to boot): within the default budget.
  it('rebuilds the rating statistics in the auditor replay, equal to the live read model', async () => {
    await ledger.settled();
    const compared = await call('POST', '/v1/ledger/replays', 'auditor', { compare: true });
    expect(compared.body.comparison).toMatchObject({ equal: true, differences: [] });
    const rebuilt = await call('POST', '/v1/ledger/replays', 'auditor', { documents: true });
    const ratings = (await feed()).filter((event) => event.type.includes('.RatingGiven.'));
    expect(ratings.length).toBeGreaterThan(10);
    expect(rebuilt.body.documents.evaluations_ratings).toHaveLength(ratings.length);
    expect(rebuilt.body.documents.evaluations_closed_periods).toEqual([expect.objectContaining({ id: '2024', year: 2024 })]);
  });
});
