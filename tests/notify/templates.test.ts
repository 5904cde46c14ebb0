/**
 * The messages' wording without any server: which override applies, how missing values and
 * counter names read, and that every default template in both languages fills completely.
 */
import { describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { pickTemplate, renderTemplate } from '../../server/src/hq/notify/templates';
import { NOTIFICATION_TEMPLATES } from '../../server/src/hq/notify/types';

const none = { group: {}, companies: {} };
const full = {
  officeName: 'Oficina Centro',
  serviceName: 'Facturación',
  serviceNameEn: 'Billing',
  start: '2026-12-03T15:30:00Z',
  timeZone: 'America/Bogota',
  code: 'K7P2QX',
  counterName: '3',
  position: 4,
  estimatedWaitMinutes: 12,
  manageUrl: 'https://turnos.example.co/portal/#/booking/K7P2QX',
  ticketUrl: 'https://turnos.example.co/portal/#/t/abc',
};

describe('message templates', () => {
  test('every default template fills completely in Spanish and English', () => {
    for (const template of NOTIFICATION_TEMPLATES) {
      for (const locale of ['es-CO', 'en'] as const) {
        const m = renderTemplate(pickTemplate(template, locale, null, none), locale, full);
        assert.ok(m.subject.length > 5 && m.text.length > 20, `${template} ${locale}`);
        assert.doesNotMatch(m.subject + m.text, /[{}]/, `${template} ${locale} left a placeholder`);
      }
    }
  });

  test("a company's wording wins over the group's, which wins over the default; other companies keep the group's", () => {
    const overrides = {
      group: { booking_cancelled: { 'es-CO': { subject: 'Grupo: cita cancelada', text: 'Grupo {code}' } } },
      companies: { EPM: { booking_cancelled: { 'es-CO': { subject: 'EPM: cita cancelada', text: 'EPM {code}' } } } },
    };
    assert.equal(renderTemplate(pickTemplate('booking_cancelled', 'es-CO', 'EPM', overrides), 'es-CO', full).text, 'EPM K7P2QX');
    assert.equal(renderTemplate(pickTemplate('booking_cancelled', 'es-CO', 'CHEC', overrides), 'es-CO', full).text, 'Grupo K7P2QX');
    assert.equal(pickTemplate('booking_cancelled', 'en', 'EPM', overrides).subject, 'Appointment cancelled at {officeName}', 'no English override: the default');
  });

  test('a body line whose value is missing is left out; the rest stays', () => {
    const { estimatedWaitMinutes: _noEstimate, ...noWait } = full;
    const next = renderTemplate(pickTemplate('remote_next', 'es-CO', null, none), 'es-CO', noWait).text;
    assert.match(next, /^Faltan 4 turnos para su turno K7P2QX en Oficina Centro\./);
    assert.doesNotMatch(next, /Tiempo estimado/);
    const { manageUrl: _drop, ...noLink } = full;
    const m = renderTemplate(pickTemplate('booking_confirmation', 'es-CO', null, none), 'es-CO', noLink);
    assert.doesNotMatch(m.text, /cancelar/);
    assert.match(m.text, /Código de la cita: K7P2QX/);
  });

  test('counters read naturally whatever the office calls them, in both languages', () => {
    const called = (locale: 'es-CO' | 'en', counterName: string) =>
      renderTemplate(pickTemplate('remote_called', locale, null, none), locale, { ...full, counterName }).subject;
    assert.equal(called('es-CO', '3'), 'Es su turno en el módulo 3');
    assert.equal(called('es-CO', 'Módulo 12'), 'Es su turno en el módulo 12');
    assert.equal(called('es-CO', 'Caja preferencial'), 'Es su turno en Caja preferencial');
    assert.equal(called('en', 'Módulo 12'), 'It is your turn at counter 12');
  });

  test('"you are next" wording follows the number ahead: several, one, none', () => {
    const next = (locale: 'es-CO' | 'en', position: number) =>
      renderTemplate(pickTemplate('remote_next', locale, null, none), locale, { ...full, position }).subject;
    assert.deepEqual([next('es-CO', 4), next('es-CO', 1), next('es-CO', 0)], ['Faltan 4 turnos para el suyo', 'Falta 1 turno para el suyo', 'Su turno es el siguiente']);
    assert.deepEqual([next('en', 4), next('en', 1), next('en', 0)], ['4 tickets before yours', '1 ticket before yours', 'You are next']);
  });
});
