import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '@ledger/platform';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OpenApiDocument, contractFiles, openApiText, routeRoles, routeRolesText, schemaTypesText } from '../scripts/api-contract.ts';
import { detectRole } from '../src/session/access.ts';
import { pagesFor } from '../src/console/pages.ts';
import { translate } from '../src/i18n/translate.ts';
import { type BrowserSession, type ConsoleHost, browserAvailable, call, choose, closeBrowserSession, eventually, expectAccessible, keyOf, ok, openBrowserSession, pick, saveFailure, screenshot, signIn } from './browser.ts';

// SPEC 13's staff console in Debian's Chromium against the embedded ledger: sign-in for every role, the
// complaint desk taking one complaint through its steps as three roles, a person's timeline now and as of an
// earlier instant, a department's charts, and axe-core on each page. Screenshots go to docs/console/.

const root = join(import.meta.dirname, '..', '..', '..');
const roleNames: Record<Role, string> = {
  'intake-clerk': '受理登记员',
  investigator: '调查核实员',
  'disciplinary-official': '纪检监察人员',
  'evaluation-office': '考评办',
  auditor: '审计人员',
  complainant: '投诉人',
  service: '系统服务',
  administrator: '系统管理员',
  'department-liaison': '部门联络员',
};
/** What SPEC 1 gives each role of today's pages (written out here, not taken from the console's own table). */
const menus: Record<Role, string[]> = {
  'intake-clerk': ['投诉办理'],
  investigator: ['投诉办理'],
  'disciplinary-official': ['投诉办理', '人员问责档案', '部门问责档案', '整改台账', '差评核实'],
  'evaluation-office': ['部门问责档案', '整改台账', '差评核实', '通报发布'],
  auditor: ['投诉办理', '人员问责档案', '部门问责档案', '整改台账', '差评核实', '审计核查'],
  complainant: [],
  service: ['投诉办理', '整改台账', '差评核实'],
  administrator: ['密钥管理'],
  // Their own department's complaints (to explain overdue ones), rectification items and bad reviews.
  'department-liaison': ['投诉办理', '整改台账', '差评核实'],
};

/** The ledger-local (Asia/Shanghai) wall-clock time of an instant, as the as-of picker takes it. */
const shanghai = (instant: Date) => new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.runIf(browserAvailable)('the staff console in a browser', () => {
  let session: BrowserSession | undefined;
  let host: ConsoleHost;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ host, context, page, errors } = session);
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/housing', { name: '住房保障局', category: 'service-facing' });
    for (const [personId, name] of [['p-li', '李明'], ['p-zhang', '张伟']]) await ok(host, 'evaluation-office', 'PUT', `/v1/people/${personId}`, { name, departmentId: 'housing' });
  });
  beforeEach(({ onTestFailed, task }) => onTestFailed(() => saveFailure(page, task.name)));
  afterAll(() => closeBrowserSession(session));

  it('is generated from the OpenAPI the ledger serves now (npm run openapi -w @ledger/console when this fails)', async () => {
    const document = host.ledger.app.swagger() as unknown as OpenApiDocument;
    expect(readFileSync(join(root, contractFiles.openapi), 'utf8')).toBe(openApiText(document));
    expect(readFileSync(join(root, contractFiles.schema), 'utf8')).toBe(await schemaTypesText(document));
    expect(readFileSync(join(root, contractFiles.routeRoles), 'utf8')).toBe(routeRolesText(document));
  });

  it("hides nothing the API allows and shows nothing it refuses: every route admits exactly its table's roles; the console's probes write nothing", async () => {
    const table = routeRoles(JSON.parse(readFileSync(join(root, contractFiles.openapi), 'utf8')) as OpenApiDocument);
    const head = await host.ledger.store.headPosition();
    const mismatches: string[] = [];
    for (const [route, access] of Object.entries(table)) {
      if (access === 'public') continue;
      const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT' | 'DELETE', string];
      for (const role of Object.keys(roleNames) as Role[]) {
        // A body of a type no route parses, as the sign-in's probes send: checked after the key, before any handler.
        const response = await host.ledger.app.inject({
          method,
          url: path.replaceAll(/\{[^}]+\}/g, 'role-probe'),
          headers: { authorization: `Bearer test-key-for-${role}-0123456789`, ...(method === 'GET' ? {} : { 'content-type': 'application/x-role-probe' }) },
          ...(method === 'GET' ? {} : { payload: 'role-probe' }),
        });
        const admitted = access.includes(role);
        const expected = admitted ? (method === 'GET' ? 'not 401/403' : '415') : '403';
        // A liaison acts for their own department only (SPEC 1): another department's figures are a 403 after the key.
        const otherDepartment = role === 'department-liaison' && path.includes('{departmentId}') && response.statusCode === 403;
        const fits = admitted ? (method === 'GET' ? ![401, 403].includes(response.statusCode) || otherDepartment : response.statusCode === 415) : response.statusCode === 403;
        if (!fits) mismatches.push(`${route} as ${role}: ${response.statusCode}, expected ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(await host.ledger.store.headPosition()).toBe(head);
  });

  it("finds each key's role by trying it on the API, and gives each role SPEC 1's pages", async () => {
    for (const role of Object.keys(roleNames) as Role[]) {
      const detected = await detectRole(keyOf(role), (url, init) => fetch(`${host.baseUrl}${String(url)}`, init));
      expect(detected, role).toEqual({ ok: true, role });
      expect(pagesFor(role).map((consolePage) => translate('zh-CN', consolePage.label)), role).toEqual(menus[role]);
    }
    expect(await detectRole('not-a-key-the-ledger-issued-000', (url, init) => fetch(`${host.baseUrl}${String(url)}`, init))).toEqual({ ok: false, reason: 'unknown-key' });
  });

  it('signs in with an issued key and shows the role and its pages; an unknown key is refused; the key lives in this tab only', { timeout: 120_000 }, async () => {
    await page.goto(`${host.baseUrl}/console/`);
    await page.getByLabel('访问密钥').waitFor();
    await screenshot(page, 'sign-in');
    await expectAccessible(page, 'sign-in');
    await page.getByLabel('访问密钥').fill('not-a-key-the-ledger-issued-000');
    await page.locator('form#sign-in button[type=submit]').click();
    await eventually(() => page.locator('form#sign-in').getByRole('alert').textContent()).toContain('密钥无效或已被吊销');

    for (const role of ['intake-clerk', 'disciplinary-official', 'evaluation-office'] as const) {
      await signIn(page, host.baseUrl, role);
      expect(await page.getByTestId('role').textContent(), role).toBe(roleNames[role]);
      expect(await page.locator('nav .ant-menu-item').allTextContents(), role).toEqual(menus[role]);
      expect(await page.evaluate(() => JSON.parse(sessionStorage.getItem('ledger.console.session') ?? '{}').role)).toBe(role);
    }
    // Another tab starts signed out: sessionStorage belongs to one tab.
    const other = await context.newPage();
    await other.goto(`${host.baseUrl}/console/`);
    await other.getByLabel('访问密钥').waitFor();
    await other.close();
  });

  it('takes one complaint through every step from the desk: registered, accepted, assigned, found (a refusal shown under its field), closed, reopened, found, closed, appealed, decided', { timeout: 300_000 }, async () => {
    // An overdue complaint is at the top of the desk, whatever its id.
    const received = new Date(Date.now() - 40 * 86_400_000).toISOString();
    const late = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', { channel: 'phone', departmentId: 'housing', category: 'delay', summary: '办证逾期未办', receivedAt: received });
    await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${late.complaintId}/accept`, {});
    for (let index = 0; index < 3; index += 1) {
      await ok(host, 'intake-clerk', 'POST', '/v1/complaints', { channel: 'web', departmentId: 'housing', category: 'attitude', summary: `窗口态度差 ${index}` });
    }

    await signIn(page, host.baseUrl, 'intake-clerk', '/console/complaints');
    const firstRow = page.getByTestId('complaint-list').locator('tbody tr.ant-table-row').first();
    await eventually(() => firstRow.textContent()).toContain(String(late.complaintId));
    expect(await firstRow.textContent()).toContain('已超期');

    // Registered by the clerk, with the complainant's identity.
    await page.getByRole('button', { name: /登记投诉/ }).click();
    const register = page.locator('form#register');
    await register.getByLabel('被投诉部门编号').fill('housing');
    await pick(page, register.getByLabel('投诉类别'), '推诿扯皮');
    await register.getByLabel('投诉内容').fill('办理不动产登记时被三个窗口来回推诿，两周未办结。');
    await register.getByLabel('被投诉人编号（选填）').fill('p-zhang');
    await register.getByLabel('姓名').fill('王芳');
    await register.getByLabel('联系电话').fill('13800000000');
    await register.locator('button[type=submit]').click();
    await page.waitForURL(/\/console\/complaints\/[\w-]+$/);
    const complaintId = page.url().split('/').at(-1)!;
    const detail = page.getByTestId('complaint-detail');
    const status = async () => (await detail.getByTestId('detail-status').textContent())?.trim();
    const steps = async () => (await detail.getByTestId('steps').locator('button').allTextContents()).map((text) => text.replaceAll(' ', ''));
    await eventually(status).toBe('已登记');
    expect(await detail.textContent()).toContain('王芳');
    expect(await steps()).toEqual(['受理', '不予受理', '延期']); // the deadline runs from receipt

    const take = async (step: string, fill: (form: ReturnType<Page['locator']>) => Promise<void> = async () => {}) => {
      await detail.locator(`button[data-step="${step}"]`).click();
      const form = page.getByTestId(`step-form-${step}`);
      await fill(form);
      await form.locator('button[type=submit]').click();
      await form.waitFor({ state: 'detached' });
    };
    // Another official takes the complaint over at the same desk: close it, sign out, sign in, open it again
    // (all within the page, as a user would; no reload).
    const asRole = async (role: Role) => {
      await page.keyboard.press('Escape');
      await page.waitForURL(/\/console\/complaints$/);
      await page.getByRole('button', { name: /退\s*出/ }).click();
      await page.getByLabel('访问密钥').fill(keyOf(role));
      await page.locator('form#sign-in button[type=submit]').click();
      expect(await page.getByTestId('role').textContent()).toBe(roleNames[role]);
      await page.getByTestId('complaint-list').getByText(complaintId).click();
      await detail.waitFor();
    };

    await take('accept');
    await eventually(status).toBe('已受理');
    expect(await steps()).toEqual(['指派调查人员', '延期']); // the finding is the investigator's
    await take('assign', (form) => form.getByLabel('调查人员编号').fill('inv-zhao'));
    await eventually(() => detail.textContent()).toContain('inv-zhao');

    await asRole('investigator');
    expect(await detail.textContent()).toContain('王芳'); // investigators see who complained
    expect(await steps()).toEqual(['录入调查认定']);
    await detail.locator('button[data-step="finding"]').click();
    const finding = page.getByTestId('step-form-finding');
    await choose(finding.getByRole('radio', { name: '有效投诉', exact: true }));
    await finding.getByLabel('责任人编号').fill('nobody-of-that-id');
    await finding.locator('button[type=submit]').click();
    // The ledger's 422 names body.personId: its message sits under that field, the summary above the button.
    const personItem = finding.locator('.ant-form-item', { has: page.locator('#step-finding_personId') });
    await eventually(() => personItem.locator('.ant-form-item-explain-error').textContent()).toBe('unknown person');
    expect(await finding.getByTestId('problem').textContent()).toContain('不符合办理规则');
    await screenshot(page, 'complaint-step-refused');
    await finding.getByLabel('责任人编号').fill('p-zhang');
    await finding.locator('button[type=submit]').click();
    await finding.waitFor({ state: 'detached' });
    await eventually(status).toBe('已认定');

    await asRole('intake-clerk');
    expect(await steps()).toEqual(['办结', '申请复核', '延期']);
    await take('close', (form) => form.locator('.ant-rate-star').nth(1).click()); // 2 stars: dissatisfied
    await eventually(status).toBe('已办结');
    expect(await steps()).toEqual(['不满意重办', '申请复核']);
    await take('reopen', (form) => form.getByLabel('理由').fill('回访不满意：仍未办结'));
    await eventually(status).toBe('已受理');

    await asRole('investigator');
    await take('finding', (form) => choose(form.getByRole('radio', { name: '有效投诉', exact: true })));
    await eventually(status).toBe('已认定');

    await asRole('intake-clerk');
    await take('close', (form) => form.locator('.ant-rate-star').nth(3).click());
    await eventually(status).toBe('已办结');
    expect(await steps()).toEqual(['申请复核']); // satisfied and reopened once: no redo
    await take('appeal', (form) => form.getByLabel('理由').fill('被投诉人对认定有异议，提出复核申请'));
    await eventually(status).toBe('复核中');

    await asRole('disciplinary-official');
    expect(await detail.textContent()).not.toContain('王芳'); // the official does not see who complained
    expect(await steps()).toEqual(['作出复核决定']);
    await take('appeal-decision', async (form) => {
      await choose(form.getByRole('radio', { name: '撤销原认定并改定' }));
      // The new outcome's field appears once the decision is chosen.
      await choose(form.getByRole('radio', { name: '无效投诉' }));
      await form.getByLabel('理由').fill('复核查明被投诉人已按时办结，原认定不成立');
    });
    await eventually(status).toBe('已办结');
    await eventually(() => detail.textContent()).toContain('无效投诉');

    const recorded = await ok(host, 'disciplinary-official', 'GET', `/v1/complaints/${complaintId}`);
    expect((recorded.history as Array<{ type: string }>).map((event) => event.type)).toEqual([
      'ComplaintFiled',
      'ComplaintAccepted',
      'ComplaintAssigned',
      'FindingRecorded',
      'ComplaintClosed',
      'ComplaintReopened',
      'FindingRecorded',
      'ComplaintClosed',
      'AppealFiled',
      'AppealDecided',
    ]);
    expect(recorded).toMatchObject({ status: 'closed', personId: 'p-zhang', finding: { outcome: 'invalid' } });
    await screenshot(page, 'complaint-desk');
    await expectAccessible(page, 'complaint desk');

    // A step refused by the state is the API's call too: the clerk's UI offers no acceptance now, and the API says 409.
    expect((await call(host, 'intake-clerk', 'POST', `/v1/complaints/${complaintId}/accept`, {})).status).toBe(409);
  });

  it("shows a person's history as a timeline across years with counts and step, asks the reason first (recorded), and answers as of an earlier instant", async () => {
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000);
    const year = Number(shanghai(fiveMinutesAgo).slice(0, 4));
    const validComplaint = async (receivedAt: string, summary: string) => {
      const filed = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', { channel: 'hotline-12345', departmentId: 'housing', personId: 'p-li', category: 'inaction', summary, receivedAt });
      await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${filed.complaintId}/accept`, {});
      await ok(host, 'investigator', 'POST', `/v1/complaints/${filed.complaintId}/finding`, { outcome: 'valid' });
      return String(filed.complaintId);
    };
    const lastYear = await validComplaint(`${year - 1}-03-10T10:00:00+08:00`, '去年三月：申请材料齐全仍不予受理');
    const thisYear = await validComplaint(fiveMinutesAgo.toISOString(), '今年：咨询电话无人接听');
    await host.ledger.settled();
    await sleep(1_100);
    const before = new Date();
    await sleep(1_100);
    const later = await validComplaint(new Date(fiveMinutesAgo.getTime() + 60_000).toISOString(), '今年：再次推诿');
    await host.ledger.settled();

    await signIn(page, host.baseUrl, 'disciplinary-official', '/console/people/p-li');
    const reason = page.locator('form#reason');
    await reason.getByLabel('查阅事由').fill('年度考核审核');
    await expectAccessible(page, 'reason prompt');
    await reason.locator('button[type=submit]').click();
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('李明');
    expect(await page.getByTestId('current-step').locator('.ant-statistic-content-value').textContent()).toBe('2');
    expect(await page.getByTestId('valid-this-year').locator('.ant-statistic-content-value').textContent()).toBe('2');
    expect(await page.getByTestId('valid-24-months').locator('.ant-statistic-content-value').textContent()).toBe('3');
    // Newest year first; each year its complaints and the sanctions they brought.
    expect(await timeline.locator('section h3').allTextContents()).toEqual([`${year} 年 有效投诉 2 件`, `${year - 1} 年 有效投诉 1 件`]);
    const thisYearSection = timeline.getByTestId(`year-${year}`);
    for (const id of [thisYear, later]) expect(await thisYearSection.getByTestId(`entry-complaint-${id}`).textContent()).toContain('有效投诉');
    expect(await thisYearSection.getByTestId('entry-sanction-2').textContent()).toContain('年度考核定为不称职');
    expect(await timeline.getByTestId(`year-${year - 1}`).getByTestId(`entry-complaint-${lastYear}`).count()).toBe(1);
    expect(await timeline.getByTestId(`year-${year - 1}`).getByTestId('entry-sanction-1').textContent()).toContain('诫勉谈话');
    await screenshot(page, 'person');
    await expectAccessible(page, 'person page');

    // As of the instant between the two parts: one valid complaint this year, step 1, the later one unknown.
    await page.locator('#as-of').click();
    await page.locator('#as-of').fill(shanghai(before));
    await page.locator('.ant-picker-ok button').click();
    await page.getByTestId('as-of-banner').waitFor();
    await eventually(() => page.getByTestId('current-step').locator('.ant-statistic-content-value').textContent()).toBe('1');
    expect(await page.getByTestId('valid-this-year').locator('.ant-statistic-content-value').textContent()).toBe('1');
    expect(await timeline.getByTestId(`entry-complaint-${later}`).count()).toBe(0);
    expect(await timeline.getByTestId(`entry-complaint-${thisYear}`).count()).toBe(1);
    await screenshot(page, 'person-as-of');

    // Both reads are recorded with the reason stated, the second with its asOf.
    const reads = (await ok(host, 'auditor', 'GET', '/v1/audit/history-reads?personId=p-li')).items as Array<{ reason?: string; asOf?: string; reader: string }>;
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(new Set(reads.map(({ reason: stated, reader }) => `${reader} ${stated}`))).toEqual(new Set(['disciplinary-official:test-disciplinary-official 年度考核审核']));
    // The picked second, read in the ledger's zone, to its last millisecond.
    expect(Date.parse(reads.at(-1)!.asOf!)).toBe(Math.floor(before.getTime() / 1000) * 1000 + 999);
  });

  it("draws a department's score and rank over the years and its monthly ratings with the ledger's values", async () => {
    const thisYear = Number(shanghai(new Date()).slice(0, 4));
    const [y1, y2] = [thisYear - 2, thisYear - 1];
    for (const id of ['dept-a', 'dept-b', 'dept-c']) await ok(host, 'evaluation-office', 'PUT', `/v1/departments/${id}`, { name: `部门${id.at(-1)!.toUpperCase()}`, category: 'service-facing' });
    let transaction = 0;
    const rate = async (departmentId: string, ratedAt: string, levels: number[]) => {
      for (const level of levels) {
        transaction += 1;
        await ok(host, 'evaluation-office', 'POST', '/v1/ratings', { transactionId: `tx-${transaction}`, departmentId, platform: 'service-center', level, ratedAt });
      }
    };
    const evaluate = async (departmentId: string, year: number, survey: number, superior: number) => {
      await ok(host, 'evaluation-office', 'POST', '/v1/surveys', { departmentId, year, score: survey });
      await ok(host, 'evaluation-office', 'POST', '/v1/superior-evaluations', { departmentId, year, score: superior });
    };
    // y1: A 0.8·93.75 + 9 + 8 = 92 (1st), C 0.8·75 + 8 + 8 = 76 (2nd), B 0.8·50 + 6 + 6 = 52 (3rd).
    await rate('dept-a', `${y1}-06-15T10:00:00+08:00`, [5, 5, 5, 4]);
    await rate('dept-b', `${y1}-06-15T10:00:00+08:00`, [3, 3]);
    await rate('dept-c', `${y1}-06-15T10:00:00+08:00`, [4, 4]);
    await evaluate('dept-a', y1, 90, 80);
    await evaluate('dept-b', y1, 60, 60);
    await evaluate('dept-c', y1, 80, 80);
    // y2: B 0.8·100 + 9 + 9 = 98 (1st), C 76 (2nd), A 0.8·65 + 7 + 7 = 66 (3rd); A's ratings in March (4 4) and April (4 4 2).
    await rate('dept-a', `${y2}-03-15T10:00:00+08:00`, [4, 4]);
    await rate('dept-a', `${y2}-04-15T10:00:00+08:00`, [4, 4, 2]);
    await rate('dept-b', `${y2}-06-15T10:00:00+08:00`, [5, 5]);
    await rate('dept-c', `${y2}-06-15T10:00:00+08:00`, [4, 4]);
    await evaluate('dept-a', y2, 70, 70);
    await evaluate('dept-b', y2, 90, 90);
    await evaluate('dept-c', y2, 80, 80);
    for (const year of [y1, y2]) await ok(host, 'evaluation-office', 'POST', `/v1/periods/${year}/close`);
    await host.ledger.settled();

    await signIn(page, host.baseUrl, 'evaluation-office', '/console/departments/dept-a');
    const rankings = page.getByTestId('rankings-chart');
    const monthly = page.getByTestId('monthly-chart');
    await rankings.waitFor();
    await monthly.waitFor();
    // ECharts writes what it drew into the chart's aria-label, series by series ("<x>的数据是<value>").
    const seriesOf = async (chart: typeof rankings) => {
      await eventually(() => chart.getAttribute('aria-label')).toContain('的数据是');
      return (await chart.getAttribute('aria-label'))!;
    };
    const drawn = await seriesOf(rankings);
    expect(drawn).toContain(`表示综合得分的柱状图，其数据是——${y1}的数据是92，${y2}的数据是66`);
    expect(drawn).toContain(`表示排名的折线图，其数据是——${y1}的数据是1，${y2}的数据是3`);
    const months = await seriesOf(monthly);
    expect(months).toContain(`表示2 星的柱状图，其数据是——${y2}-03的数据是0，${y2}-04的数据是1`);
    expect(months).toContain(`表示4 星的柱状图，其数据是——${y2}-03的数据是2，${y2}-04的数据是2`);
    expect(months).toContain(`表示满意率的折线图，其数据是——${y2}-03的数据是100，${y2}-04的数据是66.67`);
    expect(await page.locator('table').first().textContent()).toContain('第 3 名 / 共 3 个');
    await screenshot(page, 'department');
    await expectAccessible(page, 'department page');
    expect(errors).toEqual([]);
  });
});
