import { test, afterAll } from 'vitest';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  decodeTickets,
  openTransport,
  renderTicket,
  startVirtualPrinter,
  type DecodedTicket,
  type PrinterTransport,
  type VirtualPrinter,
} from '../src';
import { sampleTicketData } from './fixtures';

const bytes = renderTicket(sampleTicketData(), { dialect: 'epson', paperWidthMm: 80 });
const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnero-tickets-'));
let printer: VirtualPrinter;
const opened: PrinterTransport[] = [];

afterAll(async () => {
  for (const t of opened) await t.close();
  await printer?.stop();
  fs.rmSync(outDir, { recursive: true, force: true });
});

function nextTicket(p: VirtualPrinter): Promise<DecodedTicket> {
  return new Promise((resolve) => {
    const off = p.onTicket((t) => {
      off();
      resolve(t);
    });
  });
}

async function printsAndReportsStatus(uri: string) {
  const t = openTransport(uri, { timeoutMs: 1500 });
  opened.push(t);
  assert.equal(await t.queryStatus(), 'online');
  const got = nextTicket(printer);
  await t.write(bytes);
  assert.equal(await t.waitUntilPrinted(5000), true, 'the printer confirms the ticket was printed');
  const ticket = await got;
  assert.equal(ticket.cut, true);
  assert.equal(ticket.qr, 'http://192.168.1.10:3000/t/tkt_01HZX9');
  assert.ok(ticket.lines.some((l) => l.text === 'A-014' && l.width === 4));
  printer.setState('paper_near_end');
  assert.equal(await t.queryStatus(), 'paper_near_end');
  printer.setState('ok');
}

test('setup: a virtual printer on TCP and on a socat pty pair', async () => {
  printer = await startVirtualPrinter({ pty: true, outDir, speedMmPerSec: 2000 });
  assert.match(printer.uri, /^tcp:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(printer.ptyPath && fs.existsSync(printer.ptyPath));
});

test('tcp:// prints a ticket and reads DLE EOT status over the same socket', async () => {
  await printsAndReportsStatus(printer.uri);
});

test('serial: real serial I/O through the pty at 38400 baud', async () => {
  await printsAndReportsStatus(`serial:${printer.ptyPath}?baudRate=38400`);
});

test('file: on a terminal device is readable, so status works', async () => {
  await printsAndReportsStatus(`file:${printer.ptyPath}`);
});

test('virtual: talks to the in-process virtual printer', async () => {
  await printsAndReportsStatus('virtual:');
});

test('file: on a plain file is write-only: bytes land there and status is unknown', async () => {
  const target = path.join(outDir, 'capture.bin');
  const t = openTransport(`file:${target}`);
  opened.push(t);
  assert.equal(await t.queryStatus(), 'unknown');
  await t.write(bytes);
  await t.write(bytes);
  assert.equal(await t.waitUntilPrinted(100), false);
  const tickets = decodeTickets(fs.readFileSync(target));
  assert.equal(tickets.length, 2);
  assert.equal(tickets[1].qr, 'http://192.168.1.10:3000/t/tkt_01HZX9');
});

test('each ticket is also written as readable text in outDir', () => {
  const files = fs.readdirSync(outDir).filter((f) => f.endsWith('.txt'));
  assert.ok(files.length >= 4, `got ${files.length} ticket files`);
  const body = fs.readFileSync(path.join(outDir, files[0]), 'utf8');
  assert.match(body, /A-014/);
  assert.match(body, /\[QR\] http:\/\/192\.168\.1\.10:3000\/t\/tkt_01HZX9/);
});

test('unreachable printers report offline quickly instead of hanging', async () => {
  const missing = [
    'tcp://127.0.0.1:1', // refused
    'serial:/dev/ttyUSB99?baudRate=9600', // no such device
    'file:/dev/usb/lp99',
  ];
  for (const uri of missing) {
    const t = openTransport(uri, { timeoutMs: 800 });
    opened.push(t);
    assert.equal(await t.queryStatus(), 'offline', uri);
    await assert.rejects(t.write(bytes), Error, uri);
  }
});

test('bad URIs are refused with a clear message', () => {
  assert.throws(() => openTransport('lpt1'), /scheme/);
  assert.throws(() => openTransport('usb:/dev/x'), /unknown printer URI scheme/);
  assert.throws(() => openTransport('tcp://'), /bad tcp printer URI/);
  assert.throws(() => openTransport('serial:/dev/ttyUSB0?baudRate=fast'), /baudRate/);
});
