/**
 * The coupon's payment barcode, read back by independent means: bwip-js draws the GS1-128
 * to a PNG and Debian's zbarimg decodes it; the ESC/POS bytes go through the virtual
 * printer over TCP and its decoder returns the same data, FNC1 included.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import bwipjs from 'bwip-js/node';
import { decodeTickets, openTransport, renderCoupon, startVirtualPrinter, type CouponPrintData, type DecodedTicket } from '@turnero/hardware';
import { code128Data, readCode128Data } from '@turnero/hardware';
import { collectionFields, elementString, fnc1Data, gs1CheckDigit, GS } from '@turnero/domain/gs1';
import { withDeadline } from '../support/deadline';

const GLN = `770999800001${gs1CheckDigit('770999800001')}`;
const fields = collectionFields({ gln: GLN, reference: '0012345678', amount: 45000, decimals: 0, dueDate: '2026-12-15' });
const dir = mkdtempSync(join(tmpdir(), 'gs1-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const coupon: CouponPrintData = {
  companyName: 'Empresa de Energía Demo',
  title: 'Cupón de pago',
  holderMasked: 'M*** G***',
  account: '10012345',
  period: 'Noviembre 2026',
  amountText: '$ 45.000',
  dueDate: '2026-12-15',
  barcode: { symbology: 'gs1-128', data: fnc1Data(fields), text: elementString(fields) },
  payUrl: 'https://pagos.example.co/pagar?ref=0012345678',
  footer: 'Gracias',
};

describe('the coupon barcode', () => {
  it('bwip-js draws the element string as GS1-128 and zbarimg reads back the same data with FNC1 as GS', async () => {
    const png = await bwipjs.toBuffer({
      bcid: 'gs1-128',
      text: elementString(fields),
      scale: 3,
      height: 15,
      backgroundcolor: 'FFFFFF',
      paddingwidth: 20,
      paddingheight: 10,
    });
    const file = join(dir, 'coupon.png');
    writeFileSync(file, png);
    const read = execFileSync('zbarimg', ['--raw', '-q', file], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'ignore'] }).replace(/\n$/, '');
    expect(read).toBe(fnc1Data(fields));
    expect(read).toBe(`415${GLN}80200012345678${GS}390045000${GS}9620261215`);
  });

  it('encodes digit pairs in code set C with a leading FNC1 and decodes them back', () => {
    const payload = code128Data(fnc1Data(fields), true);
    expect(payload.subarray(0, 4).toString('latin1')).toBe('{C{1');
    expect(readCode128Data(payload)).toEqual({ data: fnc1Data(fields), gs1: true });
    expect(readCode128Data(code128Data('AB{12345x', false))).toEqual({ data: 'AB{12345x', gs1: false });
  });

  it('the ESC/POS coupon decodes to the same GS1 data, its human-readable line, the masked holder and the QR', () => {
    const bytes = renderCoupon(coupon, { dialect: 'epson', paperWidthMm: 80 });
    expect(bytes.includes(Buffer.from([0x1d, 0x6b, 73]))).toBe(true);
    const [paper] = decodeTickets(bytes);
    expect(paper.barcodes).toEqual([{ symbology: 'gs1-128', data: fnc1Data(fields) }]);
    for (const f of fields) expect(paper.text).toContain(`(${f.ai})${f.value}`);
    expect(paper.text).toContain('M*** G***');
    expect(paper.text).toContain('$ 45.000');
    expect(paper.qr).toBe(coupon.payUrl);
    expect(paper.cut).toBe(true);
  });

  it('the virtual printer, sent the coupon over TCP, cuts one paper carrying the barcode', async () => {
    const outDir = join(dir, 'printed');
    const printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 10_000, name: 'gs1-test', outDir });
    const transport = openTransport(printer.uri);
    try {
      const cut = new Promise<DecodedTicket>((resolve) => printer.onTicket(resolve));
      await transport.write(renderCoupon(coupon, { dialect: 'epson', paperWidthMm: 58 }));
      const paper = await withDeadline(cut, 15_000, 'the virtual printer to cut the coupon');
      expect(paper.barcodes?.[0]).toEqual({ symbology: 'gs1-128', data: fnc1Data(fields) });
      // The bars take paper: the coupon is longer than its text lines alone.
      expect(paper.lengthMm).toBeGreaterThan(paper.lines.length * 3.75);
      // The demo's printed text file names the barcode, FNC1 written as <GS>.
      const [file] = readdirSync(outDir);
      expect(readFileSync(join(outDir, file), 'utf8')).toContain(`[GS1-128] ${fnc1Data(fields).replace(/\x1d/g, '<GS>')}`);
    } finally {
      await transport.close();
      await printer.stop();
    }
  });
});
