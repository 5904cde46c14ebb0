import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import type { CatalogService, ConfigSettings, HqLinkStatus } from '@turnero/contract/hq-link';
import { configStateOf, isBehind, linkRowOf } from '../../hq/src/lib/link-status';
import { offeredServicesBody } from '../../hq/src/lib/offered-services';
import { fieldValue, SETTING_FIELDS, settingsFromFields } from '../../hq/src/lib/office-settings';

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
  it('takes the filled fields, leaves the empty ones to the office, and keeps the settings it does not show', () => {
    const fields: Record<string, string> = { ticker: ' Bienvenidos ', preferentialPerGeneral: '3', overdueFirst: 'no', ticketFooter: '', consentPolicyVersion: '' };
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
      SETTING_FIELDS.map((f) => fieldValue(settings, f.key)),
      ['', '', '0', 'yes', ''],
    );
  });
});
