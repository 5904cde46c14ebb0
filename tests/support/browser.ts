/**
 * Browser test support: Debian's Chromium driven by playwright-core (no downloaded
 * browser), axe-core accessibility checks (shadow DOM included) and screenshots kept
 * as test artifacts under test-artifacts/ (gitignored).
 *
 * Every page opened through a browser from launchChromium() is watched: an uncaught
 * exception or a console error in any page fails the running test with its text (an
 * afterEach hook registered here, so each e2e file gets it by importing this module).
 * Browser tests launch Chromium only through launchChromium (extra flags through `args`),
 * so no page escapes the watch.
 */
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach } from 'vitest';

const ARTIFACTS = resolve(import.meta.dirname, '../../test-artifacts');

/**
 * `autoplay: false` leaves out the kiosk-mode sound flag, as a display started by hand would be;
 * `args` adds Chromium flags (a fake camera, say).
 */
export async function launchChromium({ autoplay = true, args = [] }: { autoplay?: boolean; args?: string[] } = {}): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // Wall displays and kiosks run unattended: sound without a first touch.
      ...(autoplay ? ['--autoplay-policy=no-user-gesture-required'] : []),
      ...args,
    ],
  });
  // browser.newPage() goes through newContext() too, so this catches every page.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => watchForErrors(await newContext(options));
  return browser;
}

/** Errors seen in pages since the last check, each with the page's address. */
const browserErrors: string[] = [];

/**
 * The browser's own report of a request that failed or was refused. The tests cause these
 * on purpose (a cut network, a lost answer, a 403 or 404 the page then explains), and the
 * page's handling of them is what the tests assert; they are not errors of the app's code.
 */
const NETWORK_NOISE = [/^Failed to load resource: /, /^WebSocket connection to '.*' failed/];

function watchForErrors(context: BrowserContext): BrowserContext {
  context.on('weberror', (e) => browserErrors.push(`pageerror at ${e.page()?.url()}: ${e.error().stack ?? e.error().message}`));
  context.on('console', (msg) => {
    if (msg.type() !== 'error' || NETWORK_NOISE.some((r) => r.test(msg.text()))) return;
    browserErrors.push(`console.error at ${msg.page()?.url()}: ${msg.text()}`);
  });
  return context;
}

function failOnBrowserErrors(): void {
  const found = browserErrors.splice(0);
  if (found.length) throw new Error(`the browser reported ${found.length} error(s):\n${found.join('\n')}`);
}
afterEach(failOnBrowserErrors);
// Pages still open after the last test (closed in a file's afterAll) are checked too.
afterAll(failOnBrowserErrors);

const axeSource: string = createRequire(import.meta.url)('axe-core').source;

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Serious and critical axe-core violations of the page as it is now. */
export async function seriousA11yViolations(page: Page): Promise<A11yViolation[]> {
  // Evaluated over the DevTools protocol, not as an inline <script>: the apps' Content
  // Security Policy (script-src 'self') rightly refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 5).map((n: { target: unknown }) => JSON.stringify(n.target)),
    }));
  })) as A11yViolation[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a screenshot as test-artifacts/<name>.png (name may contain a sub-folder). */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  const path = join(ARTIFACTS, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await page.screenshot({ path, fullPage });
  return path;
}
