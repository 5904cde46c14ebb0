/**
 * Self-service at the kiosk (issue 16): from the kiosk's touch on "print coupon" (POST
 * /api/v1/self-service/coupons) to the cut of the coupon on a virtual printer at 250 mm/s
 * plugged into a real office server process over TCP, whose demo billing service answers
 * over HTTP; p50/p99 over SELF_SERVICE_COUPONS coupons, one at a time as customers ask.
 * Baseline in the same run: the paper time alone, the same coupon's bytes written straight
 * to the same printer until its cut. The difference is what Turnero adds (HTTP, the billing
 * round trips, the audit row and its outbox fact, the barcode, the dispatch).
 *
 *   npm run bench -- self-service        (or: npx tsx bench/self-service.ts)
 * Env: SELF_SERVICE_COUPONS (30).
 */
import { loadavg } from 'node:os';
import { openTransport, renderCoupon, startVirtualPrinter, type CouponPrintData, type DecodedTicket } from '@turnero/hardware';
import { formatAmount, type CouponIssued } from '@turnero/contract/self-service';
import { fnc1Data, parseElementString } from '@turnero/domain/gs1';
import { request } from '../tests/support/http';
import { startTestOffice } from '../tests/support/office';
import { percentile, runIfMain } from './measure';

const COUPONS = Number(process.env.SELF_SERVICE_COUPONS ?? 30);
const WARM_UP = 3;
const WAIT_MS = 30_000;
const round = (x: number) => Math.round(x * 10) / 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function nextCut(printer: { onTicket(cb: (t: DecodedTicket) => void): () => void }): Promise<{ at: number; paper: DecodedTicket }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no cut in ${WAIT_MS} ms`)), WAIT_MS);
    const off = printer.onTicket((paper) => {
      clearTimeout(timer);
      off();
      resolve({ at: performance.now(), paper });
    });
  });
}

export async function run(): Promise<Record<string, number>> {
  const printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 250, name: 'bench-self-service' });
  const office = await startTestOffice({ env: { DEMO_PRINTER_URI: printer.uri } });
  try {
    const accounts = office.creds.demoAccounts ?? [];
    if (!accounts.length) throw new Error('the demo office lists no demoAccounts');
    // ---- touch "print coupon" -> cut ----
    const e2e: number[] = [];
    const answered: number[] = [];
    let sample: { issued: CouponIssued; paper: DecodedTicket } | null = null;
    for (let i = 0; i < WARM_UP + COUPONS; i++) {
      const cut = nextCut(printer);
      const t0 = performance.now();
      const r = await request<CouponIssued>(office.url, 'POST', '/api/v1/self-service/coupons', {
        token: office.creds.kioskToken,
        body: { account: accounts[i % 2], kind: 'full' },
      });
      const tAnswer = performance.now();
      if (r.status !== 201) throw new Error(`coupon answered ${r.status}: ${JSON.stringify(r.body)}`);
      const { at, paper } = await cut;
      // The printer service checks the status after each job: let it end before the next touch.
      await sleep(300);
      if (i < WARM_UP) continue;
      e2e.push(at - t0);
      answered.push(tAnswer - t0);
      sample ??= { issued: r.body, paper };
    }

    // ---- baseline: the same coupon's bytes straight to the printer -> cut ----
    const fields = parseElementString(sample!.issued.gs1).map((f, i) => ({ ...f, fixed: i === 0 }));
    const data: CouponPrintData = {
      companyName: 'Energía Demo S.A. E.S.P.',
      title: 'Cupón de pago',
      holderMasked: 'M*** G***',
      account: accounts[0],
      period: 'Noviembre 2026',
      amountText: formatAmount(sample!.issued.amount, 'COP'),
      dueDate: sample!.issued.dueDate,
      barcode: { symbology: 'gs1-128', data: fnc1Data(fields), text: sample!.issued.gs1 },
      payUrl: sample!.issued.payUrl ?? null,
      footer: 'Pague en bancos y puntos autorizados. Turno no requerido.',
    };
    const bytes = renderCoupon(data, { dialect: 'epson', paperWidthMm: 80 });
    const transport = openTransport(printer.uri);
    const baseline: number[] = [];
    try {
      await transport.queryStatus();
      for (let i = 0; i < WARM_UP + COUPONS; i++) {
        const cut = nextCut(printer);
        const t0 = performance.now();
        await transport.write(bytes);
        const { at } = await cut;
        if (i >= WARM_UP) baseline.push(at - t0);
      }
    } finally {
      await transport.close();
    }
    const paperMm = sample!.paper.lengthMm;
    return {
      'self_service.coupons': COUPONS,
      'self_service.coupon_length_mm': round(paperMm),
      'self_service.paper_time_at_250mm_s_ms': round((paperMm / 250) * 1000),
      'self_service.touch_to_cut.p50_ms': round(percentile(e2e, 50)),
      'self_service.touch_to_cut.p99_ms': round(percentile(e2e, 99)),
      'self_service.answer.p50_ms': round(percentile(answered, 50)),
      'self_service.answer.p99_ms': round(percentile(answered, 99)),
      'self_service.baseline_bytes_to_cut.p50_ms': round(percentile(baseline, 50)),
      'self_service.baseline_bytes_to_cut.p99_ms': round(percentile(baseline, 99)),
      'self_service.turnero_overhead.p50_ms': round(percentile(e2e, 50) - percentile(baseline, 50)),
      'self_service.loadavg_1m': round(loadavg()[0]),
    };
  } finally {
    await office.stop();
    office.cleanup();
    await printer.stop();
  }
}

runIfMain(import.meta.url, run);
