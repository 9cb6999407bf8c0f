import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type BrowserSession, type ConsoleHost, browserAvailable, call, closeBrowserSession, eventually, expectAccessible, ok, openBrowserSession, pick, saveFailure, screenshot } from './browser.ts';

// SPEC 13's public pages on a phone (390×844, touch), with no account: a service window's QR code opens the filing
// page with its department, the complainant follows the complaint by tracking code and rates its handling once it
// is closed (staff handle it through the API meanwhile); the rankings of a closed year and the bulletins, with what
// each page shows checked against the API's own answer, and axe on every page.

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

/** Nothing wider than the phone's screen: no sideways scrolling. */
const widerThanScreen = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth > 390);

interface RankingItem {
  departmentId: string;
  category: string;
  rank: number;
  score: number;
  grade: string;
  bottom: boolean;
}

describe.runIf(browserAvailable)('the public pages on a phone', () => {
  let session: BrowserSession | undefined;
  let host: ConsoleHost;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await openBrowserSession({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...phone });
    ({ host, page, errors } = session);
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/housing', { name: '住房保障局', category: 'service-facing' });
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/qr-window', { name: '政务服务中心不动产窗口', category: 'service-facing' });
  });
  beforeEach(({ onTestFailed, task }) => onTestFailed(() => saveFailure(page, task.name)));
  afterAll(() => closeBrowserSession(session));

  it("files from a service window's QR code, follows the complaint while staff handle it, rates it once on the tracking page and sees the rating recorded", { timeout: 180_000 }, async () => {
    await page.goto(`${host.baseUrl}/?departmentId=qr-window&channel=qr-code`);
    const form = page.locator('form#file');
    await form.waitFor();
    expect(await form.getAttribute('data-channel')).toBe('qr-code');
    // The window's department by name (GET /v1/public/departments/{departmentId}), read-only; the filing sends its id.
    const department = form.getByLabel('被投诉部门', { exact: true });
    await eventually(() => department.inputValue()).toBe('政务服务中心不动产窗口');
    expect(await department.getAttribute('readonly')).not.toBeNull();
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-file-qr');
    await expectAccessible(page, 'public filing');

    // Nothing is sent while required fields are empty; each says so under itself.
    await form.locator('button[type=submit]').click();
    const errorOf = (id: string) => form.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error');
    await eventually(() => errorOf('file_category').textContent()).toBe('此项为必填项');
    expect(await errorOf('file_summary').textContent()).toBe('此项为必填项');

    await pick(page, form.getByLabel('投诉类别'), '慢作为、拖延办理');
    await form.getByLabel('投诉内容').fill('在政务服务中心申请住房补贴，材料齐全，窗口称系统故障让我下周再来，已经跑了三趟。');
    await form.getByLabel('联系电话').fill('13900000000');
    const sent = page.waitForRequest((request) => request.url().endsWith('/v1/public/complaints') && request.method() === 'POST');
    const answered = page.waitForResponse((response) => response.url().endsWith('/v1/public/complaints'));
    await form.locator('button[type=submit]').click();
    const request = await sent;
    expect(request.postDataJSON()).toEqual({
      channel: 'qr-code',
      departmentId: 'qr-window',
      category: 'delay',
      summary: '在政务服务中心申请住房补贴，材料齐全，窗口称系统故障让我下周再来，已经跑了三趟。',
      complainant: { phone: '13900000000' },
    });
    expect((await request.allHeaders())['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    const response = await answered;
    expect(response.status()).toBe(201);
    const code = (await response.json()).trackingCode as string;
    await eventually(() => page.getByTestId('tracking-code').textContent()).toBe(code);
    expect(await widerThanScreen(page)).toBe(false);

    // Following it: filed, and the rating says it comes after the close.
    await page.getByRole('button', { name: '查询办理进度' }).click();
    await eventually(() => page.getByTestId('track-status').textContent()).toBe('您的投诉已登记，正在等待受理。');
    expect(page.url()).toBe(`${host.baseUrl}/track/${code}`);
    expect(await page.getByTestId('rating-state').textContent()).toContain('投诉办结后，您可以在此评价办理情况。');
    expect(await page.locator('form#rate').count()).toBe(0);

    // The staff handle it through the API: the one complaint of the window's department, as filed from the QR code.
    const listed = await ok(host, 'intake-clerk', 'GET', '/v1/complaints?departmentId=qr-window');
    const [complaint] = listed.items as Array<{ complaintId: string; channel: string }>;
    expect(complaint).toMatchObject({ channel: 'qr-code' });
    const id = complaint!.complaintId;
    await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${id}/accept`, {});
    await page.reload();
    await eventually(() => page.getByTestId('track-status').textContent()).toBe('您的投诉已受理，正在调查办理。');
    expect(await page.getByTestId('rating-state').textContent()).toContain('投诉办结后');
    await ok(host, 'investigator', 'POST', `/v1/complaints/${id}/finding`, { outcome: 'valid', departmentsAtFault: ['qr-window'] });
    await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${id}/close`, {});

    // Closed: the rating form, five stars with their meaning; nothing is sent without a choice.
    await page.reload();
    await eventually(() => page.getByTestId('track-status').textContent()).toBe('您的投诉已办结。');
    const rate = page.locator('form#rate');
    await rate.locator('button[type=submit]').click();
    await eventually(() => rate.locator('.ant-form-item-explain-error').first().textContent()).toBe('此项为必填项');
    await rate.locator('.ant-rate-star').nth(4).click();
    await rate.getByLabel('意见建议（选填）').fill('窗口主动致歉，当天办结，满意。');
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-track-closed');
    await expectAccessible(page, 'tracking page with the rating form');
    const rated = page.waitForRequest((sentRequest) => sentRequest.url().endsWith(`/v1/track/${code}/rating`));
    const ratedAnswer = page.waitForResponse((answer) => answer.url().endsWith(`/v1/track/${code}/rating`));
    await rate.locator('button[type=submit]').click();
    expect((await rated).postDataJSON()).toEqual({ satisfaction: 5, comment: '窗口主动致歉，当天办结，满意。' });
    expect((await ratedAnswer).status()).toBe(201);

    // Recorded: the page shows the rating given and no form; the ledger has it, once.
    await eventually(() => page.getByTestId('rating').textContent()).toContain('5 / 5 · 非常满意');
    expect(await page.getByTestId('rating-state').textContent()).toContain('每件投诉只能评价一次');
    expect(await page.locator('form#rate').count()).toBe(0);
    expect(await ok(host, 'intake-clerk', 'GET', `/v1/complaints/${id}`)).toMatchObject({ complainantRating: { satisfaction: 5 } });
    expect((await call(host, undefined, 'GET', `/v1/track/${code}`)).body).toMatchObject({ status: 'closed', rating: { satisfaction: 5 } });
    expect((await call(host, undefined, 'POST', `/v1/track/${code}/rating`, { satisfaction: 1 })).status).toBe(409);
    await page.reload();
    await eventually(() => page.getByTestId('rating').textContent()).toContain('5 / 5');
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-track-rated');
    await expectAccessible(page, 'tracking page, rated');
    expect(errors).toEqual([]);
  });

  // The tracking page followed through the steps and a refused rating: 58 s at load 30–37 on 2 cores, so a budget like its neighbours'.
  it('follows a complaint by its tracking code, shows only status and dates, and shows the problem when the rating is refused', { timeout: 180_000 }, async () => {
    const filed = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', {
      channel: 'qr-code',
      departmentId: 'housing',
      category: 'attitude',
      summary: '窗口工作人员态度恶劣，拒绝解释退件原因',
      complainant: { name: '赵敏', phone: '13700000000' },
    });
    const code = String(filed.trackingCode);
    await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${filed.complaintId}/accept`, {});

    // Typed as a complainant would read it out: lower case is the same code.
    await page.goto(`${host.baseUrl}/track`);
    await page.locator('form#track').getByLabel('查询码').fill(code.toLowerCase());
    await page.locator('form#track button[type=submit]').click();
    await eventually(() => page.getByTestId('track-status').textContent()).toBe('您的投诉已受理，正在调查办理。');
    const shown = (await page.locator('main').textContent())!;
    expect(shown).toContain('承诺办结日期');
    for (const internal of ['赵敏', '13700000000', '窗口工作人员态度恶劣', String(filed.complaintId)]) expect(shown).not.toContain(internal);
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-track');
    await expectAccessible(page, 'tracking page');

    await ok(host, 'investigator', 'POST', `/v1/complaints/${filed.complaintId}/finding`, { outcome: 'invalid' });
    await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${filed.complaintId}/close`, {});
    await page.reload();
    await eventually(() => page.getByTestId('track-status').textContent()).toBe('您的投诉已办结。');
    // Rated meanwhile from another phone: this page's rating is refused (409), the problem is shown as the ledger sent it.
    expect((await call(host, undefined, 'POST', `/v1/track/${code}/rating`, { satisfaction: 2 })).status).toBe(201);
    const rate = page.locator('form#rate');
    await rate.locator('.ant-rate-star').nth(3).click();
    const answered = page.waitForResponse((response) => response.url().endsWith(`/v1/track/${code}/rating`));
    await rate.locator('button[type=submit]').click();
    expect((await answered).status()).toBe(409);
    const problem = rate.getByTestId('problem');
    await eventually(() => problem.textContent()).toContain('该事项当前状态不允许此操作。');
    expect(await problem.textContent()).toContain('already rated');
    await rate.getByRole('button', { name: '查看已提交的评价' }).click();
    await eventually(() => page.getByTestId('rating').textContent()).toContain('2 / 5 · 不满意');
    await expectAccessible(page, 'tracking page, refused rating');
  });

  it('shows the ranking of a closed year by category with its scores and ranks, the bottom-ranked marked, the chart and the public accountability', { timeout: 120_000 }, async () => {
    // 2024: five service-facing departments (the last 3 places of a category are its bottom ones) and a party-mass one,
    // rated that year and closed through the API.
    const rated: Record<string, { name: string; category: string; levels: number[] }> = {
      'tax-hall': { name: '税务局办税服务厅', category: 'service-facing', levels: [5, 5] },
      'social-security': { name: '人力资源和社会保障局', category: 'service-facing', levels: [5, 4] },
      'civil-affairs': { name: '民政局', category: 'service-facing', levels: [4, 4] },
      'water-bureau': { name: '水务局', category: 'service-facing', levels: [4, 3] },
      'land-registry': { name: '不动产登记中心', category: 'service-facing', levels: [3, 3] },
      'youth-league': { name: '共青团市委', category: 'party-mass', levels: [] },
    };
    const nameOf = (departmentId: string) => rated[departmentId]!.name;
    let transaction = 0;
    for (const [departmentId, { name, category, levels }] of Object.entries(rated)) {
      await ok(host, 'evaluation-office', 'PUT', `/v1/departments/${departmentId}`, { name, category });
      for (const level of levels) {
        await ok(host, 'evaluation-office', 'POST', '/v1/ratings', { transactionId: `rk-${transaction++}`, departmentId, platform: 'service-center', level, ratedAt: '2024-05-10T10:00:00+08:00' });
      }
    }
    // The water bureau's leader, whom its bottom-rank outcome names in public.
    await ok(host, 'evaluation-office', 'PUT', '/v1/people/water-director', { name: '周局长', departmentId: 'water-bureau' });
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/water-bureau', { name: '水务局', category: 'service-facing', leaderPersonId: 'water-director' });
    // A party-mass department is scored on the survey and the superior evaluation (SPEC 6), not on ratings.
    await ok(host, 'evaluation-office', 'POST', '/v1/surveys', { departmentId: 'youth-league', year: 2024, score: 90 });
    await ok(host, 'evaluation-office', 'POST', '/v1/superior-evaluations', { departmentId: 'youth-league', year: 2024, score: 80 });
    const incident = await ok(host, 'disciplinary-official', 'POST', '/v1/departments/land-registry/incidents', { kind: 'media-exposure', note: '电视问政曝光', at: '2024-06-01T10:00:00+08:00' });
    const apologyId = (incident.apology as { apologyId: string }).apologyId;
    await ok(host, 'disciplinary-official', 'POST', `/v1/apologies/${encodeURIComponent(apologyId)}/carry-out`, {
      by: 'land-registry-leader',
      at: '2024-06-10T10:00:00+08:00',
      outlet: 'newspaper',
      madeAt: '2024-06-09T10:00:00+08:00',
      reference: '《市日报》2024年6月9日第3版',
    });
    await host.ledger.settled();
    await ok(host, 'evaluation-office', 'POST', '/v1/periods/2024/close', {});
    await host.ledger.settled();
    const published = (await call(host, undefined, 'GET', '/v1/public/rankings/2024')).body as { items: RankingItem[] };
    const serviceFacing = published.items.filter((item) => item.category === 'service-facing').toSorted((a, b) => a.rank - b.rank);
    expect(serviceFacing.map((item) => item.departmentId)).toEqual(['tax-hall', 'social-security', 'civil-affairs', 'water-bureau', 'land-registry']);
    expect(serviceFacing.map((item) => item.bottom)).toEqual([false, false, true, true, true]);

    // No year asked: the latest published one (the years after 2024 are open).
    await page.goto(`${host.baseUrl}/rankings`);
    const table = page.getByTestId('ranking-service-facing');
    await table.locator('tbody tr').first().waitFor();
    expect(await page.getByTestId('ranking-year').textContent()).toContain('2024 年度');
    const gradeOf: Record<string, string> = { satisfied: '满意', 'basically-satisfied': '基本满意', unsatisfied: '不满意' };
    // Each department by its name (GET /v1/public/departments), never by id alone once the names are read.
    await eventually(() => table.locator('tbody tr').first().textContent()).toContain(nameOf(serviceFacing[0]!.departmentId));
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as unknown as { cells: ArrayLike<{ textContent: string | null }> }).cells, (cell) => cell.textContent ?? '')));
    expect(rows).toEqual(serviceFacing.map((item) => [String(item.rank), `${nameOf(item.departmentId)}${item.bottom ? '末位' : ''}`, item.score.toFixed(2), gradeOf[item.grade] ?? item.grade]));
    expect(await table.getByTestId('bottom-tag').count()).toBe(3);
    // The chart draws the published scores (ECharts writes what it drew into its aria description).
    const chart = page.getByTestId('ranking-chart-service-facing');
    await eventually(() => chart.getAttribute('aria-label')).toContain(`${nameOf('tax-hall')}的数据是`);
    const described = (await chart.getAttribute('aria-label'))!;
    for (const item of serviceFacing) expect(described).toContain(`${nameOf(item.departmentId)}的数据是${item.score}`);
    const partyMass = published.items.find((item) => item.departmentId === 'youth-league')!;
    expect(partyMass).toMatchObject({ category: 'party-mass', rank: 1, score: 88 });
    await eventually(() => page.getByTestId('ranking-chart-party-mass').getAttribute('aria-label')).toContain('共青团市委的数据是88');
    expect(await page.getByTestId('ranking-vertical').textContent()).toContain('本年度该类别无参评单位。');
    // What the year led to, in public: the bottom-rank outcome and the public apology with its outlet and reference.
    const accountability = page.getByTestId('public-accountability');
    expect(await accountability.textContent()).toContain('不动产登记中心约谈主要负责人及领导班子');
    expect(await accountability.textContent()).toContain('不动产登记中心 · 公开道歉');
    expect(await accountability.textContent()).toContain('水务局（主要负责人：周局长）约谈主要负责人及领导班子');
    expect(await accountability.textContent()).not.toContain('land-registry');
    expect(await accountability.textContent()).toContain('2024/06/09 通过报纸公开道歉');
    expect(await accountability.textContent()).toContain('《市日报》2024年6月9日第3版');
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-rankings');
    await expectAccessible(page, 'rankings');

    // Another year from the picker: not closed, so not published.
    await pick(page, page.getByTestId('ranking-year'), '2023 年度');
    await eventually(() => page.getByTestId('ranking-not-published').textContent()).toContain('2023 年度考评尚未结束，排名尚未公布。');
    expect(page.url()).toBe(`${host.baseUrl}/rankings?year=2023`);
    expect(errors).toEqual([]);
  });

  it('lists the bulletins published through the API, marks the corrected one, opens a bulletin and links the Atom feed', { timeout: 90_000 }, async () => {
    await ok(host, 'evaluation-office', 'PUT', '/v1/people/housing-clerk', { name: '李科员', departmentId: 'housing' });
    const criticism = await ok(host, 'evaluation-office', 'POST', '/v1/bulletins', {
      kind: 'criticism',
      title: '关于住房保障局办件拖延的通报',
      body: '经核查，住房保障局存在办件拖延问题。\n现予以通报批评，责令限期整改。',
      subjects: [{ departmentId: 'housing' }, { departmentId: 'housing', personId: 'housing-clerk' }],
    });
    const praise = await ok(host, 'evaluation-office', 'POST', '/v1/bulletins', { kind: 'praise', title: '通报表扬税务大厅', body: '税务大厅窗口办事高效，群众满意。', subjects: [{ departmentId: 'tax-hall' }] });
    const correction = await ok(host, 'evaluation-office', 'POST', '/v1/bulletins', {
      kind: 'notice',
      title: '更正：关于住房保障局办件拖延的通报',
      body: '前一通报中的整改期限应为30日。',
      subjects: [{ departmentId: 'housing' }],
      corrects: criticism.bulletinId,
    });
    await host.ledger.settled();

    await page.goto(`${host.baseUrl}/bulletins`);
    const items = page.getByTestId('bulletin-item');
    await eventually(() => items.count()).toBe(3);
    // Newest first, each with its kind; the corrected one and the correction are marked.
    expect(await items.locator('h2').allTextContents()).toEqual(['更正：关于住房保障局办件拖延的通报', '通报表扬税务大厅', '关于住房保障局办件拖延的通报']);
    expect(await items.nth(0).textContent()).toContain('通知更正通报');
    expect(await items.nth(1).textContent()).toContain('通报表扬');
    expect(await items.nth(2).textContent()).toContain('通报批评已更正');
    expect(await page.getByTestId('corrected-tag').count()).toBe(1);
    const feed = page.getByTestId('atom-link');
    expect(await feed.getAttribute('href')).toBe('/v1/public/bulletins.atom');
    const atom = await page.request.get(`${host.baseUrl}/v1/public/bulletins.atom`);
    expect(atom.headers()['content-type']).toMatch(/^application\/atom\+xml/);
    expect(await atom.text()).toContain('关于住房保障局办件拖延的通报');
    expect(await page.locator('link[rel=alternate][type="application/atom+xml"]').getAttribute('href')).toBe('/v1/public/bulletins.atom');
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-bulletins');
    await expectAccessible(page, 'bulletins');

    // The corrected bulletin's page: as published, with the correction that prevails one tap away. It reads the one
    // bulletin (and the one it links to), not the list.
    const read: string[] = [];
    const onRequest = (request: { url(): string }) => read.push(new URL(request.url()).pathname);
    page.on('request', onRequest);
    await page.getByRole('link', { name: '关于住房保障局办件拖延的通报', exact: true }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('关于住房保障局办件拖延的通报');
    expect(page.url()).toBe(`${host.baseUrl}/bulletins/${criticism.bulletinId}`);
    expect(await page.getByTestId('bulletin-body').innerText()).toBe('经核查，住房保障局存在办件拖延问题。\n现予以通报批评，责令限期整改。');
    expect(await page.getByTestId('corrected-notice').textContent()).toContain('本通报已被更正，请以更正通报为准：更正：关于住房保障局办件拖延的通报');
    // The subjects by name, as the bulletin names them in public.
    await eventually(() => page.getByTestId('bulletin-subjects').locator('li').allTextContents()).toEqual(['单位：住房保障局', '单位：住房保障局，人员：李科员']);
    page.off('request', onRequest);
    expect(read.filter((path) => path.startsWith('/v1/'))).toEqual(expect.arrayContaining([`/v1/public/bulletins/${criticism.bulletinId}`, `/v1/public/bulletins/${correction.bulletinId}`]));
    expect(read).not.toContain('/v1/public/bulletins');
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-bulletin');
    await expectAccessible(page, 'a bulletin');
    await page.getByTestId('corrected-notice').getByRole('link').click();
    await eventually(() => page.getByTestId('corrects-notice').textContent()).toContain('关于住房保障局办件拖延的通报');
    expect(page.url()).toBe(`${host.baseUrl}/bulletins/${correction.bulletinId}`);

    // Opened directly (a shared link): the host serves the page at its own path.
    await page.goto(`${host.baseUrl}/bulletins/${praise.bulletinId}`);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('通报表扬税务大厅');
    await page.goto(`${host.baseUrl}/bulletins/no-such-bulletin`);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('未找到该通报');
    expect(errors).toEqual([]);
  });

  it('reads one page of bulletins, newest first, and older ones a page at a time on demand', { timeout: 120_000 }, async () => {
    const earlier = ((await ok(host, 'evaluation-office', 'GET', '/v1/public/bulletins?limit=200')).items as unknown[]).length;
    for (let number = 1; number <= 50; number++) {
      await ok(host, 'evaluation-office', 'POST', '/v1/bulletins', { kind: 'notice', title: `第${number}号通知`, body: '例行通知。', subjects: [] });
    }
    await host.ledger.settled();
    const lists: URLSearchParams[] = [];
    const onRequest = (request: { url(): string }) => {
      const url = new URL(request.url());
      if (url.pathname === '/v1/public/bulletins') lists.push(url.searchParams);
    };
    page.on('request', onRequest);
    await page.goto(`${host.baseUrl}/bulletins`);
    const items = page.getByTestId('bulletin-item');
    await eventually(() => items.count()).toBe(50);
    // One page, the newest: not every bulletin ever published.
    expect(await items.first().locator('h2').textContent()).toBe('第50号通知');
    expect(lists.map((query) => [query.get('order'), query.get('after')])).toEqual([['newest', null]]);
    await page.getByTestId('bulletins-more').click();
    await eventually(() => items.count()).toBe(50 + earlier);
    expect(await items.last().locator('h2').textContent()).toBe('关于住房保障局办件拖延的通报');
    expect(lists).toHaveLength(2);
    expect(lists[1]!.get('order')).toBe('newest');
    expect(lists[1]!.get('after')).toEqual(expect.any(String));
    await eventually(() => page.getByTestId('bulletins-more').count()).toBe(0);
    page.off('request', onRequest);
    await expectAccessible(page, 'bulletins, older ones loaded');
  });

  it('files on the web page choosing the department by its name, and sends its id', { timeout: 60_000 }, async () => {
    await page.goto(`${host.baseUrl}/`);
    const form = page.locator('form#file');
    await form.waitFor();
    expect(await form.getAttribute('data-channel')).toBe('web');
    // The registered departments by name (GET /v1/public/departments), searched by typing part of a name.
    const department = form.getByLabel('被投诉部门', { exact: true });
    await eventually(() => department.getAttribute('role')).toBe('combobox');
    await department.click();
    await department.fill('住房');
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await eventually(() => option.allTextContents()).toEqual(['住房保障局']);
    await option.click();
    await pick(page, form.getByLabel('投诉类别'), '服务态度');
    await form.getByLabel('投诉内容').fill('网上申报补贴，客服电话长期无人接听。');
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-file-web');
    await expectAccessible(page, 'web filing');
    const sent = page.waitForRequest((request) => request.url().endsWith('/v1/public/complaints') && request.method() === 'POST');
    const answered = page.waitForResponse((response) => response.url().endsWith('/v1/public/complaints'));
    await form.locator('button[type=submit]').click();
    expect((await sent).postDataJSON()).toEqual({ channel: 'web', departmentId: 'housing', category: 'attitude', summary: '网上申报补贴，客服电话长期无人接听。' });
    expect((await answered).status()).toBe(201);
    await page.getByTestId('tracking-code').waitFor();
    expect(errors).toEqual([]);
  });

  it('marks a complaint past its deadline overdue, says plainly that a code is unknown, and switches the public pages to English and back', { timeout: 60_000 }, async () => {
    // Received 90 days ago by the hotline and accepted: past its deadline, which API.md shows beside the status.
    const late = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', {
      channel: 'hotline-12345',
      departmentId: 'housing',
      category: 'delay',
      summary: '补贴申请三个月无答复',
      receivedAt: new Date(Date.now() - 90 * 86_400_000).toISOString(),
    });
    await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${late.complaintId}/accept`, {});
    expect((await call(host, undefined, 'GET', `/v1/track/${late.trackingCode}`)).body).toMatchObject({ status: 'accepted', overdue: true });
    await page.goto(`${host.baseUrl}/track/${late.trackingCode}`);
    await eventually(() => page.getByTestId('track-overdue').textContent()).toBe('已超期');
    expect(await page.getByTestId('track-status').textContent()).toBe('您的投诉已受理，正在调查办理。');

    await page.goto(`${host.baseUrl}/track/ABCD-EFGH-JKLM`);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('未找到该查询码');
    await page.getByText('English', { exact: true }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Unknown tracking code');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en');
    await page.goto(`${host.baseUrl}/rankings?year=2024`);
    await eventually(() => page.getByTestId('ranking-service-facing').textContent()).toContain('2024 ranking: ');
    expect(await page.getByTestId('bottom-tag').first().textContent()).toBe('Bottom');
    await page.getByText('中文', { exact: true }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('满意度排名');
    expect(errors).toEqual([]);
  });
});
