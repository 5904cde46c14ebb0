import { describe, expect, it } from 'vitest';
import { accountFromScan } from './scanned-account';

describe('the account a kiosk reads from a scan', () => {
  it('takes the (8020) reference from a GS1 collection barcode, with or without FNC1', () => {
    expect(accountFromScan('4157709998000018802010012345\x1d390045000\x1d9620261211')).toBe('10012345');
    expect(accountFromScan('41577099980000188020100123450139004500096202612')).toBe('1001234501');
    expect(accountFromScan('(415)7709998000018(8020)1001234501(3900)45000(96)20261211')).toBe('1001234501');
  });

  it('keeps a typed or plain scanned account number, dropping stray characters', () => {
    expect(accountFromScan(' 10012345 ')).toBe('10012345');
    expect(accountFromScan('1001-2345\n')).toBe('1001-2345');
  });
});
