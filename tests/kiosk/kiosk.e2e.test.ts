/**
 * The kiosk in headless Chromium against a real office server whose demo kiosk prints to
 * a virtual printer over TCP: the code on screen is the code the server issued and the
 * code on the paper; a double tap issues one ticket; a lost answer retried with the same
 * key issues one ticket; paper out tells the customer to scan the QR; closing stops issuing.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { startVirtualPrinter, type VirtualPrinter } from '@turnero/hardware';
import type { QueueSnapshot, TicketDto } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { assertLayout } from '../support/layout';
import { qrPath } from '../../dispenser/src/qr';

let office: TestOffice;
let printer: VirtualPrinter;
let browser: Browser;
let supervisorToken: string;

beforeAll(async () => {
  printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 2000 });
  // Head office's portal link is not this page's origin: the screen's QR must come from the office.
  office = await startTestOffice({ production: true, env: { DEMO_PRINTER_URI: printer.uri, HQ_PUBLIC_URL: 'https://turnos.empresa.test' } });
  browser = await launchChromium();
  const sup = office.creds.users.find((u) => u.role === 'supervisor')!;
  supervisorToken = await login(office.url, sup.username, sup.password);
});

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
  await printer?.stop();
});

async function openKiosk(viewport = { width: 1080, height: 1920 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  // askId=1: these tests walk the optional ID number screen too (off by default).
  await page.goto(`${office.url}/dispenser/index.html?token=${office.creds.kioskToken}&askId=1`);
  await page.locator('[data-testid=start]').waitFor({ timeout: 15_000 });
  assert.equal(new URL(page.url()).searchParams.get('token'), null, 'the token is stripped from the address bar');
  return page;
}

async function queue(): Promise<QueueSnapshot> {
  const r = await request<QueueSnapshot>(office.url, 'GET', '/api/v1/queue', { token: supervisorToken });
  assert.equal(r.status, 200);
  return r.body;
}

/** Waits out the kiosk's guard against taps that land right after a screen change. */
const settle = (page: Page) => page.waitForTimeout(450);

async function walkToIdScreen(page: Page, a11yPrefix?: string): Promise<void> {
  await settle(page);
  await page.locator('[data-testid=start]').click();
  await page.locator('button.tile').first().waitFor();
  if (a11yPrefix) await checkScreen(page, `${a11yPrefix}-services`);
  await settle(page);
  await page.locator('button.tile').first().click();
  await page.locator('[data-testid=general]').waitFor();
  if (a11yPrefix) await checkScreen(page, `${a11yPrefix}-preferential`);
  await settle(page);
  await page.locator('[data-testid=general]').click();
  await page.locator('[data-testid=skip-id]').waitFor();
  if (a11yPrefix) await checkScreen(page, `${a11yPrefix}-id`);
  await settle(page);
}

async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  assert.deepEqual(await seriousA11yViolations(page), [], `axe on ${name}`);
}

test('tap a service: the screen, the server and the printed paper show the same code', async () => {
  const page = await openKiosk();
  await checkScreen(page, 'kiosk-portrait-welcome');
  const before = await queue();
  await walkToIdScreen(page, 'kiosk-portrait');
  await page.locator('[data-testid=skip-id]').click();
  const codeOnScreen = (await page.locator('[data-testid=ticket-code]').textContent({ timeout: 10_000 }))!.trim();
  assert.match(codeOnScreen, /^[A-Z]{1,3}-\d{3,}$/);
  await page.locator('[data-testid=qr]').waitFor();
  await checkScreen(page, 'kiosk-portrait-ticket');

  const after = await queue();
  const issued = after.waiting.filter((t) => !before.waiting.some((b) => b.id === t.id));
  assert.deepEqual(issued.map((t) => t.code), [codeOnScreen], 'exactly one ticket, with the code on screen');

  // The virtual printer receives the same code, and its QR opens this ticket's live page.
  const deadline = Date.now() + 15_000;
  while (!printer.tickets.some((t) => t.text.includes(codeOnScreen)) && Date.now() < deadline) await page.waitForTimeout(100);
  const paper = printer.tickets.find((t) => t.text.includes(codeOnScreen));
  assert.ok(paper, `the printer printed ${codeOnScreen} within 15 s`);
  assert.ok(paper.qr?.includes(issued[0].id), 'the printed QR links to this ticket');
  // One link for both: the QR drawn on screen encodes exactly the paper's link.
  const screenQr = await page.locator('[data-testid=qr] path').getAttribute('d');
  assert.equal(screenQr, qrPath(paper.qr!).d, `the screen's QR encodes the paper's link ${paper.qr}`);
  await page.close();
});

test('landscape 1920x1080 renders every screen without serious accessibility problems', async () => {
  const page = await openKiosk({ width: 1920, height: 1080 });
  await checkScreen(page, 'kiosk-landscape-welcome');
  await walkToIdScreen(page, 'kiosk-landscape');
  await page.locator('[data-testid=skip-id]').click();
  await page.locator('[data-testid=ticket-code]').waitFor();
  await checkScreen(page, 'kiosk-landscape-ticket');
  await page.close();
});

test('a double tap issues one ticket and does not answer the next question', async () => {
  const page = await openKiosk();
  const before = (await queue()).waiting.length;
  // Every issue request the page sends, as the browser sends it: the server's idempotency
  // would hide a second request carrying the same key, so the requests are counted here.
  const issueRequests: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/v1/tickets') issueRequests.push(r.headers()['idempotency-key']);
  });
  // The welcome screen has just appeared: a tap inside the kiosk's guard time is ignored.
  await settle(page);
  await page.locator('[data-testid=start]').click();
  await settle(page);
  await page.locator('button.tile').first().dblclick();
  await page.locator('[data-testid=general]').waitFor();
  assert.equal(await page.locator('main').getAttribute('data-screen'), 'preferential', 'the second tap was ignored');
  await settle(page);
  await page.locator('[data-testid=general]').click();
  await page.locator('[data-testid=skip-id]').waitFor();
  await settle(page);
  await page.locator('[data-testid=skip-id]').dblclick();
  await page.locator('[data-testid=ticket-code]').waitFor();
  // A marker request sent by the page after the ticket shows: the browser reports requests
  // in the order the page starts them, so once the marker is seen every request the taps
  // caused has been counted (no sleep decides the count).
  await Promise.all([
    page.waitForRequest((r) => r.url().endsWith('/api/v1/health?after-double-tap'), { timeout: 10_000 }),
    page.evaluate(() => fetch('/api/v1/health?after-double-tap').then((r) => r.status)),
  ]);
  assert.equal(issueRequests.length, 1, `the page sent ${issueRequests.length} issue requests: ${JSON.stringify(issueRequests)}`);
  assert.equal((await queue()).waiting.length, before + 1);
  await page.close();
});

test('when the answer is lost the kiosk says so, retries with the same key and gets the same single ticket', async () => {
  const page = await openKiosk();
  const before = await queue();
  const keys: string[] = [];
  let attempts = 0;
  await page.route('**/api/v1/tickets', async (route) => {
    keys.push(route.request().headers()['idempotency-key']);
    attempts++;
    if (attempts === 1) {
      await route.fetch(); // the server issues the ticket…
      await route.abort('connectionreset'); // …but the answer never reaches the kiosk
    } else if (attempts === 2) {
      await route.abort('connectionrefused');
    } else {
      await route.continue();
    }
  });
  await walkToIdScreen(page);
  await page.locator('[data-testid=skip-id]').click();
  await page.locator('[data-testid=retrying]').waitFor({ timeout: 10_000 });
  await screenshot(page, 'kiosk-portrait-retrying');
  const code = (await page.locator('[data-testid=ticket-code]').textContent({ timeout: 20_000 }))!.trim();
  assert.ok(attempts >= 3);
  assert.equal(new Set(keys).size, 1, 'every retry carried the same Idempotency-Key');
  const issued = (await queue()).waiting.filter((t) => !before.waiting.some((b) => b.id === t.id));
  assert.deepEqual(issued.map((t) => t.code), [code], 'one ticket only, the one on screen');
  await page.close();
});

test('with the printer out of paper the customer is told to scan the QR or photograph the screen', async () => {
  printer.setState('paper_out');
  try {
    const page = await openKiosk();
    await walkToIdScreen(page);
    await page.locator('[data-testid=skip-id]').click();
    const code = (await page.locator('[data-testid=ticket-code]').textContent({ timeout: 10_000 }))!.trim();
    const notice = page.locator('[data-testid=print-problem]');
    await notice.waitFor({ timeout: 20_000 });
    assert.match((await notice.textContent())!, /QR/);
    await checkScreen(page, 'kiosk-portrait-paper-out');
    // The ticket still exists and waits in the queue; it is marked as not printed.
    const ticket = (await queue()).waiting.find((t: TicketDto) => t.code === code);
    assert.ok(ticket, 'the ticket is valid');
    await page.close();
  } finally {
    printer.setState('ok');
  }
});

test('when the office stops taking tickets the kiosk says so instead of offering services', async () => {
  const page = await openKiosk();
  const r = await request(office.url, 'PATCH', '/api/v1/office', { token: supervisorToken, body: { acceptingTickets: false } });
  assert.equal(r.status, 200);
  try {
    await page.locator('[data-testid=closed]').waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('[data-testid=start]').count(), 0);
    await checkScreen(page, 'kiosk-portrait-closed');
  } finally {
    await request(office.url, 'PATCH', '/api/v1/office', { token: supervisorToken, body: { acceptingTickets: true } });
    await page.close();
  }
});

const KIOSK_SIZES = [
  { width: 1080, height: 1920 },
  { width: 1920, height: 1080 },
];

test('every kiosk screen fits its screen at both real sizes: no overflow, overlap or broken word, text readable from a metre', async () => {
  for (const viewport of KIOSK_SIZES) {
    const size = `${viewport.width}x${viewport.height}`;
    const page = await openKiosk(viewport);
    // Readable from a metre: at least 32 px on the screens a customer reads.
    const readable = { minFontPx: 32 };
    await assertLayout(page, `kiosk-${size}-welcome`, readable);
    await settle(page);
    await page.locator('[data-testid=start]').click();
    await page.locator('button.tile').first().waitFor();
    await assertLayout(page, `kiosk-${size}-services`, readable);
    // The tiles use the screen: together they cover most of the room between the title and the back button.
    const used = await page.evaluate(() => {
      const root = document.querySelector('turnero-kiosk')!.shadowRoot!;
      const tiles = [...root.querySelectorAll('button.tile')].map((t) => t.getBoundingClientRect());
      const main = root.querySelector('main')!.getBoundingClientRect();
      return tiles.reduce((sum, r) => sum + r.width * r.height, 0) / (main.width * main.height);
    });
    assert.ok(used > 0.4, `the service tiles cover ${Math.round(used * 100)}% of the screen at ${size}, not the 40% or more they should`);
    // The demo's names are long ("Financiación y acuerdos de pago"): one column of wide tiles on
    // the portrait kiosk, and every name inside its own tile (sized to fit, not spilling out).
    const tiles = await page.locator('button.tile').evaluateAll((all) =>
      all.map((tile) => {
        const t = tile.getBoundingClientRect();
        const n = tile.querySelector('.tile-name')!.getBoundingClientRect();
        return { name: tile.textContent!.trim(), left: Math.round(t.left), inside: n.left >= t.left && n.right <= t.right && n.top >= t.top && n.bottom <= t.bottom };
      }),
    );
    if (viewport.height > viewport.width) assert.equal(new Set(tiles.map((t) => t.left)).size, 1, `one column of tiles on the portrait kiosk: ${JSON.stringify(tiles)}`);
    assert.deepEqual(tiles.filter((t) => !t.inside).map((t) => t.name), [], `names spill out of their tiles at ${size}`);
    await settle(page);
    await page.locator('button.tile').first().click();
    await page.locator('[data-testid=general]').waitFor();
    await assertLayout(page, `kiosk-${size}-preferential`, readable);
    await settle(page);
    await page.locator('[data-testid=general]').click();
    await page.locator('[data-testid=skip-id]').waitFor();
    await assertLayout(page, `kiosk-${size}-id`);
    await settle(page);
    await page.locator('[data-testid=skip-id]').click();
    await page.locator('[data-testid=qr]').waitFor({ timeout: 10_000 });
    await assertLayout(page, `kiosk-${size}-ticket`, readable);
    await page.close();
  }
});

test('a preferential ticket with no agent signed in: the screen marks it preferential and quotes no wait, as the paper does', async () => {
  const page = await openKiosk();
  await settle(page);
  await page.locator('[data-testid=start]').click();
  await settle(page);
  await page.locator('button.tile').first().click();
  await page.locator('[data-group=olderAdult]').waitFor();
  await settle(page);
  await page.locator('[data-group=olderAdult]').click();
  await page.locator('[data-testid=skip-id]').waitFor();
  await settle(page);
  await page.locator('[data-testid=skip-id]').click();
  const code = (await page.locator('[data-testid=ticket-code]').textContent({ timeout: 10_000 }))!.trim();
  assert.equal((await page.locator('[data-testid=preferential-mark]').textContent())?.trim(), 'Atención preferencial');
  assert.equal((await page.locator('[data-testid=estimated-wait]').textContent())?.trim(), 'Sin estimación: no hay asesores atendiendo');
  await checkScreen(page, 'screenshots/kiosk-1080x1920-ticket-preferential');
  await assertLayout(page, 'kiosk-1080x1920-ticket-preferential', { minFontPx: 32 });
  // The landscape kiosk shows the same ticket.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await checkScreen(page, 'screenshots/kiosk-1920x1080-ticket-preferential');
  await assertLayout(page, 'kiosk-1920x1080-ticket-preferential', { minFontPx: 32 });

  const deadline = Date.now() + 15_000;
  while (!printer.tickets.some((t) => t.text.includes(code)) && Date.now() < deadline) await page.waitForTimeout(100);
  const paper = printer.tickets.find((t) => t.text.includes(code));
  assert.ok(paper, `the printer printed ${code}`);
  assert.match(paper.text, /Atención preferencial/);
  assert.match(paper.text, /Espera estimada: sin estimación/);
  assert.doesNotMatch(paper.text, /\d+ min/, 'no made-up wait on the paper');
  await page.close();
});

test('by default the kiosk asks for no ID number: the ticket comes right after the preferential question', async () => {
  const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
  await page.goto(`${office.url}/dispenser/index.html?token=${office.creds.kioskToken}`);
  await page.locator('[data-testid=start]').waitFor({ timeout: 15_000 });
  await settle(page);
  await page.locator('[data-testid=start]').click();
  await settle(page);
  await page.locator('button.tile').first().click();
  await page.locator('[data-testid=general]').waitFor();
  await settle(page);
  await page.locator('[data-testid=general]').click();
  await page.locator('[data-testid=ticket-code]').waitFor({ timeout: 10_000 });
  assert.equal(await page.locator('[data-testid=skip-id]').count(), 0, 'the ID number screen was shown');
  await page.close();
});
