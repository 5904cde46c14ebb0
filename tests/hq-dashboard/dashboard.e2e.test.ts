/**
 * The head-office dashboard in headless Chromium against a real head office (the bundle,
 * as `npm run hq` runs it) on a throwaway PostgreSQL database, filled through the real
 * ingest path by the demo simulator: sign-in, the comparison with the right numbers,
 * sorting (mouse and keyboard), drill-down office -> service -> hour, CSV export, the live
 * view, English and the meeting-room mode, and axe-core finding nothing serious.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildDemoOffices, type DemoOffice } from '../../server/src/demo/offices';
import { runDemo } from '../../scripts/demo/run-demo';
import { expectedFigures, lastOfficeMorning, type OfficeExpectation } from './expected';
import { launchChromium, screenshot, seriousA11yViolations, startHeadOffice, type RunningHq } from './support';
import { assertLayout } from '../support/layout';

const OFFICES = 6;
const DAYS = 3;
const SEED = 'dashboard-e2e';
const SCALE = 0.5;

const count = (n: number) => new Intl.NumberFormat('es-CO').format(n);
const share = (part: number, whole: number) =>
  new Intl.NumberFormat('es-CO', { style: 'percent', maximumFractionDigits: 1 }).format(part / whole);

describe('head-office dashboard (Chromium, real head office)', { timeout: 240_000 }, () => {
  let hq: RunningHq;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let offices: DemoOffice[];
  const expected = new Map<string, OfficeExpectation>();

  beforeAll(async () => {
    hq = await startHeadOffice();
    // "Now" is an office morning, so the last day has people waiting and figures are stable.
    const now = lastOfficeMorning(Date.now());
    offices = buildDemoOffices(OFFICES, SEED);
    await runDemo({ url: hq.url, credentials: hq.admin, offices: OFFICES, days: DAYS, seed: SEED, trafficScale: SCALE, concurrency: 2, offline: 1, now });
    for (const o of offices) expected.set(o.code, expectedFigures(o, DAYS, SEED, now, SCALE));
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, timezoneId: 'America/Bogota', locale: 'es-CO', acceptDownloads: true });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await hq?.stop();
  });

  const officeRows = () => page.locator('hq-figures-table#offices tbody tr');
  const rowKeys = async (table: string) => page.locator(`hq-figures-table#${table} tbody tr`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));
  const cell = (table: string, key: string, col: string) => page.locator(`hq-figures-table#${table} tbody tr[data-row-key="${key}"] td[data-col="${col}"]`);

  it('signs in and shows every office with the figures computed from its events', async () => {
    await page.goto(`${hq.url}/hq/`);
    await page.getByLabel('Usuario').fill(hq.admin.username);
    await page.getByLabel('Contraseña').fill('wrong password');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.getByRole('alert').filter({ hasText: 'incorrectos' }).waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'login');

    await page.getByLabel('Contraseña').fill(hq.admin.password);
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await officeRows().nth(OFFICES - 1).waitFor();
    assert.equal(await officeRows().count(), OFFICES);
    assert.ok(await page.evaluate(() => Boolean(sessionStorage.getItem('turnero.staffToken'))), 'token kept in sessionStorage');

    for (const office of offices) {
      const e = expected.get(office.code)!.total;
      assert.equal(await cell('offices', office.code, 'officeName').innerText(), office.name);
      assert.equal(await cell('offices', office.code, 'issued').innerText(), count(e.issued), `${office.code} issued`);
      assert.equal(await cell('offices', office.code, 'served').innerText(), count(e.served), `${office.code} served`);
      assert.equal(await cell('offices', office.code, 'withinTargetShare').innerText(), share(e.withinTarget, e.waits), `${office.code} within target`);
      assert.match(await cell('offices', office.code, 'waitP90Seconds').innerText(), /min/);
    }
    await page.locator('hq-wait-chart canvas').first().waitFor();
    await screenshot(page, 'compare', true);
    // At 1440 wide every column of the comparison shows without a sideways scroll.
    await assertLayout(page, 'dashboard-1440x900-compare');
  });

  it('shows a hidden column once chosen under "Columnas", sorts by it, remembers it, and still fits at 1440', async () => {
    const header = page.locator('hq-figures-table#offices button[data-sort-key="satisfactionResponses"]');
    assert.equal(await header.count(), 0, 'satisfaction is not in the default set');
    const toggle = page.getByRole('button', { name: 'Columnas', exact: true });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    await page.getByRole('group', { name: 'Columnas de la comparación' }).waitFor();
    assert.equal(await page.getByRole('checkbox', { name: 'Autogestión (transacciones)' }).isChecked(), false);
    await page.getByRole('checkbox', { name: 'Satisfacción (respuestas)' }).check();
    await header.waitFor();
    await header.click();
    assert.equal(await page.locator('hq-figures-table#offices th:has(button[data-sort-key="satisfactionResponses"])').getAttribute('aria-sort'), 'descending');
    assert.equal(await officeRows().count(), OFFICES);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'compare-columns', true);
    await assertLayout(page, 'dashboard-1440x900-compare-columns');

    // The choice survives a reload (kept in this browser).
    await page.reload();
    await officeRows().nth(OFFICES - 1).waitFor();
    assert.equal(await header.count(), 1, 'the chosen column is still shown after a reload');
    await page.getByRole('button', { name: 'Columnas', exact: true }).click();
    await page.getByRole('button', { name: 'Columnas predeterminadas' }).click();
    await header.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Columnas', exact: true }).click();
  });

  it('sorts by a column with the mouse and with the keyboard, and says so to screen readers', async () => {
    const byIssued = [...offices].sort((a, b) => expected.get(b.code)!.total.issued - expected.get(a.code)!.total.issued).map((o) => o.code);
    const header = page.locator('hq-figures-table#offices th:has(button[data-sort-key="issued"])');
    await header.locator('button').click();
    assert.deepEqual(await rowKeys('offices'), byIssued);
    assert.equal(await header.getAttribute('aria-sort'), 'descending');

    await header.locator('button').focus();
    await page.keyboard.press('Enter');
    assert.deepEqual(await rowKeys('offices'), [...byIssued].reverse());
    assert.equal(await header.getAttribute('aria-sort'), 'ascending');

    const byName = [...offices].sort((a, b) => a.name.localeCompare(b.name, 'es-CO')).map((o) => o.code);
    await page.locator('hq-figures-table#offices button[data-sort-key="officeName"]').click();
    assert.deepEqual(await rowKeys('offices'), byName);
  });

  it('drills down from an office to its services and to one service by hour', async () => {
    const office = offices[0];
    const e = expected.get(office.code)!;
    await cell('offices', office.code, 'officeName').getByRole('button').click();
    const services = page.locator('hq-figures-table#services tbody tr');
    await services.first().waitFor();
    assert.deepEqual(new Set(await rowKeys('services')), new Set(e.byService.keys()));
    for (const [code, tally] of e.byService) {
      assert.equal(await cell('services', code, 'issued').innerText(), count(tally.issued), `service ${code} issued`);
    }
    await page.locator('hq-wait-histogram canvas').first().waitFor();
    await screenshot(page, 'drilldown-services', true);
    // The chart now shows the office drilled into, not the offices ticked before.
    await page.waitForFunction(
      (code) => {
        const chart = document.querySelector('hq-app')?.shadowRoot?.querySelector('hq-compare-view')?.shadowRoot?.querySelector('hq-wait-chart');
        const legend = chart?.shadowRoot?.querySelector('hq-chart')?.shadowRoot?.querySelectorAll('li[data-key]') ?? [];
        const shown = [...new Set([...legend].map((li) => li.getAttribute('data-key')))];
        return shown.length === 1 && shown[0] === code;
      },
      office.code,
      { timeout: 10_000 },
    ).catch(async () => {
      const shown = [...new Set(await page.locator('hq-wait-chart li[data-key]').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-key'))))];
      assert.deepEqual(shown, [office.code], 'the chart shows only the office drilled into');
    });
    // No chart label is clipped, and the tallest bar of the histogram is drawn whole: the top
    // of its scale is above the highest share (uPlot cuts whatever falls outside the plot).
    await assertLayout(page, 'dashboard-1440x900-drilldown');
    const histogram = await page.locator('hq-wait-histogram hq-chart').evaluate((el) => {
      const plot = (el as unknown as { plot: { data: (number | null)[][]; scales: { y: { max: number } } } }).plot;
      return { top: plot.scales.y.max, tallest: Math.max(...plot.data[1].map((v) => v ?? 0)) };
    });
    assert.ok(histogram.tallest > 0 && histogram.top > histogram.tallest, `the histogram's scale ends at ${histogram.top} %, above its tallest bar (${histogram.tallest} %)`);

    const serviceCode = [...e.byService.entries()].sort((a, b) => b[1].issued - a[1].issued)[0][0];
    await cell('services', serviceCode, 'serviceName').getByRole('button').click();
    await page.locator('hq-figures-table#hours tbody tr').first().waitFor();
    const hours = [...e.byServiceHour.entries()].filter(([k]) => k.startsWith(`${serviceCode}:`));
    assert.deepEqual(new Set(await rowKeys('hours')), new Set(hours.map(([k]) => k.split(':')[1])));
    for (const [k, tally] of hours) {
      assert.equal(await cell('hours', k.split(':')[1], 'issued').innerText(), count(tally.issued), `hour ${k} issued`);
    }
    const heading = await page.locator('hq-drilldown h2').innerText();
    assert.match(heading, new RegExp(office.name));
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'drilldown-hours', true);

    // The breadcrumb goes back to the services.
    await page.locator('hq-drilldown nav').getByRole('button', { name: office.name }).click();
    await page.locator('hq-figures-table#services tbody tr').first().waitFor();
  });

  it('exports the comparison as a CSV file', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-action="csv"]').click()]);
    assert.match(download.suggestedFilename(), /^turnero-oficinas_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const lines = text.trim().split('\r\n');
    assert.equal(lines.length, OFFICES + 1);
    assert.match(lines[0], /^officeCode,Oficina,Empresa,Región,Emitidos,Atendidos/);
    for (const office of offices) {
      const line = lines.find((l) => l.startsWith(`${office.code},`));
      assert.ok(line, `${office.code} in the CSV`);
      assert.equal(line.split(',')[4], String(expected.get(office.code)!.total.issued));
    }
  });

  it('filters by company', async () => {
    const company = offices[0].company;
    await page.getByLabel('Empresa').selectOption(company);
    await page.waitForFunction(
      (n) => document.querySelector('hq-app')?.shadowRoot?.querySelector('hq-compare-view')?.shadowRoot?.querySelectorAll('hq-figures-table#offices')[0]?.shadowRoot?.querySelectorAll('tbody tr').length === n,
      offices.filter((o) => o.company === company).length,
    );
    assert.deepEqual(new Set(await rowKeys('offices')), new Set(offices.filter((o) => o.company === company).map((o) => o.code)));
    await page.getByLabel('Empresa').selectOption('');
    await officeRows().nth(OFFICES - 1).waitFor();
  });

  it('shows the live view of all offices', async () => {
    await page.locator('button[data-view="live"]').click();
    await page.locator('hq-figures-table#live tbody tr').nth(OFFICES - 1).waitFor();
    assert.deepEqual(new Set(await rowKeys('live')), new Set(offices.map((o) => o.code)));
    assert.match(await page.locator('[data-testid="live-waiting"]').innerText(), /^\d/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'live', true);
    await assertLayout(page, 'dashboard-1440x900-live');

    // A live row opens that office's drill-down.
    const office = offices[1];
    await page.locator(`hq-figures-table#live tbody tr[data-row-key="${office.code}"] td[data-col="officeName"]`).getByRole('button').click();
    await page.locator('hq-drilldown h2', { hasText: office.name }).waitFor({ timeout: 10_000 });
    await page.locator('hq-figures-table#services tbody tr').first().waitFor();
    await page.locator('hq-drilldown').getByRole('button', { name: 'Cerrar' }).first().click();
  });

  it('switches to English and to the meeting-room mode', async () => {
    await page.locator('button[data-view="compare"]').click();
    await page.locator('button[data-action="lang"]').click();
    await page.getByRole('heading', { name: 'Office comparison' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en-US');
    await page.getByRole('button', { name: 'Meeting-room mode' }).click();
    assert.equal(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize), '24px');
    await officeRows().first().waitFor();
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'compare-large-en');
    await page.getByRole('button', { name: 'Meeting-room mode' }).click();
    await page.locator('button[data-action="lang"]').click();
  });

  it('on a phone (390x844) nothing overlaps or breaks inside a word; only the wide tables scroll sideways', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, timezoneId: 'America/Bogota', locale: 'es-CO', isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await small.goto(`${hq.url}/hq/`);
    await small.getByLabel('Usuario').fill(hq.admin.username);
    await small.getByLabel('Contraseña').fill(hq.admin.password);
    await small.getByRole('button', { name: 'Ingresar' }).click();
    await small.locator('hq-figures-table#offices tbody tr').nth(OFFICES - 1).waitFor();
    await small.locator('hq-wait-chart canvas').first().waitFor();
    await assertLayout(small, 'dashboard-390x844-compare', { allowScroll: ['.scroller'] });
    await small.locator('button[data-view="live"]').click();
    await small.locator('hq-figures-table#live tbody tr').nth(OFFICES - 1).waitFor();
    await assertLayout(small, 'dashboard-390x844-live', { allowScroll: ['.scroller'] });
    assert.deepEqual(await seriousA11yViolations(small), []);
    await phone.close();
  });

  for (const size of [
    { width: 1440, height: 900 },
    { width: 390, height: 844 },
  ]) {
    const name = `${size.width}x${size.height}`;
    it(`at ${name}, sign-in, satisfaction, drill-down, catalogue and planning fit, and axe finds nothing serious`, async () => {
      const phone = size.width < 800;
      const screen = await browser.newContext({ viewport: size, timezoneId: 'America/Bogota', locale: 'es-CO', isMobile: phone, hasTouch: phone });
      const view = await screen.newPage();
      // On a phone the wide tables scroll sideways inside their own box, nothing else does.
      const check = async (state: string) => {
        await assertLayout(view, `dashboard-${name}-${state}`, { allowScroll: phone ? ['.scroller'] : [] });
        assert.deepEqual(await seriousA11yViolations(view), [], `${state} at ${name}`);
      };
      await view.goto(`${hq.url}/hq/`);
      await view.getByLabel('Usuario').waitFor();
      await check('sign-in');
      await view.getByLabel('Usuario').fill(hq.admin.username);
      await view.getByLabel('Contraseña').fill(hq.admin.password);
      await view.getByRole('button', { name: 'Ingresar' }).click();
      await view.locator('hq-figures-table#offices tbody tr').nth(OFFICES - 1).waitFor();

      await view.locator('hq-satisfaction-view [data-testid=satisfaction-table]').waitFor();
      await view.locator('hq-satisfaction-view h2').scrollIntoViewIfNeeded();
      await check('satisfaction');

      const office = offices[2];
      await view.locator(`hq-figures-table#offices tbody tr[data-row-key="${office.code}"] td[data-col="officeName"]`).getByRole('button').click();
      await view.locator('hq-figures-table#services tbody tr').first().waitFor();
      await view.locator('hq-wait-histogram canvas').first().waitFor();
      await view.locator('hq-drilldown h2').scrollIntoViewIfNeeded();
      await check('drilldown-services');
      await view.locator('hq-drilldown').getByRole('button', { name: 'Cerrar' }).first().click();

      await view.locator('button[data-view="catalog"]').click();
      await view.locator('hq-catalog-view table#catalog').or(view.getByText('El catálogo está vacío.')).first().waitFor();
      await check('catalog');

      await view.locator('button[data-view="planner"]').click();
      await view.locator('#planner-hours tbody tr, [data-testid=planner-empty]').first().waitFor({ timeout: 30_000 });
      // Three days of history are too few for a forecast: the planner says so (the plan
      // itself is checked at both sizes in tests/intelligence/staffing-planner.e2e.test.ts).
      await check('planning-empty');
      await screen.close();
    });
  }
});
