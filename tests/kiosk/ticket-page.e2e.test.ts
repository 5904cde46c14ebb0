/**
 * The live ticket page (the QR target) on a phone-sized headless Chromium: no login,
 * shows code, service and position, then the call as it happens.
 */
import { afterAll, beforeAll, test } from 'vitest';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import type { TicketDto } from '@turnero/contract/dto';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { assertLayout } from '../support/layout';

let office: TestOffice;
let browser: Browser;

beforeAll(async () => {
  office = await startTestOffice({ production: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
});

test('the phone page shows the position, then "Lo llaman en el módulo N" when called', async () => {
  const a = office.creds.users.find((u) => u.role === 'agent' && u.counterId)!;
  const agentToken = await login(office.url, a.username, a.password);
  const counters = await request(office.url, 'GET', '/api/v1/counters', { token: agentToken });
  const counter = counters.body.find((c: { id: string }) => c.id === a.counterId);
  const serviceId = counter.services[0].serviceId;
  const issue = (key: string) =>
    request<TicketDto>(office.url, 'POST', '/api/v1/tickets', {
      token: office.creds.kioskToken,
      body: { serviceId, print: false },
      headers: { 'Idempotency-Key': key },
    });
  const ahead = await issue('phone-1');
  const mine = await issue('phone-2');
  assert.equal(mine.status, 201);

  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await page.goto(`${office.url}/dispenser/ticket.html?id=${mine.body.id}`);
  await page.locator('[data-testid=code]', { hasText: mine.body.code }).waitFor({ timeout: 15_000 });
  assert.equal((await page.locator('[data-testid=position]').textContent())?.trim(), '1');
  // Nobody serves the service yet: no estimate is quoted.
  assert.equal((await page.locator('[data-testid=estimated-wait]').textContent())?.trim(), 'Sin estimación: no hay asesores atendiendo');
  await screenshot(page, 'ticket-page-waiting-390x844');
  await assertLayout(page, 'ticket-page-390x844-waiting');
  assert.deepEqual(await seriousA11yViolations(page), []);

  await request(office.url, 'POST', `/api/v1/counters/${a.counterId}/sign-in`, { token: agentToken });
  const first = await request(office.url, 'POST', `/api/v1/counters/${a.counterId}/call-next`, { token: agentToken });
  assert.equal(first.body.ticket.id, ahead.body.id);
  // Someone ahead was called: the position moves without a reload.
  await page.locator('[data-testid=position]', { hasText: '0' }).waitFor({ timeout: 10_000 });
  // A counter is open now: the page quotes a wait in minutes.
  await page.locator('[data-testid=estimated-wait]', { hasText: /min$/ }).waitFor({ timeout: 10_000 });
  await request(office.url, 'POST', `/api/v1/tickets/${ahead.body.id}/no-show`, { token: agentToken });
  const second = await request(office.url, 'POST', `/api/v1/counters/${a.counterId}/call-next`, { token: agentToken });
  assert.equal(second.body.ticket.id, mine.body.id);

  const called = page.locator('[data-testid=called]');
  await called.waitFor({ timeout: 10_000 });
  const n = /\d+/.exec(counter.name)?.[0];
  assert.match((await called.textContent())!, new RegExp(`Lo llaman en el módulo ${n}`));
  await screenshot(page, 'ticket-page-called-390x844');
  await assertLayout(page, 'ticket-page-390x844-called');
  assert.deepEqual(await seriousA11yViolations(page), []);
  await page.close();
});

test('an unknown ticket id says so plainly', async () => {
  const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
  await page.goto(`${office.url}/dispenser/ticket.html?id=does-not-exist`);
  await page.getByText('No encontramos este turno').waitFor({ timeout: 10_000 });
  await page.close();
});
