/**
 * The rating flow in Chromium (issue 15): on the live ticket page (a phone), the five faces
 * appear when the service finishes, one tap with a typed comment rates it (the comment is
 * stored scrubbed) and thanks, and a reload does not ask again; on the counter's survey
 * tablet, the faces of the ticket just finished at its counter appear in real time, one
 * tap rates it (as the tablet), and the tablet goes back to waiting. Axe finds nothing
 * serious on any screen; the tablet speaks English when asked.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { TicketDto } from '@turnero/contract/dto';
import { RatingSummary } from '@turnero/contract/ratings';
import { SCRUBBED } from '@turnero/domain/scrub';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { login, request } from '../support/http';
import { assertLayout } from '../support/layout';
import { startTestOffice, type TestOffice } from '../support/office';

let office: TestOffice;
let browser: Browser;
let agent: { token: string; counterId: string };
let supervisor: string;
let serviceId: string;

beforeAll(async () => {
  office = await startTestOffice({ production: true });
  browser = await launchChromium();
  const a = office.creds.users.find((u) => u.username === 'asesor1')!;
  agent = { token: await login(office.url, a.username, a.password), counterId: a.counterId! };
  const s = office.creds.users.find((u) => u.role === 'supervisor')!;
  supervisor = await login(office.url, s.username, s.password);
  const counters = await request(office.url, 'GET', '/api/v1/counters', { token: agent.token });
  serviceId = counters.body.find((c: { id: string }) => c.id === agent.counterId).services[0].serviceId;
  assert.equal((await request(office.url, 'POST', `/api/v1/counters/${agent.counterId}/sign-in`, { token: agent.token })).status, 200);
});

afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
});

async function post(path: string, body: unknown = {}, status = 200) {
  const r = await request(office.url, 'POST', `/api/v1${path}`, { token: agent.token, body });
  assert.equal(r.status, status, `${path}: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** A ticket called and started at the agent's counter (not finished). */
async function beingServed(): Promise<TicketDto> {
  const t = (await request<TicketDto>(office.url, 'POST', '/api/v1/tickets', { token: office.creds.kioskToken, body: { serviceId, print: false } })).body;
  await post(`/tickets/${t.id}/call`, { counterId: agent.counterId });
  await post(`/tickets/${t.id}/start`);
  return t;
}

describe('rating in the browser', () => {
  test('the ticket page shows the faces once the service finishes; a tap with a comment rates it, scrubbed, once', async () => {
    const t = await beingServed();
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await page.goto(`${office.url}/dispenser/ticket.html?id=${t.id}`);
    await page.locator('[data-testid=serving]').waitFor({ timeout: 15_000 });
    assert.equal(await page.locator('turnero-rating-form').count(), 0, 'no faces while being served');

    await post(`/tickets/${t.id}/finish`);
    const faces = page.locator('turnero-rating-form button[data-score]');
    await faces.first().waitFor({ timeout: 10_000 });
    assert.equal(await faces.count(), 5);
    await page.getByText('¿Cómo lo atendimos?').waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'ratings/ticket-page-faces-390x844');

    await page.getByLabel(/Comentario/).fill('Excelente, llámenme al 310 555 1234 si hace falta');
    await page.getByRole('button', { name: 'Bien (4/5)' }).click();
    await page.locator('[data-testid=rating-thanks]', { hasText: '¡Gracias por calificarnos!' }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await seriousA11yViolations(page), []);

    const summary = RatingSummary.parse((await request(office.url, 'GET', '/api/v1/ratings/summary?scope=office', { token: supervisor })).body);
    const mine = summary.recent.find((r) => r.comment.startsWith('Excelente'));
    assert.equal(mine?.comment, `Excelente, llámenme al ${SCRUBBED} si hace falta`);
    assert.equal(mine?.score, 4);

    // A reload on the same phone does not ask again.
    await page.reload();
    await page.locator('[data-testid=rating-thanks]', { hasText: 'Ya recibimos' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('turnero-rating-form button[data-score]').count(), 0);
    await page.close();
  });

  test('the survey tablet shows its counter\'s just-finished ticket in real time, rates it in one tap, then waits again', async () => {
    const admin = office.creds.users.find((u) => u.role === 'admin')!;
    const adminToken = await login(office.url, admin.username, admin.password);
    const created = await request(office.url, 'POST', '/api/v1/admin/devices', {
      token: adminToken,
      body: { kind: 'survey', name: 'Encuesta módulo 1', counterIds: [agent.counterId] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));

    const page = await browser.newPage({ viewport: { width: 800, height: 1280 } });
    await page.goto(`${office.url}/dispenser/survey.html#token=${encodeURIComponent(created.body.token)}`);
    await page.locator('[data-testid=survey-idle]').waitFor({ timeout: 15_000 });
    // The token left the address bar.
    assert.equal(new URL(page.url()).hash.includes('token'), false);
    assert.deepEqual(await seriousA11yViolations(page), []);

    const t = await beingServed();
    await post(`/tickets/${t.id}/finish`);
    await page.locator('[data-testid=survey-ticket]', { hasText: t.code }).waitFor({ timeout: 10_000 });
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'ratings/survey-tablet-faces-800x1280');
    await assertLayout(page, 'survey-tablet-800x1280-faces');
    // The same tablet turned sideways.
    await page.setViewportSize({ width: 1280, height: 800 });
    await assertLayout(page, 'survey-tablet-1280x800-faces');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.setViewportSize({ width: 800, height: 1280 });

    // English second: the same screen in English.
    await page.getByRole('button', { name: 'EN', exact: true }).click();
    await page.getByText('How did we do?').waitFor();
    await page.getByRole('button', { name: 'Very good (5/5)' }).click();
    await page.locator('[data-testid=rating-thanks]', { hasText: 'Thank you for rating us!' }).waitFor({ timeout: 10_000 });
    // Rated by the tablet: the customer's own page is told it was rated already.
    const again = await request(office.url, 'POST', `/api/v1/public/tickets/${t.id}/rating`, { body: { score: 1 } });
    assert.equal(again.body.error.code, 'already_rated');
    const own = RatingSummary.parse((await request(office.url, 'GET', '/api/v1/ratings/summary', { token: agent.token })).body);
    assert.equal(own.scores[4], 1);

    // After the thanks, the tablet waits for the next customer.
    await page.locator('[data-testid=survey-idle]').waitFor({ timeout: 20_000 });
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.close();
  });

  test("the agent's desk shows their own ratings: average, count and the scrubbed comment", async () => {
    const a = office.creds.users.find((u) => u.username === 'asesor1')!;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'es-CO', timezoneId: 'America/Bogota' });
    const page = await context.newPage();
    await page.goto(`${office.url}/desk/index.html`);
    await page.fill('#username', a.username);
    await page.fill('#password', a.password);
    await page.click('turnero-staff-login button[type=submit]');
    // Signed in at the counter already (beforeAll): the desk opens it, or asks once.
    const open = page.getByRole('button', { name: 'Abrir módulo' });
    await Promise.race([open.waitFor({ timeout: 15_000 }), page.locator('[data-action=callNext]').waitFor({ timeout: 15_000 })]);
    if (await open.count()) await open.click();
    const panel = page.locator('turnero-desk-ratings');
    await panel.locator('[data-testid=ratings-count]', { hasText: '2' }).waitFor({ timeout: 15_000 });
    // A 4 from the phone and a 5 from the tablet.
    assert.equal((await panel.locator('[data-testid=ratings-average]').textContent())?.trim(), '4,5');
    await panel.getByText(`Excelente, llámenme al ${SCRUBBED} si hace falta`).waitFor();
    assert.equal(await panel.getByText('310 555 1234').count(), 0);
    // An agent is not offered the whole office's ratings.
    assert.equal(await panel.getByText('Toda la oficina').count(), 0);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'ratings/desk-ratings-1280x900', true);
    await context.close();
  });

  test('a tablet opened without its token says how to register it', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 1280 } });
    await page.goto(`${office.url}/dispenser/survey.html`);
    await page.getByText('Esta tableta no está registrada').waitFor({ timeout: 10_000 });
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.close();
  });
});
