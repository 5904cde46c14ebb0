/**
 * The office's printer-target policy, from deployment configuration only: the allowlist
 * PRINTER_ALLOWED_TARGETS, the virtual printer in demos (writing under DATA_DIR/printed
 * only), and the demo kiosk's DEMO_PRINTER_URI as the operator wrote it. The admin route
 * checks a link against it before storing it, and the local printers again before
 * opening one (a link stored under a wider policy, or written to the database by hand,
 * is still not opened).
 */
import { join, resolve } from 'node:path';
import { assertPrinterTargetAllowed, PrinterTargetRefused, type PrinterTargetPolicy, type PrinterTargetRuleName } from '@turnero/hardware';
import { AppError, type ErrorCode } from '@turnero/domain/errors';
import type { Config } from '../../platform/config';

// Hardware names its rules itself (it stands alone); each must be an error code the API
// answers with. This stops compiling the day a rule has no code.
const rulesAreErrorCodes: PrinterTargetRuleName extends ErrorCode ? true : false = true;
void rulesAreErrorCodes;

/** Where the demo's virtual printer writes each ticket as text. */
export function virtualPrinterOutDir(config: Pick<Config, 'DATA_DIR'>): string {
  return resolve(join(config.DATA_DIR, 'printed'));
}

export function printerTargetPolicy(config: Config): PrinterTargetPolicy {
  return {
    allowed: config.PRINTER_ALLOWED_TARGETS,
    virtual: config.DEMO,
    virtualOutDir: virtualPrinterOutDir(config),
    trusted: config.DEMO ? [config.DEMO_PRINTER_URI ?? 'virtual:demo'] : [],
  };
}

/** A link an admin asks for: 400 with the broken rule as the code, nothing stored. */
export function assertAdminPrinterTarget(config: Config, uri: string | null | undefined): void {
  if (uri === null || uri === undefined) return;
  try {
    assertPrinterTargetAllowed(uri, printerTargetPolicy(config));
  } catch (err) {
    if (err instanceof PrinterTargetRefused) throw new AppError(err.rule, err.message);
    throw err;
  }
}
