/**
 * What a printer URI names, and whether a deployment lets a printer link reach it.
 *
 * A printer link writes bytes to whatever it names, so a link an admin page can set is a
 * file-write and connect-anywhere primitive unless the machine's operator bounds it. The
 * bound is an allowlist from deployment configuration, comma-separated:
 *   tcp://10.0.0.0/8:9100        hosts in a subnet (IPv4 or IPv6), on one port (default 9100; `*` any)
 *   tcp://printer.local:9100     one host name, as written (names are not resolved here)
 *   serial:/dev/ttyUSB*          device paths; `*` matches within one path segment
 *   file:/dev/usb/lp*            likewise; and a file: target must be a character device
 * The virtual printer is not on the list: the caller says whether it exists at all (demos
 * and tests) and the one folder it may write in.
 */
import { statSync } from 'node:fs';
import { BlockList, isIP } from 'node:net';
import { posix } from 'node:path';
import { TransportError } from './types';

export type PrinterTarget =
  | { kind: 'tcp'; host: string; port: number }
  | { kind: 'serial'; path: string; baudRate: number; rtscts: boolean }
  | { kind: 'file'; path: string }
  | { kind: 'virtual'; name: string; outDir?: string; speedMmPerSec?: number };

/** Reads a printer URI; throws TransportError('bad_uri') naming what is wrong. */
export function parsePrinterUri(uri: string): PrinterTarget {
  const colon = uri.indexOf(':');
  if (colon < 1) throw new TransportError(`printer URI without a scheme: "${uri}"`, 'bad_uri');
  const scheme = uri.slice(0, colon).toLowerCase();
  const [location, query = ''] = splitOnce(uri.slice(colon + 1), '?');
  const params = new URLSearchParams(query);
  switch (scheme) {
    case 'tcp': {
      const m = /^\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(location);
      if (!m) throw new TransportError(`bad tcp printer URI: "${uri}" (tcp://host:9100)`, 'bad_uri');
      const port = m[2] ? Number(m[2]) : 9100;
      if (port < 1 || port > 65535) throw new TransportError(`bad tcp port in "${uri}"`, 'bad_uri');
      return { kind: 'tcp', host: m[1].replace(/^\[|\]$/g, ''), port };
    }
    case 'serial': {
      const path = devicePath(location, uri, 'serial:/dev/ttyUSB0?baudRate=38400');
      const baudRate = Number(params.get('baudRate') ?? params.get('baudrate') ?? 9600);
      if (!Number.isInteger(baudRate) || baudRate <= 0) throw new TransportError(`bad baudRate in "${uri}"`, 'bad_uri');
      return { kind: 'serial', path, baudRate, rtscts: params.get('rtscts') === 'true' };
    }
    case 'file':
      return { kind: 'file', path: devicePath(location, uri, 'file:/dev/usb/lp0') };
    case 'virtual': {
      const speed = params.get('speed');
      return {
        kind: 'virtual',
        name: location.replace(/^\/\//, '') || 'default',
        outDir: params.get('outDir') ?? undefined,
        speedMmPerSec: speed ? Number(speed) : undefined,
      };
    }
    default:
      throw new TransportError(`unknown printer URI scheme "${scheme}" (tcp, serial, file, virtual)`, 'bad_uri');
  }
}

/** An absolute, normalized path: `..` or `//` could walk out of an allowed folder. */
function devicePath(location: string, uri: string, example: string): string {
  const path = location.replace(/^\/\/(?=\/)/, '');
  if (!path.startsWith('/') || posix.normalize(path) !== path) {
    throw new TransportError(`bad printer URI: "${uri}" (an absolute device path, e.g. ${example})`, 'bad_uri');
  }
  return path;
}

function splitOnce(s: string, sep: string): [string, string?] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + 1)];
}

/** One entry of the allowlist. */
export type PrinterTargetRule =
  | { kind: 'tcp'; subnet: BlockList | null; hostName: string | null; port: number | '*' }
  | { kind: 'serial' | 'file'; pattern: RegExp };

/** Parses PRINTER_ALLOWED_TARGETS; throws an Error naming the first bad entry. */
export function parsePrinterAllowlist(spec: string): PrinterTargetRule[] {
  return spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)
    .map((entry) => {
      const rule = parseRule(entry);
      if (!rule) {
        throw new Error(`"${entry}" is not a printer target (tcp://10.0.0.0/8:9100, tcp://host:9100, serial:/dev/ttyUSB*, file:/dev/usb/lp*)`);
      }
      return rule;
    });
}

function parseRule(entry: string): PrinterTargetRule | null {
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/[\]]+)(?:\/(\d{1,3}))?(?::(\d{1,5}|\*))?$/i.exec(entry);
  if (tcp) {
    const host = tcp[1].replace(/^\[|\]$/g, '');
    const port = tcp[3] === '*' ? '*' : Number(tcp[3] ?? 9100);
    if (port !== '*' && (port < 1 || port > 65535)) return null;
    const family = isIP(host);
    if (!family) {
      // A host name: letters, digits, dots and dashes only (no wildcard hosts).
      if (tcp[2] !== undefined || !/^[a-z0-9]([a-z0-9.-]*[a-z0-9])?$/i.test(host)) return null;
      return { kind: 'tcp', subnet: null, hostName: host.toLowerCase(), port };
    }
    const type = family === 4 ? 'ipv4' : 'ipv6';
    const bits = Number(tcp[2] ?? (family === 4 ? 32 : 128));
    if (bits > (family === 4 ? 32 : 128)) return null;
    const subnet = new BlockList();
    subnet.addSubnet(host, bits, type);
    return { kind: 'tcp', subnet, hostName: null, port };
  }
  const device = /^(serial|file):(\/[^?,]*)$/.exec(entry);
  if (device && posix.normalize(device[2]) === device[2]) {
    const escaped = device[2].replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
    return { kind: device[1] as 'serial' | 'file', pattern: new RegExp(`^${escaped}$`) };
  }
  return null;
}

export interface PrinterTargetPolicy {
  /** The deployment's allowlist (parsePrinterAllowlist). */
  allowed: readonly PrinterTargetRule[];
  /** Whether the in-process virtual printer may be used (demos and tests only). */
  virtual: boolean;
  /** The only folder a virtual printer may write its tickets to. */
  virtualOutDir?: string;
  /** Exact URIs the deployment itself named (e.g. the demo's printer): taken as they are. */
  trusted?: readonly string[];
}

/** The rule a refused target broke; the office server answers with it as the error code. */
export type PrinterTargetRuleName =
  | 'printer_target_invalid'
  | 'printer_target_not_allowed'
  | 'printer_target_not_device'
  | 'printer_target_demo_only'
  | 'printer_target_option_refused';

export class PrinterTargetRefused extends TransportError {
  constructor(
    readonly rule: PrinterTargetRuleName,
    message: string,
  ) {
    super(message, 'bad_uri');
    this.name = 'PrinterTargetRefused';
  }
}

/** Throws PrinterTargetRefused unless the policy lets a printer link reach `uri`. */
export function assertPrinterTargetAllowed(
  uri: string,
  policy: PrinterTargetPolicy,
  isCharacterDevice: (path: string) => boolean = characterDevice,
): PrinterTarget {
  let target: PrinterTarget;
  try {
    target = parsePrinterUri(uri);
  } catch (err) {
    throw new PrinterTargetRefused('printer_target_invalid', (err as Error).message);
  }
  if (policy.trusted?.includes(uri)) return target;
  const refuse = (rule: PrinterTargetRuleName, why: string): never => {
    throw new PrinterTargetRefused(rule, `printer target "${uri}" refused: ${why}`);
  };
  switch (target.kind) {
    case 'virtual':
      if (!policy.virtual) refuse('printer_target_demo_only', 'the virtual printer exists only in demos and tests');
      if (target.outDir !== undefined && (!policy.virtualOutDir || posix.resolve(target.outDir) !== policy.virtualOutDir)) {
        refuse('printer_target_option_refused', 'the server decides where the virtual printer writes (no outDir)');
      }
      return target;
    case 'tcp':
      if (!policy.allowed.some((r) => r.kind === 'tcp' && tcpRuleMatches(r, target))) {
        refuse('printer_target_not_allowed', 'host and port are not in PRINTER_ALLOWED_TARGETS');
      }
      return target;
    case 'serial':
    case 'file': {
      const { kind, path } = target;
      if (!policy.allowed.some((r) => r.kind === kind && r.pattern.test(path))) {
        refuse('printer_target_not_allowed', `${kind} path is not in PRINTER_ALLOWED_TARGETS`);
      }
      if (kind === 'file' && !isCharacterDevice(path)) refuse('printer_target_not_device', 'file: takes only character devices');
      return target;
    }
  }
}

function tcpRuleMatches(rule: Extract<PrinterTargetRule, { kind: 'tcp' }>, target: { host: string; port: number }): boolean {
  if (rule.port !== '*' && rule.port !== target.port) return false;
  if (rule.hostName) return rule.hostName === target.host.toLowerCase();
  const family = isIP(target.host);
  return family !== 0 && rule.subnet!.check(target.host, family === 4 ? 'ipv4' : 'ipv6');
}

function characterDevice(path: string): boolean {
  try {
    return statSync(path).isCharacterDevice();
  } catch {
    return false;
  }
}
