import { describe, expect, it } from 'vitest';
import { collectionFields, elementString, fnc1Data, gs1CheckDigit, GS, isValidGln, parseElementString, templateBarcode } from './gs1';

const GLN = `770999800001${gs1CheckDigit('770999800001')}`;
const WRONG_GLN = `770999800001${(gs1CheckDigit('770999800001') + 1) % 10}`;
const input = { gln: GLN, reference: '0012345678', amount: 45000, decimals: 0, dueDate: '2026-12-15' };

describe('GS1 collection barcode (Colombian format)', () => {
  it('computes the GS1 mod-10 check digit of a known EAN-13 and rejects a wrong one', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(isValidGln('4006381333931')).toBe(true);
    expect(isValidGln('4006381333932')).toBe(false);
    expect(isValidGln('400638133393')).toBe(false);
  });

  it('orders the fields (415) GLN, (8020) reference, (3900) amount, (96) due date', () => {
    const gln = GLN;
    const fields = collectionFields({ ...input, gln });
    expect(fields.map((f) => f.ai)).toEqual(['415', '8020', '3900', '96']);
    expect(fields[0].value).toBe(gln);
    expect(fields[1].value).toBe('0012345678');
    expect(fields[2].value).toBe('45000');
    expect(fields[3].value).toBe('20261215');
    expect(elementString(fields)).toBe(`(415)${gln}(8020)0012345678(3900)45000(96)20261215`);
  });

  it('puts FNC1 after each variable-length field except the last, never after the fixed GLN', () => {
    const gln = GLN;
    const data = fnc1Data(collectionFields({ ...input, gln }));
    expect(data).toBe(`415${gln}80200012345678${GS}390045000${GS}9620261215`);
  });

  it('writes an amount with cents under (3902) in minor units', () => {
    const gln = GLN;
    const fields = collectionFields({ ...input, gln, amount: 12.5, decimals: 2 });
    expect(fields[2]).toEqual({ ai: '3902', value: '1250', fixed: false });
  });

  it('refuses a GLN with a wrong check digit, a bad date and an over-long reference', () => {
    expect(() => collectionFields({ ...input, gln: WRONG_GLN })).toThrow(RangeError);
    expect(() => collectionFields({ ...input, dueDate: '15/12/2026' })).toThrow(/YYYY-MM-DD/);
    expect(() => collectionFields({ ...input, reference: '1'.repeat(26) })).toThrow(/reference/);
  });

  it('parses an element string back into its fields', () => {
    expect(parseElementString('(415)4006381333931(8020)12(3900)5(96)20260101')).toEqual([
      { ai: '415', value: '4006381333931' },
      { ai: '8020', value: '12' },
      { ai: '3900', value: '5' },
      { ai: '96', value: '20260101' },
    ]);
    expect(() => parseElementString('415123')).toThrow(RangeError);
  });

  it('fills a company template for the alternative plain Code 128 format', () => {
    expect(templateBarcode('PAY{reference}A{amount:10}D{due}', { reference: '77', amount: 45000, decimals: 0, dueDate: '2026-12-15' })).toBe(
      'PAY77A0000045000D20261215',
    );
  });
});
