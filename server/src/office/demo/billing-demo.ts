/**
 * A demo billing system that speaks the billing connector's contract (BillingAccount,
 * BillingCoupon, BillingDuplicate; docs/billing-connector.md) over real HTTP, with
 * synthetic accounts, so `npm start` in demo mode prints a coupon on the virtual printer.
 * Tests start it too and switch it down or slow to see the kiosk's answer.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { BillingCouponRequest, type BillingAccount, type BillingCoupon, type BillingDuplicate } from '@turnero/contract/self-service';
import { gs1CheckDigit } from '@turnero/domain/gs1';
import type { Clock } from '@turnero/domain/types';
import type { CommandBus } from '../command-bus';
import type { CompanyConfig } from '../self-service/companies';
import { saveSelfServiceSettings } from '../store/self-service-store';

/** Synthetic holders: invented names, invented numbers. */
const ACCOUNTS: Omit<BillingAccount, 'dueDate'>[] = [
  { account: '10012345', holderName: 'María Gómez', period: 'Noviembre 2026', amountDue: 45000, currency: 'COP', partialAmount: 31500 },
  { account: '10067890', holderName: 'Jorge Enrique Castaño', period: 'Noviembre 2026', amountDue: 128750, currency: 'COP', partialAmount: 90125 },
  { account: '20055501', holderName: 'Luz Dary Ospina', period: 'Octubre-Noviembre 2026', amountDue: 312400, currency: 'COP', partialAmount: null },
];
export const DEMO_ACCOUNTS = ACCOUNTS.map((a) => a.account);

/** The demo company's GLN: invented, with a valid check digit. */
export const DEMO_GLN = `770999800001${gs1CheckDigit('770999800001')}`;

export type DemoBillingMode = 'ok' | 'down' | 'slow';

export interface DemoBilling {
  readonly url: string;
  /** Requests received (for tests: a breaker that is open sends none). */
  readonly requests: number;
  setMode(mode: DemoBillingMode, slowMs?: number): void;
  stop(): Promise<void>;
}

const addDays = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000).toISOString().slice(0, 10);

export async function startDemoBilling(opts: { clock: Clock; credential?: string; port?: number }): Promise<DemoBilling> {
  let mode: DemoBillingMode = 'ok';
  let slowMs = 5000;
  let requests = 0;
  const timers = new Set<NodeJS.Timeout>();

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const send = (status: number, body?: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? '' : JSON.stringify(body));
    };
    if (opts.credential && req.headers.authorization !== `Bearer ${opts.credential}`) return send(401, { error: 'unauthorized' });
    const m = /^\/accounts\/([0-9A-Za-z-]{1,40})(\/coupons|\/duplicates)?$/.exec(req.url ?? '');
    // A coupon's payment reference (the account and two digits), scanned from an old bill, finds its account too.
    const found = m ? ACCOUNTS.find((a) => a.account === m[1] || (m[1].length === a.account.length + 2 && m[1].startsWith(a.account))) : undefined;
    if (!m || !found) return send(404, { error: 'unknown account' });
    const dueDate = addDays(opts.clock.now(), 10);
    if (!m[2] && req.method === 'GET') return send(200, { ...found, dueDate } satisfies BillingAccount);
    if (req.method !== 'POST') return send(405);
    let raw = '';
    for await (const chunk of req) raw += chunk;
    if (m[2] === '/duplicates') {
      const energy = Math.round(found.amountDue * 0.8);
      const body: BillingDuplicate = {
        documentId: randomUUID(),
        period: found.period,
        lines: [
          { concept: 'Energía', amount: energy },
          { concept: 'Alumbrado y otros', amount: found.amountDue - energy },
        ],
        total: found.amountDue,
        dueDate,
      };
      return send(201, body);
    }
    const parsed = BillingCouponRequest.safeParse(JSON.parse(raw || '{}'));
    if (!parsed.success) return send(400, { error: 'bad coupon request' });
    const body: BillingCoupon = {
      couponId: randomUUID(),
      reference: `${found.account}${parsed.data.kind === 'full' ? '01' : '02'}`,
      amount: parsed.data.amount,
      dueDate,
    };
    return send(201, body);
  };

  const server: Server = createServer((req, res) => {
    requests++;
    if (mode === 'down') {
      res.writeHead(503).end();
      return;
    }
    const go = () => void handle(req, res).catch(() => res.writeHead(500).end());
    if (mode === 'slow') {
      const t = setTimeout(() => (timers.delete(t), go()), slowMs);
      timers.add(t);
    } else go();
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    setMode(next, ms) {
      mode = next;
      if (ms !== undefined) slowMs = ms;
    },
    async stop() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The demo company: Colombian pesos, the GS1 collection format, the demo billing's address. */
export function demoCompany(url: string): CompanyConfig {
  return {
    code: 'demo',
    name: 'Energía Demo S.A. E.S.P.',
    country: 'CO',
    currency: 'COP',
    gln: DEMO_GLN,
    barcode: { format: 'gs1-collection' },
    billing: { via: 'direct', baseUrl: url, timeoutMs: 3000, retries: 1, breakerFailures: 5, breakerCoolDownMs: 30_000 },
    payUrl: 'https://pagos.example.com/pagar',
  };
}

/** The demo office offers self-service from its first start, with the demo company. */
export async function enableDemoSelfService(bus: CommandBus): Promise<void> {
  await bus.command('demo-self-service', async ({ tx, viewUnchanged }) => {
    viewUnchanged();
    await saveSelfServiceSettings(tx, { enabled: true, company: 'demo' });
  });
}
