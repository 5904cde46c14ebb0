/**
 * Self-service test support: an in-process office (fake clock) whose company "acme" bills
 * through a real HTTP billing server started here (the demo billing's code), printing on
 * a virtual printer over TCP.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startVirtualPrinter, type DecodedTicket, type VirtualPrinter } from '@turnero/hardware';
import { startDemoBilling, DEMO_GLN, type DemoBilling } from '../../server/src/office/demo/billing-demo';
import { listSelfServiceTransactions, type SelfServiceRow } from '../../server/src/office/store/self-service-store';
import { login, request } from '../support/http';
import { FakeClock, startInProcessOffice, tempDataDir, type InProcessOffice } from '../support/office';

const CREDENTIAL = 'test-billing-credential-0123456789';
export const BREAKER_FAILURES = 3;
export const COOL_DOWN_MS = 30_000;

export interface SelfServiceRig {
  office: InProcessOffice;
  billing: DemoBilling;
  printer: VirtualPrinter;
  clock: FakeClock;
  kiosk: string;
  admin: string;
  papers: DecodedTicket[];
  transactions(): Promise<SelfServiceRow[]>;
  stop(): Promise<void>;
}

export async function startSelfServiceRig(): Promise<SelfServiceRig> {
  const clock = new FakeClock(new Date('2026-12-01T15:00:00Z'));
  const billing = await startDemoBilling({ clock, credential: CREDENTIAL });
  const printer = await startVirtualPrinter({ tcpPort: 0, speedMmPerSec: 5000, name: `self-service-${process.pid}` });
  const papers: DecodedTicket[] = [];
  printer.onTicket((t) => papers.push(t));
  const dataDir = tempDataDir('turnero-self-service-');
  const companiesFile = join(dataDir, 'billing-companies.json');
  process.env.TEST_BILLING_CREDENTIAL = CREDENTIAL;
  writeFileSync(
    companiesFile,
    JSON.stringify({
      companies: [
        {
          code: 'acme',
          name: 'Acueducto Acme S.A. E.S.P.',
          country: 'CO',
          currency: 'COP',
          gln: DEMO_GLN,
          billing: {
            baseUrl: billing.url,
            credentialEnv: 'TEST_BILLING_CREDENTIAL',
            timeoutMs: 300,
            retries: 1,
            breakerFailures: BREAKER_FAILURES,
            breakerCoolDownMs: COOL_DOWN_MS,
          },
          payUrl: 'https://pagos.example.com/pagar',
        },
      ],
    }),
    { mode: 0o600 },
  );
  const office = await startInProcessOffice({
    clock,
    dataDir,
    env: { DEMO_PRINTER_URI: printer.uri, BILLING_COMPANIES_FILE: companiesFile },
  });
  const adminUser = office.creds.users.find((u) => u.role === 'admin')!;
  const admin = await login(office.url, adminUser.username, adminUser.password);
  const set = await request(office.url, 'PUT', '/api/v1/self-service/settings', { token: admin, body: { enabled: true, company: 'acme' } });
  if (set.status !== 200) throw new Error(`settings: ${set.status}`);
  return {
    office,
    billing,
    printer,
    clock,
    kiosk: office.creds.kioskToken,
    admin,
    papers,
    transactions: () => office.server.deps.bus.read((db) => listSelfServiceTransactions(db, new Date(0))),
    async stop() {
      await office.stop();
      await billing.stop();
      await printer.stop();
    },
  };
}
