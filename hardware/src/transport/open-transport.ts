/**
 * Printer URIs:
 *   tcp://192.168.1.50:9100             network printer (port defaults to 9100)
 *   serial:/dev/ttyUSB0?baudRate=38400  serial / USB-serial (baudRate defaults to 9600; rtscts=true optional)
 *   file:/dev/usb/lp0                   device file (status 'unknown' unless it is a terminal)
 *   virtual:[name][?outDir=data/tickets&speed=250]  in-process virtual printer
 * A caller that takes URIs from others (an admin page) passes the deployment's policy:
 * the link is then refused before anything is opened (./printer-targets).
 */
import { FileLink } from './file';
import { DEFAULT_TIMEOUT_MS, PrinterLink } from './printer-link';
import { assertPrinterTargetAllowed, parsePrinterUri, type PrinterTargetPolicy } from './printer-targets';
import { SerialLink } from './serial';
import { TcpLink } from './tcp';
import type { PrinterTransport } from './types';
import { VirtualLink } from './virtual';

export interface OpenTransportOptions {
  /** Default timeout of every operation (ms). */
  timeoutMs?: number;
  /** Which targets may be reached; without it any URI is opened (the operator's own command line). */
  policy?: PrinterTargetPolicy;
}

export function openTransport(uri: string, opts: OpenTransportOptions = {}): PrinterTransport {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const target = opts.policy ? assertPrinterTargetAllowed(uri, opts.policy) : parsePrinterUri(uri);
  switch (target.kind) {
    case 'tcp':
      return new PrinterLink(uri, 'tcp', new TcpLink(target.host, target.port), timeout);
    case 'serial':
      return new PrinterLink(uri, 'serial', new SerialLink(target), timeout);
    case 'file':
      return new PrinterLink(uri, 'file', new FileLink(target.path), timeout);
    case 'virtual':
      return new PrinterLink(uri, 'virtual', new VirtualLink(target), timeout);
  }
}
