/**
 * Head office's calendar and texts reach a real office: head office computes Colombia's
 * public holidays (Reyes moved to Monday 2027-01-11), adds an admin's date and leaves out
 * one the office works; its company template sets the opening hours and kiosk and display
 * texts. The office, on an injected clock in its own time zone, refuses a ticket on the
 * holiday and at 19:00 saying when it opens next, and issues at 10:00 on a working day.
 * Head office in a child process on a test PostgreSQL; the office in this process.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ServiceDto, TicketDto } from '@turnero/contract/dto';
import { OfficeConfigResponse, type WeekHours } from '@turnero/contract/hq-link';
import { officeDto } from '../../server/src/office/presenter';
import { loadOffice } from '../../server/src/office/store/office-store';
import { api, createTestDatabase, freePort, type TestDatabase } from '../hq/helpers';
import { expectStatus } from '../office/helpers';
import { waitUntil } from '../printing/support';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, type InProcessOffice } from '../support/office';
import { hqLogin, officeServices, officeSync, startHq, type HqProcess } from './helpers';

const CODE = 'LNK-CAL';
const COMPANY = 'CHEC';
/** Monday to Friday 08:00-12:00 and 13:00-17:00, Saturday 08:00-12:00 (office-local, Bogotá UTC-5). */
const day = [{ open: '08:00', close: '12:00' }, { open: '13:00', close: '17:00' }];
const HOURS: WeekHours = [[], day, day, day, day, day, [{ open: '08:00', close: '12:00' }]];

let testDb: TestDatabase;
let hq: HqProcess;
let admin: string;
let office: InProcessOffice;
let supervisor: string;
let fact: ServiceDto;
/** The office's clock: Monday 2027-01-11 10:00 in Bogotá, Reyes (a holiday). */
const clock = new FakeClock(new Date('2027-01-11T15:00:00Z'));

const hqApi = (method: string, path: string, body?: unknown) => api(hq.url, method, path, { token: admin, body });
const hqConfig = async () => OfficeConfigResponse.parse((await hqApi('GET', `/api/v1/hq/offices/${CODE}/config`)).body);
const issue = () =>
  request<TicketDto & { error?: { code: string; message: string; details?: { nextOpenAt: string | null; holiday: string | null } } }>(
    office.url,
    'POST',
    '/api/v1/tickets',
    { token: office.creds.kioskToken, body: { serviceId: fact.id, category: 'general', print: false } },
  );

beforeAll(async () => {
  testDb = await createTestDatabase('link_calendar');
  hq = await startHq(testDb.url, await freePort());
  admin = await hqLogin(hq.url);
  expectStatus(await hqApi('POST', '/api/v1/hq/catalog/services', { code: 'FACT', nameEs: 'Facturación', nameEn: 'Billing', prefix: 'F', targetWaitMinutes: 15 }), 201, 'catalogue');
  const token = expectStatus(await hqApi('POST', '/api/v1/hq/offices', { code: CODE, name: 'Oficina Manizales', company: COMPANY }), 201, 'office').body.token as string;
  const template = {
    settings: {
      openingHours: HOURS,
      holidayCountry: 'CO',
      kioskWelcomeEs: 'Bienvenido a CHEC',
      kioskWelcomeEn: 'Welcome to CHEC',
      consentTextEs: 'Autorizo a CHEC a tratar mis datos según su política.',
      consentTextEn: 'I authorise CHEC to process my data under its policy.',
      consentPolicyVersion: '2027-01',
      announcementLanguage: 'en',
      announcementVoice: 'Paulina',
      ticketLogo: 'CHEC · Grupo EPM',
    },
  };
  expectStatus(await hqApi('PUT', `/api/v1/hq/templates/company/${COMPANY}`, template), 200, 'template');
  const own = { settings: { holidays: [{ date: '2027-01-20', name: 'Aniversario de Manizales' }], holidaysWorked: ['2027-03-22'] } };
  expectStatus(await hqApi('PUT', `/api/v1/hq/offices/${CODE}/settings`, own), 200, 'office settings');
  expectStatus(await hqApi('PUT', `/api/v1/hq/offices/${CODE}/services`, { services: [{ code: 'FACT' }] }), 200, 'services');

  office = await startInProcessOffice({ clock, env: { OFFICE_CODE: CODE, HQ_URL: hq.url, HQ_TOKEN: token } });
  const user = office.creds.users.find((u) => u.role === 'supervisor')!;
  supervisor = await login(office.url, user.username, user.password);
  const { version } = await hqConfig();
  await waitUntil(`the office to run configuration ${version}`, async () => ((await officeSync(office.url, supervisor)).link.configVersion >= version ? true : undefined));
  fact = (await officeServices(office.url, office.creds.kioskToken)).find((s) => s.catalogCode === 'FACT')!;
}, 120_000);

afterAll(async () => {
  await office?.stop();
  await hq?.stop();
  await testDb?.drop();
});

describe('opening hours, holidays and texts from head office', () => {
  test("head office publishes Colombia's holidays for the coming months, plus the office's own date, minus the one it works", async () => {
    const { settings } = await hqConfig();
    expect(settings.holidayCountry).toBe('CO');
    expect(settings.holidays).toContainEqual({ date: '2027-01-11', name: 'Día de los Reyes Magos' });
    expect(settings.holidays).toContainEqual({ date: '2027-01-20', name: 'Aniversario de Manizales' });
    expect(settings.holidays!.map((h) => h.date)).not.toContain('2027-03-22'); // San José, worked here
    expect(settings.holidays!.map((h) => h.date)).toContain('2027-03-25'); // Jueves Santo
    expect(settings).not.toHaveProperty('holidaysWorked');
    expect(settings.openingHours).toEqual(HOURS);
    // What an edit form starts from: the office's own inputs, not the resolved calendar.
    expect((await hqConfig()).ownSettings).toEqual({ holidays: [{ date: '2027-01-20', name: 'Aniversario de Manizales' }], holidaysWorked: ['2027-03-22'] });
  });

  test('the office runs the calendar and texts it applied; its snapshot carries the kiosk and display texts', async () => {
    const dto = officeDto(await office.server.deps.bus.read(loadOffice));
    expect(dto.kioskTexts).toEqual({
      welcomeEs: 'Bienvenido a CHEC',
      welcomeEn: 'Welcome to CHEC',
      consentEs: 'Autorizo a CHEC a tratar mis datos según su política.',
      consentEn: 'I authorise CHEC to process my data under its policy.',
      consentPolicyVersion: '2027-01',
    });
    expect(dto.announcement).toEqual({ language: 'en', voice: 'Paulina' });
    const sync = await officeSync(office.url, supervisor);
    expect(sync.link.hqSettings).toEqual(expect.arrayContaining(['openingHours', 'holidays', 'kioskWelcomeEs', 'announcementLanguage', 'ticketLogo']));
  });

  test('on a holiday within opening hours the office refuses a ticket, naming the holiday and the next opening', async () => {
    clock.set('2027-01-11T15:00:00Z'); // Monday 10:00, Reyes
    const r = await issue();
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'office_closed', details: { holiday: 'Día de los Reyes Magos', nextOpenAt: '2027-01-12T13:00:00.000Z' } });
    expect(r.body.error!.message).toBe('Hoy es festivo (Día de los Reyes Magos). Abre el martes 12 de enero a las 08:00.');
  });

  test('at 19:00 the office refuses a ticket and says it opens the next morning', async () => {
    clock.set('2027-01-13T00:00:00Z'); // Tuesday 19:00 in Bogotá (already Wednesday in UTC)
    const r = await issue();
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'office_closed', details: { holiday: null, nextOpenAt: '2027-01-13T13:00:00.000Z' } });
    expect(r.body.error!.message).toBe('La oficina está cerrada en este horario. Abre el miércoles 13 de enero a las 08:00.');
  });

  test('at 10:00 on a working day the office issues', async () => {
    clock.set('2027-01-13T15:00:00Z'); // Wednesday 10:00
    const ticket = expectStatus(await issue(), 201, 'issue at 10:00').body;
    expect(ticket.code).toMatch(/^F-0*1$/);
  });

  test("the supervisor's closing still works on top of the hours", async () => {
    const user = office.creds.users.find((u) => u.role === 'supervisor')!;
    supervisor = await login(office.url, user.username, user.password); // the clock moved past the first session
    expectStatus(await request(office.url, 'PATCH', '/api/v1/office', { token: supervisor, body: { acceptingTickets: false } }), 200, 'close');
    const r = await issue();
    expect(r.status).toBe(409);
    expect(r.body.error!.message).toBe('La oficina no está recibiendo turnos en este momento');
    expectStatus(await request(office.url, 'PATCH', '/api/v1/office', { token: supervisor, body: { acceptingTickets: true } }), 200, 'reopen');
  });

  test('a country without a holiday calendar, or hours that close before they open or miss days, are refused and publish nothing', async () => {
    const before = (await hqConfig()).version;
    const r = await hqApi('PUT', `/api/v1/hq/offices/${CODE}/settings`, { settings: { holidayCountry: 'XX' } });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect((await hqConfig()).version).toBe(before);
    const backwards = [[{ open: '18:00', close: '08:00' }], [], [], [], [], [], []];
    expect((await hqApi('PUT', `/api/v1/hq/offices/${CODE}/settings`, { settings: { openingHours: backwards } })).status).toBe(400);
    expect((await hqApi('PUT', `/api/v1/hq/offices/${CODE}/settings`, { settings: { openingHours: [[]] } })).status).toBe(400);
    expect((await hqConfig()).version).toBe(before);
  });

  test('a data-protection text changed without a new version is refused by the office, which keeps the text it showed', async () => {
    const r = await hqApi('PUT', `/api/v1/hq/offices/${CODE}/settings`, { settings: { consentTextEs: 'Otro texto de autorización.' } });
    const version = expectStatus(r, 200, 'settings').body.version as number;
    const config = await waitUntil(`the office to refuse v${version}`, async () => {
      const c = await hqConfig();
      return c.refused?.version === version ? c : undefined;
    });
    expect(config.refused!.reason).toMatch(/version stays 2027-01/);
    expect(officeDto(await office.server.deps.bus.read(loadOffice)).kioskTexts?.consentEs).toBe('Autorizo a CHEC a tratar mis datos según su política.');
  });
});
