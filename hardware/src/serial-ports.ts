/**
 * Serial port discovery. `SerialPort.list()` spawns `udevadm` on Linux and throws where it
 * is missing (containers, minimal kiosks); then we scan /dev for the usual device names.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface SerialPortInfo {
  path: string;
  manufacturer?: string;
  vendorId?: string;
  productId?: string;
  /** 'system' from serialport's list, 'scan' from the /dev fallback. */
  source: 'system' | 'scan';
}

export interface ListSerialPortsOptions {
  /** Injected for tests; defaults to SerialPort.list. */
  list?: () => Promise<Array<{ path: string; manufacturer?: string; vendorId?: string; productId?: string }>>;
  devDir?: string;
  timeoutMs?: number;
}

const DEVICE_NAME = /^tty(USB|ACM|S)\d+$/;

export async function listSerialPorts(opts: ListSerialPortsOptions = {}): Promise<SerialPortInfo[]> {
  const list = opts.list ?? (async () => (await import('serialport')).SerialPort.list());
  try {
    const ports = await Promise.race([
      list(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('list timeout')), opts.timeoutMs ?? 3000).unref()),
    ]);
    return ports.map((p) => ({
      path: p.path,
      manufacturer: p.manufacturer,
      vendorId: p.vendorId,
      productId: p.productId,
      source: 'system' as const,
    }));
  } catch {
    return scanDevDir(opts.devDir ?? '/dev');
  }
}

function scanDevDir(dir: string): SerialPortInfo[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => DEVICE_NAME.test(n))
    .sort(byKindThenNumber)
    .map((n) => ({ path: path.join(dir, n), source: 'scan' as const }));
}

/** USB adapters first (the likely printer), then ACM, then on-board ttyS, each by number. */
function byKindThenNumber(a: string, b: string): number {
  const rank = (n: string) => (n.startsWith('ttyUSB') ? 0 : n.startsWith('ttyACM') ? 1 : 2);
  const num = (n: string) => Number(/\d+$/.exec(n)?.[0] ?? 0);
  return rank(a) - rank(b) || num(a) - num(b);
}
