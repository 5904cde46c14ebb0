/**
 * The wall display in headless Chromium against a real office server: a call shows in
 * large type and is queued for its chime + voice; a display that loses its server keeps
 * the last state with an offline mark, then recovers the right state without announcing
 * the calls it missed as new.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { CallResultDto, TicketDto } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import { REPO_ROOT, startTestOffice, type TestOffice } from '../support/office';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { assertLayout } from '../support/layout';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';

let office: TestOffice;
let proxy: TcpProxy;
let browser: Browser;
let agent: { token: string; counterId: string };
let serviceId: string;

interface Announced {
  code: string;
  text: string;
  recall: boolean;
  status: string;
}

beforeAll(async () => {
  office = await startTestOffice({ production: true });
  proxy = await startTcpProxy(office.port);
  browser = await launchChromium();
  const a = office.creds.users.find((u) => u.role === 'agent' && u.counterId)!;
  agent = { token: await login(office.url, a.username, a.password), counterId: a.counterId! };
  const signIn = await request(office.url, 'POST', `/api/v1/counters/${agent.counterId}/sign-in`, { token: agent.token });
  assert.equal(signIn.status, 200, JSON.stringify(signIn.body));
  const counters = await request(office.url, 'GET', '/api/v1/counters', { token: agent.token });
  serviceId = counters.body.find((c: { id: string }) => c.id === agent.counterId).services[0].serviceId;
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  await office?.stop();
  office?.cleanup();
});

let keySeq = 0;
async function issueAndCall(): Promise<CallResultDto> {
  const issued = await request<TicketDto>(office.url, 'POST', '/api/v1/tickets', {
    token: office.creds.kioskToken,
    body: { serviceId, print: false },
    headers: { 'Idempotency-Key': `display-test-${process.pid}-${keySeq++}` },
  });
  assert.equal(issued.status, 201, JSON.stringify(issued.body));
  // Finish whatever the counter is serving, so call-next is legal.
  const res = await request<CallResultDto>(office.url, 'POST', `/api/v1/counters/${agent.counterId}/call-next`, { token: agent.token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
}

async function finish(ticketId: string): Promise<void> {
  await request(office.url, 'POST', `/api/v1/tickets/${ticketId}/no-show`, { token: agent.token });
}

const announcements = (page: Page) => page.evaluate(() => (window.__turneroAnnouncements ?? []).map((a) => ({ ...a })) as Announced[]);

async function openDisplay(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.goto(`${proxy.url}/display/index.html#token=${office.creds.displayToken}`);
  await page.locator('[data-testid=current-call]').waitFor({ timeout: 15_000 });
  return page;
}

test('a call shows in very large type and is queued for its chime and voice', async () => {
  const page = await openDisplay({ width: 1920, height: 1080 });
  const { ticket } = await issueAndCall();
  await page.locator('[data-testid=current-code]', { hasText: ticket.code }).waitFor({ timeout: 10_000 });
  assert.equal((await page.locator('[data-testid=current-counter]').textContent())?.includes(ticket.counterName!), true);
  assert.match((await page.locator('[data-testid=current-call]').getAttribute('class'))!, /flash/, 'highlighted');
  const queued = await announcements(page);
  const mine = queued.filter((a) => a.code === ticket.code);
  assert.equal(mine.length, 1, 'announced once');
  assert.match(mine[0].text, /^Turno [A-Z] cero cero \S+/);
  assert.ok(mine[0].text.includes('módulo') || mine[0].text.includes('ventanilla'), mine[0].text);
  // The supervisor's ticker reaches the screen live.
  const sup = office.creds.users.find((u) => u.role === 'supervisor')!;
  const supToken = await login(office.url, sup.username, sup.password);
  const patched = await request(office.url, 'PATCH', '/api/v1/office', { token: supToken, body: { ticker: 'Hoy atendemos hasta las 5:00 p. m.' } });
  assert.equal(patched.status, 200);
  await page.locator('[data-testid=ticker]', { hasText: 'Hoy atendemos' }).waitFor({ timeout: 10_000 });
  await screenshot(page, 'display-landscape-1920x1080');
  assert.deepEqual(await seriousA11yViolations(page), []);

  // A recall is announced again.
  const recall = await request(office.url, 'POST', `/api/v1/tickets/${ticket.id}/recall`, { token: agent.token });
  assert.equal(recall.status, 200, JSON.stringify(recall.body));
  await page.waitForFunction((code) => (window.__turneroAnnouncements ?? []).filter((a) => a.code === code).length === 2, ticket.code);
  await finish(ticket.id);
  await page.close();
});

test('portrait 1080x1920 shows the same information', async () => {
  const page = await openDisplay({ width: 1080, height: 1920 });
  await page.locator('[data-testid=current-code]').waitFor();
  await screenshot(page, 'display-portrait-1080x1920');
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.close();
});

test('a display that loses its server shows the offline mark and recovers the right state, without announcing missed calls as new', async () => {
  const page = await openDisplay({ width: 1920, height: 1080 });
  const first = await issueAndCall();
  await page.locator('[data-testid=current-code]', { hasText: first.ticket.code }).waitFor({ timeout: 10_000 });
  await finish(first.ticket.id);

  proxy.cut();
  await page.locator('[data-testid=offline]').waitFor({ timeout: 30_000 });
  assert.equal(await page.locator('[data-testid=current-code]').textContent(), first.ticket.code, 'the last state stays on screen');
  await screenshot(page, 'display-1920x1080-offline');

  // Meanwhile the office goes on.
  const missed = await issueAndCall();
  proxy.restore();

  await page.locator('[data-testid=current-code]', { hasText: missed.ticket.code }).waitFor({ timeout: 45_000 });
  await page.locator('[data-testid=offline]').waitFor({ state: 'detached', timeout: 10_000 });
  const announced = await announcements(page);
  assert.equal(announced.filter((a) => a.code === missed.ticket.code).length, 0, 'a call made while offline is shown, not announced as new');
  assert.doesNotMatch((await page.locator('[data-testid=current-call]').getAttribute('class'))!, /flash/);

  // And live updates resume after the resync.
  await finish(missed.ticket.id);
  const next = await issueAndCall();
  await page.locator('[data-testid=current-code]', { hasText: next.ticket.code }).waitFor({ timeout: 10_000 });
  await page.waitForFunction((code) => (window.__turneroAnnouncements ?? []).some((a) => a.code === code), next.ticket.code);
  await page.close();
});

/** What the office's snapshot says about the demo display's sound, as the board reads it. */
async function displaySoundOnServer(): Promise<boolean | undefined> {
  const r = await request<{ devices: Array<{ kind: string; soundOn?: boolean; connected: boolean }> }>(office.url, 'GET', '/api/v1/queue', { token: agent.token });
  assert.equal(r.status, 200);
  return r.body.devices.find((d) => d.kind === 'display' && d.connected)?.soundOn;
}

async function waitForServerSound(expected: boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen = await displaySoundOnServer();
  while (seen !== expected && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    seen = await displaySoundOnServer();
  }
  assert.equal(seen, expected, `the office knows the display's sound is ${expected ? 'on' : 'off'}`);
}

test('the README starts the wall display as these tests do: kiosk mode, the autoplay flag and the token in the fragment, on Linux and Windows; a smart TV is told what to do', () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Wall display sound'), readme.indexOf('## Layout'));
  for (const setUp of ['Chromium or Chrome on Linux', 'Chrome or Edge on Windows']) {
    const row = section.split('\n').find((l) => l.startsWith(`| ${setUp} |`));
    assert.ok(row, `the README has a row for ${setUp}`);
    assert.match(row, /--kiosk --autoplay-policy=no-user-gesture-required ["']http:\/\/[^"' ]+\/display\/#token=<displayToken>["']/, setUp);
  }
  assert.match(section, /\| Smart-TV browser \| .*"Sonido apagado"/);
});

test('started with --autoplay-policy=no-user-gesture-required the display has sound without a touch, reports it, and fits both real sizes', async () => {
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 1080, height: 1920 },
  ]) {
    const page = await openDisplay(viewport);
    assert.equal(await page.locator('[data-testid=sound-off]').count(), 0, 'no "sound off" state');
    await waitForServerSound(true);
    // The ticker scrolls through its box on purpose.
    await assertLayout(page, `display-${viewport.width}x${viewport.height}`, { ignore: ['.ticker'] });
    await page.close();
  }
});

test('started without the flag the display says "sound off" to staff (on screen and on the board) until touched, and the button covers nothing', async () => {
  const silent = await launchChromium({ autoplay: false });
  try {
    for (const viewport of [
      { width: 1920, height: 1080 },
      { width: 1080, height: 1920 },
    ]) {
      const page = await silent.newPage({ viewport });
      await page.goto(`${proxy.url}/display/index.html#token=${office.creds.displayToken}`);
      const soundOff = page.locator('[data-testid=sound-off]');
      await soundOff.waitFor({ timeout: 15_000 });
      assert.match((await soundOff.textContent())!, /Sonido apagado/);
      await waitForServerSound(false);
      await assertLayout(page, `display-${viewport.width}x${viewport.height}-sound-off`, { ignore: ['.ticker'] });
      assert.deepEqual(await seriousA11yViolations(page), []);
      if (viewport.width === 1920) {
        // The supervisor board names the silent display.
        const board = await silent.newPage({ viewport: { width: 1366, height: 768 } });
        await board.goto(`${office.url}/desk/board.html`);
        const sup = office.creds.users.find((u) => u.role === 'supervisor')!;
        await board.fill('#username', sup.username);
        await board.fill('#password', sup.password);
        await board.click('turnero-staff-login button[type=submit]');
        await board.locator('[data-alert=display_sound_off]', { hasText: 'Sonido apagado en' }).waitFor({ timeout: 10_000 });
        await board.close();
      }
      // A touch turns the sound on, and the office hears about it.
      await soundOff.click();
      await soundOff.waitFor({ state: 'detached', timeout: 5_000 });
      await waitForServerSound(true);
      await page.close();
    }
  } finally {
    await silent.close();
  }
});
