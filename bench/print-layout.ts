/**
 * Printing bench: the ticket layout's render time (vs. a plain Buffer.concat of the same
 * text, measured in the same run) and bytes -> cut on the virtual printer at 250 mm/s.
 * Run alone: npx tsx bench/print-layout.ts
 */
import { pathToFileURL } from 'node:url';
import {
  buildTicketDocument,
  openTransport,
  renderTicket,
  startVirtualPrinter,
  type TicketPrintData,
} from '@turnero/hardware';
import { ticketPrintData } from '@turnero/contract/print-data';
import type { PrintJob } from '@turnero/contract/realtime';
import { percentile } from './measure';

const RENDER_RUNS = 2000;
const PRINT_RUNS = 15;

function sampleData(i: number): TicketPrintData {
  const job: PrintJob = {
    jobId: `bench-${i}`,
    office: { name: 'Oficina Centro Medellín', code: 'MED01', timeZone: 'America/Bogota' },
    serviceName: 'Facturación y pagos',
    liveUrl: `http://192.168.1.10:3000/t/tkt_${i}`,
    footer: 'Gracias por su visita. ¡Cuidemos el agua!',
    ticket: {
      id: `tkt_${i}`, code: `A-${String(i % 1000).padStart(3, '0')}`, serviceId: 's1', serviceName: 'Facturación y pagos',
      category: 'general', status: 'waiting', day: '2025-11-27', number: i, issuedAt: '2025-11-28T02:45:00.000Z',
      calledAt: null, startedAt: null, finishedAt: null, counterId: null, counterName: null, directedCounterId: null,
      recallCount: 0, outcome: null, printState: 'pending', position: 3, estimatedWaitSeconds: 720,
    },
  };
  return ticketPrintData(job);
}

function timeEach(runs: number, fn: (i: number) => void): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn(i);
    out.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return out.sort((a, b) => a - b);
}

/** The same lines as the ticket, joined with no printer library at all. */
function baseline(data: TicketPrintData): Buffer {
  const parts: Buffer[] = [];
  for (const b of buildTicketDocument(data, 80)) {
    if (b.kind === 'text') parts.push(Buffer.from(b.text + '\n', 'latin1'));
    else if (b.kind === 'qr') parts.push(Buffer.from(b.data, 'latin1'));
  }
  return Buffer.concat(parts);
}

export async function run(): Promise<Record<string, number>> {
  const datas = Array.from({ length: 50 }, (_, i) => sampleData(i));
  timeEach(200, (i) => renderTicket(datas[i % 50], { dialect: 'epson', paperWidthMm: 80 })); // warm-up
  const epson = timeEach(RENDER_RUNS, (i) => renderTicket(datas[i % 50], { dialect: 'epson', paperWidthMm: 80 }));
  const star = timeEach(RENDER_RUNS, (i) => renderTicket(datas[i % 50], { dialect: 'star', paperWidthMm: 58 }));
  const base = timeEach(RENDER_RUNS, (i) => baseline(datas[i % 50]));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  const printer = await startVirtualPrinter({ name: 'bench', speedMmPerSec: 250 });
  const transport = openTransport(printer.uri);
  const toCut: number[] = [];
  let lengthMm = 0;
  try {
    for (let i = 0; i < PRINT_RUNS; i++) {
      const bytes = renderTicket(datas[i % 50], { dialect: 'epson', paperWidthMm: 80 });
      const cut = new Promise<number>((resolve) => {
        const off = printer.onTicket((t) => {
          off();
          lengthMm = t.lengthMm;
          resolve(performance.now());
        });
      });
      const t0 = performance.now();
      await transport.write(bytes);
      toCut.push((await cut) - t0);
    }
  } finally {
    await transport.close();
    await printer.stop();
  }
  toCut.sort((a, b) => a - b);

  return {
    'print.layout.epson80.mean_ms': round(mean(epson)),
    'print.layout.epson80.p99_ms': round(percentile(epson, 99)),
    'print.layout.star58.mean_ms': round(mean(star)),
    'print.layout.baseline_concat.mean_ms': round(mean(base)),
    'print.layout.vs_baseline_ratio': round(mean(epson) / mean(base)),
    'print.virtual250.ticket_length_mm': round(lengthMm),
    'print.virtual250.bytes_to_cut.p50_ms': round(percentile(toCut, 50)),
    'print.virtual250.bytes_to_cut.p99_ms': round(percentile(toCut, 99)),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then((r) => console.table(r));
}
