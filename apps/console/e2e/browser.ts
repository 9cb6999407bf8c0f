import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '@ledger/platform';
import { requiredEngines } from '@ledger/testing';
import { testApiKeys, testLiaisonDepartmentId } from '@ledger/testing/ledger';
import { type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page, chromium } from 'playwright-core';
import { expect } from 'vitest';
import type { LedgerHost } from '../../ledger/src/host.ts';
import { startTestLedger } from '../../ledger/src/test-ledger.testkit.ts';
import { consoleDist, ensureConsoleBuilt } from '../scripts/console-build.ts';

/**
 * Debian's Chromium (`apt-get install chromium fonts-noto-cjk`), never a browser download. Without it the browser
 * tests are skipped with the reason, unless REQUIRE_ENGINES names `chromium` (CI does).
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const browserAvailable = existsSync(chromiumPath);
if (!browserAvailable) {
  if (requiredEngines().has('chromium')) throw new Error(`REQUIRE_ENGINES names chromium, but ${chromiumPath} does not exist: apt-get install chromium fonts-noto-cjk`);
  console.warn(`skipped: no Chromium at ${chromiumPath} (apt-get install chromium fonts-noto-cjk, or set CHROMIUM_PATH)`);
}

/**
 * On a closed network Chromium's own background connections (updates, sync, QUIC) fail and can stall pages:
 * they are all off. Playwright gives every launch a fresh profile folder of its own (--user-data-dir).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface ConsoleHost {
  ledger: LedgerHost;
  baseUrl: string;
  stop(): Promise<void>;
}

/** The embedded test ledger serving the built console on a free port (the build is made first when stale). */
export async function startConsoleHost(): Promise<ConsoleHost> {
  await ensureConsoleBuilt((line) => console.log(line));
  const ledger = await startTestLedger({ console: { dir: consoleDist } });
  const baseUrl = await ledger.app.listen({ host: '127.0.0.1', port: 0 });
  return { ledger, baseUrl, stop: () => ledger.stop() };
}

/** What a browser test file works with: the console host, Chromium, one context and its page, and the page's errors. */
export interface BrowserSession {
  host: ConsoleHost;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** An official's browser in the ledger's zone (the date pickers offer the ledger's days), on a desktop screen. */
export const officeScreen: BrowserContextOptions = { locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } };

/** Starts the console host and Chromium together, and opens one page in a context of `options`. */
export async function openBrowserSession(options: BrowserContextOptions = officeScreen): Promise<BrowserSession> {
  const [host, browser] = await Promise.all([startConsoleHost(), launchChromium()]);
  const context = await browser.newContext(options);
  return { host, browser, context, ...(await newPage(context)) };
}

/** Closes what `openBrowserSession` opened (nothing, when it failed). */
export async function closeBrowserSession(session: BrowserSession | undefined): Promise<void> {
  await session?.browser.close();
  await session?.host.stop();
}

/** The ledger-local (Asia/Shanghai) calendar day of an instant as YYYY-MM-DD, as the date pickers take it. */
const shanghaiDays = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
export const shanghaiDay = (instant: Date | number): string => shanghaiDays.format(instant);

export const keyOf = (role: Role): string => testApiKeys.find((key) => key.role === role)!.key;

/** Calls the API as a role (seeding and checks); the answer's JSON, and a failure names the call. */
export async function call(host: ConsoleHost, role: Role | undefined, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
  const response = await host.ledger.app.inject({
    method,
    url,
    headers: { ...(role ? { authorization: `Bearer ${keyOf(role)}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  return { status: response.statusCode, body: response.body ? (response.json() as Record<string, unknown>) : undefined };
}

export async function ok(host: ConsoleHost, role: Role, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<Record<string, unknown>> {
  const answer = await call(host, role, method, url, body);
  expect(answer.status, `${method} ${url} as ${role}: ${JSON.stringify(answer.body)}`).toBeLessThan(300);
  return answer.body ?? {};
}

/** The test liaison key's department (市场监管局) and its person p-sun, for the pages a liaison works on. */
export async function registerLiaisonDepartment(host: ConsoleHost): Promise<void> {
  await ok(host, 'evaluation-office', 'PUT', `/v1/departments/${testLiaisonDepartmentId}`, { name: '市场监管局', category: 'service-facing' });
  await ok(host, 'evaluation-office', 'PUT', '/v1/people/p-sun', { name: '孙丽', departmentId: testLiaisonDepartmentId });
}

/** A page that fails the test on any uncaught error, console error (a CSP violation is one) or failed request. */
export async function newPage(context: BrowserContext): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused API call is logged by Chromium as a failed resource; the page shows it, so it is not an error here.
    if (message.type() === 'error' && !/status of (4\d\d)/.test(message.text())) errors.push(`console: ${message.text()}`);
  });
  return { page, errors };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core's WCAG 2 A/AA rules on the page as it stands: no serious or critical violation. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  // Once the page stands still: a colour caught mid-transition (a button antd fades from disabled grey to its blue as
  // a field is filled) measured as too little contrast, on a quiet machine, where the check ran within the fade.
  await eventually(() =>
    page.evaluate(() => {
      // Runs in the page (no DOM types in the test's own compilation). Endless animations (a spinner) never end.
      const inPage = globalThis as unknown as { document: { getAnimations(): Array<{ playState: string; effect: { getComputedTiming(): { endTime?: number | string } } | null }> } };
      return inPage.document.getAnimations().filter((animation) => animation.playState === 'running' && animation.effect?.getComputedTiming().endTime !== Infinity).length;
    }),
  ).toBe(0);
  // Evaluated through the browser's protocol, not as a page script: the pages' CSP (script-src 'self') stays on.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page (no DOM types in the test's own compilation).
    const inPage = globalThis as unknown as {
      document: unknown;
      axe: { run(context: unknown, options: object): Promise<{ violations: Array<{ id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }> }> };
    };
    const result = await inPage.axe.run(inPage.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map(({ id, impact, help, nodes }) => ({ id, impact, help, targets: nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
  });
  expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'), `axe on ${name}`).toEqual([]);
}

/**
 * Screenshots of each page into docs/console/ for docs/console.md, only when CONSOLE_SCREENSHOTS=docs (`npm run
 * screenshots -w @ledger/console`): a full-page capture costs seconds of a busy machine's CPU, and an ordinary test
 * run has no reader for it (a failing page is still saved by `saveFailure`).
 */
const screenshots = process.env.CONSOLE_SCREENSHOTS === 'docs' ? join(import.meta.dirname, '..', '..', '..', 'docs', 'console') : undefined;
export async function screenshot(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** `expect.poll` with patience for a busy 2-core machine (its default gives up after a second). */
export const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

/** On a failure, the page as it stood goes to the temp folder (its path is printed) to see what the browser saw. */
export async function saveFailure(page: Page | undefined, name: string): Promise<void> {
  if (!page) return;
  const path = join(tmpdir(), `console-e2e-${name.replaceAll(/[^\w]+/g, '-').slice(0, 60)}.png`);
  await page.screenshot({ path, fullPage: true }).then(
    () => console.warn(`failed page: ${path} (${page.url()})`),
    () => {},
  );
}

/**
 * Signs in through the sign-in page with a role's key and waits for the console to show the role. Someone
 * signed in before is signed out by forgetting the tab's session (one page load, as a new tab would start).
 */
export async function signIn(page: Page, baseUrl: string, role: Role, path = '/console/'): Promise<void> {
  const target = `${baseUrl}${path}`;
  const keyField = page.getByLabel('访问密钥');
  if (page.url().startsWith(baseUrl)) {
    await keyField.or(page.getByTestId('role')).first().waitFor();
    if (!(await keyField.isVisible())) {
      await page.evaluate(() => sessionStorage.clear());
      await page.goto(target);
    } else if (page.url() !== target) await page.goto(target);
  } else await page.goto(target);
  await keyField.fill(keyOf(role));
  await page.locator('form#sign-in button[type=submit]').click();
  await page.getByTestId('role').waitFor();
}

/**
 * Waits until the dialog (or drawer) around an element has stopped moving: antd opens them with a zoom or slide,
 * and a click aimed at a control while its dialog still moves can land beside it.
 */
export async function settled(element: Locator): Promise<void> {
  await eventually(() =>
    element.evaluate((node) => {
      // Runs in the page (no DOM types in the test's own compilation).
      const inPage = node as unknown as { closest(selector: string): { getAnimations(options: { subtree: boolean }): Array<{ playState: string }> } | null };
      const moving = inPage.closest('.ant-modal, .ant-drawer, .ant-popover, .ant-select-dropdown') ?? (node as unknown as { getAnimations(options: { subtree: boolean }): Array<{ playState: string }> });
      return moving.getAnimations({ subtree: true }).filter((animation) => animation.playState === 'running').length;
    }),
  ).toBe(0);
}

/** Checks a radio button or checkbox once its dialog stands still, and waits until the page shows it checked. */
export async function choose(control: Locator): Promise<void> {
  await control.waitFor({ state: 'attached' });
  await settled(control);
  await control.check();
  await eventually(() => control.isChecked()).toBe(true);
}

/**
 * Picks an option of an antd select by its label, as a person would: opens the list once its dialog stands still,
 * clicks the option once the list has stopped sliding open, and waits until the list has closed on it.
 */
export async function pick(page: Page, select: Locator, option: string): Promise<void> {
  await settled(select);
  await select.click();
  const item = page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${option}"]`);
  await item.waitFor();
  await settled(item);
  await item.click();
  // A single select closes its list once an option is taken: the click landed on the option.
  await item.waitFor({ state: 'hidden' });
}
