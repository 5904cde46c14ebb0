/**
 * The staffing planner in headless Chromium against a real head office (the bundle, as
 * `npm run hq` runs it) holding six weeks of demo history sent through the real ingest
 * path: the counters it shows are the API's, the charts are drawn with their data tables,
 * the what-if shows the waits one counter fewer gives, a past day shows what really came,
 * a Sunday shows nobody, English works, and axe finds nothing serious.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { StaffingResponse } from '@turnero/contract/intelligence';
import { addDays, localDay } from '@turnero/domain/local-day';
import { runDemo } from '../../scripts/demo/run-demo';
import { api } from '../hq/helpers';
import { launchChromium, screenshot, seriousA11yViolations, startHeadOffice, type RunningHq } from '../hq-dashboard/support';
import { assertLayout } from '../support/layout';

const ZONE = 'America/Bogota';

describe('staffing planner (Chromium, real head office)', { timeout: 300_000 }, () => {
  let hq: RunningHq;
  let browser: Browser;
  let page: Page;
  let office: string;
  let plan: StaffingResponse;
  const tomorrow = addDays(localDay(new Date(), ZONE), 1);

  beforeAll(async () => {
    hq = await startHeadOffice();
    const demo = await runDemo({
      url: hq.url,
      credentials: hq.admin,
      offices: 1,
      days: 42,
      seed: 'planner-e2e',
      trafficScale: 0.5,
      concurrency: 1,
      offline: 0,
      now: Date.now(),
    });
    office = demo.offices[0].code;
    const token = (await api(hq.url, 'POST', '/api/v1/auth/login', { body: hq.admin })).body.token;
    plan = StaffingResponse.parse((await api(hq.url, 'POST', `/api/v1/hq/offices/${office}/staffing`, { token, body: { date: tomorrow } })).body);
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: ZONE, locale: 'es-CO' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await hq?.stop();
  });

  const hourRows = () => page.locator('#planner-hours tbody tr');
  const neededByHour = async () =>
    Object.fromEntries(
      await hourRows().evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute('data-hour')), Number(r.querySelector('[data-col="needed"]')!.textContent)])),
    ) as Record<number, number>;

  it("opens on tomorrow's plan: the API's counters per hour, three charts each with its data table", async () => {
    await page.goto(`${hq.url}/hq/`);
    await page.getByLabel('Usuario').fill(hq.admin.username);
    await page.getByLabel('Contraseña').fill(hq.admin.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.getByRole('button', { name: 'Planificación' }).click();
    await hourRows().first().waitFor();
    assert.equal(await page.getByLabel('Día', { exact: true }).inputValue(), tomorrow);

    const expected: Record<number, number> = {};
    for (const h of plan.hours) {
      const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone: ZONE, hour: '2-digit', hourCycle: 'h23' }).format(new Date(h.start)));
      if (h.arrivals > 0) expected[hour] = h.countersNeeded;
    }
    assert.ok(Object.keys(expected).length >= 8, 'the office is open tomorrow');
    assert.deepEqual(await neededByHour(), expected);

    for (const id of ['planner-arrivals', 'planner-counters', 'planner-waits']) {
      const chart = page.locator(`hq-chart#${id}`);
      await chart.locator('canvas').first().waitFor();
      await chart.getByText('Ver los datos en una tabla').click();
      await chart.locator('tbody tr').first().waitFor(); // the table renders on the next update
      assert.equal(await chart.locator('tbody tr').count(), Object.keys(expected).length, `${id}: one table row per hour`);
    }
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'planner', true);
    await assertLayout(page, 'dashboard-1440x900-planning-plan');
  });

  it('on a phone (390x844) the plan fits: only its tables scroll sideways, axe finds nothing serious', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: ZONE, locale: 'es-CO', isMobile: true, hasTouch: true });
    const phone = await context.newPage();
    await phone.goto(`${hq.url}/hq/`);
    await phone.getByLabel('Usuario').fill(hq.admin.username);
    await phone.getByLabel('Contraseña').fill(hq.admin.password);
    await phone.getByRole('button', { name: 'Ingresar' }).click();
    await phone.getByRole('button', { name: 'Planificación' }).click();
    await phone.locator('#planner-hours tbody tr').first().waitFor();
    await phone.locator('hq-chart#planner-waits canvas').first().waitFor();
    await assertLayout(phone, 'dashboard-390x844-planning-plan', { allowScroll: ['.scroller'] });
    assert.deepEqual(await seriousA11yViolations(phone), []);
    await context.close();
  });

  it('what-if: one counter fewer at the busiest hour shows a longer p90 there and the share below target', async () => {
    const needed = await neededByHour();
    const peak = Number(Object.entries(needed).sort((a, b) => b[1] - a[1])[0][0]);
    const row = page.locator(`#planner-hours tbody tr[data-hour="${peak}"]`);
    const p90Before = await row.locator('[data-col="p90"]').innerText();
    await row.getByRole('spinbutton').fill(String(needed[peak] - 1));
    await page.getByRole('button', { name: 'Simular con estos módulos' }).click();
    await row.locator('[data-col="within"].short').waitFor();
    const p90After = await row.locator('[data-col="p90"]').innerText();
    assert.ok(parseFloat(p90After.replace(',', '.')) > parseFloat(p90Before.replace(',', '.')), `p90 ${p90Before} -> ${p90After}`);
    await page.locator('hq-chart#planner-counters ul.legend').getByText('Su plan de módulos').waitFor();

    await page.getByRole('button', { name: 'Volver a los necesarios' }).click();
    await page.locator('#planner-hours [data-col="within"].short').waitFor({ state: 'detached' });
  });

  it('a past weekday shows what really came beside the forecast; a Sunday expects nobody', async () => {
    let past = addDays(localDay(new Date(), ZONE), -7);
    if (new Date(`${past}T12:00:00Z`).getUTCDay() === 0) past = addDays(past, -1);
    await page.getByLabel('Día', { exact: true }).fill(past);
    await page.getByLabel('Día', { exact: true }).dispatchEvent('change');
    await page.locator('hq-chart#planner-arrivals ul.legend').getByText('Llegadas reales').waitFor();

    let sunday = tomorrow;
    while (new Date(`${sunday}T12:00:00Z`).getUTCDay() !== 0) sunday = addDays(sunday, 1);
    await page.getByLabel('Día', { exact: true }).fill(sunday);
    await page.getByLabel('Día', { exact: true }).dispatchEvent('change');
    await page.getByTestId('planner-empty').waitFor();
  });

  it('speaks English too', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Counter planning' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
  });
});
