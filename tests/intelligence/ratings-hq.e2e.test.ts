/**
 * Satisfaction on the head-office dashboard in Chromium (issue 15): an office's tickets and
 * ratings arrive through the real ingest path; the satisfaction section below the
 * comparison lists average, share of 4-5 and response rate per office, service and agent, and the
 * average by bucket of wait as a uPlot chart whose data table carries the API's numbers, and
 * as the section's own table. Axe finds nothing serious.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { OutboxEnvelope } from '@turnero/contract/outbox';
import type { SatisfactionReport } from '@turnero/contract/ratings';
import { api, OfficeStream } from '../hq/helpers';
import { launchChromium, screenshot, seriousA11yViolations, startHeadOffice, type RunningHq } from '../hq-dashboard/support';

let hq: RunningHq;
let browser: Browser;
let page: Page;
let token: string;
let day: string;
const CODE = 'SAT-E2E';

/** Today's date in Bogotá, where the dashboard's default range ends. */
const bogotaDay = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(at);

beforeAll(async () => {
  hq = await startHeadOffice();
  const login = await api(hq.url, 'POST', '/api/v1/auth/login', { body: hq.admin });
  token = login.body.token as string;
  const created = await api(hq.url, 'POST', '/api/v1/hq/offices', { token, body: { code: CODE, name: 'Oficina Satisfacción', company: 'EPM' } });
  assert.equal(created.status, 201, created.text);

  // Three tickets served this morning, waits of 3, 12 and 50 minutes; the first two rated 5 and 3.
  const start = new Date(Date.now() - 3 * 3600_000);
  day = bogotaDay(start);
  const s = new OfficeStream(CODE, start);
  const waits = [3, 12, 50];
  for (const [i, wait] of waits.entries()) {
    s.at(start.toISOString()).ticket(`t${i}`, 'issued', { day });
    s.advance(wait * 60).ticket(`t${i}`, 'called', { day, agentId: `agent-${i % 2}` });
    s.advance(240).ticket(`t${i}`, 'finished', { day, agentId: `agent-${i % 2}` });
  }
  for (const [i, score] of [5, 3].entries()) {
    const e: OutboxEnvelope = {
      seq: ++s.seq,
      occurredAt: s.advance(30).now.toISOString(),
      fact: { kind: 'rating', event: 'rated', ticketId: `t${i}`, day, serviceCode: 'A', counterId: 'c1', agentId: `agent-${i % 2}`, score, source: 'ticket_page', waitSeconds: waits[i] * 60 },
    };
    s.events.push(e);
  }
  const ingest = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: created.body.token, body: s.batch(s.events, new Date()) });
  assert.equal(ingest.status, 200, ingest.text);

  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/Bogota', locale: 'es-CO' });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await hq?.stop();
});

const satisfaction = () => page.locator('hq-satisfaction-view');
const share = (x: number) => new Intl.NumberFormat('es-CO', { style: 'percent', maximumFractionDigits: 1 }).format(x);

describe('satisfaction on the head-office dashboard', () => {
  test('signed in, the comparison lists the office; its satisfaction figures come in the section below it', async () => {
    await page.goto(`${hq.url}/hq/`);
    await page.getByLabel('Usuario').fill(hq.admin.username);
    await page.getByLabel('Contraseña').fill(hq.admin.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    const row = page.locator(`hq-figures-table#offices tbody tr[data-row-key="${CODE}"]`);
    await row.waitFor({ timeout: 30_000 });
    await satisfaction().getByRole('heading', { name: 'Satisfacción de los clientes' }).waitFor();
  });

  test('the satisfaction section lists office, service and agent figures and the average by wait', async () => {
    const table = satisfaction().locator('hq-figures-table');
    const officeRow = table.locator(`tbody tr[data-row-key="|${CODE}"]`);
    await officeRow.waitFor({ timeout: 15_000 });
    assert.equal((await officeRow.locator('td[data-col="average"]').innerText()).trim(), '4,0');
    assert.equal((await officeRow.locator('td[data-col="responses"]').innerText()).trim(), '2');
    assert.equal((await officeRow.locator('td[data-col="responseRate"]').innerText()).trim(), share(2 / 3));
    assert.equal((await officeRow.locator('td[data-col="highShare"]').innerText()).trim(), share(0.5));

    const byWait = satisfaction().locator('[data-testid=satisfaction-by-wait]');
    await byWait.waitFor();
    assert.equal((await byWait.locator('tr', { hasText: 'menos de 5 min' }).locator('td').last().innerText()).trim(), '5,0');
    assert.equal((await byWait.locator('tr', { hasText: '10 a 15 min' }).locator('td').last().innerText()).trim(), '3,0');
    assert.equal((await byWait.locator('tr', { hasText: '60 min o más' }).locator('td').last().innerText()).trim(), '—');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await satisfaction().screenshot({ path: 'test-artifacts/ratings/hq-satisfaction-1440.png' });

    // The same averages drawn as a line: a canvas, a legend naming the series, and a data
    // table (behind its disclosure) whose cells are the API's numbers, bucket by bucket.
    const chart = satisfaction().locator('hq-chart[data-testid=satisfaction-wait-chart]');
    await chart.locator('canvas').first().waitFor();
    assert.deepEqual(await chart.locator('ul.legend li').allInnerTexts(), ['Promedio (1-5)']);
    assert.match((await chart.locator('[role=img]').getAttribute('aria-label')) ?? '', /^Satisfacción según la espera\. menos de 5 min: 5,0; 10 a 15 min: 3,0$/);
    const res = await api(hq.url, 'GET', `/api/v1/hq/satisfaction?from=${day}&to=${day}&by=office`, { token });
    assert.equal(res.status, 200, res.text);
    const report = res.body as SatisfactionReport;
    await chart.locator('summary').click();
    const chartRows = chart.locator('table tbody tr');
    await chartRows.first().waitFor();
    assert.equal(await chartRows.count(), report.byWait.length);
    const score = new Intl.NumberFormat('es-CO', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    const drawn = await chartRows.locator('td').allInnerTexts();
    assert.deepEqual(
      drawn.map((c) => c.trim()),
      report.byWait.map((b) => (b.average === null ? '—' : score.format(b.average))),
    );
    assert.ok(report.byWait.some((b) => b.average === 5) && report.byWait.some((b) => b.average === 3));
    assert.deepEqual(await seriousA11yViolations(page), []);

    await satisfaction().getByRole('button', { name: 'Asesor' }).click();
    const agentRow = table.locator(`tbody tr[data-row-key="${CODE}|agent-0"]`);
    await agentRow.waitFor({ timeout: 10_000 });
    // agent-0 served t0 and t2, and t0 was rated 5: one response of two served.
    assert.equal((await agentRow.locator('td[data-col="responses"]').innerText()).trim(), '1');
    assert.equal((await agentRow.locator('td[data-col="responseRate"]').innerText()).trim(), share(0.5));
    await satisfaction().getByRole('button', { name: 'Trámite' }).click();
    await table.locator(`tbody tr[data-row-key="${CODE}|A"]`).waitFor({ timeout: 10_000 });
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'ratings-compare', true);
  });
});
