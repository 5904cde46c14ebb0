/**
 * The live ticket page promises a range (issue 15): "entre X y Y min" in Spanish, "between
 * X and Y min" in English, following the queue without a reload. Real office (the bundle
 * `npm start` runs), real Chromium on a phone-sized page.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TicketDto } from '@turnero/contract/dto';
import { launchChromium, seriousA11yViolations } from '../support/browser';
import { login, request } from '../support/http';
import { startTestOffice, type TestOffice } from '../support/office';

let office: TestOffice;
let browser: Browser;

beforeAll(async () => {
  [office, browser] = await Promise.all([startTestOffice({ production: true }), launchChromium()]);
});

afterAll(async () => {
  await Promise.all([browser?.close(), office?.stop()]);
  office?.cleanup();
});

test('the phone page says "entre X y Y min", in English "between X and Y min", and moves when someone ahead is called', async () => {
  // asesor1 works at Módulo 1, which serves billing (A).
  const a = office.creds.users.find((u) => u.username === 'asesor1')!;
  const agentToken = await login(office.url, a.username, a.password);
  const services = await request<{ id: string; prefix: string }[]>(office.url, 'GET', '/api/v1/services', { token: agentToken });
  const serviceId = services.body.find((s) => s.prefix === 'A')!.id;
  await request(office.url, 'POST', `/api/v1/counters/${a.counterId}/sign-in`, { token: agentToken });
  const issue = async () => {
    const r = await request<TicketDto>(office.url, 'POST', '/api/v1/tickets', { token: office.creds.kioskToken, body: { serviceId, print: false } });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    return r.body;
  };
  const first = await issue();
  await issue();
  const mine = await issue();
  // No history yet: the promise comes from the prior, wide and honest about it.
  assert.ok(mine.estimatedWait && mine.estimatedWait.lowMinutes < mine.estimatedWait.highMinutes, JSON.stringify(mine.estimatedWait));

  const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
  await page.goto(`${office.url}/dispenser/ticket.html?id=${mine.id}`);
  const wait = page.locator('[data-testid=estimated-wait]');
  await wait.filter({ hasText: /^entre \d+ y \d+ min$/ }).waitFor({ timeout: 15_000 });
  assert.equal((await wait.textContent())?.trim(), `entre ${mine.estimatedWait!.lowMinutes} y ${mine.estimatedWait!.highMinutes} min`);
  assert.deepEqual(await seriousA11yViolations(page), []);

  const called = await request(office.url, 'POST', `/api/v1/counters/${a.counterId}/call-next`, { token: agentToken });
  assert.equal(called.body.ticket.id, first.id);
  await page.locator('[data-testid=position]', { hasText: '1' }).waitFor({ timeout: 10_000 });
  const now = await request<TicketDto>(office.url, 'GET', `/api/v1/tickets/${mine.id}`, { token: agentToken });
  await wait.filter({ hasText: `entre ${now.body.estimatedWait!.lowMinutes} y ${now.body.estimatedWait!.highMinutes} min` }).waitFor({ timeout: 10_000 });

  await page.getByRole('button', { name: 'EN' }).click();
  await wait.filter({ hasText: /^between \d+ and \d+ min$/ }).waitFor({ timeout: 10_000 });
  await page.close();
});
