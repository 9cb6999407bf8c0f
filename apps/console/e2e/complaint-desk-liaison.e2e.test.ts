import { testLiaisonDepartmentId } from '@ledger/testing/ledger';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConsoleHost,
  type BrowserSession,
  browserAvailable,
  closeBrowserSession,
  call,
  eventually,
  expectAccessible,
  ok,
  openBrowserSession,
  saveFailure,
  screenshot,
  shanghaiDay,
  signIn,
} from './browser.ts';

// A department's liaison at the complaint desk in Debian's Chromium against the embedded ledger (SPEC 1, 3.7): their
// own department's complaints, overdue first, never the complainant; an overdue one explained with a new
// commitment, the one step the desk offers them; every other step and every other department refused by the API.

const day = 86_400_000;
const stepsOf = async (detail: Locator) => (await detail.getByTestId('steps').locator('button').allTextContents()).map((text) => text.replaceAll(' ', ''));

describe.runIf(browserAvailable)("a department liaison's complaint desk in a browser", () => {
  let staff: BrowserSession | undefined;
  let host: ConsoleHost;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    staff = await openBrowserSession();
    ({ host, page, errors } = staff);
    await ok(host, 'evaluation-office', 'PUT', `/v1/departments/${testLiaisonDepartmentId}`, { name: '市场监管局', category: 'service-facing' });
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/housing', { name: '住建局', category: 'service-facing' });
  });
  beforeEach(({ onTestFailed, task }) => onTestFailed(() => saveFailure(page, task.name)));
  afterAll(() => closeBrowserSession(staff));

  it('lists their own department only (overdue first), hides the complainant, offers only the explanation, and the API refuses the rest', { timeout: 300_000 }, async () => {
    const file = async (departmentId: string, summary: string, daysAgo: number) => {
      const filed = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', {
        channel: 'phone',
        departmentId,
        category: 'delay',
        summary,
        receivedAt: new Date(Date.now() - daysAgo * day).toISOString(),
        complainant: { name: '赵敏', phone: '13900001111' },
      });
      await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${String(filed.complaintId)}/accept`, {});
      return String(filed.complaintId);
    };
    const running = await file(testLiaisonDepartmentId, '营业执照变更未办', 1);
    const late = await file(testLiaisonDepartmentId, '食品经营许可逾期', 60);
    const elsewhere = await file('housing', '公积金提取逾期未办', 60);
    await host.ledger.settled();

    await signIn(page, host.baseUrl, 'department-liaison', '/console/complaints');
    expect(await page.locator('nav .ant-menu-item').allTextContents()).toEqual(['投诉办理', '整改台账', '差评核实']);
    const list = page.getByTestId('complaint-list');
    const rows = list.locator('tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(late);
    expect(await rows.first().getByTestId('overdue').count()).toBe(1);
    expect(await rows.nth(1).textContent()).toContain(running);
    expect(await list.textContent()).not.toContain(elsewhere);
    expect(await page.getByTestId('liaison-note').textContent()).toContain('本部门的投诉');
    expect(await page.locator('form#filters').getByLabel('被投诉部门').count()).toBe(0); // their own department only
    expect(await page.getByRole('button', { name: /登记投诉/ }).count()).toBe(0);
    await expectAccessible(page, 'liaison desk');

    // The overdue one: its facts and history, not who complained; the explanation is the one step.
    await rows.first().click();
    const detail = page.getByTestId('complaint-detail');
    await detail.waitFor();
    await eventually(() => stepsOf(detail)).toEqual(['超期说明']);
    const shown = await detail.textContent();
    expect(shown).toContain('食品经营许可逾期');
    expect(shown).not.toMatch(/赵敏|13900001111/);
    await screenshot(page, 'complaint-desk-liaison');
    await expectAccessible(page, 'liaison complaint');

    const commitment = shanghaiDay(new Date(Date.now() + 7 * day));
    await detail.locator('button[data-step="explanation"]').click();
    const form = page.getByTestId('step-form-explanation');
    const picker = form.locator('#step-explanation_commitmentAt');
    await picker.click();
    await picker.fill(`${commitment} 17:00:00`);
    await picker.press('Enter');
    await form.getByLabel('说明', { exact: true }).fill('许可材料待省局复核，已催办');
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
    await eventually(() => stepsOf(detail)).toEqual([]); // explained: the commitment is the date to meet
    const explained = await ok(host, 'auditor', 'GET', `/v1/complaints/${late}`);
    expect(explained.explanations).toMatchObject([{ explanation: '许可材料待省局复核，已催办' }]);
    expect(shanghaiDay(new Date(String(explained.commitmentAt)))).toBe(commitment);
    expect((explained.history as Array<{ type: string; actor?: string }>).at(-1)).toMatchObject({ type: 'ComplaintOverdueExplained', actor: 'department-liaison:test-department-liaison' });

    // The running one offers nothing to the liaison (extending is the intake clerk's).
    await page.goto(`${host.baseUrl}/console/complaints/${running}`);
    await detail.waitFor();
    await eventually(() => stepsOf(detail)).toEqual([]);

    // Another department's complaint is not theirs to read: the desk shows the ledger's refusal.
    await page.goto(`${host.baseUrl}/console/complaints/${elsewhere}`);
    await eventually(() => page.locator('.ant-drawer .ant-alert').count()).toBe(1);
    expect(await page.getByTestId('complaint-detail').count()).toBe(0);

    // What the desk does not offer the liaison, the API refuses.
    for (const [step, body] of [
      ['accept', {}],
      ['extend', { days: 1, reason: '等待材料' }],
      ['reject', { reason: '重复投诉' }],
      ['assign', { investigatorId: 'inv-1' }],
      ['finding', { outcome: 'invalid' }],
      ['close', {}],
    ] as const) {
      expect((await call(host, 'department-liaison', 'POST', `/v1/complaints/${running}/${step}`, body)).status, step).toBe(403);
    }
    expect((await call(host, 'department-liaison', 'POST', `/v1/complaints/${elsewhere}/explanation`, { explanation: '不是本部门', commitmentAt: new Date(Date.now() + day).toISOString() })).status).toBe(403);
    expect((await call(host, 'department-liaison', 'GET', `/v1/complaints/${elsewhere}`)).status).toBe(403);
    expect((await call(host, 'department-liaison', 'GET', '/v1/complaints?departmentId=housing&overdue=true')).status).toBe(403);
    expect((await call(host, 'department-liaison', 'POST', '/v1/complaints', { channel: 'phone', departmentId: testLiaisonDepartmentId, category: 'delay', summary: '自行登记' })).status).toBe(403);
    expect(errors).toEqual([]);
  });
});
