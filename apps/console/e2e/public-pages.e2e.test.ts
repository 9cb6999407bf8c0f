import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ConsoleHost, browserAvailable, eventually, expectAccessible, launchChromium, newPage, ok, saveFailure, screenshot, startConsoleHost } from './browser.ts';

// SPEC 13's public pages on a phone (390×844, touch): a service window's QR code opens the filing page with its
// department, a complainant follows the complaint by tracking code and is offered the rating once it is closed.
//
// POST /v1/public/complaints and POST /v1/track/{code}/rating are being built. Until they are served, the ledger
// answers them 404 "no route" and the pages say the online filing and rating are not open yet; each test accepts
// that answer or the real one of API.md (201), and checks what the page does with it. What the page sends is
// checked either way. Once both routes are served, drop the 404 branches below.

const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } as const;

/** Nothing wider than the phone's screen: no sideways scrolling. */
const widerThanScreen = (page: Page) => page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth > 390);

describe.runIf(browserAvailable)('the public pages on a phone', () => {
  let host: ConsoleHost;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    [host, browser] = await Promise.all([startConsoleHost(), launchChromium()]);
    context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...phone });
    ({ page, errors } = await newPage(context));
    await ok(host, 'evaluation-office', 'PUT', '/v1/departments/housing', { name: '住房保障局', category: 'service-facing' });
  });
  beforeEach(({ onTestFailed, task }) => onTestFailed(() => saveFailure(page, task.name)));
  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it("opens the filing page from a service window's QR code with its department and channel, checks the form, and files as API.md says", { timeout: 90_000 }, async () => {
    await page.goto(`${host.baseUrl}/?departmentId=housing&channel=qr-code`);
    const form = page.locator('form#file');
    await form.waitFor();
    expect(await form.getAttribute('data-channel')).toBe('qr-code');
    expect(await form.getByLabel('被投诉部门编号').inputValue()).toBe('housing');
    expect(await form.getByLabel('被投诉部门编号').getAttribute('readonly')).not.toBeNull();
    expect(await widerThanScreen(page)).toBe(false);
    await screenshot(page, 'public-file-qr');
    await expectAccessible(page, 'public filing');

    // Nothing is sent while required fields are empty; each says so under itself.
    await form.locator('button[type=submit]').click();
    const errorOf = (id: string) => form.locator('.ant-form-item', { has: page.locator(`#${id}`) }).locator('.ant-form-item-explain-error');
    await eventually(() => errorOf('file_category').textContent()).toBe('此项为必填项');
    expect(await errorOf('file_summary').textContent()).toBe('此项为必填项');

    await form.getByLabel('投诉类别').click();
    await page.locator('.ant-select-item-option[title="慢作为、拖延办理"]').click();
    await form.getByLabel('投诉内容').fill('在政务服务中心申请住房补贴，材料齐全，窗口称系统故障让我下周再来，已经跑了三趟。');
    await form.getByLabel('联系电话').fill('13900000000');
    const sent = page.waitForRequest((request) => request.url().endsWith('/v1/public/complaints') && request.method() === 'POST');
    const answered = page.waitForResponse((response) => response.url().endsWith('/v1/public/complaints'));
    await form.locator('button[type=submit]').click();
    const request = await sent;
    expect(request.postDataJSON()).toEqual({
      channel: 'qr-code',
      departmentId: 'housing',
      category: 'delay',
      summary: '在政务服务中心申请住房补贴，材料齐全，窗口称系统故障让我下周再来，已经跑了三趟。',
      complainant: { phone: '13900000000' },
    });
    expect((await request.allHeaders())['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);

    const response = await answered;
    if (response.status() === 404) {
      // Not served yet: the page says so in plain words instead of an error code.
      expect((await response.json()).type).toBe('/problems/route-not-found');
      await eventually(() => page.getByTestId('problem').textContent()).toContain('网上投诉暂未开通');
    } else {
      expect(response.status()).toBe(201);
      const code = await page.getByTestId('tracking-code').textContent();
      expect(code).toBe((await response.json()).trackingCode);
      await page.getByRole('button', { name: '查询办理进度' }).click();
      await eventually(() => page.getByTestId('track-status').textContent()).toBe('您的投诉已登记，正在等待受理。');
    }
    expect(await widerThanScreen(page)).toBe(false);
  });

  it('follows a complaint by its tracking code on a phone, shows only status and dates, and offers the rating once it is closed', { timeout: 90_000 }, async () => {
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
    const rate = page.locator('form#rate');
    await rate.locator('.ant-rate-star').nth(3).click();
    await rate.getByLabel('意见建议（选填）').fill('处理及时');
    const sent = page.waitForRequest((request) => request.url().endsWith(`/v1/track/${code}/rating`));
    const answered = page.waitForResponse((response) => response.url().endsWith(`/v1/track/${code}/rating`));
    await rate.locator('button[type=submit]').click();
    expect((await sent).postDataJSON()).toEqual({ satisfaction: 4, comment: '处理及时' });
    const response = await answered;
    if (response.status() === 404) {
      await eventually(() => rate.getByTestId('problem').textContent()).toContain('网上评价暂未开通');
    } else {
      expect(response.status()).toBe(201);
      await eventually(() => page.locator('main').textContent()).toContain('4 / 5');
    }
    await screenshot(page, 'public-track-closed');
  });

  it('says plainly that a code is unknown, switches to English, and the rankings and bulletins say they are coming', async () => {
    await page.goto(`${host.baseUrl}/track/ABCD-EFGH-JKLM`);
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('未找到该查询码');
    await page.getByText('English', { exact: true }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Unknown tracking code');
    expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { lang: string } } }).document.documentElement.lang)).toBe('en');
    await page.goto(`${host.baseUrl}/rankings`);
    await eventually(() => page.locator('main').textContent()).toContain('This section is being built.');
    await page.getByText('中文', { exact: true }).click();
    await eventually(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('满意度排名');
    expect(errors).toEqual([]);
  });
});
