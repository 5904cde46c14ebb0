/**
 * Printer links are not a file-write or connect-anywhere primitive (issue 11, item 3).
 * Which targets a kiosk's printer may name is deployment configuration
 * (PRINTER_ALLOWED_TARGETS), not something the admin page can widen: the admin route
 * answers 400 with a code naming the rule and changes nothing, `file:` takes only
 * character devices, the virtual printer exists only in demos and tests and writes only
 * where the server decides, and a link that got into the database some other way is
 * still not opened (the check is repeated where the link is opened).
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createOfficeServer, type OfficeServer } from '../../server/src/office/app';
import { loadConfig } from '../../server/src/platform/config';
import { createLogger } from '../../server/src/platform/logger';
import { login, request } from '../support/http';
import { startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

/** A TCP listener that counts who connects: a printer link must not reach one it may not. */
interface Listener {
  port: number;
  connections: number;
  server: Server;
}
async function listen(): Promise<Listener> {
  const l: Listener = { port: 0, connections: 0, server: createServer() };
  l.server.on('connection', (s) => {
    l.connections += 1;
    s.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => l.server.listen(0, '127.0.0.1', resolve));
  l.port = (l.server.address() as { port: number }).port;
  return l;
}
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

let scratch: string;
let outside: string;
let allowedDir: string;
let trap: Listener;
let printer: Listener;
let demo: InProcessOffice;
let adminToken: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'turnero-printer-targets-'));
  outside = join(scratch, 'outside');
  allowedDir = join(scratch, 'allowed');
  mkdirSync(outside);
  mkdirSync(allowedDir);
  [trap, printer] = await Promise.all([listen(), listen()]);
  demo = await startInProcessOffice({
    env: { PRINTER_ALLOWED_TARGETS: `tcp://127.0.0.1/32:${printer.port},file:${allowedDir}/*,file:/dev/null` },
  });
  const admin = demo.creds.users.find((u) => u.role === 'admin')!;
  adminToken = await login(demo.url, admin.username, admin.password);
});
afterAll(async () => {
  await demo?.stop();
  trap?.server.close();
  printer?.server.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function setKioskPrinter(url: string, token: string, kioskId: string, printerUri: string | null) {
  return request(url, 'PATCH', `/api/v1/admin/devices/${kioskId}`, { token, body: { printerUri } });
}
async function storedPrinterUri(url: string, token: string, kioskId: string): Promise<string | null> {
  const devices = await request<{ id: string; printerUri: string | null }[]>(url, 'GET', '/api/v1/admin/devices', { token });
  return devices.body.find((d) => d.id === kioskId)!.printerUri;
}

describe('the admin route refuses printer targets the deployment did not allow', () => {
  test('file: outside the allowed targets: 400 printer_target_not_allowed, no file, the stored link unchanged', async () => {
    const before = await storedPrinterUri(demo.url, adminToken, demo.creds.kioskId);
    const target = join(outside, 'owned.txt');
    const r = await setKioskPrinter(demo.url, adminToken, demo.creds.kioskId, `file:${target}`);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'printer_target_not_allowed');
    await pause(300);
    assert.equal(existsSync(target), false, 'the server created or appended to the file');
    assert.equal(await storedPrinterUri(demo.url, adminToken, demo.creds.kioskId), before);
  });

  test('file: to a regular file, even in an allowed folder: 400 printer_target_not_device, the file untouched', async () => {
    const target = join(allowedDir, 'regular.txt');
    writeFileSync(target, 'before');
    const r = await setKioskPrinter(demo.url, adminToken, demo.creds.kioskId, `file:${target}`);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'printer_target_not_device');
    await pause(300);
    assert.equal(statSync(target).size, 'before'.length, 'the server wrote into the regular file');
  });

  test('virtual printer with its own outDir: 400 printer_target_option_refused, no folder created', async () => {
    const dir = join(outside, 'virtual-out');
    const r = await setKioskPrinter(demo.url, adminToken, demo.creds.kioskId, `virtual:x?outDir=${encodeURIComponent(dir)}`);
    assert.equal(r.status, 400, JSON.stringify(r.body));
    assert.equal(r.body.error.code, 'printer_target_option_refused');
    await pause(300);
    assert.equal(existsSync(dir), false, 'the virtual printer created its folder');
  });

  test('tcp to a host and port not allowed: 400 printer_target_not_allowed and no connection is made', async () => {
    for (const uri of [`tcp://127.0.0.1:${trap.port}`, `tcp://localhost:${printer.port}`, `tcp://127.0.0.2:${printer.port}`]) {
      const r = await setKioskPrinter(demo.url, adminToken, demo.creds.kioskId, uri);
      assert.equal(r.status, 400, `${uri}: ${JSON.stringify(r.body)}`);
      assert.equal(r.body.error.code, 'printer_target_not_allowed', uri);
    }
    await pause(500);
    assert.equal(trap.connections, 0, 'the server connected to a port it may not');
  });

  test('malformed links and unknown schemes: 400 printer_target_invalid; a new kiosk is not created with one', async () => {
    for (const uri of ['gopher://127.0.0.1/', 'tcp://127.0.0.1:99999', 'file:relative/path', 'file:/dev/usb/../../etc/passwd']) {
      const r = await setKioskPrinter(demo.url, adminToken, demo.creds.kioskId, uri);
      assert.equal(r.status, 400, `${uri}: ${JSON.stringify(r.body)}`);
      assert.match(r.body.error.code, /^printer_target_(invalid|not_allowed)$/, uri);
    }
    const created = await request(demo.url, 'POST', '/api/v1/admin/devices', {
      token: adminToken,
      body: { kind: 'kiosk', name: 'Kiosco intruso', printerUri: `file:${join(outside, 'new.txt')}` },
    });
    assert.equal(created.status, 400);
    assert.equal(created.body.error.code, 'printer_target_not_allowed');
    const devices = await request<{ name: string }[]>(demo.url, 'GET', '/api/v1/admin/devices', { token: adminToken });
    assert.equal(devices.body.some((d) => d.name === 'Kiosco intruso'), false);
  });

  test('allowed targets are accepted: the allowed tcp printer is reached, a character device is taken', async () => {
    const tcp = await setKioskPrinter(demo.url, adminToken, demo.creds.kioskId, `tcp://127.0.0.1:${printer.port}`);
    assert.equal(tcp.status, 200, JSON.stringify(tcp.body));
    const deadline = Date.now() + 5000;
    while (printer.connections === 0 && Date.now() < deadline) await pause(50);
    assert.ok(printer.connections > 0, 'the allowed printer was never connected to');
    const device = await setKioskPrinter(demo.url, adminToken, demo.creds.kioskId, 'file:/dev/null');
    assert.equal(device.status, 200, JSON.stringify(device.body));
    assert.equal(await storedPrinterUri(demo.url, adminToken, demo.creds.kioskId), 'file:/dev/null');
  });
});

describe('outside demos', () => {
  test('a real office refuses the virtual printer: 400 printer_target_demo_only', async () => {
    const dataDir = tempDataDir();
    const config = loadConfig({
      HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent',
      DEMO: 'false', ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: 'a long passphrase here',
    });
    const server = await createOfficeServer({ config, logger: createLogger('silent') });
    try {
      const { port } = await server.start();
      const url = `http://127.0.0.1:${port}`;
      const token = await login(url, 'admin', 'a long passphrase here');
      const r = await request(url, 'POST', '/api/v1/admin/devices', { token, body: { kind: 'kiosk', name: 'Kiosco', printerUri: 'virtual:demo' } });
      assert.equal(r.status, 400, JSON.stringify(r.body));
      assert.equal(r.body.error.code, 'printer_target_demo_only');
      assert.equal(existsSync(join(dataDir, 'printed')), false);
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('where the link is opened', () => {
  test('a stored link the deployment no longer allows is not opened after a restart', async () => {
    const dataDir = tempDataDir();
    const wide = `tcp://127.0.0.1/32:${trap.port}`;
    const first = await startInProcessOffice({ dataDir, env: { PRINTER_ALLOWED_TARGETS: wide } });
    let second: OfficeServer | null = null;
    try {
      const admin = first.creds.users.find((u) => u.role === 'admin')!;
      const token = await login(first.url, admin.username, admin.password);
      const r = await setKioskPrinter(first.url, token, first.creds.kioskId, `tcp://127.0.0.1:${trap.port}`);
      assert.equal(r.status, 200, JSON.stringify(r.body));
      const deadline = Date.now() + 5000;
      while (trap.connections === 0 && Date.now() < deadline) await pause(50);
      assert.ok(trap.connections > 0, 'the link allowed then was opened');
      await first.server.stop();
      const before = trap.connections;
      const config = loadConfig({ HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', DEMO: 'true', PRINTER_ALLOWED_TARGETS: 'file:/dev/null' });
      second = await createOfficeServer({ config, logger: createLogger('silent') });
      await second.start();
      await pause(1000);
      assert.equal(trap.connections, before, 'the narrowed office still connected to the stored link');
    } finally {
      await second?.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the allowlist itself is checked at boot', () => {
  test('an entry that is not a tcp, serial or file target stops the start naming PRINTER_ALLOWED_TARGETS', () => {
    for (const bad of ['tcp://*:*', 'gopher://10.0.0.0/8', 'file:relative', 'tcp://10.0.0.0/99:9100']) {
      assert.throws(() => loadConfig({ PRINTER_ALLOWED_TARGETS: bad }), /PRINTER_ALLOWED_TARGETS/, bad);
    }
  });
});
