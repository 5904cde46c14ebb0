import { test } from 'vitest';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { listSerialPorts } from '../src';

test('when SerialPort.list() throws (no udevadm), ports are found by scanning the device directory', async () => {
  const dev = fs.mkdtempSync(path.join(os.tmpdir(), 'turnero-dev-'));
  for (const n of ['ttyS0', 'ttyUSB1', 'ttyACM0', 'ttyUSB0', 'null', 'tty', 'ttyprintk']) fs.writeFileSync(path.join(dev, n), '');
  try {
    const ports = await listSerialPorts({
      devDir: dev,
      list: async () => {
        throw new Error('spawn udevadm ENOENT');
      },
    });
    assert.deepEqual(
      ports.map((p) => [path.basename(p.path), p.source]),
      [
        ['ttyUSB0', 'scan'],
        ['ttyUSB1', 'scan'],
        ['ttyACM0', 'scan'],
        ['ttyS0', 'scan'],
      ],
    );
  } finally {
    fs.rmSync(dev, { recursive: true, force: true });
  }
});

test('when the system list works, its ports and USB ids are used', async () => {
  const ports = await listSerialPorts({
    list: async () => [{ path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001' }],
  });
  assert.deepEqual(ports, [{ path: '/dev/ttyUSB0', manufacturer: 'FTDI', vendorId: '0403', productId: '6001', source: 'system' }]);
});

test('a missing device directory gives an empty list, not an error', async () => {
  const ports = await listSerialPorts({
    devDir: '/nonexistent-dev',
    list: () => Promise.reject(new Error('udevadm missing')),
  });
  assert.deepEqual(ports, []);
});
