/**
 * Kiosk agent CLI:
 *   TURNERO_TOKEN=T npm run dispenser:agent -- --server http://office:3000 --printer serial:/dev/ttyUSB0?baudRate=38400 [--dialect epson] [--width 80]
 *   npm run dispenser:agent -- --server URL --token-file /etc/turnero/kiosk-token --printer URI
 *   npm run dispenser:agent -- --list-ports
 * Environment fallbacks: TURNERO_SERVER, TURNERO_TOKEN, TURNERO_PRINTER.
 * The kiosk's token never goes on the command line: every user of the kiosk PC can read
 * a process's arguments (ps, /proc/<pid>/cmdline), not its environment or a 0600 file.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { createPrinterService, listSerialPorts } from '@turnero/hardware';
import { startKioskAgent } from './kiosk-agent';

const USAGE = `Uso / usage:
  TURNERO_TOKEN=TOKEN npm run dispenser:agent -- --server URL --printer URI [--dialect epson|star] [--width 80|58] [--poll-ms 10000]
  npm run dispenser:agent -- --server URL --token-file FILE --printer URI ...
  npm run dispenser:agent -- --list-ports
Printer URI: tcp://host:9100 | serial:/dev/ttyUSB0?baudRate=38400 | file:/dev/usb/lp0 | virtual:`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${USAGE}`);
  process.exit(2);
}

/** The token file's first line; a file others may read is a token others may use. */
function readTokenFile(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    fail(`--token-file: ${(err as Error).message}`);
  }
  if (statSync(path).mode & 0o077) console.error(`warning: ${path} is readable by other users; chmod 600 it`);
  return text.split('\n')[0].trim();
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        server: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        printer: { type: 'string' },
        dialect: { type: 'string', default: 'epson' },
        width: { type: 'string', default: '80' },
        'poll-ms': { type: 'string', default: '10000' },
        'list-ports': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values['list-ports']) {
    for (const p of await listSerialPorts()) console.log(`serial:${p.path}?baudRate=38400\t${p.manufacturer ?? ''}`);
    return;
  }
  const server = values.server ?? process.env.TURNERO_SERVER;
  if (values.token !== undefined) {
    fail('--token is not taken: other users of this PC could read it in the process list; use TURNERO_TOKEN or --token-file');
  }
  const token = values['token-file'] !== undefined ? readTokenFile(values['token-file']) : process.env.TURNERO_TOKEN;
  const printerUri = values.printer ?? process.env.TURNERO_PRINTER;
  if (!server) fail('--server is required');
  if (!token) fail('the kiosk token is required: TURNERO_TOKEN or --token-file');
  if (!printerUri) fail('--printer is required');
  if (values.dialect !== 'epson' && values.dialect !== 'star') fail('--dialect must be epson or star');
  const width = Number(values.width);
  if (width !== 80 && width !== 58) fail('--width must be 80 or 58');
  const pollIntervalMs = Number(values['poll-ms']);
  if (!Number.isFinite(pollIntervalMs) || pollIntervalMs < 0) fail('--poll-ms must be a number of milliseconds');

  const logger = pino({ name: 'kiosk-agent' });
  const printer = createPrinterService({
    uri: printerUri,
    dialect: values.dialect,
    paperWidthMm: width,
    pollIntervalMs,
    logger,
  });
  const agent = startKioskAgent({ serverUrl: server, token, printer, logger });
  logger.info({ server, printer: printerUri }, 'kiosk agent started');

  const shutdown = async () => {
    await agent.stop();
    await printer.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

void main();
