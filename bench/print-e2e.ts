/**
 * Printing end to end (issue 3): from the kiosk's POST /api/v1/tickets to the cut on a
 * virtual printer at 250 mm/s plugged into a real office server process over TCP; p50/p99
 * over PRINT_E2E_TICKETS tickets (target p99 < 1.5 s), one at a time as customers take them.
 * Baseline in the same run: the printing alone, the same ticket's bytes written straight
 * to the same virtual printer until its cut. The difference is what the office adds (HTTP,
 * the issue transaction, the dispatch, the status check before the job). Also the layout's
 * render time (bench/print-layout.ts measures it in more detail).
 *
 *   npx tsx bench/print-e2e.ts            (alone)
 *   import { run } from './print-e2e'     (from bench/run.ts)
 * Env: PRINT_E2E_TICKETS (40).
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import {
  openTransport,
  renderTicket,
  startVirtualPrinter,
  type DecodedTicket,
  type TicketPrintData,
  type VirtualPrinter,
} from '@turnero/hardware';
import { ticketPrintData } from '@turnero/contract/print-data';
import type { TicketDto } from '@turnero/contract/dto';
import { login, request } from '../tests/support/http';
import { startTestOffice, type TestOffice } from '../tests/support/office';
import { percentile } from './measure';

const TICKETS = Number(process.env.PRINT_E2E_TICKETS ?? 40);
/** Unmeasured tickets first: one per service, so each service's first-issue code paths are warm. */
const MIN_WARM_UP = 3;
const WAIT_MS = 30_000;

const round = (x: number) => Math.round(x * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Cut times by the ticket id in the printed QR, so an answer can be matched to its paper. */
function watchCuts(printer: VirtualPrinter) {
  const cuts = new Map<string, { at: number; paper: DecodedTicket }>();
  const waiters = new Map<string, (c: { at: number; paper: DecodedTicket }) => void>();
  printer.onTicket((paper) => {
    const at = performance.now();
    const id = paper.qr ? new URL(paper.qr).searchParams.get('id') : null;
    if (!id) return;
    const cut = { at, paper };
    cuts.set(id, cut);
    waiters.get(id)?.(cut);
  });
  return {
    cutOf(id: string): Promise<{ at: number; paper: DecodedTicket }> {
      const done = cuts.get(id);
      if (done) return Promise.resolve(done);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no cut for ticket ${id} in ${WAIT_MS} ms`)), WAIT_MS);
        waiters.set(id, (c) => {
          clearTimeout(timer);
          waiters.delete(id);
          resolve(c);
        });
      });
    },
  };
}

async function waitPrinted(office: TestOffice, token: string, id: string): Promise<void> {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    const t = await request<TicketDto>(office.url, 'GET', `/api/v1/tickets/${id}`, { token });
    if (t.body.printState === 'printed') return;
    if (t.body.printState === 'failed') throw new Error(`ticket ${t.body.code} failed to print`);
    await sleep(20);
  }
  throw new Error(`ticket ${id} not marked printed in ${WAIT_MS} ms`);
}

export async function run(): Promise<Record<string, number>> {
  const printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 250, name: 'bench-e2e' });
  const office = await startTestOffice({ env: { DEMO_PRINTER_URI: printer.uri } });
  try {
    const supervisor = office.creds.users.find((u) => u.role === 'supervisor')!;
    const supToken = await login(office.url, supervisor.username, supervisor.password);
    const services = (await request<Array<{ id: string }>>(office.url, 'GET', '/api/v1/services', { token: supToken })).body;
    const queue = await request<{ office: { name: string; code: string; timeZone: string } }>(office.url, 'GET', '/api/v1/queue', { token: supToken });
    const { name, code, timeZone } = queue.body.office;
    const cuts = watchCuts(printer);
    const WARM_UP = Math.max(MIN_WARM_UP, services.length);

    // ---- end to end: kiosk POST -> cut ----
    const e2e: number[] = [];
    const answered: number[] = [];
    const sample: { ticket: TicketDto; paper: DecodedTicket }[] = [];
    for (let i = 0; i < WARM_UP + TICKETS; i++) {
      const t0 = performance.now();
      const r = await request<TicketDto>(office.url, 'POST', '/api/v1/tickets', {
        token: office.creds.kioskToken,
        body: { serviceId: services[i % services.length].id, category: 'general' },
      });
      const tAnswer = performance.now();
      if (r.status !== 201) throw new Error(`issue answered ${r.status}: ${JSON.stringify(r.body)}`);
      const cut = await cuts.cutOf(r.body.id);
      // Let the office finish the job (confirmation, status after) so the next ticket starts on an idle printer.
      await waitPrinted(office, supToken, r.body.id);
      if (i < WARM_UP) continue;
      e2e.push(cut.at - t0);
      answered.push(tAnswer - t0);
      if (sample.length < 10) sample.push({ ticket: r.body, paper: cut.paper });
    }

    // ---- baseline: the same bytes straight to the same printer -> cut ----
    const jobData: TicketPrintData[] = sample.map(({ ticket, paper }) =>
      ticketPrintData({
        jobId: `baseline-${ticket.id}`,
        ticket,
        office: { name, code, timeZone },
        serviceName: ticket.serviceName,
        liveUrl: paper.qr!,
        footer: 'Gracias por su visita. Conserve este turno.', // the demo office's footer
      }),
    );
    const transport = openTransport(printer.uri);
    const baseline: number[] = [];
    try {
      await transport.queryStatus(); // connect once, as the office's persistent link is
      for (let i = 0; i < MIN_WARM_UP + TICKETS; i++) {
        const bytes = renderTicket(jobData[i % jobData.length], { dialect: 'epson', paperWidthMm: 80 });
        const cut = new Promise<number>((resolve) => {
          const off = printer.onTicket(() => {
            off();
            resolve(performance.now());
          });
        });
        const t0 = performance.now();
        await transport.write(bytes);
        const at = await cut;
        if (i >= MIN_WARM_UP) baseline.push(at - t0);
      }
    } finally {
      await transport.close();
    }

    // ---- layout render time (one ticket to ESC/POS bytes) ----
    const renders: number[] = [];
    for (let i = 0; i < 600; i++) {
      const t0 = performance.now();
      renderTicket(jobData[i % jobData.length], { dialect: 'epson', paperWidthMm: 80 });
      if (i >= 100) renders.push(performance.now() - t0);
    }

    for (const xs of [e2e, answered, baseline, renders]) xs.sort((a, b) => a - b);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const paperMm = mean(sample.map((s) => s.paper.lengthMm));
    return {
      'print.e2e.tickets': TICKETS,
      'print.e2e.ticket_length_mm': round(paperMm),
      'print.e2e.paper_time_at_250mm_s_ms': round((paperMm / 250) * 1000),
      'print.e2e.issue_to_cut.p50_ms': round(percentile(e2e, 50)),
      'print.e2e.issue_to_cut.p99_ms': round(percentile(e2e, 99)),
      'print.e2e.issue_to_cut.max_ms': round(e2e[e2e.length - 1]),
      'print.e2e.issue_answer.p50_ms': round(percentile(answered, 50)),
      'print.e2e.baseline_bytes_to_cut.p50_ms': round(percentile(baseline, 50)),
      'print.e2e.baseline_bytes_to_cut.p99_ms': round(percentile(baseline, 99)),
      'print.e2e.office_overhead.p50_ms': round(percentile(e2e, 50) - percentile(baseline, 50)),
      'print.e2e.layout_render.mean_ms': Math.round(mean(renders) * 1000) / 1000,
      'print.e2e.layout_render.p99_ms': Math.round(percentile(renders, 99) * 1000) / 1000,
      'print.e2e.target_p99_ms': 1500,
      'print.e2e.loadavg_1m': round(loadavg()[0]),
    };
  } finally {
    await office.stop();
    office.cleanup();
    await printer.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    (r) => console.table(r),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
