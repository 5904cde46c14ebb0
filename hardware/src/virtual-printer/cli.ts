/**
 * Run a virtual printer on its own, e.g. for the kiosk agent in a demo:
 *   npx tsx hardware/src/virtual-printer/cli.ts [--tcp-port 9100] [--pty] [--out-dir data/tickets] [--speed 250] [--dialect epson]
 * Type a state (ok, paper_out, cover_open, paper_near_end, slow, unplugged) + Enter to switch it.
 */
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { startVirtualPrinter, VIRTUAL_PRINTER_STATES, type VirtualPrinterState } from './virtual-printer';

const { values } = parseArgs({
  options: {
    'tcp-port': { type: 'string', default: '9100' },
    pty: { type: 'boolean', default: false },
    'out-dir': { type: 'string' },
    speed: { type: 'string', default: '250' },
    dialect: { type: 'string', default: 'epson' },
  },
});

const printer = await startVirtualPrinter({
  tcpPort: Number(values['tcp-port']),
  pty: values.pty,
  outDir: values['out-dir'],
  speedMmPerSec: Number(values.speed),
  dialect: values.dialect === 'star' ? 'star' : 'epson',
});
console.log(`virtual printer: ${printer.uri}${printer.ptyPath ? `  serial:${printer.ptyPath}?baudRate=38400` : ''}`);
printer.onTicket((t) => console.log(`\n${t.text}\n${t.qr ? `[QR] ${t.qr}\n` : ''}--- cut (${t.lengthMm} mm) ---`));

readline.createInterface({ input: process.stdin }).on('line', (line) => {
  const state = line.trim() as VirtualPrinterState;
  if ((VIRTUAL_PRINTER_STATES as readonly string[]).includes(state)) {
    printer.setState(state);
    console.log(`state: ${state}`);
  } else if (state) console.log(`states: ${VIRTUAL_PRINTER_STATES.join(', ')}`);
});
const stop = () => void printer.stop().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
