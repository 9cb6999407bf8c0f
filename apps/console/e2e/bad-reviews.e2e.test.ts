import { testLiaisonDepartmentId } from '@ledger/testing/ledger';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  type ConsoleHost,
  browserAvailable,
  choose,
  closeBrowserSession,
  eventually,
  expectAccessible,
  ok,
  openBrowserSession,
  registerLiaisonDepartment,
  saveFailure,
  screenshot,
  shanghaiDay,
  signIn,
} from './browser.ts';

// The cases of the third round in Debian's Chromium against the embedded ledger: a complaint's deadline extended
// and an overdue complaint explained from the desk (SPEC 3.2, 3.7), and a bad review (SPEC 11) verified by its
// department's liaison and its rater called back from the bad-review page.

const day = 86_400_000;
/** The steps a detail offers, as their buttons read. */
const stepsOf = async (detail: Locator) => (await detail.getByTestId('steps').locator('button').allTextContents()).map((text) => text.replaceAll(' ', ''));

describe.runIf(browserAvailable)('deadline extension, overdue explanation and bad-review cases in a browser', () => {
  let session: BrowserSession | undefined;
  let host: ConsoleHost;
  let page: Page;
  let errors: string[];

  /** Opens a step's form on the detail shown, fills it, sends it and waits for the form to close. */
  const take = async (detail: Locator, step: string, fill: (form: Locator) => Promise<void>) => {
    await detail.locator(`button[data-step="${step}"]`).click();
    const form = page.getByTestId(`step-form-${step}`);
    await fill(form);
    await form.locator('button[type=submit]').click();
    await form.waitFor({ state: 'detached' });
  };

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ host, page, errors } = session);
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/housing', { name: '住建局', category: 'service-facing' });
    await registerLiaisonDepartment(host);
  });
  beforeEach(({ onTestFailed, task }) => onTestFailed(() => saveFailure(page, task.name)));
  afterAll(() => closeBrowserSession(session));

  it("extends a complaint's deadline once from the desk, and explains an overdue complaint with a new commitment", { timeout: 180_000 }, async () => {
    const running = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', { channel: 'web', departmentId: 'housing', category: 'delay', summary: '房产证办理进度不明' });
    await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${running.complaintId}/accept`, {});
    const late = await ok(host, 'intake-clerk', 'POST', '/v1/complaints', { channel: 'phone', departmentId: 'housing', category: 'delay', summary: '公积金提取逾期未办', receivedAt: new Date(Date.now() - 60 * day).toISOString() });
    await ok(host, 'intake-clerk', 'POST', `/v1/complaints/${late.complaintId}/accept`, {});
    await host.ledger.settled();

    const detail = page.getByTestId('complaint-detail');
    await signIn(page, host.baseUrl, 'intake-clerk', `/console/complaints/${String(running.complaintId)}`);
    await detail.waitFor();
    await eventually(() => stepsOf(detail)).toEqual(['指派调查人员', '延期']);
    await take(detail, 'extend', async (form) => {
      await form.getByLabel('延期天数').fill('2');
      await form.getByLabel('理由').fill('需调取不动产档案');
    });
    await eventually(() => stepsOf(detail)).toEqual(['指派调查人员']); // once only
    const extended = await ok(host, 'intake-clerk', 'GET', `/v1/complaints/${String(running.complaintId)}`);
    expect(extended.extension).toMatchObject({ days: 2, reason: '需调取不动产档案' });

    await page.goto(`${host.baseUrl}/console/complaints/${String(late.complaintId)}`);
    await detail.waitFor();
    await eventually(() => stepsOf(detail)).toEqual(['指派调查人员', '超期说明']); // overdue: explained, not extended
    const commitment = shanghaiDay(new Date(Date.now() + 10 * day));
    await take(detail, 'explanation', async (form) => {
      // The date first: its Enter may send the form, which then stays open for the missing explanation.
      const picker = form.locator('#step-explanation_commitmentAt');
      await picker.click();
      await picker.fill(`${commitment} 18:00:00`);
      await picker.press('Enter');
      await form.getByLabel('说明', { exact: true }).fill('材料在档案室调取中');
    });
    const explained = await ok(host, 'intake-clerk', 'GET', `/v1/complaints/${String(late.complaintId)}`);
    expect(explained.explanations).toMatchObject([{ explanation: '材料在档案室调取中' }]);
    expect(shanghaiDay(new Date(String(explained.commitmentAt)))).toBe(commitment);
    // No longer overdue: the commitment is the date to meet (the decider would still take the one extension).
    await eventually(() => stepsOf(detail)).not.toContain('超期说明');
    await expectAccessible(page, 'complaint explained');
    expect(errors).toEqual([]);
  });

  it('lists bad reviews overdue first with the verify-by deadline; the liaison verifies one justified and, once rectified, calls the rater back', { timeout: 180_000 }, async () => {
    await ok(host, 'evaluation-office', 'POST', '/v1/ratings', { transactionId: 'tx-br-1', departmentId: testLiaisonDepartmentId, personId: 'p-sun', platform: 'service-center', level: 1 });
    await ok(host, 'evaluation-office', 'POST', '/v1/ratings', { transactionId: 'tx-br-old', departmentId: testLiaisonDepartmentId, platform: 'service-center', level: 2, ratedAt: new Date(Date.now() - 30 * day).toISOString() });
    await host.ledger.settled();

    await signIn(page, host.baseUrl, 'department-liaison', '/console/bad-reviews');
    const list = page.getByTestId('bad-review-list');
    const rows = list.locator('tbody tr.ant-table-row');
    await eventually(() => rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain('tx-br-old');
    expect(await rows.first().textContent()).toContain('已逾期');
    expect(await page.locator('form#bad-review-filters').getByLabel('责任部门').count()).toBe(0); // their own department only
    await expectAccessible(page, 'bad-review list');

    await list.getByText('tx-br-1').click();
    const detail = page.getByTestId('bad-review-detail');
    await detail.waitFor();
    const status = async () => (await detail.getByTestId('detail-status').textContent())?.trim();
    await eventually(status).toBe('待核实');
    expect(await stepsOf(detail)).toEqual(['核实']);
    await take(detail, 'verify', async (form) => {
      await choose(form.getByRole('radio', { name: '属实', exact: true }));
      await form.getByLabel('核实说明').fill('经调取录音，窗口确有推诿');
    });
    await eventually(status).toBe('属实待整改');
    expect(await stepsOf(detail)).toEqual([]); // verified once by the liaison; the call-back waits for the rectification
    const verified = (await ok(host, 'department-liaison', 'GET', '/v1/bad-reviews?status=justified')).items as Array<{ badReviewId: string; rectificationId: string }>;
    expect(verified).toHaveLength(1);

    // The item the verdict opened is completed and accepted; the case is then rectified.
    await ok(host, 'department-liaison', 'POST', `/v1/rectifications/${verified[0]!.rectificationId}/complete`, { evidence: '窗口首问负责制落实记录' });
    await ok(host, 'evaluation-office', 'POST', `/v1/rectifications/${verified[0]!.rectificationId}/verify`, { accepted: true, note: '整改到位' });
    await host.ledger.settled();
    await page.reload();
    await detail.waitFor();
    await eventually(status).toBe('已整改待回访');
    expect(await stepsOf(detail)).toEqual(['回访评价人']);
    await take(detail, 'callback', async (form) => {
      await choose(form.getByRole('radio', { name: '满意', exact: true }));
      await form.getByLabel('核实说明').fill('电话回访，评价人认可整改');
    });
    await eventually(status).toBe('已回访');
    expect(await ok(host, 'department-liaison', 'GET', `/v1/bad-reviews/${verified[0]!.badReviewId}`)).toMatchObject({ status: 'called-back', callback: 'satisfied' });
    // The case's history reads in the reader's words, not as event types.
    const history = await detail.getByTestId('bad-review-history').textContent();
    for (const step of ['差评登记', '核实', '整改完成', '回访评价人']) expect(history).toContain(step);
    expect(history).not.toContain('BadReview');
    await expectAccessible(page, 'bad-review case');
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/console\/bad-reviews$/);
    await eventually(() => rows.count()).toBe(2);
    await screenshot(page, 'bad-reviews');
    await expectAccessible(page, 'bad-review page');
    expect(errors).toEqual([]);
  });
});
