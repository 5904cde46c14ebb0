/**
 * The Content-Security-Policy as a browser enforces it (issue 11, item 8): a script that
 * got into a page (a stored XSS payload) does not run, and a page on another site cannot
 * frame the desk to trick an agent into clicking. That the web apps themselves run under
 * the policy is shown by every e2e test: a CSP violation is a console error, which fails
 * them (tests/support/browser.ts).
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { startTestOffice, type TestOffice } from '../support/office';

let office: TestOffice;
let browser: Browser;
let otherSite: Server;
let otherSiteUrl: string;

beforeAll(async () => {
  office = await startTestOffice({ production: true });
  // Not launchChromium(): these pages cause CSP reports on purpose, which its watch counts as failures.
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  otherSite = createServer((_req, res) => {
    res.setHeader('content-type', 'text/html');
    res.end(`<!doctype html><title>otro sitio</title><iframe id="f" src="${office.url}/desk/" width="800" height="600"></iframe>`);
  });
  await new Promise<void>((r) => otherSite.listen(0, '127.0.0.1', r));
  // "localhost" vs the office's "127.0.0.1": another site for the browser.
  otherSiteUrl = `http://localhost:${(otherSite.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await browser?.close();
  await new Promise((r) => otherSite?.close(r));
  await office?.stop();
  office?.cleanup();
});

test('an injected inline script does not run in the kiosk page', async () => {
  const page = await browser.newPage();
  const reports: string[] = [];
  page.on('console', (m) => reports.push(m.text()));
  await page.goto(`${office.url}/dispenser/?token=${office.creds.kioskToken}`);
  await page.locator('turnero-kiosk').waitFor();
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = true';
    document.head.append(s);
    return (window as { __injected?: boolean }).__injected === true;
  });
  assert.equal(ran, false, 'the injected script ran');
  assert.ok(reports.some((r) => /Content Security Policy/.test(r)), `the browser reported the refusal: ${reports.join(' | ')}`);
  await page.close();
});

test('a page on another site cannot frame the desk', async () => {
  const page = await browser.newPage();
  const reports: string[] = [];
  page.on('console', (m) => reports.push(m.text()));
  await page.goto(otherSiteUrl);
  const frame = await (await page.locator('#f').elementHandle())!.contentFrame();
  await page.waitForTimeout(1_000);
  const deskRendered = frame ? await frame.locator('turnero-desk-app').count().catch(() => 0) : 0;
  assert.equal(deskRendered, 0, 'the desk rendered inside the other site');
  assert.ok(reports.some((r) => /frame-ancestors|Refused to (frame|display)/.test(r)), `the browser reported the refusal: ${reports.join(' | ')}`);
  await page.close();
});
