/**
 * The self-service coupon (payment coupon, partial payment, duplicate invoice) as ESC/POS:
 * the same text blocks as a ticket (so the text preview matches), then the payment barcode
 * as a real printer barcode (Epson GS k, Code 128 with FNC1 for GS1-128) with its
 * human-readable line, then the pay-online QR and the cut. Pure: same data, same bytes.
 * Callers pass what may reach the paper only: the holder's name arrives masked.
 */
import { toCp858Text } from '../escpos/cp858';
import { code128Data, code128Modules } from '../escpos/code128';
import { columnsFor, wrap, type Align, type Block, type PaperWidthMm } from './document';
import { renderBlocks, type RenderOptions } from './render-escpos';

export interface CouponPrintData {
  companyName: string;
  /** "Cupón de pago", "Abono", "Duplicado de factura". */
  title: string;
  holderMasked: string;
  account: string;
  period: string;
  /** The amount as the company's currency writes it ("$ 45.000"). */
  amountText: string;
  dueDate: string;
  /** Printed label/value lines after the amount (a duplicate's concepts); optional. */
  lines?: { label: string; value: string }[];
  barcode: {
    /** gs1-128: the data starts with FNC1 and GS (0x1d) marks FNC1 separators; code128: plain text. */
    symbology: 'gs1-128' | 'code128';
    data: string;
    /** The human-readable line under the bars ("(415)…(8020)…"). */
    text: string;
  } | null;
  payUrl: string | null;
  footer: string;
}

/** Bar height in dots (8 per mm): 12 mm, above the 10 mm a collection scanner wants. */
export const BARCODE_HEIGHT_DOTS = 96;
const PRINTABLE_DOTS: Record<PaperWidthMm, number> = { 80: 576, 58: 384 };

export function buildCouponBlocks(data: CouponPrintData, paperWidthMm: PaperWidthMm): { top: Block[]; bottom: Block[] } {
  const cols = columnsFor(paperWidthMm);
  const text = (into: Block[], t: string, opts: Partial<{ align: Align; size: number; bold: boolean }> = {}) => {
    const size = opts.size ?? 1;
    for (const line of wrap(toCp858Text(t), Math.floor(cols / size))) {
      into.push({ kind: 'text', text: line, align: opts.align ?? 'center', size, bold: opts.bold ?? false });
    }
  };
  const pair = (into: Block[], label: string, value: string) => text(into, `${label}: ${value}`, { align: 'left' });
  const top: Block[] = [];
  text(top, data.companyName, { bold: true, size: 2 });
  text(top, data.title, { bold: true });
  top.push({ kind: 'rule' });
  pair(top, 'Titular', data.holderMasked);
  pair(top, 'Cuenta', data.account);
  pair(top, 'Periodo', data.period);
  for (const l of data.lines ?? []) pair(top, l.label, l.value);
  top.push({ kind: 'rule' });
  text(top, 'Valor a pagar', { bold: true });
  text(top, data.amountText, { size: 2, bold: true });
  text(top, `Pague antes del ${data.dueDate}`);
  top.push({ kind: 'feed', lines: 1 });

  const bottom: Block[] = [];
  // Broken between application identifiers, never inside one, when it needs two lines.
  if (data.barcode) text(bottom, data.barcode.text.replace(/(?<=.)\((?=\d+\))/g, ' ('));
  if (data.payUrl) {
    bottom.push({ kind: 'feed', lines: 1 });
    text(bottom, 'Pague en línea / Pay online:');
    bottom.push({ kind: 'qr', data: data.payUrl, cellSize: paperWidthMm === 58 ? 4 : 5 });
  }
  if (data.footer.trim()) text(bottom, data.footer);
  bottom.push({ kind: 'cut' });
  return { top, bottom };
}

/**
 * Epson GS k 73 (Code 128, function B): centred, height, module width (2 dots when the
 * symbol fits the paper, else 1), no printer HRI (our own line follows, wrapped).
 */
export function barcodeCommand(barcode: NonNullable<CouponPrintData['barcode']>, paperWidthMm: PaperWidthMm): Buffer {
  const gs1 = barcode.symbology === 'gs1-128';
  const payload = code128Data(barcode.data, gs1);
  if (payload.length > 255) throw new RangeError('Code 128 data too long for one GS k command');
  const moduleDots = code128Modules(payload) * 2 <= PRINTABLE_DOTS[paperWidthMm] ? 2 : 1;
  return Buffer.concat([
    Buffer.from([0x1b, 0x61, 0x01]), // ESC a 1: centre
    Buffer.from([0x1d, 0x48, 0x00]), // GS H 0: no HRI characters
    Buffer.from([0x1d, 0x68, BARCODE_HEIGHT_DOTS]), // GS h n
    Buffer.from([0x1d, 0x77, moduleDots]), // GS w n
    Buffer.from([0x1d, 0x6b, 73, payload.length]),
    payload,
    Buffer.from([0x0a]),
  ]);
}

/**
 * The coupon's bytes. Star Line mode has its own barcode commands, not written yet: a
 * Star printer gets the human-readable line and the QR without the bars.
 */
export function renderCoupon(data: CouponPrintData, opts: RenderOptions): Buffer {
  const { top, bottom } = buildCouponBlocks(data, opts.paperWidthMm);
  const bars = data.barcode && opts.dialect === 'epson' ? barcodeCommand(data.barcode, opts.paperWidthMm) : Buffer.alloc(0);
  return Buffer.concat([renderBlocks(top, opts), bars, renderBlocks(bottom, opts)]);
}
