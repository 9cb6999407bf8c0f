import { randomUUID } from 'node:crypto';
import { SqlEventStore } from '@ledger/eventstore/sql';
import { type SqlClient, connectPostgres } from '@ledger/sql';
import { findEngine, freshPostgresDatabase } from '@ledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerHost } from './host.ts';
import { as } from '@ledger/testing/ledger';
import { startTestLedger } from './test-ledger.testkit.ts';

// Issue 4, done means: two years of ratings, surveys, superior evaluations and adjustments for departments
// in all three categories, over HTTP on the embedded ledger; both years closed; rankings, grades, bottom
// marks, admonition talks and exactly one leader replacement as computed by hand below (SPEC 6, default
// policy: weights 80/10/10 and —/80/20, satisfied ≥ 85, basically-satisfied ≥ 70, last 3 are bottom,
// replacement when (this − last) / last < 5 %). Rating index = 25 · Σ(level − 1) / n.
//
// 2024, service-facing (ratings 80 %, survey 10 %, superior 10 %)
// | dept | ratings               | index | survey | superior | weighted                    | adjustment   | score        | grade      | rank | bottom |
// | sf-b | 5 5 5 5               | 100   | 80     | 70       | 80 + 8 + 7 = 95             | +2 bonus     | 97           | satisfied  | 1    |        |
// | sf-a | 5×5, 5×4 (all by pa1) | 87.5  | 90     | 90       | 70 + 9 + 9 = 88             |              | 88           | satisfied  | 2    |        |
// | sf-d | none: weight → 50/50  | —     | 84     | 76       | (84 + 76) / 2 = 80          |              | 80           | basically  | 3    | yes: admonition |
// | sf-c | 4 4 5: Σ = 10         | 250/3 | 50     | 50       | 200/3 + 5 + 5 = 230/3       |              | 76.67 (230/3)| basically  | 4    | yes: admonition |
// | sf-e | 4 4 4 4               | 75    | 90     | 90       | 60 + 9 + 9 = 78             | −3 e-superv. | 75           | basically  | 5    | yes: admonition |
// 2024, party-mass (survey 80 %, superior 20 %)
// | pm-a | 0.8·90 + 0.2·80 = 72 + 16 = 88, satisfied, rank 1
// | pm-b | 0.8·70 + 0.2·90 = 56 + 18 = 74, basically, rank 2, bottom: admonition
// | pm-d | survey 60 only (superior missing → survey 100 %) = 60, unsatisfied, rank 3, bottom: admonition
// | pm-c | 95, 95 → 95, vetoed: unsatisfied, and after every department without a veto: rank 4, bottom: admonition
// 2024, vertical (survey 80 %, superior 20 %; ratings weigh 0)
// | v-b  | 90, 90 → 90 (its three ratings of 1 do not count), satisfied, rank 1, bottom (2 ≤ 3): nothing
// | v-a  | 0.8·80 + 0.2·70 = 64 + 14 = 78, basically, rank 2, bottom: admonition
//
// 2025, service-facing
// | sf-b | 5 5 5 5 → 100, 85, 85: 80 + 8.5 + 8.5 = 97, satisfied, rank 1
// | sf-c | 5 5 5 5 → 100, 60, 60: 80 + 6 + 6 = 92, satisfied, rank 2
// | sf-a | pa1 10×5 (Σ 40), pa2 5×4 + 5×3 (Σ 25), pa3 4×5 (Σ 16): 25 · 81 / 24 = 84.375; 90, 90:
// |      |   67.5 + 9 + 9 = 85.5, satisfied, rank 3, bottom but satisfied: nothing
// | sf-d | no ratings, 86, 78 → 82, basically, rank 4, bottom: admonition; bottom-accountable in 2024 too and
// |      |   (82 − 80) / 80 = 2.5 % < 5 %: LEADER REPLACEMENT (the only one)
// | sf-e | 4 4 4 4 → 75, 95, 95: 60 + 9.5 + 9.5 = 79, basically, rank 5, bottom: admonition;
// |      |   (79 − 75) / 75 = 5.33 % ≥ 5 %: no replacement
// 2025, party-mass
// | pm-c | 95, 95 → 95, satisfied, rank 1 | pm-a | 88, satisfied, rank 2, bottom: nothing
// | pm-b | 0.8·80 + 0.2·70 = 78, basically, rank 3: admonition; (78 − 74) / 74 = 5.41 %: no replacement
// | pm-d | survey 62 only + 3 bonus = 65, unsatisfied, rank 4: admonition; (65 − 60) / 60 = 8.33 %: no replacement
// 2025, vertical
// | v-a  | 0.8·90 + 0.2·80 = 88, satisfied, rank 1, bottom: nothing (accountable in 2024, not now)
// | v-b  | 70, 70 → 70: exactly the threshold, basically, rank 2, bottom: admonition; satisfied in 2024: no replacement
//
// People (at least 10 ratings): 2024 sf-a: pa1 87.5 (10). 2025 sf-a: pa1 100 (10), pa2 62.5 (10); pa3 unranked (4).
describe('rankings over HTTP on the embedded ledger: two years closed', () => {
  let ledger: LedgerHost;

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, role: Parameters<typeof as>[0], payload?: unknown) => {
    const response = await ledger.app.inject({ method, url, headers: as(role), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.body ? response.json() : undefined, type: response.headers['content-type'] };
  };
  const office = (method: 'POST' | 'PUT', url: string, payload: unknown) => call(method, url, 'evaluation-office', payload);
  const expectCreated = async (pending: Promise<{ status: number; body: unknown }>) => {
    const { status, body } = await pending;
    expect(status, JSON.stringify(body)).toBe(201);
  };

  let transactions = 0;
  const rate = async (year: number, departmentId: string, levels: number[], personId?: string) => {
    for (const level of levels) {
      transactions += 1;
      const ratedAt = `${year}-06-15T09:${String(transactions % 60).padStart(2, '0')}:00+08:00`;
      await expectCreated(office('POST', '/v1/ratings', { transactionId: `tx-${transactions}`, departmentId, platform: 'service-center', level, ratedAt, ...(personId ? { personId } : {}) }));
    }
  };
  const times = (count: number, level: number) => Array.from({ length: count }, () => level);
  const scores = async (year: number, departmentId: string, survey?: number, superior?: number) => {
    if (survey !== undefined) await expectCreated(office('POST', '/v1/surveys', { departmentId, year, score: survey }));
    if (superior !== undefined) await expectCreated(office('POST', '/v1/superior-evaluations', { departmentId, year, score: superior }));
  };
  const adjust = (payload: Record<string, unknown>) => expectCreated(office('POST', '/v1/adjustments', payload));

  const departments = {
    'sf-a': 'service-facing',
    'sf-b': 'service-facing',
    'sf-c': 'service-facing',
    'sf-d': 'service-facing',
    'sf-e': 'service-facing',
    'pm-a': 'party-mass',
    'pm-b': 'party-mass',
    'pm-c': 'party-mass',
    'pm-d': 'party-mass',
    'v-a': 'vertical',
    'v-b': 'vertical',
  } as const;
  const leaderOf = (departmentId: string) => `lead-${departmentId}`;

  /** [departmentId, score shown, exactScore, grade, rank, bottom] in rank order. */
  type Placing = [string, number, string, string, number, boolean];
  const placings = (items: Array<{ departmentId: string; score: number; exactScore: string; grade: string; rank: number; bottom: boolean }>): Placing[] =>
    items.map((item) => [item.departmentId, item.score, item.exactScore, item.grade, item.rank, item.bottom]);
  const byCategory = (body: { rankings: Array<{ category: string; items: never[] }> }) =>
    Object.fromEntries(body.rankings.map((ranking) => [ranking.category, placings(ranking.items)]));
  type Outcome = { outcome: string; departmentId: string; leaderPersonId?: string; year: number };
  const outcomes = (body: { bottomRank: Outcome[] }) => body.bottomRank.map((outcome) => [outcome.outcome, outcome.departmentId, outcome.leaderPersonId]);

  /**
   * A year's expected rankings as the table above reads, a category a line, best first: `department score grade`,
   * the score followed by `=exact` where the exact score is a fraction, and `bottom` after a bottom department; a
   * department's rank is its place in the line.
   */
  const standings = <Category extends string>(categories: Record<Category, string>) =>
    Object.fromEntries(
      Object.entries<string>(categories).map(([category, line]) => [
        category,
        line.split(',').map((entry, index): Placing => {
          const [departmentId, score, grade, bottom] = entry.trim().split(/\s+/) as [string, string, string, string?];
          const [shown, exact] = score.split('=') as [string, string?];
          return [departmentId, Number(shown), exact ?? shown, grade, index + 1, bottom === 'bottom'];
        }),
      ]),
    ) as Record<Category, Placing[]>;
  const expected2024 = standings({
    'service-facing': 'sf-b 97 satisfied, sf-a 88 satisfied, sf-d 80 basically-satisfied bottom, sf-c 76.67=230/3 basically-satisfied bottom, sf-e 75 basically-satisfied bottom',
    'party-mass': 'pm-a 88 satisfied, pm-b 74 basically-satisfied bottom, pm-d 60 unsatisfied bottom, pm-c 95 unsatisfied bottom',
    vertical: 'v-b 90 satisfied bottom, v-a 78 basically-satisfied bottom',
  });
  const expected2025 = standings({
    'service-facing': 'sf-b 97 satisfied, sf-c 92 satisfied, sf-a 85.5=171/2 satisfied bottom, sf-d 82 basically-satisfied bottom, sf-e 79 basically-satisfied bottom',
    'party-mass': 'pm-c 95 satisfied, pm-a 88 satisfied bottom, pm-b 78 basically-satisfied bottom, pm-d 65 unsatisfied bottom',
    vertical: 'v-a 88 satisfied bottom, v-b 70 basically-satisfied bottom',
  });

  let closed2024: { status: number; body: never };
  let closed2025: { status: number; body: never };

  beforeAll(async () => {
    ledger = await startTestLedger();
    for (const [departmentId, category] of Object.entries(departments)) {
      expect((await office('PUT', `/v1/departments/${departmentId}`, { name: `Department ${departmentId}`, category })).status).toBe(200);
      expect((await office('PUT', `/v1/people/${leaderOf(departmentId)}`, { name: `Leader of ${departmentId}`, departmentId, post: 'leader' })).status).toBe(200);
      expect((await office('PUT', `/v1/departments/${departmentId}`, { name: `Department ${departmentId}`, category, leaderPersonId: leaderOf(departmentId) })).status).toBe(200);
    }
    for (const personId of ['pa1', 'pa2', 'pa3']) {
      expect((await office('PUT', `/v1/people/${personId}`, { name: `Clerk ${personId}`, departmentId: 'sf-a', post: 'window clerk' })).status).toBe(200);
    }

    // 2024
    await rate(2024, 'sf-a', [...times(5, 5), ...times(5, 4)], 'pa1');
    await rate(2024, 'sf-b', times(4, 5));
    await rate(2024, 'sf-c', [4, 4, 5]);
    await rate(2024, 'sf-e', times(4, 4));
    await rate(2024, 'v-b', times(3, 1));
    await scores(2024, 'sf-a', 90, 90);
    await scores(2024, 'sf-b', 80, 70);
    await scores(2024, 'sf-c', 50, 50);
    await scores(2024, 'sf-d', 84, 76);
    await scores(2024, 'sf-e', 90, 90);
    await scores(2024, 'pm-a', 90, 80);
    await scores(2024, 'pm-b', 70, 90);
    await scores(2024, 'pm-c', 95, 95);
    await scores(2024, 'pm-d', 60);
    await scores(2024, 'v-a', 80, 70);
    await scores(2024, 'v-b', 90, 90);
    await adjust({ departmentId: 'sf-b', year: 2024, kind: 'bonus', points: 2, reason: 'one-window reform commended by the leading group' });
    await adjust({ departmentId: 'sf-e', year: 2024, kind: 'deduction', source: 'e-supervision', points: 3, reason: 'permits processed past the time limit' });
    await adjust({ departmentId: 'pm-c', year: 2024, kind: 'veto', reason: 'serious breach of integrity rules' });

    // 2025
    await rate(2025, 'sf-a', times(10, 5), 'pa1');
    await rate(2025, 'sf-a', [...times(5, 4), ...times(5, 3)], 'pa2');
    await rate(2025, 'sf-a', times(4, 5), 'pa3');
    await rate(2025, 'sf-b', times(4, 5));
    await rate(2025, 'sf-c', times(4, 5));
    await rate(2025, 'sf-e', times(4, 4));
    await scores(2025, 'sf-a', 90, 90);
    await scores(2025, 'sf-b', 85, 85);
    await scores(2025, 'sf-c', 60, 60);
    await scores(2025, 'sf-d', 86, 78);
    await scores(2025, 'sf-e', 95, 95);
    await scores(2025, 'pm-a', 90, 80);
    await scores(2025, 'pm-b', 80, 70);
    await scores(2025, 'pm-c', 95, 95);
    await scores(2025, 'pm-d', 62);
    await scores(2025, 'v-a', 90, 80);
    // A correction a moment before the close: the close must wait for it to reach its inputs (not settled() here).
    await scores(2025, 'v-b', 75, 70);
    await adjust({ departmentId: 'pm-d', year: 2025, kind: 'bonus', points: 3, reason: 'flood relief volunteers organised' });
    await scores(2025, 'v-b', 70);

    closed2024 = (await call('POST', '/v1/periods/2024/close', 'evaluation-office')) as never;
    closed2025 = (await call('POST', '/v1/periods/2025/close', 'evaluation-office')) as never;
    await ledger.settled();
  });
  afterAll(() => ledger?.stop());

  it('closes 2024 with the ranking of every category as computed by hand', () => {
    expect(closed2024.status, JSON.stringify(closed2024.body)).toBe(200);
    expect(closed2024.body).toMatchObject({ year: 2024, policyVersion: 0 });
    expect(byCategory(closed2024.body)).toEqual(expected2024);
  });

  it('closes 2025, ranked on the previous year, as computed by hand', () => {
    expect(closed2025.status, JSON.stringify(closed2025.body)).toBe(200);
    expect(byCategory(closed2025.body)).toEqual(expected2025);
  });

  it('says why: weights redistributed for a missing component, ratings that do not count, adjustments and the veto', () => {
    const item = (body: never, departmentId: string) =>
      (body as { rankings: Array<{ items: Array<{ departmentId: string }> }> }).rankings.flatMap((ranking) => ranking.items).find((found) => found.departmentId === departmentId);
    expect(item(closed2024.body, 'sf-d')).toMatchObject({
      components: [
        { component: 'ratings', value: null, weight: 80, appliedWeight: 0, missing: true, ratingCount: 0 },
        { component: 'survey', value: 84, weight: 10, appliedWeight: 50, missing: false },
        { component: 'superior', value: 76, weight: 10, appliedWeight: 50, missing: false },
      ],
    });
    expect(item(closed2024.body, 'v-b')).toMatchObject({
      components: [{ component: 'ratings', value: 0, weight: 0, appliedWeight: 0, missing: false, ratingCount: 3 }, { appliedWeight: 80 }, { appliedWeight: 20 }],
    });
    expect(item(closed2024.body, 'pm-d')).toMatchObject({ components: [{ missing: true }, { value: 60, appliedWeight: 100 }, { value: null, missing: true }] });
    expect(item(closed2024.body, 'sf-a')).toMatchObject({ components: [{ value: 87.5, ratingCount: 10 }, { value: 90 }, { value: 90 }] });
    expect(item(closed2024.body, 'sf-e')).toMatchObject({
      weightedScore: 78,
      deductionPoints: 3,
      adjustments: [{ kind: 'deduction', source: 'e-supervision', points: 3, reason: 'permits processed past the time limit' }],
    });
    expect(item(closed2024.body, 'sf-b')).toMatchObject({ weightedScore: 95, bonusPoints: 2, adjustments: [{ kind: 'bonus', source: 'leading-group', points: 2 }] });
    expect(item(closed2024.body, 'pm-c')).toMatchObject({ vetoed: true, grade: 'unsatisfied', adjustments: [{ kind: 'veto', source: 'leading-group' }] });
    expect(item(closed2025.body, 'sf-a')).toMatchObject({ components: [{ value: 84.375, ratingCount: 24 }, {}, {}] });
    expect(item(closed2025.body, 'pm-d')).toMatchObject({ weightedScore: 62, bonusPoints: 3 });
  });

  it('requires admonition talks for the accountable last places and replaces exactly one leader', async () => {
    expect(outcomes(closed2024.body)).toEqual([
      ['admonition-talk', 'sf-d', 'lead-sf-d'],
      ['admonition-talk', 'sf-c', 'lead-sf-c'],
      ['admonition-talk', 'sf-e', 'lead-sf-e'],
      ['admonition-talk', 'pm-b', 'lead-pm-b'],
      ['admonition-talk', 'pm-d', 'lead-pm-d'],
      ['admonition-talk', 'pm-c', 'lead-pm-c'],
      ['admonition-talk', 'v-a', 'lead-v-a'],
    ]);
    expect(outcomes(closed2025.body)).toEqual([
      ['admonition-talk', 'sf-d', 'lead-sf-d'],
      ['leader-replacement', 'sf-d', 'lead-sf-d'],
      ['admonition-talk', 'sf-e', 'lead-sf-e'],
      ['admonition-talk', 'pm-b', 'lead-pm-b'],
      ['admonition-talk', 'pm-d', 'lead-pm-d'],
      ['admonition-talk', 'v-b', 'lead-v-b'],
    ]);
    const replacement = (closed2025.body as { bottomRank: Outcome[] }).bottomRank.find((outcome) => outcome.outcome === 'leader-replacement');
    expect(replacement).toMatchObject({
      year: 2025,
      category: 'service-facing',
      thisYear: { score: 82, exactScore: '82', grade: 'basically-satisfied', rank: 4 },
      lastYear: { year: 2024, score: 80, exactScore: '80', grade: 'basically-satisfied', rank: 3 },
      increase: { absolute: 2, relative: 0.025, threshold: 0.05, basis: 'relative' },
    });
    expect((closed2024.body as { bottomRank: Outcome[] }).bottomRank[0]).toMatchObject({ subjects: ['leader', 'leadership-team'], rankedInCategory: 5, bottomCount: 3 });

    // Every output is an event in the ledger, for other services and auditors.
    const feed = (await call('GET', '/v1/ledger/events?limit=1000', 'auditor')).body.events as Array<{ type: string }>;
    const count = (type: string) => feed.filter((event) => event.type === `org.accountability-ledger.rankings.${type}.v1`).length;
    // 2024 has seven admonitions since the vetoed pm-c ranks last (SPEC 6); 2025 five.
    expect([count('PeriodClosed'), count('RankingPublished'), count('PeopleRanked'), count('BottomRankAdmonitionRequired'), count('LeaderReplacementRequired')]).toEqual([2, 6, 2, 12, 1]);
  });

  it('serves the published rankings, by category, as the close answered', async () => {
    for (const [year, expected] of [
      [2024, expected2024],
      [2025, expected2025],
    ] as const) {
      const all = await call('GET', `/v1/rankings/${year}`, 'disciplinary-official');
      expect(all.status).toBe(200);
      expect(placings(all.body.items)).toEqual([...expected['service-facing'], ...expected['party-mass'], ...expected.vertical]);
      const partyMass = await call('GET', `/v1/rankings/${year}?category=party-mass`, 'auditor');
      expect(placings(partyMass.body.items)).toEqual(expected['party-mass']);
      expect(partyMass.body.items[0]).toMatchObject({ category: 'party-mass', components: expect.any(Array), adjustments: expect.any(Array) });
    }
    const closedItems = (closed2024.body as { rankings: Array<{ items: unknown[] }> }).rankings.flatMap((ranking) => ranking.items);
    const served = (await call('GET', '/v1/rankings/2024', 'evaluation-office')).body.items as Array<{ departmentId: string }>;
    expect(served.toSorted(byDepartment)).toEqual((closedItems as Array<{ departmentId: string }>).toSorted(byDepartment));
  });

  it('ranks people with at least 10 ratings by rating index within their department', async () => {
    const people2025 = await call('GET', '/v1/rankings/2025/people?departmentId=sf-a', 'evaluation-office');
    expect(people2025.status).toBe(200);
    expect(people2025.body.items).toEqual([
      { departmentId: 'sf-a', personId: 'pa1', rank: 1, ratingCount: 10, ratingIndex: 100, exactRatingIndex: '100' },
      { departmentId: 'sf-a', personId: 'pa2', rank: 2, ratingCount: 10, ratingIndex: 62.5, exactRatingIndex: '125/2' },
    ]);
    expect(people2025.body.unranked).toEqual([{ departmentId: 'sf-a', personId: 'pa3', ratingCount: 4 }]);
    const people2024 = await call('GET', '/v1/rankings/2024/people', 'auditor');
    expect(people2024.body.items).toEqual([{ departmentId: 'sf-a', personId: 'pa1', rank: 1, ratingCount: 10, ratingIndex: 87.5, exactRatingIndex: '175/2' }]);
    expect((await call('GET', '/v1/rankings/2025/people?departmentId=sf-b', 'auditor')).body).toEqual({ year: 2025, items: [], unranked: [] });
  });

  it("shows the bottom-rank outcomes in discipline's department accountability", async () => {
    const accountability = async (departmentId: string, year: number) =>
      ((await call('GET', `/v1/departments/${departmentId}/accountability?year=${year}`, 'disciplinary-official')).body.bottomRank as Outcome[]).map(
        (outcome) => [outcome.outcome, outcome.year, outcome.leaderPersonId],
      );
    expect(await accountability('sf-d', 2024)).toEqual([['admonition-talk', 2024, 'lead-sf-d']]);
    expect(await accountability('sf-d', 2025)).toEqual([
      ['admonition-talk', 2025, 'lead-sf-d'],
      ['leader-replacement', 2025, 'lead-sf-d'],
    ]);
    expect(await accountability('v-b', 2024)).toEqual([]);
    expect(await accountability('v-b', 2025)).toEqual([['admonition-talk', 2025, 'lead-v-b']]);
    expect(await accountability('pm-c', 2024)).toEqual([['admonition-talk', 2024, 'lead-pm-c']]);
    expect(await accountability('pm-a', 2025)).toEqual([]);
  });

  it("shows each department's published rankings and monthly rating statistics in its accountability, for a year or all years", async () => {
    const accountability = async (departmentId: string, year?: number) =>
      (await call('GET', `/v1/departments/${departmentId}/accountability${year === undefined ? '' : `?year=${year}`}`, 'disciplinary-official')).body as {
        rankings: Array<Record<string, unknown>>;
        statistics: unknown[];
      };
    const none = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
    const placed = (year: number, score: number, exactScore: string, grade: string, rank: number, rankedInCategory: number, bottom: boolean) =>
      expect.objectContaining({ year, category: 'service-facing', score, exactScore, grade, rank, rankedInCategory, bottom, vetoed: false });
    // Every rating was given on 15 June at 09:mm +08:00, 01:mm UTC: one month a year.
    // sf-a 2025: 14 × 5, 5 × 4, 5 × 3 = 24 ratings; rate (14 + 5) / 24; index 25 · (14·4 + 5·3 + 5·2) / 24 = 25 · 81 / 24 = 84.375.
    const sfA2025 = await accountability('sf-a', 2025);
    expect(sfA2025.rankings).toEqual([placed(2025, 85.5, '171/2', 'satisfied', 3, 5, true)]);
    expect(sfA2025.rankings[0]!.components).toEqual([
      { component: 'ratings', value: 84.375, weight: 80, appliedWeight: 80, missing: false, ratingCount: 24 },
      expect.objectContaining({ component: 'survey', value: 90 }),
      expect.objectContaining({ component: 'superior', value: 90 }),
    ]);
    expect(sfA2025.statistics).toEqual([{ month: '2025-06', counts: { ...none, '3': 5, '4': 5, '5': 14 }, total: 24, satisfactionRate: 19 / 24, meanIndex: 84.375 }]);
    // sf-a, all years: 2024 is 5 × 5 and 5 × 4 (rate 1, index (5·100 + 5·75) / 10 = 87.5), ranked 2nd with 88.
    const sfA = await accountability('sf-a');
    expect(sfA.rankings).toEqual([placed(2024, 88, '88', 'satisfied', 2, 5, false), placed(2025, 85.5, '171/2', 'satisfied', 3, 5, true)]);
    expect(sfA.statistics).toEqual([
      { month: '2024-06', counts: { ...none, '4': 5, '5': 5 }, total: 10, satisfactionRate: 1, meanIndex: 87.5 },
      { month: '2025-06', counts: { ...none, '3': 5, '4': 5, '5': 14 }, total: 24, satisfactionRate: 19 / 24, meanIndex: 84.375 },
    ]);
    // sf-c 2024: 4, 4, 5: rate 1, index (75 + 75 + 100) / 3 = 250/3; score 230/3 shown as 76.67.
    const sfC2024 = await accountability('sf-c', 2024);
    expect(sfC2024.rankings).toEqual([placed(2024, 76.67, '230/3', 'basically-satisfied', 4, 5, true)]);
    expect(sfC2024.statistics).toEqual([{ month: '2024-06', counts: { ...none, '4': 2, '5': 1 }, total: 3, satisfactionRate: 1, meanIndex: 250 / 3 }]);
    // sf-e 2024: the e-supervision deduction of 3 is listed with the ranking.
    expect((await accountability('sf-e', 2024)).rankings[0]).toEqual(
      expect.objectContaining({ score: 75, adjustments: [expect.objectContaining({ kind: 'deduction', source: 'e-supervision', points: 3 })] }),
    );
    // v-b: three ratings of 1 in 2024 (rate 0, index 0), though a vertical department's ratings weigh nothing.
    expect((await accountability('v-b', 2024)).statistics).toEqual([{ month: '2024-06', counts: { ...none, '1': 3 }, total: 3, satisfactionRate: 0, meanIndex: 0 }]);
    // pm-c 2024: vetoed, so ranked 4th of 4 (after every department without a veto) and unsatisfied; never rated.
    const pmC2024 = await accountability('pm-c', 2024);
    expect(pmC2024.rankings).toEqual([expect.objectContaining({ category: 'party-mass', score: 95, grade: 'unsatisfied', rank: 4, rankedInCategory: 4, vetoed: true })]);
    expect(pmC2024.statistics).toEqual([]);
    expect(await accountability('sf-a', 2023)).toEqual(expect.objectContaining({ rankings: [], statistics: [] }));
  });

  it('refuses bad input with problem details and writes nothing', async () => {
    await ledger.settled();
    const head = await ledger.store.headPosition();
    const refusals: Array<[Promise<{ status: number; body: { type: string; errors?: Array<{ path: string }> }; type?: string | string[] }>, number, string, string?]> = [
      [call('POST', '/v1/periods/2024/close', 'evaluation-office'), 409, '/problems/period-already-closed', 'body.year'],
      [call('POST', '/v1/periods/2026/close', 'evaluation-office'), 422, '/problems/period-not-ended', 'body.year'],
      [call('POST', '/v1/periods/next/close', 'evaluation-office'), 400, '/problems/validation', 'params.year'],
      [call('POST', '/v1/periods/2023/close', 'evaluation-office', { at: 'yesterday' }), 400, '/problems/validation', 'body.at'],
      [call('POST', '/v1/periods/2023/close', 'intake-clerk'), 403, '/problems/forbidden'],
      [call('GET', '/v1/rankings/2024?category=municipal', 'auditor'), 400, '/problems/validation', 'querystring.category'],
      [call('GET', '/v1/rankings/2023', 'auditor'), 404, '/problems/not-found'],
      [call('GET', '/v1/rankings/2023/people', 'auditor'), 404, '/problems/not-found'],
      [call('GET', '/v1/rankings/2025/people?departmentId=nowhere', 'auditor'), 404, '/problems/not-found'],
      [call('GET', '/v1/rankings/2025', 'complainant'), 403, '/problems/forbidden'],
      [office('POST', '/v1/ratings', { transactionId: 'bad-0', departmentId: 'sf-a', platform: 'qr-code', level: 0 }), 400, '/problems/validation', 'body.level'],
      [office('POST', '/v1/ratings', { transactionId: 'bad-6', departmentId: 'sf-a', platform: 'qr-code', level: 6 }), 400, '/problems/validation', 'body.level'],
      [office('POST', '/v1/ratings', { transactionId: 'tx-1', departmentId: 'sf-a', platform: 'qr-code', level: 5, ratedAt: '2025-01-01T00:00:00Z' }), 409, '/problems/transaction-already-rated'],
      [office('POST', '/v1/ratings', { transactionId: 'bad-d', departmentId: 'nowhere', platform: 'qr-code', level: 3 }), 422, '/problems/unknown-department', 'body.departmentId'],
      [office('POST', '/v1/surveys', { departmentId: 'sf-a', year: 2025, score: 100.5 }), 400, '/problems/validation', 'body.score'],
      [office('POST', '/v1/superior-evaluations', { departmentId: 'nowhere', year: 2025, score: 80 }), 422, '/problems/unknown-department', 'body.departmentId'],
      [office('PUT', '/v1/departments/sf-z', { name: 'Department sf-z', category: 'municipal' }), 400, '/problems/validation', 'body.category'],
    ];
    for (const [pending, status, type, path] of refusals) {
      const { status: actual, body, type: contentType } = await pending;
      expect([actual, body.type], JSON.stringify(body)).toEqual([status, type]);
      expect(contentType).toContain('application/problem+json');
      if (path) expect(body.errors?.map((error) => error.path)).toContain(path);
    }
    expect(await ledger.store.headPosition()).toBe(head);
  });
});

const byDepartment = (a: { departmentId: string }, b: { departmentId: string }) => (a.departmentId < b.departmentId ? -1 : a.departmentId > b.departmentId ? 1 : 0);

const postgres = await findEngine('postgres');

// The close decides on a read model that follows the ledger: here it must wait for an input another
// process recorded a moment before (the host only hears of it at its next poll, 5 s later), and two
// closes at once must end in one close and one conflict. On PostgreSQL, where processes share the store.
describe.runIf(postgres.available)('closing a year against a ledger that other writers share, on PostgreSQL', () => {
  let ledger: LedgerHost;
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let otherProcess: SqlClient;
  let otherStore: SqlEventStore;

  const call = async (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) => {
    const response = await ledger.app.inject({ method, url, headers: as('evaluation-office', headers), ...(payload === undefined ? {} : { payload: payload as object }) });
    return { status: response.statusCode, body: response.json() };
  };
  const periodEvents = async (year: number) => (await ledger.store.readStream(`period-${year}`)).map((event) => event.type);

  beforeAll(async () => {
    if (!postgres.available) return;
    database = await freshPostgresDatabase(postgres.url);
    ledger = await startTestLedger({ sql: connectPostgres({ connectionString: database.url, maxConnections: 4 }), idlePollMs: 5_000 });
    otherProcess = connectPostgres({ connectionString: database.url, maxConnections: 2 });
    otherStore = await SqlEventStore.open(otherProcess, { idlePollMs: 5_000 });
    for (const departmentId of ['v-x', 'v-y']) expect((await call('PUT', `/v1/departments/${departmentId}`, { name: departmentId, category: 'vertical' })).status).toBe(200);
    expect((await call('POST', '/v1/surveys', { departmentId: 'v-x', year: 2024, score: 70 })).status).toBe(201);
    expect((await call('POST', '/v1/surveys', { departmentId: 'v-y', year: 2024, score: 80 })).status).toBe(201);
    await ledger.settled();
  });
  afterAll(async () => {
    await ledger?.stop();
    await otherProcess?.close();
    await database?.drop();
  });

  it('counts an input that another process recorded a moment before the close', async () => {
    // v-x's survey corrected from 70 to 90 by another process: v-x 90 now ranks above v-y 80.
    await otherStore.append(
      'evaluation-v-x-2024',
      [{ eventId: randomUUID(), type: 'SurveyScored', schemaVersion: 1, data: { departmentId: 'v-x', year: 2024, score: 90, at: '2025-01-10T00:00:00Z', replaces: { score: 70, at: '2025-01-09T00:00:00Z' } } }],
      0,
    );
    // The race is real: the inputs read model has not seen the correction when the close arrives.
    expect(await ledger.context.projectionPosition!('rankings.period-inputs')).toBeLessThan(await ledger.store.headPosition());
    const closed = await call('POST', '/v1/periods/2024/close');
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.rankings.find((ranking: { category: string }) => ranking.category === 'vertical').items.map((item: { departmentId: string; score: number; rank: number }) => [item.departmentId, item.score, item.rank])).toEqual([
      ['v-x', 90, 1],
      ['v-y', 80, 2],
    ]);
  });

  it('answers two closes at once with one close and one conflict, and one set of events', async () => {
    const answers = await Promise.all([call('POST', '/v1/periods/2022/close'), call('POST', '/v1/periods/2022/close')]);
    expect(answers.map((answer) => answer.status).toSorted()).toEqual([200, 409]);
    expect(answers.find((answer) => answer.status === 409)!.body).toMatchObject({ type: '/problems/period-already-closed', status: 409 });
    expect(await periodEvents(2022)).toEqual(['PeriodClosed', 'RankingPublished', 'RankingPublished', 'RankingPublished']);
  });

  it('answers a repeated close with the same idempotency key as the first time, and writes nothing more', async () => {
    const first = await call('POST', '/v1/periods/2023/close', undefined, { 'idempotency-key': 'close-2023' });
    const head = await ledger.store.headPosition();
    const again = await call('POST', '/v1/periods/2023/close', undefined, { 'idempotency-key': 'close-2023' });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.body).toEqual(first.body);
    expect(await ledger.store.headPosition()).toBe(head);
    expect(first.body.rankings.flatMap((ranking: { unscored: Array<{ departmentId: string }> }) => ranking.unscored.map((item) => item.departmentId))).toEqual(['v-x', 'v-y']);
  });

  it('closes a year under the policy version in force at its end, and says which', async () => {
    // Version 1 from 2021: vertical 50/50, satisfied ≥ 90, basically-satisfied ≥ 80, only the last place is bottom.
    //   v-x: 0.5 · 80 + 0.5 · 100 = 90 → satisfied, rank 1  (the default 80/20 would give 84, rank 2)
    //   v-y: 0.5 · 100 + 0.5 · 70 = 85 → basically-satisfied, rank 2, bottom → admonition (default: 94, rank 1)
    const adopted = await call('POST', '/v1/policies/evaluation', {
      weights: { 'service-facing': { ratings: 80, survey: 10, superior: 10 }, 'party-mass': { ratings: 0, survey: 80, superior: 20 }, vertical: { ratings: 0, survey: 50, superior: 50 } },
      grades: { satisfied: 90, basicallySatisfied: 80 },
      bottomCount: 1,
      effectiveFrom: '2021-01-01T00:00:00Z',
    });
    expect(adopted.status, JSON.stringify(adopted.body)).toBe(201);
    for (const [departmentId, survey, superior] of [
      ['v-x', 80, 100],
      ['v-y', 100, 70],
    ] as const) {
      expect((await call('POST', '/v1/surveys', { departmentId, year: 2021, score: survey })).status).toBe(201);
      expect((await call('POST', '/v1/superior-evaluations', { departmentId, year: 2021, score: superior })).status).toBe(201);
    }
    const closed = await call('POST', '/v1/periods/2021/close');
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.policyVersion).toBe(1);
    const vertical = closed.body.rankings.find((ranking: { category: string }) => ranking.category === 'vertical');
    expect(vertical).toMatchObject({ policyVersion: 1, bottomCount: 1 });
    expect(vertical.items.map((item: { departmentId: string; score: number; grade: string; rank: number; bottom: boolean }) => [item.departmentId, item.score, item.grade, item.rank, item.bottom])).toEqual([
      ['v-x', 90, 'satisfied', 1, false],
      ['v-y', 85, 'basically-satisfied', 2, true],
    ]);
    expect(closed.body.bottomRank.map((outcome: { outcome: string; departmentId: string; policyVersion: number }) => [outcome.outcome, outcome.departmentId, outcome.policyVersion])).toEqual([
      ['admonition-talk', 'v-y', 1],
    ]);
  });
});
