import type { Role } from '@ledger/platform';
import { testLiaisonDepartmentId } from '@ledger/testing/ledger';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RouteKey } from '../src/api/route-roles.ts';
import { translate } from '../src/i18n/translate.ts';
import { pagesFor } from '../src/console/pages.ts';
import {
  type BrowserSession,
  type ConsoleHost,
  browserAvailable,
  choose,
  closeBrowserSession,
  eventually,
  expectAccessible,
  keyOf,
  ok,
  openBrowserSession,
  registerLiaisonDepartment,
  pick,
  saveFailure,
  screenshot,
  shanghaiDay,
  settled,
  signIn,
} from './browser.ts';

// The staff pages of the second round in Debian's Chromium against the embedded ledger: the administrator's keys,
// the rectification board worked by the evaluation office and a department's liaison, bulletins published and
// corrected, the auditor's page; and, per role, that every action a page offers is one the API admits and every
// action it hides is one the API refuses.

const day = 86_400_000;
const item = (id: unknown) => `/console/rectification/${String(id)}`;

/** The role walk's visits: a page, the route it needs, what shows it loaded, and the actions it may offer. */
type Action = { selector: string; route: RouteKey };
const visit = (path: string, route: RouteKey, ready: string, ...actions: Action[]) => ({ path, route, ready, actions });
/** A list loaded with rows, or a page part shown, by its test id. */
const rowsOf = (testId: string) => `[data-testid="${testId}"] tbody tr.ant-table-row`;
const shown = (testId: string) => `[data-testid="${testId}"]`;
const action = (name: string, route: RouteKey): Action => ({ selector: `button[data-action="${name}"]`, route });
const step = (name: string, route: RouteKey): Action => ({ selector: `button[data-step="${name}"]`, route });

describe.runIf(browserAvailable)('the staff pages of keys, rectification, bulletins and audit in a browser', () => {
  let session: BrowserSession | undefined;
  let host: ConsoleHost;
  let page: Page;
  let errors: string[];
  /** The liaison key the administrator issues in the first test, for the water bureau. */
  let liaisonKey = '';

  /** A call with any bearer secret (a key issued in the test); the status and JSON. */
  const callWith = async (secret: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => {
    const response = await host.ledger.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${secret}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
    return { status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown>) : undefined };
  };
  /**
   * Whether the API lets a role call a route, asked without calling it: a body of a content type no route parses
   * is refused for the role (403) or rejected unread (415) before any handler runs (the sign-in's probes do so).
   */
  const admits = async (secret: string, route: RouteKey): Promise<boolean> => {
    const [method, path] = route.split(' ') as ['POST' | 'PUT' | 'DELETE' | 'GET', string];
    const response = await host.ledger.app.inject({
      method,
      url: path.replaceAll(/\{[^}]+\}/g, 'role-probe'),
      headers: { authorization: `Bearer ${secret}`, ...(method === 'GET' ? {} : { 'content-type': 'application/x-role-probe' }) },
      ...(method === 'GET' ? {} : { payload: 'role-probe' }),
    });
    expect(response.statusCode, `${route}`).not.toBe(401);
    return response.statusCode !== 403;
  };
  /** Signs in with any secret, as a new tab would: the tab's session forgotten first. */
  const signInWithKey = async (secret: string, path: string) => {
    if (!page.url().startsWith(host.baseUrl)) await page.goto(`${host.baseUrl}/console/`);
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(`${host.baseUrl}${path}`);
    await page.getByLabel('访问密钥').fill(secret);
    await page.locator('form#sign-in button[type=submit]').click();
    await page.getByTestId('role').waitFor();
  };
  const menu = () => page.locator('nav .ant-menu-item').allTextContents();
  beforeAll(async () => {
    session = await openBrowserSession();
    ({ host, page, errors } = session);
    await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.baseUrl });
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/water', { name: '水务局', category: 'service-facing' });
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/roads', { name: '交通运输局', category: 'service-facing' });
    await ok(host, 'evaluation-office', 'PUT', '/v1/people/p-wang', { name: '王芳', departmentId: 'water' });
    await ok(host, 'evaluation-office', 'PUT', '/v1/people/p-zhou', { name: '周强', departmentId: 'roads' });
    await registerLiaisonDepartment(host);
  });
  beforeEach(({ onTestFailed, task }) => onTestFailed(() => saveFailure(page, task.name)));
  afterAll(() => closeBrowserSession(session));

  it('lets the administrator issue a key (the secret shown once, with a copy button and a warning), list keys and revoke one after confirming', { timeout: 120_000 }, async () => {
    await page.goto(`${host.baseUrl}/console/`);
    await signIn(page, host.baseUrl, 'administrator', '/console/keys');
    expect(await menu()).toEqual(['密钥管理']);
    await page.getByTestId('key-list').waitFor();

    await page.locator('button[data-action="issue-key"]').click();
    const form = page.locator('form#issue-key');
    await pick(page, form.getByLabel('角色'), '部门联络员');
    await form.getByLabel('使用人编号').fill('p-wang');
    await form.getByLabel('所属部门编号').fill('water'); // asked only for a liaison
    await form.getByLabel('用途说明').fill('王芳 水务局联络员');
    await form.locator('button[type=submit]').click();
    const issued = page.getByTestId('issued-key');
    await issued.waitFor();
    liaisonKey = await issued.getByTestId('secret').inputValue();
    expect(liaisonKey.length).toBeGreaterThan(20);
    expect(await issued.textContent()).toContain('密钥只显示这一次');
    await settled(issued);
    await issued.getByRole('button', { name: /复制密钥/ }).click();
    // Runs in the page (no DOM types in the test's own compilation).
    await eventually(() => page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText())).toBe(liaisonKey);
    await screenshot(page, 'keys-issued');
    await expectAccessible(page, 'key issued');
    await page.getByRole('button', { name: /我已妥善保存/ }).click();
    await issued.waitFor({ state: 'detached' });

    const list = page.getByTestId('key-list');
    const row = list.locator('tr', { hasText: '王芳 水务局联络员' });
    await eventually(() => row.textContent()).toContain('部门联络员');
    expect(await row.textContent()).toContain('water');
    expect(await row.getByTestId('key-state').textContent()).toBe('有效');
    // The secret acts for the water bureau's liaison at once, and only for that department.
    expect((await callWith(liaisonKey, 'GET', '/v1/rectifications')).status).toBe(200);
    expect((await callWith(liaisonKey, 'GET', '/v1/departments/roads/rectification')).status).toBe(403);

    // Revoking asks first, and the key stops working at once.
    const spare = await ok(host, 'administrator', 'POST', '/v1/keys', { role: 'investigator', personId: 'p-zhou', label: '周强 临时调查' });
    expect((await callWith(String(spare.key), 'GET', '/v1/complaints')).status).toBe(200);
    await page.getByRole('button', { name: /刷\s*新/ }).click();
    const spareRow = list.locator('tr', { hasText: '周强 临时调查' });
    await spareRow.locator('button[data-action="revoke"]').click();
    const confirm = page.locator('.ant-popconfirm');
    await eventually(() => confirm.textContent()).toContain('确定吊销密钥“周强 临时调查”');
    await screenshot(page, 'keys');
    await settled(confirm);
    await confirm.getByRole('button', { name: /吊\s*销/ }).click();
    await eventually(() => spareRow.getByTestId('key-state').textContent()).toContain('已吊销');
    expect((await callWith(String(spare.key), 'GET', '/v1/complaints')).status).toBe(401);
    expect(await row.getByTestId('key-state').textContent()).toBe('有效');
    await expectAccessible(page, 'keys');
  });

  it('works a rectification item through the board: opened by the evaluation office, progressed and completed by the liaison (who sees their own department only), verified by the office; overdue first, with the completion rate', { timeout: 360_000 }, async () => {
    expect(liaisonKey, 'the keys test issues the liaison key').not.toBe('');
    const now = Date.now();
    const late = await ok(host, 'evaluation-office', 'POST', '/v1/rectifications', {
      departmentId: 'water',
      source: { kind: 'bad-review', ref: 'br-7' },
      problem: '供水报装超时未办',
      measure: '报装流程压缩为三个环节',
      target: '报装五个工作日内办结',
      deadline: new Date(now - 5 * day).toISOString(),
      responsiblePersonId: 'p-wang',
      at: new Date(now - 20 * day).toISOString(),
    });
    await ok(host, 'evaluation-office', 'POST', '/v1/rectifications', {
      departmentId: 'roads',
      source: { kind: 'inspection' },
      problem: '路政许可材料重复提交',
      measure: '材料一次告知',
      target: '申请材料只交一次',
      deadline: new Date(now + 30 * day).toISOString(),
      responsiblePersonId: 'p-zhou',
    });
    await host.ledger.settled();

    await signIn(page, host.baseUrl, 'evaluation-office', '/console/rectification');
    const list = page.getByTestId('rectification-list');
    const firstRow = list.locator('tbody tr.ant-table-row').first();
    await eventually(() => firstRow.textContent()).toContain('供水报装超时未办');
    expect(await firstRow.textContent()).toContain('已逾期');
    expect(await list.locator('tbody tr.ant-table-row').count()).toBe(2);

    // Opened by hand, with a deadline at the end of the picked day.
    await page.locator('button[data-action="open-rectification"]').click();
    const open = page.locator('form#open-rectification');
    await open.getByLabel('责任部门').fill('water');
    await pick(page, open.getByLabel('来源', { exact: true }), '督查检查');
    await open.getByLabel('存在问题').fill('窗口午间无人值守');
    await open.getByLabel('整改措施').fill('实行午间轮岗');
    await open.getByLabel('整改目标').fill('工作日午间窗口不断档');
    await open.locator('#open-rectification_deadline').click();
    await open.locator('#open-rectification_deadline').fill(shanghaiDay(new Date(now + 30 * day)));
    await open.locator('#open-rectification_deadline').press('Enter');
    await open.getByLabel('责任人').fill('p-wang');
    await open.locator('button[type=submit]').click();
    await page.waitForURL(/\/console\/rectification\/[^/]+$/);
    const itemId = decodeURIComponent(page.url().split('/').at(-1)!);
    const detail = page.getByTestId('rectification-detail');
    const status = async () => (await detail.getByTestId('detail-status').textContent())?.trim();
    const steps = async () => (await detail.getByTestId('steps').locator('button').allTextContents()).map((text) => text.replaceAll(' ', ''));
    await eventually(status).toBe('待整改');
    expect(await steps()).toEqual(['报告整改进展', '报告整改完成']);
    const recorded = await ok(host, 'evaluation-office', 'GET', `/v1/rectifications/${itemId}`);
    expect(recorded).toMatchObject({ departmentId: 'water', source: { kind: 'inspection' }, responsiblePersonId: 'p-wang', status: 'open' });
    expect(shanghaiDay(new Date(String(recorded.deadline)))).toBe(shanghaiDay(new Date(now + 30 * day)));

    const take = async (step: string, fill: (form: ReturnType<Page['locator']>) => Promise<void>) => {
      await detail.locator(`button[data-step="${step}"]`).click();
      const form = page.getByTestId(`step-form-${step}`);
      await fill(form);
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
    };

    // The liaison of the water bureau: their department's items only, no opening, no verifying.
    await signInWithKey(liaisonKey, '/console/rectification');
    expect(await page.getByTestId('role').textContent()).toBe('部门联络员');
    expect(await menu()).toEqual(['投诉办理', '整改台账', '差评核实']);
    await eventually(() => list.locator('tbody tr.ant-table-row').count()).toBe(2);
    expect(await list.textContent()).not.toContain('路政许可材料重复提交');
    expect(await page.locator('button[data-action="open-rectification"]').count()).toBe(0);
    expect(await page.locator('form#rectification-filters').getByLabel('责任部门').count()).toBe(0);
    await list.getByText('窗口午间无人值守').click();
    await detail.waitFor();
    expect(await steps()).toEqual(['报告整改进展', '报告整改完成']);
    await take('progress', (form) => form.getByLabel('进展情况').fill('已排出午间轮岗表，下周起执行'));
    await eventually(status).toBe('整改中');
    await take('complete', (form) => form.getByLabel('完成佐证材料').fill('轮岗表及四周签到记录'));
    await eventually(status).toBe('已完成待验收');
    expect(await steps()).toEqual([]); // verifying is the office's
    expect(await detail.textContent()).toContain('当前没有您可办理的步骤');
    // …and the API refuses the liaison what the board does not offer.
    expect((await callWith(liaisonKey, 'POST', `/v1/rectifications/${itemId}/verify`, { accepted: true, note: '自行验收' })).status).toBe(403);
    expect((await callWith(liaisonKey, 'POST', '/v1/rectifications', { departmentId: 'water', source: { kind: 'other' }, problem: 'x', measure: 'x', target: 'x', deadline: new Date(now + day).toISOString(), responsiblePersonId: 'p-wang' })).status).toBe(403);
    expect((await callWith(liaisonKey, 'GET', '/v1/rectifications?departmentId=roads')).status).toBe(403);
    await expectAccessible(page, 'rectification item (liaison)');

    // The office verifies: sent back once, then accepted.
    await signIn(page, host.baseUrl, 'evaluation-office', `/console/rectification/${encodeURIComponent(itemId)}`);
    await detail.waitFor();
    await eventually(steps).toEqual(['验收']);
    await take('verify', async (form) => {
      await choose(form.getByRole('radio', { name: '退回继续整改' }));
      await form.getByLabel('验收意见').fill('缺少周末值守安排');
    });
    await eventually(status).toBe('整改中');
    await take('complete', (form) => form.getByLabel('完成佐证材料').fill('补充周末值守表'));
    await eventually(status).toBe('已完成待验收');
    await take('verify', async (form) => {
      await choose(form.getByRole('radio', { name: '验收通过' }));
      await form.getByLabel('验收意见').fill('整改到位');
    });
    await eventually(status).toBe('已验收');
    expect(await detail.getByTestId('rectification-history').textContent()).toContain('退回继续整改');
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/console\/rectification$/);

    // This year's figures as the ledger computes them.
    const year = Number(shanghaiDay(new Date()).slice(0, 4));
    const water = await ok(host, 'evaluation-office', 'GET', `/v1/departments/water/rectification?year=${year}`);
    const rates = page.getByTestId('rectification-rates');
    const waterRow = rates.locator('tr', { hasText: 'water' });
    await eventually(() => waterRow.locator('td').allTextContents()).toEqual([
      'water',
      String(water.opened),
      String(water.verified),
      String(water.verifiedOnTime),
      String(water.overdue),
      water.rate === null ? '—' : `${((water.rate as number) * 100).toFixed(1)}%`,
    ]);
    expect(water.verified).toBe(1);
    await eventually(() => firstRow.textContent()).toContain('供水报装超时未办');
    expect(String(late.rectificationId)).not.toBe(itemId);
    await screenshot(page, 'rectification');
    await expectAccessible(page, 'rectification board');

    // The department's page lists its items too, overdue first, with the same figures.
    await page.goto(`${host.baseUrl}/console/departments/water`);
    const onDepartment = page.getByTestId('department-rectification');
    const itemRows = onDepartment.locator('tbody tr.ant-table-row');
    await eventually(() => itemRows.count()).toBe(2);
    expect(await itemRows.first().textContent()).toContain('供水报装超时未办');
    expect(await itemRows.nth(1).textContent()).toContain('已验收');
    // The rate comes from its own call, after the rows.
    await eventually(() => onDepartment.textContent()).toContain(water.rate === null ? '—' : `${((water.rate as number) * 100).toFixed(1)}%`);
    await itemRows.nth(1).getByText('窗口午间无人值守').click();
    await page.waitForURL(new RegExp(`/console/rectification/${itemId}$`));
    await detail.waitFor();
  });

  it('publishes a bulletin and corrects it with another that names it (a published bulletin never changes)', { timeout: 120_000 }, async () => {
    await signIn(page, host.baseUrl, 'evaluation-office', '/console/bulletins');
    await page.getByTestId('bulletin-list').waitFor();
    await page.locator('button[data-action="publish-bulletin"]').click();
    const form = page.locator('form#publish-bulletin');
    await choose(form.getByRole('radio', { name: '通报批评' }));
    await form.getByLabel('标题').fill('关于交通运输局窗口推诿问题的通报');
    await form.getByLabel('正文').fill('经查，交通运输局路政窗口三次要求群众重复提交材料。');
    await form.locator('#publish-bulletin_departmentIds').fill('roads');
    await form.locator('#publish-bulletin_departmentIds').press('Enter');
    await form.locator('#publish-bulletin_personIds').fill('p-zhou');
    await form.locator('#publish-bulletin_personIds').press('Enter');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    const list = page.getByTestId('bulletin-list');
    await eventually(() => list.textContent()).toContain('关于交通运输局窗口推诿问题的通报');
    const first = (await ok(host, 'evaluation-office', 'GET', '/v1/public/bulletins')).items as Array<{ bulletinId: string; kind: string; subjects: unknown[]; corrects?: string; body: string }>;
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({ kind: 'criticism', subjects: [{ departmentId: 'roads' }, { personId: 'p-zhou' }] });
    // The subjects by name, as the public reads them.
    await eventually(() => list.locator(`[data-testid="bulletin-${first[0]!.bulletinId}"]`).textContent()).toContain('涉及对象 交通运输局、周强');

    await list.locator(`[data-testid="bulletin-${first[0]!.bulletinId}"] button[data-action="correct"]`).click();
    const correction = page.locator('form#publish-bulletin');
    expect(await correction.textContent()).toContain('已发布的通报不能修改');
    expect(await correction.getByLabel('标题').inputValue()).toBe('关于交通运输局窗口推诿问题的通报');
    await correction.getByLabel('正文').fill('经查，交通运输局路政窗口两次要求群众重复提交材料（更正：原文“三次”有误）。');
    await correction.locator('button[type=submit]').click();
    await correction.waitFor({ state: 'detached' });
    await eventually(() => list.locator('.ant-list-item').count()).toBe(2);
    const all = (await ok(host, 'evaluation-office', 'GET', '/v1/public/bulletins')).items as typeof first;
    const corrected = all.find((bulletin) => bulletin.corrects === first[0]!.bulletinId);
    expect(corrected?.body).toContain('两次');
    expect(all.find((bulletin) => bulletin.bulletinId === first[0]!.bulletinId)?.body).toContain('三次');
    expect(await list.locator(`[data-testid="bulletin-${first[0]!.bulletinId}"]`).textContent()).toContain('已更正');
    expect(await list.locator(`[data-testid="bulletin-${corrected!.bulletinId}"]`).textContent()).toContain('更正通报「关于交通运输局窗口推诿问题的通报」');
    // Newest first: the correction above the bulletin it corrects.
    expect(await list.locator('.ant-list-item').first().getAttribute('data-testid')).toBe(`bulletin-${corrected!.bulletinId}`);
    await screenshot(page, 'bulletins');
    await expectAccessible(page, 'bulletins');
  });

  it("shows the auditor the latest checkpoint (and signs a new one), runs a verification with its result, and lists the recorded reads with reader and reason", { timeout: 120_000 }, async () => {
    await ok(host, 'disciplinary-official', 'GET', `/v1/people/p-wang/history?reason=${encodeURIComponent('年度考核复核')}`);
    await host.ledger.settled();
    await signIn(page, host.baseUrl, 'auditor', '/console/audit');
    const checkpoint = page.getByTestId('checkpoint');
    const latest = async () => (await host.ledger.app.inject({ method: 'GET', url: '/v1/ledger/checkpoint' })).body.split('\n');
    const [, sizeBefore] = await latest();
    await page.locator('button[data-action="sign-checkpoint"]').click();
    await page.getByTestId('checkpoint-note').waitFor();
    await checkpoint.waitFor();
    // The ledger's own schedule may sign a later one meanwhile (a deadline watcher records events of its own).
    const shown = Number(await page.getByTestId('checkpoint-size').textContent());
    expect(shown).toBeGreaterThanOrEqual(Number(sizeBefore));
    const [, size, root] = await latest();
    if (Number(size) === shown) expect(await checkpoint.textContent()).toContain(root);

    await page.locator('button[data-action="run-verification"]').click();
    // The verification replays every read model into a store in memory (nothing to boot): seconds, even on a loaded machine.
    await expect.poll(() => page.getByTestId('verification-result').textContent(), { timeout: 60_000, interval: 250 }).toContain('核验通过');

    const reads = page.getByTestId('history-reads');
    const read = reads.locator('tr', { hasText: 'p-wang' });
    await eventually(() => read.textContent()).toContain('年度考核复核');
    expect(await read.textContent()).toContain('disciplinary-official:test-disciplinary-official');
    // Filtered by person.
    await page.locator('form#read-filters').getByLabel('被查阅人员编号').fill('nobody-read');
    await page.locator('form#read-filters button[type=submit]').click();
    await eventually(() => reads.locator('tr', { hasText: 'p-wang' }).count()).toBe(0);
    await page.locator('form#read-filters').getByLabel('被查阅人员编号').fill('p-wang');
    await page.locator('form#read-filters button[type=submit]').click();
    await eventually(() => reads.locator('tr', { hasText: 'p-wang' }).count()).toBe(1);
    await screenshot(page, 'audit');
    await expectAccessible(page, 'audit');
  });

  /**
   * Each role's walk is a test of its own: the three in one took 213 s at load 15–21 (13 pages a role), over half
   * of any budget a single test should have.
   */
  describe('offers each role exactly the actions the API admits it: each shown one is admitted, each hidden one refused', () => {
    let visits: Array<ReturnType<typeof visit>> = [];
    beforeAll(async () => {
      // An item of each state the steps need, in the department of the test liaison's key.
      const open = await ok(host, 'evaluation-office', 'POST', '/v1/rectifications', { departmentId: testLiaisonDepartmentId, source: { kind: 'other' }, problem: '待办事项公示不全', measure: '补齐公示', target: '公示齐全', deadline: new Date(Date.now() + 20 * day).toISOString(), responsiblePersonId: 'p-sun' });
      const completed = await ok(host, 'evaluation-office', 'POST', '/v1/rectifications', { departmentId: testLiaisonDepartmentId, source: { kind: 'other' }, problem: '咨询电话占线', measure: '增设坐席', target: '接通率九成', deadline: new Date(Date.now() + 20 * day).toISOString(), responsiblePersonId: 'p-sun' });
      await ok(host, 'evaluation-office', 'POST', `/v1/rectifications/${completed.rectificationId}/complete`, { evidence: '坐席排班表' });
      // A bad review to verify (SPEC 11), and complaints whose deadline runs and has passed (SPEC 3.2, 3.7).
      await ok(host, 'evaluation-office', 'POST', '/v1/ratings', { transactionId: 'tx-role-probe', departmentId: testLiaisonDepartmentId, personId: 'p-sun', platform: 'service-center', level: 1 });
      const running = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', { channel: 'web', departmentId: testLiaisonDepartmentId, category: 'delay', summary: '营业执照变更未办' });
      await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${running.complaintId}/accept`, {});
      const overdue = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', { channel: 'phone', departmentId: testLiaisonDepartmentId, category: 'delay', summary: '食品经营许可逾期', receivedAt: new Date(Date.now() - 60 * day).toISOString() });
      await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${overdue.complaintId}/accept`, {});
      await host.ledger.settled();
      const [badReview] = (await ok(host, 'evaluation-office', 'GET', `/v1/bad-reviews?departmentId=${testLiaisonDepartmentId}&status=open`)).items as Array<{ badReviewId: string }>;

      /**
       * Each page: the route a role must be admitted to for it (else it says "无权访问"), what shows it has loaded
       * (a list with rows, a detail, a form), and the actions it may offer with the route each calls.
       */
      visits = [
        visit('/console/keys', 'GET /v1/keys', rowsOf('key-list'), action('issue-key', 'POST /v1/keys'), action('revoke', 'DELETE /v1/keys/{keyId}')),
        visit('/console/rectification', 'GET /v1/rectifications', rowsOf('rectification-list'), action('open-rectification', 'POST /v1/rectifications')),
        visit(
          item(open.rectificationId),
          'GET /v1/rectifications/{id}',
          shown('rectification-detail'),
          step('progress', 'POST /v1/rectifications/{id}/progress'),
          step('complete', 'POST /v1/rectifications/{id}/complete'),
        ),
        visit(item(completed.rectificationId), 'GET /v1/rectifications/{id}', shown('rectification-detail'), step('verify', 'POST /v1/rectifications/{id}/verify')),
        visit('/console/bulletins', 'POST /v1/bulletins', shown('bulletin-list'), action('publish-bulletin', 'POST /v1/bulletins')),
        visit('/console/audit', 'GET /v1/audit/history-reads', shown('history-reads'), action('sign-checkpoint', 'POST /v1/ledger/checkpoint'), action('run-verification', 'POST /v1/ledger/replays')),
        visit('/console/bad-reviews', 'GET /v1/bad-reviews', rowsOf('bad-review-list')),
        visit(`/console/bad-reviews/${badReview!.badReviewId}`, 'GET /v1/bad-reviews/{id}', shown('bad-review-detail'), step('verify', 'POST /v1/bad-reviews/{id}/verification')),
        visit('/console/complaints', 'GET /v1/complaints', shown('complaint-list')),
        visit(`/console/complaints/${String(running.complaintId)}`, 'GET /v1/complaints/{id}', shown('complaint-detail'), step('extend', 'POST /v1/complaints/{id}/extend')),
        // The liaison of the complaint's department explains it from the desk, as the intake clerk does.
        visit(`/console/complaints/${String(overdue.complaintId)}`, 'GET /v1/complaints/{id}', shown('complaint-detail'), step('explanation', 'POST /v1/complaints/{id}/explanation')),
        visit('/console/people', 'GET /v1/people/{personId}/history', 'form#person-lookup'),
        visit('/console/departments', 'GET /v1/departments/{departmentId}/accountability', 'form#department-lookup'),
      ];
    });
    const cases: Array<{ role: Role; secret: string; menu: string[] }> = [
      { role: 'administrator', secret: keyOf('administrator'), menu: ['密钥管理'] },
      { role: 'department-liaison', secret: keyOf('department-liaison'), menu: ['投诉办理', '整改台账', '差评核实'] },
      { role: 'intake-clerk', secret: keyOf('intake-clerk'), menu: ['投诉办理'] },
    ];
    it.for(cases)('the $role', { timeout: 240_000 }, async ({ role, secret, menu: expectedMenu }) => {
      await signInWithKey(secret, '/console/');
      expect(await page.getByTestId('role').textContent(), role).toBe(translate('zh-CN', `role.${role}`));
      expect(await menu(), role).toEqual(expectedMenu);
      expect(pagesFor(role).map((consolePage) => translate('zh-CN', consolePage.label)), role).toEqual(expectedMenu);
      for (const { path, route, ready, actions } of visits) {
        const allowed = await admits(secret, route);
        await page.goto(`${host.baseUrl}${path}`, { waitUntil: 'domcontentloaded' });
        const forbidden = page.getByRole('heading', { name: '无权访问' });
        // The page with its records loaded, or the page saying the role may not use it (a page load and its API
        // calls took over 15 s on a 2-core machine at load 40: the wait is for readiness, not a measure of speed).
        await page.locator(ready).or(forbidden).first().waitFor({ timeout: 60_000 });
        expect(await forbidden.count(), `${role} on ${path}: ${route} ${allowed ? 'admitted' : 'refused'} by the API`).toBe(allowed ? 0 : 1);
        for (const action of actions) {
          const admitted = await admits(secret, action.route);
          const offered = (await page.locator(action.selector).count()) > 0;
          expect(offered, `${role}: ${action.selector} on ${path} offered, ${action.route} ${admitted ? 'admitted' : 'refused'} by the API`).toBe(admitted);
        }
      }
      expect(errors).toEqual([]);
    });
  });
});
