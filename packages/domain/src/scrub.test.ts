/**
 * The comment scrubber on what Colombian customers really type: ID numbers with and
 * without dots, NITs, mobiles and landlines in their usual spellings, e-mails; and the
 * numbers that must survive (amounts, dates, times, counters, ticket codes).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { SCRUBBED, scrubPersonalData } from './scrub';

const X = SCRUBBED;

describe('scrubPersonalData removes personal data', () => {
  it('removes cédulas bare and with dots, 6 to 10 digits', () => {
    assert.equal(scrubPersonalData('Mi cédula es 1020304050, gracias'), `Mi cédula es ${X}, gracias`);
    assert.equal(scrubPersonalData('CC 1.234.567.890'), `CC ${X}`);
    assert.equal(scrubPersonalData('c.c. 71.234.567 de Medellín'), `c.c. ${X} de Medellín`);
    assert.equal(scrubPersonalData('TI 123456'), `TI ${X}`);
    assert.equal(scrubPersonalData('documento 8.765.432.'), `documento ${X}.`);
  });

  it('removes NITs with their check digit', () => {
    assert.equal(scrubPersonalData('NIT 900.123.456-7 de la empresa'), `NIT ${X} de la empresa`);
    assert.equal(scrubPersonalData('nit 900123456-7'), `nit ${X}`);
    assert.equal(scrubPersonalData('NIT: 800 123 456 - 1'), `NIT: ${X}`);
  });

  it('removes mobiles, +57 numbers and 60x landlines in their usual spellings', () => {
    assert.equal(scrubPersonalData('llámenme al 3001234567'), `llámenme al ${X}`);
    assert.equal(scrubPersonalData('cel 310 555 1234 por favor'), `cel ${X} por favor`);
    assert.equal(scrubPersonalData('WhatsApp +57 321 456 7890'), `WhatsApp ${X}`);
    assert.equal(scrubPersonalData('+573214567890'), X);
    assert.equal(scrubPersonalData('(+57) 604 444 5566'), X);
    assert.equal(scrubPersonalData('fijo (604) 444-55-66'), `fijo ${X}`);
    assert.equal(scrubPersonalData('tel 601 234 5678 oficina'), `tel ${X} oficina`);
    assert.equal(scrubPersonalData('315-222-3344'), X);
  });

  it('removes e-mail addresses, accents and plus tags included', () => {
    assert.equal(scrubPersonalData('escríbanme a maria.lopez+epm@gmail.com ya'), `escríbanme a ${X} ya`);
    assert.equal(scrubPersonalData('JUAN_P@empresa.com.co'), X);
    assert.equal(scrubPersonalData('correo: josé.núñez@correo.co'), `correo: ${X}`);
  });

  it('removes every piece of one comment and keeps the words around them', () => {
    const comment = 'Soy Ana, CC 43.123.456, cel 3157778899, ana@mail.com: el asesor fue amable';
    assert.equal(scrubPersonalData(comment), `Soy Ana, CC ${X}, cel ${X}, ${X}: el asesor fue amable`);
  });
});

describe('scrubPersonalData keeps numbers that are not about a person', () => {
  const kept = [
    'Pagué $45.000 y me cobraron $ 1.234.567 de más',
    'una factura de 120.000 pesos',
    'COP 2.500.000 en mora',
    'Me atendieron el 15/03/2025 a las 10:30',
    'vine el 2025-03-15 y el 03-04-2025',
    'En el módulo 3 me atendieron rápido',
    'Mi turno era el A-045, esperé 25 minutos',
    'esperé 1 hora y 5 min',
    'ventanilla 12, 3 personas',
    'subieron la tarifa 12,5 %',
    'ahorré 45.000',
  ];
  for (const text of kept) {
    it(`keeps "${text}"`, () => assert.equal(scrubPersonalData(text), text));
  }

  it('leaves a text without numbers as it is', () => {
    assert.equal(scrubPersonalData('¡Excelente atención! Muy amables.'), '¡Excelente atención! Muy amables.');
    assert.equal(scrubPersonalData(''), '');
  });
});
