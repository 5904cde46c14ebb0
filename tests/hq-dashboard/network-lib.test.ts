import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { CatalogService, ConfigSettings, HqLinkStatus } from '@turnero/contract/hq-link';
import { configStateOf, isBehind, linkRowOf } from '../../hq/src/lib/link-status';
import { offeredServicesBody } from '../../hq/src/lib/offered-services';
import { CALENDAR_FIELDS, dayHoursText, editableSettings, fieldValue, SETTING_FIELDS, settingsFromFields, spansFromText, upcomingHolidays } from '../../hq/src/lib/office-settings';

const link = (over: Partial<HqLinkStatus>): HqLinkStatus => ({
  connected: true,
  lastSeenAt: '2026-11-30T15:00:00.000Z',
  appliedSeq: 4,
  currentVersion: 3,
  appliedVersion: 3,
  refused: null,
  ...over,
});

describe("an office's configuration state", () => {
  it('is up to date once the office applied the newest version, and "none" before any publish', () => {
    assert.equal(configStateOf(link({})), 'up_to_date');
    assert.equal(configStateOf(link({ currentVersion: 0, appliedVersion: 0 })), 'none');
    assert.equal(configStateOf(null), 'none');
  });

  it('is pending while the office runs an older version, online or not', () => {
    assert.equal(configStateOf(link({ currentVersion: 4 })), 'pending');
    assert.equal(configStateOf(link({ currentVersion: 4, connected: false })), 'pending');
  });

  it('is refused only when the refusal is newer than what the office runs', () => {
    assert.equal(configStateOf(link({ currentVersion: 4, refused: { version: 4, reason: 'prefix A in use' } })), 'refused');
    // An old refusal, since superseded by an applied version, is history.
    assert.equal(configStateOf(link({ currentVersion: 5, appliedVersion: 4, refused: { version: 3, reason: 'old' } })), 'pending');
  });

  it('counts pending and refused offices as behind, never up-to-date or unconfigured ones', () => {
    assert.deepEqual((['none', 'up_to_date', 'pending', 'refused'] as const).map(isBehind), [false, false, true, true]);
  });

  it('flattens an office row, and says nothing is known when head office did not report the link', () => {
    const office = { code: 'MED-01', name: 'Centro', company: 'EPM', region: 'Antioquia' };
    assert.deepEqual(linkRowOf({ ...office, link: link({ connected: false, currentVersion: 2, appliedVersion: 1 }) }), {
      officeCode: 'MED-01',
      officeName: 'Centro',
      company: 'EPM',
      region: 'Antioquia',
      link: link({ connected: false, currentVersion: 2, appliedVersion: 1 }),
      connected: false,
      lastSeenAt: '2026-11-30T15:00:00.000Z',
      configState: 'pending',
    });
    const unknown = linkRowOf(office);
    assert.equal(unknown.link, null);
    assert.equal(unknown.configState, 'none');
  });
});

describe("the office's offered services as published", () => {
  const catalog: CatalogService[] = ['FACT', 'RECL', 'CONX'].map((code, i) => ({
    code,
    nameEs: code,
    nameEn: code,
    prefix: 'ABC'[i],
    targetWaitMinutes: 15,
    color: '#0057b8',
    icon: 'ticket',
  }));

  it('lists the ticked services in catalogue order, with a local prefix or target only when typed', () => {
    const fields: Record<string, string> = { 'prefix-CONX': ' x ', 'target-CONX': '20', 'prefix-FACT': '', 'target-FACT': '' };
    const body = offeredServicesBody(catalog, (name) => fields[name] ?? '', ['CONX', 'FACT']);
    assert.deepEqual(body, { services: [{ code: 'FACT' }, { code: 'CONX', prefix: 'X', targetWaitMinutes: 20 }] });
  });

  it('publishes an empty list when nothing is ticked (the office offers no central service)', () => {
    assert.deepEqual(offeredServicesBody(catalog, () => '', []), { services: [] });
  });
});

describe('the settings head office owns at an office, from the editor', () => {
  it('takes the filled fields and leaves the empty ones to the office', () => {
    const fields: Record<string, string> = { ticker: ' Bienvenidos ', preferentialPerGeneral: '3', overdueFirst: 'no', ticketFooter: '', consentPolicyVersion: '', ticketLogo: 'epm' };
    const current = { ticketFooter: 'old footer', ticketLogo: 'epm' } as ConfigSettings;
    assert.deepEqual(settingsFromFields(current, (name) => fields[name] ?? ''), {
      ticketLogo: 'epm',
      ticker: 'Bienvenidos',
      preferentialPerGeneral: 3,
      overdueFirst: false,
    });
  });

  it('shows each owned value in its field, and nothing for what the office decides', () => {
    const settings = { overdueFirst: true, preferentialPerGeneral: 0 } as ConfigSettings;
    assert.deepEqual(
      SETTING_FIELDS.slice(0, 5).map((f) => fieldValue(settings, f.key)),
      ['', '', '0', 'yes', ''],
    );
  });
});

/** The fields an untouched form holds for `settings`, by name. */
function formOf(settings: ConfigSettings): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { key } of SETTING_FIELDS) fields[key] = fieldValue(settings, key);
  for (let day = 0; day < 7; day++) fields[CALENDAR_FIELDS.day(day)] = dayHoursText(settings, day);
  fields[CALENDAR_FIELDS.alwaysOpen] = settings.openingHours === null ? 'on' : '';
  fields[CALENDAR_FIELDS.holidays] = fieldValue(settings, 'holidays');
  fields[CALENDAR_FIELDS.holidaysWorked] = fieldValue(settings, 'holidaysWorked');
  return fields;
}

describe('the calendar, kiosk and announcement settings in the editor', () => {
  const weekdays = [{ open: '08:00', close: '12:00' }, { open: '14:00', close: '17:00' }];
  const own: ConfigSettings = {
    ticker: 'Hola',
    openingHours: [[], weekdays, weekdays, weekdays, weekdays, weekdays, [{ open: '09:00', close: '12:00' }]],
    holidayCountry: 'CO',
    holidays: [{ date: '2027-03-19', name: 'Fiesta local de Rionegro' }],
    holidaysWorked: ['2027-01-11'],
    kioskWelcomeEs: 'Bienvenido',
    kioskWelcomeEn: 'Welcome',
    consentTextEs: 'Autorizo el tratamiento.',
    consentTextEn: 'I authorise processing.',
    consentPolicyVersion: '2027-01',
    announcementLanguage: 'en',
    announcementVoice: null,
    ticketLogo: null,
  };

  it('an untouched form publishes the settings it started from, nulls included', () => {
    const fields = formOf(own);
    assert.deepEqual(settingsFromFields(own, (name) => fields[name] ?? ''), own);
    const alwaysOpen = { openingHours: null } as ConfigSettings;
    const open = formOf(alwaysOpen);
    assert.deepEqual(settingsFromFields(alwaysOpen, (name) => open[name] ?? ''), alwaysOpen);
  });

  it('shows a day as "08:00-12:00, 14:00-17:00" and reads it back, a malformed span as typed for the server to refuse', () => {
    assert.equal(dayHoursText(own, 1), '08:00-12:00, 14:00-17:00');
    assert.equal(dayHoursText(own, 0), '');
    assert.deepEqual(spansFromText(' 08:00 - 12:00 ,14:00-17:00 '), weekdays);
    assert.deepEqual(spansFromText('8-12'), [{ open: '8', close: '12' }]);
  });

  it('all days empty leaves the hours to the office; "always open" publishes null; one day filled closes the others', () => {
    const empty: Record<string, string> = {};
    assert.equal('openingHours' in settingsFromFields(own, (name) => empty[name] ?? ''), false);
    assert.equal(settingsFromFields(own, (name) => (name === CALENDAR_FIELDS.alwaysOpen ? 'on' : '')).openingHours, null);
    const monday = settingsFromFields({}, (name) => (name === CALENDAR_FIELDS.day(1) ? '08:00-17:00' : ''));
    assert.deepEqual(monday.openingHours, [[], [{ open: '08:00', close: '17:00' }], [], [], [], [], []]);
  });

  it('reads added holidays one per line and worked days separated by spaces, commas or lines', () => {
    const fields: Record<string, string> = { holidays: '2027-03-19 Fiesta local\n\n 2027-06-02  Aniversario ', holidaysWorked: '2027-01-11, 2027-03-22\n2027-05-17' };
    const settings = settingsFromFields({}, (name) => fields[name] ?? '');
    assert.deepEqual(settings.holidays, [
      { date: '2027-03-19', name: 'Fiesta local' },
      { date: '2027-06-02', name: 'Aniversario' },
    ]);
    assert.deepEqual(settings.holidaysWorked, ['2027-01-11', '2027-03-22', '2027-05-17']);
  });

  it("starts from the office's own settings, never the resolved calendar (an older server: the published ones less the calendar)", () => {
    const published: ConfigSettings = { ticker: 'Hola', holidays: [{ date: '2027-01-01', name: 'Año Nuevo' }] };
    assert.deepEqual(editableSettings({ settings: published, ownSettings: own }), own);
    assert.deepEqual(editableSettings({ settings: published }), { ticker: 'Hola' });
  });

  it('lists the next published holidays from today', () => {
    const published: ConfigSettings = {
      holidays: [
        { date: '2026-12-08', name: 'Inmaculada' },
        { date: '2026-12-25', name: 'Navidad' },
        { date: '2027-01-01', name: 'Año Nuevo' },
      ],
    };
    assert.deepEqual(upcomingHolidays(published, '2026-12-08', 2).map((h) => h.date), ['2026-12-08', '2026-12-25']);
    assert.deepEqual(upcomingHolidays({}, '2026-12-08', 2), []);
  });
});
