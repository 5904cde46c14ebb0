/**
 * Printer URIs:
 *   tcp://192.168.1.50:9100             network printer (port defaults to 9100)
 *   serial:/dev/ttyUSB0?baudRate=38400  serial / USB-serial (baudRate defaults to 9600; rtscts=true optional)
 *   file:/dev/usb/lp0                   device file (status 'unknown' unless it is a terminal)
 *   virtual:[name][?outDir=data/tickets&speed=250]  in-process virtual printer
 */
import { FileLink } from './file';
import { DEFAULT_TIMEOUT_MS, PrinterLink } from './printer-link';
import { SerialLink } from './serial';
import { TcpLink } from './tcp';
import { TransportError, type PrinterTransport } from './types';
import { VirtualLink } from './virtual';

export interface OpenTransportOptions {
  /** Default timeout of every operation (ms). */
  timeoutMs?: number;
}

export function openTransport(uri: string, opts: OpenTransportOptions = {}): PrinterTransport {
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const colon = uri.indexOf(':');
  if (colon < 1) throw new TransportError(`printer URI without a scheme: "${uri}"`, 'bad_uri');
  const scheme = uri.slice(0, colon).toLowerCase();
  const rest = uri.slice(colon + 1);
  const [location, query = ''] = splitOnce(rest, '?');
  const params = new URLSearchParams(query);

  switch (scheme) {
    case 'tcp': {
      const m = /^\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(location);
      if (!m) throw new TransportError(`bad tcp printer URI: "${uri}" (tcp://host:9100)`, 'bad_uri');
      const host = m[1].replace(/^\[|\]$/g, '');
      const port = m[2] ? Number(m[2]) : 9100;
      if (port < 1 || port > 65535) throw new TransportError(`bad tcp port in "${uri}"`, 'bad_uri');
      return new PrinterLink(uri, 'tcp', new TcpLink(host, port), timeout);
    }
    case 'serial': {
      const path = location.replace(/^\/\/(?=\/)/, '');
      if (!path) throw new TransportError(`bad serial printer URI: "${uri}" (serial:/dev/ttyUSB0?baudRate=38400)`, 'bad_uri');
      const baudRate = Number(params.get('baudRate') ?? params.get('baudrate') ?? 9600);
      if (!Number.isInteger(baudRate) || baudRate <= 0) throw new TransportError(`bad baudRate in "${uri}"`, 'bad_uri');
      const rtscts = params.get('rtscts') === 'true';
      return new PrinterLink(uri, 'serial', new SerialLink({ path, baudRate, rtscts }), timeout);
    }
    case 'file': {
      const path = location.replace(/^\/\/(?=\/)/, '');
      if (!path) throw new TransportError(`bad file printer URI: "${uri}" (file:/dev/usb/lp0)`, 'bad_uri');
      return new PrinterLink(uri, 'file', new FileLink(path), timeout);
    }
    case 'virtual': {
      const name = location.replace(/^\/\//, '') || 'default';
      const speed = params.get('speed');
      return new PrinterLink(
        uri,
        'virtual',
        new VirtualLink({ name, outDir: params.get('outDir') ?? undefined, speedMmPerSec: speed ? Number(speed) : undefined }),
        timeout,
      );
    }
    default:
      throw new TransportError(`unknown printer URI scheme "${scheme}" (tcp, serial, file, virtual)`, 'bad_uri');
  }
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}
