/**
 * The payment barcode of a coupon in the company's format: the Colombian GS1-128
 * collection format by default, or a plain Code 128 of the company's template. One value
 * feeds the paper (ESC/POS), the kiosk's screen (SVG by bwip-js) and the API's `gs1`.
 */
import bwipjs from 'bwip-js/node';
import { CURRENCY_DECIMALS, type Currency } from '@turnero/contract/self-service';
import { collectionFields, elementString, fnc1Data, templateBarcode } from '@turnero/domain/gs1';
import type { CompanyConfig } from './companies';

export interface CouponBarcode {
  symbology: 'gs1-128' | 'code128';
  /** What the bars encode (GS for FNC1 separators in GS1-128). */
  data: string;
  /** The human-readable line; for GS1-128 the element string "(415)…(8020)…(3900)…(96)…". */
  text: string;
}

export function couponBarcode(company: CompanyConfig, coupon: { reference: string; amount: number; dueDate: string }): CouponBarcode {
  const input = { ...coupon, decimals: CURRENCY_DECIMALS[company.currency as Currency] };
  if (company.barcode.format === 'code128-template') {
    const text = templateBarcode(company.barcode.template, input);
    return { symbology: 'code128', data: text, text };
  }
  const fields = collectionFields({ ...input, gln: company.gln! });
  return { symbology: 'gs1-128', data: fnc1Data(fields), text: elementString(fields) };
}

/** The same symbol as an SVG for the kiosk screen (so a phone photo can pay if paper runs out). */
export function barcodeSvg(barcode: CouponBarcode): string {
  return bwipjs.toSVG({
    bcid: barcode.symbology,
    text: barcode.symbology === 'gs1-128' ? barcode.text : barcode.data,
    height: 14,
    includetext: false,
    paddingwidth: 10,
    paddingheight: 4,
    backgroundcolor: 'FFFFFF',
  });
}
