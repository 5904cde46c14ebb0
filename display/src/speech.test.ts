/** What the wall display's voice says: Spanish words for numbers, ticket codes and counter names. */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { spanishNumber, spokenCounterName, spokenTicketCode } from './speech';

describe('spanishNumber', () => {
  it('says the tricky ones right', () => {
    const cases: Array<[number, string]> = [
      [0, 'cero'], [1, 'uno'], [15, 'quince'], [16, 'dieciséis'], [21, 'veintiuno'], [22, 'veintidós'],
      [30, 'treinta'], [31, 'treinta y uno'], [99, 'noventa y nueve'], [100, 'cien'], [101, 'ciento uno'],
      [115, 'ciento quince'], [200, 'doscientos'], [500, 'quinientos'], [555, 'quinientos cincuenta y cinco'],
      [700, 'setecientos'], [900, 'novecientos'], [999, 'novecientos noventa y nueve'], [1000, 'mil'],
      [1001, 'mil uno'], [2024, 'dos mil veinticuatro'], [21000, 'veintiún mil'], [31000, 'treinta y un mil'],
      [101000, 'ciento un mil'], [100000, 'cien mil'],
    ];
    for (const [n, words] of cases) assert.equal(spanishNumber(n), words, String(n));
  });
  it('refuses what it cannot say', () => {
    assert.throws(() => spanishNumber(-1), RangeError);
    assert.throws(() => spanishNumber(1.5), RangeError);
    assert.throws(() => spanishNumber(1_000_000), RangeError);
  });
  it('never leaves a digit or a double space (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (n) => {
        const words = spanishNumber(n);
        assert.doesNotMatch(words, /\d|\s{2}|^\s|\s$/);
      }),
    );
  });
});

describe('spokenTicketCode', () => {
  it('says letters, leading zeros and the number', () => {
    assert.equal(spokenTicketCode('A-014'), 'A cero catorce');
    assert.equal(spokenTicketCode('B-100'), 'B cien');
    assert.equal(spokenTicketCode('A-007'), 'A cero cero siete');
    assert.equal(spokenTicketCode('PR-021'), 'P R cero veintiuno');
    assert.equal(spokenTicketCode('A-1000'), 'A mil');
    assert.equal(spokenTicketCode('C-250'), 'C doscientos cincuenta');
  });
  it('returns anything that is not a code unchanged', () => {
    assert.equal(spokenTicketCode('hola'), 'hola');
  });
});

describe('spokenCounterName', () => {
  it('lower-cases and says numbers in words', () => {
    assert.equal(spokenCounterName('Módulo 3'), 'módulo tres');
    assert.equal(spokenCounterName('Ventanilla 12'), 'ventanilla doce');
    assert.equal(spokenCounterName('Caja 21'), 'caja veintiuno');
    assert.equal(spokenCounterName('Módulo  100 '), 'módulo cien');
    assert.equal(spokenCounterName('Atención VIP'), 'atención vip');
  });
});
