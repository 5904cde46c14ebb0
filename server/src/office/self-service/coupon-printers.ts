/**
 * Where a kiosk's coupon prints: the same printer the kiosk's tickets print on, when this
 * server drives it (printers/local-printers.ts keeps one printer service per kiosk). A kiosk
 * that prints through its kiosk agent has no coupon printing yet: the screen's barcode
 * stands in, and the answer says `no_printer`.
 */
import { renderCoupon, type CouponPrintData, type PrinterService } from '@turnero/hardware';
import type { Config } from '../../platform/config';
import { printerOptionsFromUri } from '../printing/local-printers';

export type CouponPrintOutcome = { ok: true; confirmed: boolean } | { ok: false; error: string };

export interface CouponPrinters {
  /** Prints on the kiosk's printer; null when it has none this server drives. */
  print(deviceId: string, data: CouponPrintData): Promise<CouponPrintOutcome> | null;
}

export function localCouponPrinters(services: ReadonlyMap<string, PrinterService>, config: Pick<Config, 'DATA_DIR'>): CouponPrinters {
  return {
    print(deviceId, data) {
      const service = services.get(deviceId);
      if (!service) return null;
      const { dialect, paperWidthMm } = printerOptionsFromUri(service.uri, config);
      return service
        .printRaw(renderCoupon(data, { dialect, paperWidthMm }))
        .then((r): CouponPrintOutcome => (r.ok ? { ok: true, confirmed: r.confirmed } : { ok: false, error: r.error }));
    },
  };
}
