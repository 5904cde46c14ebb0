/**
 * Printers plugged into the office server itself (network, serial or device file, or
 * the demo's virtual printer): one printer service per kiosk that names a printer URI.
 * Kiosks without one print through their kiosk agent instead. Dialect and paper width
 * ride on the URI: `tcp://10.0.0.5:9100?dialect=star&width=58` (default epson, 80 mm).
 */
import { createPrinterService, openTransport, type PrinterService, type PrinterStatus as HardwarePrinterStatus } from '@turnero/hardware';
import type { PrinterStatus } from '@turnero/contract/dto';
import { ticketPrintData } from '@turnero/contract/print-data';
import type { Config } from '../../platform/config';
import type { OfficeDeps } from '../context';
import { loadDevices } from '../store/office-store';
import { printerTargetPolicy, virtualPrinterOutDir } from './printer-targets';

// Hardware declares its printer statuses itself (it stands alone) and the contract
// re-declares them for the wire: this stops compiling the day the two lists differ.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const printerStatusesAgree: Same<HardwarePrinterStatus, PrinterStatus> = true;
void printerStatusesAgree;

/** Per status query (DLE EOT round trip), as the printer service's own default. */
const STATUS_TIMEOUT_MS = 1500;

export function printerOptionsFromUri(uri: string, config: Pick<Config, 'DATA_DIR'>) {
  const dialect = /[?&]dialect=star\b/.test(uri) ? ('star' as const) : ('epson' as const);
  const paperWidthMm = /[?&]width=58\b/.test(uri) ? (58 as const) : (80 as const);
  // The demo's virtual printer writes each ticket as text under DATA_DIR/printed.
  const resolved =
    uri.startsWith('virtual:') && !uri.includes('outDir=')
      ? `${uri}${uri.includes('?') ? '&' : '?'}outDir=${encodeURIComponent(virtualPrinterOutDir(config))}`
      : uri;
  return { uri: resolved, dialect, paperWidthMm };
}

interface LocalPrinters {
  services: Map<string, PrinterService>;
  /** Re-reads the kiosks' printer URIs: attaches new ones, drops removed or changed ones. */
  refresh(): Promise<void>;
  close(): Promise<void>;
}

export async function attachLocalPrinters(
  deps: OfficeDeps,
  config: Config,
  onStatus: (deviceId: string, status: PrinterStatus) => Promise<void>,
): Promise<LocalPrinters> {
  const services = new Map<string, PrinterService>();
  const uris = new Map<string, string>();
  const policy = printerTargetPolicy(config);

  function attach(deviceId: string, name: string, printerUri: string): void {
    const options = printerOptionsFromUri(printerUri, config);
    let service: PrinterService;
    try {
      // Checked again here, not only at the admin route: the stored link may predate the policy.
      const transport = openTransport(options.uri, { policy, timeoutMs: STATUS_TIMEOUT_MS });
      service = createPrinterService({ ...options, transport, statusTimeoutMs: STATUS_TIMEOUT_MS, clock: deps.clock, logger: deps.logger });
    } catch (err) {
      deps.logger.error({ err, device: name }, 'printer URI refused; kiosk will print through its agent');
      return;
    }
    service.on('status', (status) => {
      void onStatus(deviceId, status).catch((err) => deps.logger.error({ err }, 'printer status not recorded'));
    });
    services.set(deviceId, service);
    uris.set(deviceId, printerUri);
    deps.printing.attachLocalPrinter(deviceId, {
      async print(job) {
        const result = await service.print(ticketPrintData(job));
        return result.ok
          ? { ok: true, printerStatus: result.status, confirmed: result.confirmed }
          : { ok: false, error: result.error, printerStatus: result.status };
      },
      close: () => service.stop(),
    });
    void service.checkStatus().catch(() => undefined);
  }

  async function refresh(): Promise<void> {
    const wanted = new Map<string, { name: string; uri: string }>();
    for (const { device } of await deps.bus.read(loadDevices)) {
      if (device.kind === 'kiosk' && device.active && device.printerUri) {
        wanted.set(device.id, { name: device.name, uri: device.printerUri });
      }
    }
    for (const [deviceId, service] of services) {
      if (wanted.get(deviceId)?.uri === uris.get(deviceId)) continue;
      services.delete(deviceId);
      uris.delete(deviceId);
      await deps.printing.detachLocalPrinter(deviceId);
      await service.stop().catch(() => undefined);
    }
    for (const [deviceId, { name, uri }] of wanted) {
      if (!services.has(deviceId)) attach(deviceId, name, uri);
    }
  }

  await refresh();
  return {
    services,
    refresh,
    async close() {
      await Promise.all([...services.values()].map((s) => s.stop().catch(() => undefined)));
    },
  };
}
