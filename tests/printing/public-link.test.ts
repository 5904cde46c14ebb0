/**
 * One link to a ticket's live page: the paper's QR code and the kiosk screen's (from the
 * snapshot) are the same; with head office's public portal it goes there; a link that
 * cannot work is warned about at start.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { startVirtualPrinter, type VirtualPrinter } from '@turnero/hardware';
import type { QueueSnapshot } from '@turnero/contract/dto';
import { liveTicketUrl, publicLinkWarnings, readHqPublicUrl } from '../../server/src/office/printing/public-link';
import type { Result } from '@turnero/contract/realtime';
import { withDeadline } from '../support/deadline';
import { REPO_ROOT, tempDataDir } from '../support/office';
import { closePrintingTest, issueAtKiosk, openPrintingOffice, RecordingSocket, waitForPapers, type PrintingOffice } from './support';

const office = { publicUrl: 'http://turnero.oficina.local:8080', hqPublicUrl: null, officeCode: 'MED-012' };

test('the office link opens the live ticket page; with a head-office portal the link goes there, with the office code', () => {
  assert.equal(liveTicketUrl(office, 'tkt 1'), 'http://turnero.oficina.local:8080/dispenser/ticket.html?id=tkt%201');
  assert.equal(liveTicketUrl({ ...office, hqPublicUrl: 'https://turnos.empresa.co/' }, 'tkt1'), 'https://turnos.empresa.co/t/MED-012/tkt1');
});

test('HQ_PUBLIC_URL must be an http(s) URL, checked at boot', () => {
  assert.equal(readHqPublicUrl({}), null);
  assert.equal(readHqPublicUrl({ HQ_PUBLIC_URL: 'https://turnos.empresa.co/' }), 'https://turnos.empresa.co');
  assert.throws(() => readHqPublicUrl({ HQ_PUBLIC_URL: 'turnos.empresa.co' }), /HQ_PUBLIC_URL/);
  assert.throws(() => readHqPublicUrl({ HQ_PUBLIC_URL: 'ftp://turnos.empresa.co' }), /HQ_PUBLIC_URL/);
});

describe('start-up warnings about a link customers cannot open', () => {
  const localhost = { ...office, publicUrl: 'http://localhost:8080' };
  test('a real office without PUBLIC_URL is warned; the demo is not', () => {
    const [warning, ...more] = publicLinkWarnings({ PUBLIC_URL: undefined, DEMO: false, HOST: '0.0.0.0' }, localhost);
    assert.match(warning, /PUBLIC_URL is not set.*http:\/\/localhost:8080/);
    assert.deepEqual(more, []);
    assert.deepEqual(publicLinkWarnings({ PUBLIC_URL: undefined, DEMO: true, HOST: '0.0.0.0' }, localhost), []);
  });
  test('PUBLIC_URL on this machine while listening on every address is warned; on 127.0.0.1 it is right', () => {
    for (const url of ['http://localhost:8080', 'http://127.0.0.1:8080']) {
      const [warning] = publicLinkWarnings({ PUBLIC_URL: url, DEMO: false, HOST: '0.0.0.0' }, { ...office, publicUrl: url });
      assert.match(warning ?? '', /is this machine/, url);
      assert.deepEqual(publicLinkWarnings({ PUBLIC_URL: url, DEMO: false, HOST: '127.0.0.1' }, { ...office, publicUrl: url }), []);
    }
    assert.deepEqual(publicLinkWarnings({ PUBLIC_URL: office.publicUrl, DEMO: false, HOST: '0.0.0.0' }, office), []);
  });
  test('a head-office portal replaces PUBLIC_URL in the link, and is warned about when it is this machine', () => {
    assert.deepEqual(publicLinkWarnings({ PUBLIC_URL: undefined, DEMO: false, HOST: '0.0.0.0' }, { ...localhost, hqPublicUrl: 'https://turnos.empresa.co' }), []);
    assert.match(publicLinkWarnings({ PUBLIC_URL: undefined, DEMO: false, HOST: '0.0.0.0' }, { ...localhost, hqPublicUrl: 'http://127.0.0.1:8090' })[0] ?? '', /HQ_PUBLIC_URL/);
  });
});

describe('a real office process', () => {
  let printer: VirtualPrinter;
  let o: PrintingOffice;
  beforeAll(async () => {
    printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 1000, name: 'public-link-e2e' });
    o = await openPrintingOffice({ DEMO_PRINTER_URI: printer.uri, HQ_PUBLIC_URL: 'https://turnos.empresa.co' });
  });
  afterAll(() => closePrintingTest([], o, printer));

  test("the paper's QR is head office's portal link, and the kiosk's snapshot gives the same link", async () => {
    const ticket = await issueAtKiosk(o.url, o.kioskToken, o.services[0].id);
    const [paper] = await waitForPapers(printer, ticket.code, 1);
    assert.equal(paper.qr, `https://turnos.empresa.co/t/DEMO-001/${ticket.id}`);
    // The kiosk's own socket snapshot, as the kiosk screen reads it.
    const kiosk = await RecordingSocket.connect(o.url, o.kioskToken);
    try {
      const answer = await withDeadline(
        new Promise<Result<QueueSnapshot>>((resolve) => kiosk.socket.emit('snapshot:get', resolve)),
        15_000,
        'the snapshot:get ack',
      );
      assert.ok(answer.data, JSON.stringify(answer.error));
      assert.equal(`${answer.data.liveTicketUrlBase}${encodeURIComponent(ticket.id)}`, paper.qr);
    } finally {
      kiosk.close();
    }
  });
});

test('the start banner and the log warn when the printed link points at this machine', { timeout: 60_000 }, async () => {
  const dataDir = tempDataDir();
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'server/src/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DEMO: 'true', DATA_DIR: dataDir, PORT: '0', HOST: '0.0.0.0', PUBLIC_URL: 'http://127.0.0.1:8080', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no banner in time:\n${output}`)), 50_000);
      child.stdout.on('data', (c: Buffer) => {
        output += c.toString();
        if (output.includes('Demo credentials')) clearTimeout(timer), resolve();
      });
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
    });
  } finally {
    child.kill('SIGTERM');
    if (child.exitCode === null && child.signalCode === null) await withDeadline(new Promise((r) => child.once('exit', r)), 30_000, 'the office to exit after SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
  assert.match(output, /WARNING: PUBLIC_URL http:\/\/127\.0\.0\.1:8080 is this machine while the server listens on 0\.0\.0\.0/, 'banner line');
  const logged = output.split('\n').filter((l) => l.startsWith('{') && /"level":40/.test(l) && /is this machine/.test(l));
  assert.equal(logged.length, 1, 'one warn-level log line');
});
