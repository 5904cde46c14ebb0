/**
 * Issue 13's screens in headless Chromium, against a real head office (the bundle, on a
 * throwaway PostgreSQL database) and a real office server linked to it over the live link:
 * the dashboard's network view (each office's link and the configuration it runs), the
 * catalogue, an office's services published from its page and followed until applied; the
 * supervisor board's link panel, calm when connected and a warning when cut off; the office's
 * admin pages showing head office's services read-only, saying where to change them.
 * axe-core on every page, layout checks, screenshots in test-artifacts/.
 * The servers' helpers: hq-link-support.ts.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { QueueSnapshot, ServiceDto, SyncStateDto } from '@turnero/contract/dto';
import type { ConfigSettings } from '@turnero/contract/hq-link';
import { launchChromium, screenshot, seriousA11yViolations } from '../support/browser';
import { login, request } from '../support/http';
import { assertLayout } from '../support/layout';
import type { TestOffice } from '../support/office';
import { startHeadOffice, type RunningHq } from '../hq-dashboard/support';
import { linkScreenHelpers, OFFICE, OFFICE_NAME, WAIT_MS } from './hq-link-support';

let hq: RunningHq;
let office: TestOffice;
let browser: Browser;
let hqToken: string;
let officeToken: string;

const { checkHqScreen, assertCatalogSwatchSize, prepareHeadOffice, hqCall, waitUntil, applied, startLinkedOffice, newPage, signInHq, signInOffice, openAdminTab, networkRow, publishServicesApplied, openOfficeConfigPage } =
  linkScreenHelpers({ hq: () => hq, office: () => office, browser: () => browser, hqToken: () => hqToken, officeToken: () => officeToken });

describe('head-office link screens (Chromium, real head office and office)', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    hq = await startHeadOffice();
    hqToken = await login(hq.url, hq.admin.username, hq.admin.password);
    const prepared = await prepareHeadOffice();
    officeToken = prepared.officeToken;
    office = await startLinkedOffice();
    await applied(prepared.servicesVersion);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await office?.stop();
    office?.cleanup();
    await hq?.stop();
  });

  it('the network view shows the office connected and up to date; its page publishes a new service and follows it until applied', async () => {
    const page = await newPage(`${hq.url}/hq/`);
    await signInHq(page, hq.admin);
    await page.locator('button[data-view="network"]').click();
    await networkRow(page).locator('[data-link="connected"]').waitFor();
    await networkRow(page).locator('[data-config="up_to_date"]').waitFor();
    assert.equal(await page.locator('[data-testid="net-connected"]').innerText(), '1');
    assert.equal(await page.locator('[data-testid="net-behind"]').innerText(), '0');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'hq/network', true);
    await assertLayout(page, 'dashboard-1440x900-network');

    await networkRow(page).locator('td[data-col="officeName"] button').click();
    await page.getByRole('heading', { name: `Configuración de ${OFFICE_NAME}` }).waitFor();
    const recl = page.locator('hq-office-services-form tr[data-code="RECL"]');
    await recl.getByRole('checkbox').check();
    await recl.getByLabel(/Prefijo de Reclamos/).fill('r');
    await page.locator('button[data-action="publish"]').click();
    await page.locator('[data-testid="published"]').filter({ hasText: 'Publicada la versión 2' }).waitFor();
    // The page follows the office until it runs the new version.
    await page.locator('[data-testid="office-config-state"]', { hasText: 'v2 de v2' }).locator('[data-config="up_to_date"]').waitFor({ timeout: WAIT_MS });
    const services = (await request<ServiceDto[]>(office.url, 'GET', '/api/v1/services', { token: office.creds.kioskToken })).body;
    assert.deepEqual(
      services.filter((s) => s.catalogCode).map((s) => [s.catalogCode, s.prefix]).sort(),
      [
        ['FACT', 'A'],
        ['RECL', 'R'],
      ],
    );
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'hq/office-config', true);
    await assertLayout(page, 'dashboard-1440x900-office-config');
    await page.context().close();
  });

  it('the catalogue lists every code; an admin adds one, a manager only reads (no form, no publish button)', async () => {
    const page = await newPage(`${hq.url}/hq/#catalog`);
    await signInHq(page, hq.admin);
    await page.locator('button[data-view="catalog"]').click();
    await page.locator('#catalog tr[data-code="FACT"]').waitFor();
    const add = async (fields: Record<string, string>) => {
      for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
      await page.getByRole('button', { name: 'Agregar', exact: true }).click();
    };
    // Typed in lower case: the form upper-cases codes and prefixes.
    await add({ Código: 'conx', 'Nombre (español)': 'Conexiones', 'Nombre (inglés)': 'Connections', Prefijo: 'c' });
    await page.locator('#catalog tr[data-code="CONX"]').waitFor();
    // The same code twice is refused, and said so.
    await add({ Código: 'CONX', 'Nombre (español)': 'Otra', 'Nombre (inglés)': 'Other', Prefijo: 'X' });
    await page.getByRole('alert').filter({ hasText: 'ya está en el catálogo' }).waitFor();
    await checkHqScreen(page, 'catalog');
    await assertCatalogSwatchSize(page);
    await page.context().close();

    assert.ok(hq.manager, 'the demo head office has a manager');
    const reader = await newPage(`${hq.url}/hq/`);
    await signInHq(reader, hq.manager);
    await reader.locator('button[data-view="catalog"]').click();
    await reader.locator('#catalog tr[data-code="CONX"]').waitFor();
    assert.equal(await reader.locator('hq-catalog-form').count(), 0, 'a manager gets no form to add');
    await reader.locator('button[data-view="network"]').click();
    await networkRow(reader).locator('td[data-col="officeName"] button').click();
    await reader.locator('hq-office-services-form tr[data-code="FACT"]').waitFor();
    assert.equal(await reader.locator('button[data-action="publish"]').count(), 0, 'a manager cannot publish');
    assert.equal(await reader.locator('hq-office-services-form tr[data-code="FACT"]').getByRole('checkbox').isDisabled(), true);
    await reader.context().close();
  });

  it("the office's admin pages show head office's services read-only and say where to change them; local ones stay editable", async () => {
    const page = await openAdminTab('Trámites');
    const central = page.locator('tr[data-row="A"]');
    await central.waitFor();
    assert.equal(await central.getAttribute('data-central'), 'true');
    assert.match(await central.innerText(), /FACT/);
    assert.equal(await central.getByRole('button', { name: 'Desactivar' }).count(), 0, 'a central service is not deactivated here');
    const local = page.locator('tr[data-row="B"]');
    assert.equal(await local.getAttribute('data-central'), 'false');
    assert.equal(await local.getByRole('button', { name: 'Desactivar' }).count(), 1);

    await central.getByRole('button', { name: 'Ver' }).click();
    const note = page.locator('[data-testid="central-note"]');
    await note.waitFor();
    assert.match(await note.innerText(), /Se administra en la casa matriz/);
    for (const field of ['#f-prefix', '#f-nameEs', '#f-targetWaitMinutes', '#f-icon']) {
      assert.equal(await page.locator(field).isDisabled(), true, `${field} is read-only`);
    }
    assert.equal(await page.locator('form button[type=submit]').count(), 0, 'nothing to save on a central service');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'admin-central-service', true);
    await assertLayout(page, 'admin-1280x800-central-service');

    // A local service's form is as before.
    await local.getByRole('button', { name: 'Editar' }).click();
    assert.equal(await page.locator('[data-testid="central-note"]').count(), 0);
    assert.equal(await page.locator('#f-prefix').isDisabled(), false);
    await page.context().close();
  });

  it("a person head office manages is read-only on the office's user page but for their home counter, which the office changes", async () => {
    const created = await hqCall('POST', '/hq/staff', {
      username: 'ana.central',
      displayName: 'Ana Central',
      role: 'agent',
      password: 'una clave larga y segura',
      offices: [OFFICE],
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const adminPassword = office.creds.users.find((u) => u.username === 'admin')!.password;
    const adminToken = await login(office.url, 'admin', adminPassword);
    await waitUntil(
      'ana.central to reach the office',
      async () => (await request<{ username: string; managedBy: string }[]>(office.url, 'GET', '/api/v1/admin/users', { token: adminToken })).body,
      (users) => users.some((u) => u.username === 'ana.central' && u.managedBy === 'hq'),
    );

    const page = await openAdminTab('Usuarios');
    const row = page.locator('tr[data-row="ana.central"]');
    await row.waitFor();
    assert.equal(await row.getAttribute('data-central'), 'true');
    assert.match(await row.innerText(), /Casa matriz/);
    assert.equal(await row.getByRole('button', { name: 'Desactivar' }).count(), 0);
    assert.equal(await row.getByRole('button', { name: 'Cambiar contraseña' }).count(), 0);
    assert.equal(await page.locator('tr[data-row="asesor1"]').getByRole('button', { name: 'Desactivar' }).count(), 1, 'a local user stays the office’s');

    await row.getByRole('button', { name: 'Editar' }).click();
    assert.match(await page.locator('[data-testid="central-note"]').innerText(), /Se administra en la casa matriz/);
    assert.equal(await page.locator('#f-displayName').isDisabled(), true);
    assert.equal(await page.locator('#f-role').isDisabled(), true);
    assert.equal(await page.locator('#f-counterId').isDisabled(), false, 'the home counter is the office’s');
    await page.locator('#f-counterId').selectOption({ label: 'Módulo 2' });
    await page.getByRole('button', { name: 'Guardar' }).click();
    await page.getByRole('status').filter({ hasText: 'Actualizado' }).waitFor();
    const users = (await request<{ username: string; counterId: string | null; displayName: string }[]>(office.url, 'GET', '/api/v1/admin/users', { token: adminToken })).body;
    const ana = users.find((u) => u.username === 'ana.central')!;
    assert.ok(ana.counterId, 'the home counter was saved');
    assert.equal(ana.displayName, 'Ana Central');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'admin-central-user', true);

    // Both kinds of change are in the office's audit: head office's (with its message number) and the admin's.
    await page.getByRole('tab', { name: 'Cambios' }).click();
    const fromHq = page.locator('turnero-admin-audit tr[data-actor="hq"][data-action="service.create"]');
    await fromHq.first().waitFor();
    assert.match(await fromHq.first().innerText(), /Casa matriz \(mensaje n\.º \d+\)\s+Trámite creado: Reclamos/);
    const local = page.locator('turnero-admin-audit tr[data-actor="office"][data-action="user.update"]').first();
    assert.match(await local.innerText(), /Administrador\s+Usuario cambiado: (Ana Central|ana\.central)\s+counterId: — → Módulo 2/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'admin-audit', true);
    await page.context().close();
  });

  it('an office cut off shows as not connected, with a published version pending; "not up to date" finds it; back online it applies it', async () => {
    await office.kill();
    const published = await hqCall<{ version: number }>('PUT', `/hq/offices/${OFFICE}/services`, {
      services: [{ code: 'FACT', prefix: 'A' }, { code: 'RECL', prefix: 'R', targetWaitMinutes: 25 }],
    });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.equal(published.body.version, 3);

    const page = await newPage(`${hq.url}/hq/#network`);
    await signInHq(page, hq.admin);
    await page.locator('button[data-view="network"]').click();
    await networkRow(page).locator('[data-link="disconnected"]').waitFor({ timeout: WAIT_MS });
    const config = networkRow(page).locator('td[data-col="configState"]');
    await config.locator('[data-config="pending"]').waitFor();
    assert.match(await config.innerText(), /v2 de v3/);
    assert.match(await config.innerText(), /sin conexión/);
    assert.equal(await page.locator('[data-testid="net-behind"]').innerText(), '1');
    await page.locator('input[data-filter="behind"]').check();
    assert.equal(await page.locator('hq-figures-table#network tbody tr').count(), 1);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'hq/network-office-down', true);

    office = await startLinkedOffice(office.dataDir);
    await applied(3);
    // The view catches up on its own cadence; asking again (the tab) shows it at once.
    await page.locator('button[data-view="live"]').click();
    await page.locator('button[data-view="network"]').click();
    await page.locator('input[data-filter="behind"]').check();
    await page.getByText('Todas las oficinas están al día.').waitFor({ timeout: WAIT_MS });
    await page.context().close();
  });

  it('a version the office refuses shows as refused with its reason, in Spanish and English, and on a phone', async () => {
    const page = await newPage(`${hq.url}/hq/`);
    await signInHq(page, hq.admin);
    await page.locator('button[data-view="network"]').click();
    await networkRow(page).locator('td[data-col="officeName"] button').click();
    // FACT onto "B", the letter of the office's own (local) "Reclamos y PQR": the office refuses it.
    await page.locator('hq-office-services-form tr[data-code="FACT"]').getByLabel(/Prefijo de Facturación/).fill('b');
    await page.locator('button[data-action="publish"]').click();
    await page.locator('[data-testid="published"]').filter({ hasText: 'Publicada la versión 4' }).waitFor();
    const state = page.locator('[data-testid="office-config-state"]');
    await state.locator('[data-config="refused"]').waitFor({ timeout: WAIT_MS });
    assert.match(await state.innerText(), /aplicada v3 de v4/);
    assert.match(await state.innerText(), /La oficina rechazó la v4: .*Reclamos y PQR/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'hq/office-config-refused', true);

    await page.getByRole('button', { name: 'Volver a la red' }).click();
    await networkRow(page).locator('[data-config="refused"]').waitFor();
    await page.locator('button[data-action="lang"]').click();
    await page.getByRole('heading', { name: 'Each office’s link to head office' }).waitFor();
    assert.match(await networkRow(page).locator('td[data-col="configState"]').innerText(), /Refused\s+applied v3 of v4\s+The office refused v4/);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await page.locator('button[data-action="lang"]').click();
    // The meeting-room mode (large type) keeps the network readable at 1440 wide.
    await page.getByRole('button', { name: 'Modo sala' }).click();
    await networkRow(page).locator('[data-config="refused"]').waitFor();
    await assertLayout(page, 'dashboard-1440x900-network-large', { allowScroll: ['.scroller'] });
    await screenshot(page, 'hq/network-large', true);
    await page.getByRole('button', { name: 'Modo sala' }).click();
    await page.context().close();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-CO', timezoneId: 'America/Bogota', isMobile: true, hasTouch: true });
    const small = await phone.newPage();
    await small.goto(`${hq.url}/hq/`);
    await signInHq(small, hq.admin);
    await small.locator('button[data-view="network"]').click();
    await networkRow(small).locator('[data-config="refused"]').waitFor();
    await assertLayout(small, 'dashboard-390x844-network', { allowScroll: ['.scroller'] });
    await networkRow(small).locator('td[data-col="officeName"] button').click();
    await small.locator('hq-office-services-form tr[data-code="FACT"]').waitFor();
    await assertLayout(small, 'dashboard-390x844-office-config', { allowScroll: ['.scroller'] });
    await screenshot(small, 'hq/office-config-phone', true);
    await phone.close();
  });

  it("an admin sets an office's hours, calendar and kiosk welcome on its page; the office applies them; an untouched save publishes the same own settings", async () => {
    type Config = { version: number; appliedVersion: number; settings: ConfigSettings; ownSettings?: ConfigSettings };
    const config = async () => (await hqCall<Config>('GET', `/hq/offices/${OFFICE}/config`)).body;
    // The refused prefix fixed first (v5), so the office applies what follows.
    await publishServicesApplied();
    const page = await openOfficeConfigPage();
    const form = page.locator('hq-office-settings-form');
    for (const day of ['Lunes', 'Martes', 'Miércoles', 'Jueves', 'Viernes']) await form.getByLabel(day, { exact: true }).fill('08:00-17:00');
    await form.getByLabel('Bienvenida del dispensador (español)').fill('Bienvenidos a la Sede Enlace');
    await form.getByLabel('Bienvenida del dispensador (inglés)').fill('Welcome to Sede Enlace');
    await form.getByLabel('País de los festivos (p. ej. CO)').fill('CO');
    await form.locator('textarea[name="holidays"]').fill('2027-03-19 Fiesta local');
    await form.locator('textarea[name="holidaysWorked"]').fill('2027-01-11');
    const before = await config();
    await form.locator('button[data-action="publish-settings"]').click();
    const version = before.version + 1;
    await page.locator('[data-testid="published"]').filter({ hasText: `Publicada la versión ${version}` }).waitFor();
    await page.locator('[data-testid="office-config-state"]', { hasText: `v${version} de v${version}` }).locator('[data-config="up_to_date"]').waitFor({ timeout: WAIT_MS });

    const published = await config();
    const weekday = [{ open: '08:00', close: '17:00' }];
    assert.deepEqual(published.ownSettings?.openingHours, [[], weekday, weekday, weekday, weekday, weekday, []]);
    assert.deepEqual(published.ownSettings?.holidays, [{ date: '2027-03-19', name: 'Fiesta local' }]);
    assert.deepEqual(published.ownSettings?.holidaysWorked, ['2027-01-11']);
    const resolved = published.settings.holidays ?? [];
    assert.ok(resolved.length > 10, `Colombia's calendar resolved (${resolved.length} days)`);
    // The page shows what head office resolved: the count and the next days.
    assert.match(await form.locator('[data-testid="resolved-holidays"]').innerText(), new RegExp(`${resolved.length} días cerrados`));
    assert.ok((await form.locator('[data-testid="next-holidays"] li').count()) > 0);
    assert.equal(await form.getByLabel('Lunes', { exact: true }).inputValue(), '08:00-17:00');
    assert.equal(await form.getByLabel('Domingo', { exact: true }).inputValue(), '');

    // The office runs them: its snapshot carries the welcome line and the hours.
    const supervisor = await login(office.url, 'supervisor', office.creds.users.find((u) => u.username === 'supervisor')!.password);
    const queue = (await request<QueueSnapshot>(office.url, 'GET', '/api/v1/queue', { token: supervisor })).body;
    assert.equal(queue.office.kioskTexts?.welcomeEs, 'Bienvenidos a la Sede Enlace');
    assert.equal(queue.office.kioskTexts?.welcomeEn, 'Welcome to Sede Enlace');

    // Saving the untouched form publishes the same own settings: the resolved calendar is not copied into the added dates.
    await form.locator('button[data-action="publish-settings"]').click();
    await page.locator('[data-testid="published"]').filter({ hasText: `Publicada la versión ${version + 1}` }).waitFor();
    const again = await config();
    assert.equal(again.version, version + 1);
    assert.deepEqual(again.ownSettings, published.ownSettings);
    assert.deepEqual(again.settings.holidays, published.settings.holidays);
    await applied(version + 1);

    // A bad span shows the server's 400 and publishes nothing.
    await form.getByLabel('Sábado', { exact: true }).fill('12:00-09:00');
    await form.locator('button[data-action="publish-settings"]').click();
    await page.locator('hq-office-config [role="alert"]').filter({ hasText: /close must be after open/ }).waitFor();
    assert.equal((await config()).version, version + 1);
    await checkHqScreen(page, 'office-settings-calendar');
    await page.context().close();

    // A manager reads the same settings and changes nothing.
    const reader = await openOfficeConfigPage(hq.manager!);
    const readOnly = reader.locator('hq-office-settings-form');
    assert.equal(await readOnly.getByLabel('Lunes', { exact: true }).inputValue(), '08:00-17:00');
    assert.equal(await readOnly.getByLabel('Lunes', { exact: true }).isDisabled(), true);
    assert.equal(await readOnly.getByLabel('Bienvenida del dispensador (español)').inputValue(), 'Bienvenidos a la Sede Enlace');
    assert.equal(await readOnly.locator('button[data-action="publish-settings"]').count(), 0);
    await reader.context().close();
  });

  it('the board shows the link calmly while connected, and a warning that the office keeps working when head office is gone', async () => {
    const page = await newPage(`${office.url}/desk/board.html`, 1280, 800);
    await signInOffice(page, 'supervisor');
    const panel = page.locator('[data-testid="hq-link"]');
    await page.locator('[data-testid="hq-link"][data-state="connected"]').waitFor();
    assert.match(await panel.innerText(), /Conectado/);
    assert.match(await page.locator('[data-testid="link-version"]').innerText(), /versión 7/);
    assert.equal(await panel.locator('[role="status"]').count(), 0, 'no warning while connected');
    assert.equal(await page.locator('[data-alert="hq_link_down"]').count(), 0, 'no alert while connected');
    // The displays' message is the office's to change until head office takes it over.
    assert.equal(await page.locator('#ticker').isDisabled(), false);

    // Head office republishes the services (v8), then owns the displays' message (v9).
    await publishServicesApplied();
    // Head office takes over the displays' message from the office's configuration page.
    const hqPage = await openOfficeConfigPage();
    await hqPage.getByLabel('Mensaje de las pantallas').fill('Bienvenidos al Grupo EPM');
    await hqPage.locator('button[data-action="publish-settings"]').click();
    await hqPage.locator('[data-testid="published"]').filter({ hasText: 'Publicada la versión 9' }).waitFor();
    await hqPage.locator('[data-testid="office-config-state"]', { hasText: 'v9 de v9' }).locator('[data-config="up_to_date"]').waitFor({ timeout: WAIT_MS });
    assert.equal(await hqPage.getByLabel('Mensaje de las pantallas').inputValue(), 'Bienvenidos al Grupo EPM');
    await checkHqScreen(hqPage, 'office-settings');
    await hqPage.context().close();
    await page.locator('[data-testid="link-version"]', { hasText: 'versión 9' }).waitFor({ timeout: WAIT_MS });
    await page.locator('[data-testid="ticker-central"]').waitFor({ timeout: WAIT_MS });
    assert.match(await page.locator('[data-testid="ticker-central"]').innerText(), /Se administra en la casa matriz/);
    assert.equal(await page.locator('#ticker').isDisabled(), true, 'the message head office owns is read-only');
    assert.equal(await page.locator('#ticker').inputValue(), 'Bienvenidos al Grupo EPM');
    assert.equal(await page.getByRole('button', { name: 'Publicar mensaje' }).count(), 0);
    // Local controls stay the office's.
    assert.equal(await page.getByRole('button', { name: 'Dejar de entregar turnos' }).isEnabled(), true);
    assert.deepEqual(await seriousA11yViolations(page), []);
    await assertLayout(page, 'board-1280x800-link');
    await screenshot(page, 'board-link-central-ticker', true);

    // Head office goes away: the office reports the link down, the board says what it means.
    const stopping = hq.stop();
    await page.locator('[data-testid="hq-link"]:is([data-state="disconnected"], [data-state="connecting"])').waitFor({ timeout: WAIT_MS });
    await stopping;
    hq = { ...hq, stop: async () => undefined };
    const warning = panel.locator('[role="status"]');
    await page.locator('[data-alert="hq_link_down"]').waitFor();
    assert.match(await warning.innerText(), /sigue atendiendo con la última configuración que aplicó \(versión 9\)/);
    const sync = (await request<SyncStateDto>(office.url, 'GET', '/api/v1/sync', { token: await login(office.url, 'supervisor', office.creds.users.find((u) => u.username === 'supervisor')!.password) })).body;
    assert.equal(sync.link.configVersion, 9);
    assert.notEqual(sync.link.state, 'connected');
    assert.deepEqual(await seriousA11yViolations(page), []);
    await screenshot(page, 'board-link-down', true);
    await assertLayout(page, 'board-1280x800-link-down');
    // The office screen (1920x1080) and English.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await assertLayout(page, 'board-1920x1080-link-down');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Link to head office' }).waitFor();
    assert.match(await warning.innerText(), /keeps serving with the last configuration it applied \(version 9\)/);
    assert.match(await page.locator('[data-alert="hq_link_down"]').innerText(), /No connection to head office/);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.context().close();
  });
});
