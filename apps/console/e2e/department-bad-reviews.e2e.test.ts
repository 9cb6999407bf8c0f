import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  type ConsoleHost,
  type BrowserSession,
  browserAvailable,
  closeBrowserSession,
  eventually,
  expectAccessible,
  ok,
  openBrowserSession,
  saveFailure,
  screenshot,
  shanghaiDay,
  signIn,
} from './browser.ts';

// A department's bad reviews by month on its page, and a deadline moved by a working-day calendar recorded later in
// the history of a bad-review case and of a rectification item (SPEC 10, 11), in Debian's Chromium against the
// embedded ledger; the values on the page are checked against the API's own answers.

const day = 86_400_000;
const hour = 3_600_000;
/** The local day a deadline falls due on, as the console writes it in zh-CN: the day whose end the deadline is. */
const dueDay = (deadline: string) => shanghaiDay(Date.parse(deadline) - 1).replaceAll('-', '/');
const departmentId = 'permits-bureau';

type Figures = { month: string; opened: number; verifiedOnTime: number; justified: number; rectified: number; callbacksSatisfied: number };
type HistoryStep = { type: string; [field: string]: unknown };

describe.runIf(browserAvailable)("a department's bad reviews by month and moved deadlines in a browser", () => {
  let staff: BrowserSession | undefined;
  let host: ConsoleHost;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    staff = await openBrowserSession();
    ({ host, page, errors } = staff);
    await ok(host, 'evaluation-office', 'PUT', `/v1/departments/${departmentId}`, { name: '行政审批局', category: 'service-facing' });
  });
  beforeEach(({ onTestFailed, task }) => onTestFailed(() => saveFailure(page, task.name)));
  afterAll(() => closeBrowserSession(staff));

  it('shows the old and new due day of a deadline a later calendar moved, and the month figures the API counts (chart and table)', { timeout: 300_000 }, async () => {
    const rate = (transactionId: string, level: number, ratedAt = new Date().toISOString()) =>
      ok(host, 'evaluation-office', 'POST', '/v1/ratings', { transactionId, departmentId, platform: 'service-center', level, ratedAt });
    await rate('tx-justified', 1);
    await rate('tx-open', 2);
    await rate('tx-unjustified', 1);
    await rate('tx-earlier', 2, new Date(Date.now() - 40 * day).toISOString());
    await host.ledger.settled();
    const cases = (await ok(host, 'evaluation-office', 'GET', `/v1/bad-reviews?departmentId=${departmentId}&limit=50`)).items as Array<{ badReviewId: string; transactionId: string }>;
    const caseOf = (transactionId: string) => cases.find((badReview) => badReview.transactionId === transactionId)!.badReviewId;
    await ok(host, 'evaluation-office', 'POST', `/v1/bad-reviews/${caseOf('tx-justified')}/verification`, { justified: true, note: '窗口确有推诿' });
    await ok(host, 'evaluation-office', 'POST', `/v1/bad-reviews/${caseOf('tx-unjustified')}/verification`, { justified: false, note: '评价人误选部门' });
    await host.ledger.settled();
    const { rectificationId } = await ok(host, 'evaluation-office', 'GET', `/v1/bad-reviews/${caseOf('tx-justified')}`);

    // A calendar recorded now makes the next weekday a holiday: the open case's verify-by and the item's deadline,
    // both counted in working days that include it, move one working day later.
    let next = Date.now() + day;
    while ([0, 6].includes(new Date(next + 8 * hour).getUTCDay())) next += day;
    const holiday = shanghaiDay(next);
    await ok(host, 'evaluation-office', 'PUT', `/v1/policies/calendar/${holiday.slice(0, 4)}`, { holidays: [holiday], workdays: [] });
    await host.ledger.settled();

    const movedCase = await ok(host, 'evaluation-office', 'GET', `/v1/bad-reviews/${caseOf('tx-open')}`);
    const caseMove = (movedCase.history as HistoryStep[]).find((step) => step.type === 'BadReviewDeadlineMoved')!;
    expect(caseMove, 'the calendar moved the open case').toBeDefined();
    expect(dueDay(String(caseMove.verifyBy))).not.toBe(dueDay(String(caseMove.previousVerifyBy)));
    await signIn(page, host.baseUrl, 'evaluation-office', `/console/bad-reviews/${caseOf('tx-open')}`);
    const caseHistory = page.getByTestId('bad-review-history');
    await eventually(() => caseHistory.getByTestId('moved-deadline').textContent()).toBe(`截止日期由 ${dueDay(String(caseMove.previousVerifyBy))} 调整为 ${dueDay(String(caseMove.verifyBy))}`);
    expect(await caseHistory.textContent()).toContain('核实期限按工作日历调整');
    await expectAccessible(page, 'bad-review case with a moved deadline');

    const movedItem = await ok(host, 'evaluation-office', 'GET', `/v1/rectifications/${String(rectificationId)}`);
    const itemMove = (movedItem.history as HistoryStep[]).find((step) => step.type === 'RectificationDeadlineMoved')!;
    expect(itemMove, 'the calendar moved the item').toBeDefined();
    await page.goto(`${host.baseUrl}/console/rectification/${String(rectificationId)}`);
    const itemHistory = page.getByTestId('rectification-history');
    await eventually(() => itemHistory.getByTestId('moved-deadline').textContent()).toBe(`截止日期由 ${dueDay(String(itemMove.previousDeadline))} 调整为 ${dueDay(String(itemMove.deadline))}`);
    // The item's own deadline is the moved one; the earlier steps stay as they were.
    expect(itemMove.deadline).toBe(movedItem.deadline);
    expect(await itemHistory.getByTestId('moved-deadline').count()).toBe(1);
    await screenshot(page, 'rectification-deadline-moved');
    await expectAccessible(page, 'rectification item with a moved deadline');

    // The justified case is rectified and its rater called back satisfied.
    await ok(host, 'evaluation-office', 'POST', `/v1/rectifications/${String(rectificationId)}/complete`, { evidence: '首问负责制落实记录' });
    await ok(host, 'evaluation-office', 'POST', `/v1/rectifications/${String(rectificationId)}/verify`, { accepted: true, note: '整改到位' });
    await host.ledger.settled();
    await ok(host, 'evaluation-office', 'POST', `/v1/bad-reviews/${caseOf('tx-justified')}/callback`, { result: 'satisfied' });
    await host.ledger.settled();

    // The page's figures are the API's, month by month of this (local) year.
    const today = shanghaiDay(Date.now());
    const months = Array.from({ length: Number(today.slice(5, 7)) }, (_, index) => `${today.slice(0, 4)}-${String(index + 1).padStart(2, '0')}`);
    const counted = await Promise.all(months.map(async (month) => (await ok(host, 'evaluation-office', 'GET', `/v1/departments/${departmentId}/bad-reviews?month=${month}`)) as unknown as Figures));
    const thisMonth = counted.at(-1)!;
    expect(thisMonth).toMatchObject({ opened: 3, verifiedOnTime: 2, justified: 1, rectified: 1, callbacksSatisfied: 1 });

    await page.goto(`${host.baseUrl}/console/departments/${departmentId}`);
    const card = page.getByTestId('department-bad-reviews');
    const rows = card.getByTestId('bad-review-figures').locator('tbody tr.ant-table-row');
    const withCases = counted.filter((month) => month.opened > 0);
    await eventually(() => rows.count()).toBe(withCases.length);
    for (const [index, month] of withCases.entries()) {
      expect(await rows.nth(index).locator('td').allTextContents()).toEqual([month.month, ...[month.opened, month.verifiedOnTime, month.justified, month.rectified, month.callbacksSatisfied].map(String)]);
    }
    // ECharts writes what it drew into the chart's aria-label, series by series ("<month>的数据是<value>").
    const chart = card.getByTestId('bad-review-chart');
    await eventually(() => chart.getAttribute('aria-label')).toContain('的数据是');
    const drawn = (await chart.getAttribute('aria-label'))!;
    const labels = { opened: '差评', verifiedOnTime: '按时核实', justified: '核实属实', rectified: '已整改', callbacksSatisfied: '回访满意' } as const;
    for (const [figure, label] of Object.entries(labels) as Array<[keyof typeof labels, string]>) {
      expect(drawn).toContain(`表示${label}的柱状图，其数据是——${counted.map((month) => `${month.month}的数据是${month[figure]}`).join('，')}`);
    }
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'department-bad-reviews');
    await expectAccessible(page, 'department page with bad reviews');
    expect(errors).toEqual([]);
  });
});
