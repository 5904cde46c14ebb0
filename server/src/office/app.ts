/**
 * The office server, built from its parts: `createOfficeServer({ config, clock, ... })`
 * returns start()/stop(), so tests run it on port 0 with a temporary SQLite file and a
 * fake clock. One process, one SQLite file, no other service to install.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import express from 'express';
import { ErrorBody } from '@turnero/contract/dto';
import { lockDataDir, type DataDirLock } from '../db/data-dir-lock';
import { makeDataDirPrivate } from '../db/private-files';
import { openOfficeDb, type OfficeDb } from '../db/office-db';
import { systemClock, type Clock } from '@turnero/domain/types';
import { guardRequests } from '../platform/client-guard';
import type { Config } from '../platform/config';
import { createHttpApp, errorHandler, jsonBody, loginRateLimit, sessionAccount, notFoundHandler } from '../platform/http';
import { createLogger, type Logger } from '../platform/logger';
import { createMetrics } from '../platform/metrics';
import { buildOpenApi, mountRoutes } from '../platform/routes';
import { mountWebApps } from '../platform/web';
import { createWebServer, schemeOf } from '../platform/web-server';
import { AuthService } from './auth/auth-service';
import { createCommandBus } from './command-bus';
import { runEndOfDay } from './commands/expiry';
import { recordPrintResult, recordPrinterStatus } from './commands/printing';
import type { OfficeDeps } from './context';
import { adminRoutes } from './http/admin-routes';
import { officeAuthenticator } from './http/authenticate';
import { counterRoutes } from './http/counter-routes';
import { officeRoutes } from './http/office-routes';
import { officeOidcRoutes } from './http/oidc-routes';
import { personalDataRoutes } from './http/personal-data-routes';
import { ratingRoutes } from './http/rating-routes';
import { ticketRoutes } from './http/ticket-routes';
import { selfServiceRoutes } from './http/self-service-routes';
import { loadCompanies, type CompanyConfig } from './self-service/companies';
import { localCouponPrinters } from './self-service/coupon-printers';
import { createSelfService } from './self-service/wiring';
import { demoCompany, enableDemoSelfService, startDemoBilling } from './demo/billing-demo';
import { attachLocalPrinters } from './printing/local-printers';
import { PrintDispatcher } from './printing/print-dispatcher';
import { publicLinkWarnings, readHqPublicUrl } from './printing/public-link';
import { startLiveDemo, type LiveDemo } from './demo/live-demo';
import { scaledTime } from './demo/demo-time';
import { demoCredentialsFor, readLiveDemoSettings } from './demo/settings';
import { Broadcaster } from './realtime/broadcaster';
import { createSocketServer } from './realtime/socket-server';
import { loadTicketFooter, loadTicketLogo } from './store/settings-store';
import { isEmpty, seedDemoOffice, seedRealOffice, type DemoCredentials } from './seed/seed';
import { startLink, type LinkHandle } from './link/link-wiring';
import { createLinkReporter, type LinkReporter } from './link/remote-tickets';
import { bookingRoutes } from './http/booking-routes';
import { sweepBookings } from './bookings/booking-housekeeping';
import { startSync, type SyncHandle } from './sync-wiring';

interface OfficeServerOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** How often the end-of-day job checks the clock (ms). */
  housekeepingIntervalMs?: number;
  /** Self-service billing connectors (tests); default: BILLING_COMPANIES_FILE. */
  billingCompanies?: CompanyConfig[];
}

export interface OfficeServer {
  readonly deps: OfficeDeps;
  readonly demoCredentials: DemoCredentials | null;
  /** `warnings`: why the printed link cannot be right (also logged), for the start-up banner. */
  start(): Promise<{ url: string; port: number; warnings: string[]; liveDemo: boolean }>;
  stop(): Promise<void>;
}

const API_PREFIX = '/api/v1';

export async function createOfficeServer(opts: OfficeServerOptions): Promise<OfficeServer> {
  const { config } = opts;
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  makeDataDirPrivate(config.DATA_DIR);
  const dataDirLock = lockDataDir(config.DATA_DIR);
  try {
    return await buildOfficeServer(opts, config, clock, logger, dataDirLock);
  } catch (err) {
    dataDirLock.release();
    throw err;
  }
}

async function buildOfficeServer(
  opts: OfficeServerOptions,
  config: Config,
  clock: Clock,
  logger: Logger,
  dataDirLock: DataDirLock,
): Promise<OfficeServer> {
  const db: OfficeDb = await openOfficeDb({
    file: join(config.DATA_DIR, 'office.db'),
    log: (msg) => logger.debug(msg),
    warn: (msg, err) => logger.warn({ err }, msg),
  });
  if (db.appliedMigrations.length) logger.info({ migrations: db.appliedMigrations }, 'database migrated');

  // Every committed command may have added outbox rows: wake the sync worker.
  let syncHandle: SyncHandle | null = null;
  // Remote tickets may have moved with any commit: head office hears it (coalesced).
  let reporter: LinkReporter | null = null;
  const metrics = createMetrics();
  const commandSeconds = metrics.histogram(
    'command_duration_seconds',
    'Time a command holds the command queue (its transaction and what runs after commit)',
    ['command'],
  );
  const bus = createCommandBus(db.prisma, {
    clock,
    logger,
    driver: db.driver,
    onCommit: () => {
      db.committed();
      syncHandle?.notify();
      reporter?.queueChanged();
    },
    onCommandDone: (command, seconds) => commandSeconds.observe({ command }, seconds),
  });
  const broadcaster = new Broadcaster();
  let publicUrl = config.PUBLIC_URL ?? `${schemeOf(config)}://localhost:${config.PORT}`;
  const hqPublicUrl = readHqPublicUrl();
  const liveDemoSettings = readLiveDemoSettings(config);
  const publicLink = () => ({ publicUrl, hqPublicUrl, officeCode: config.OFFICE_CODE });
  let footer = '';
  let header = '';
  const printing = new PrintDispatcher({ broadcaster, logger, publicLink, footer: () => footer, header: () => header });
  const deps: OfficeDeps = { bus, clock, logger, config, broadcaster, printing, metrics };
  const auth = new AuthService(bus, clock, config.TOKEN_TTL_HOURS);
  reporter = createLinkReporter(deps);
  const bookingLink = reporter;
  const sweepBookingsNow = () =>
    sweepBookings(deps)
      .then((r) => bookingLink.bookingsSettled(r.noShows.map((b) => ({ ...b, status: 'no_show' as const }))))
      .catch((err) => logger.error({ err }, 'bookings sweep failed'));

  let demoCredentials: DemoCredentials | null = null;
  if (await isEmpty(bus)) {
    if (config.DEMO) {
      const printerUri = config.DEMO_PRINTER_URI ?? 'virtual:demo';
      demoCredentials = await seedDemoOffice(bus, auth, config, printerUri);
      await enableDemoSelfService(bus);
      logger.info({ file: join(config.DATA_DIR, 'demo-credentials.json') }, 'demo office created');
    } else {
      await seedRealOffice(bus, config);
      logger.info({ office: config.OFFICE_CODE }, 'office created with its first admin');
    }
  }
  footer = await bus.read(loadTicketFooter);
  header = await bus.read(loadTicketLogo);

  printing.setResultHandler(async (ticketId, outcome) => {
    await recordPrintResult(deps, ticketId, outcome);
  });
  const localPrinters = await attachLocalPrinters(deps, config, (deviceId, status) =>
    recordPrinterStatus(deps, deviceId, status).then(() => undefined),
  );

  // Self-service (issue 16): the companies' billing connectors; demo mode brings its own billing system.
  const demoBilling = config.DEMO ? await startDemoBilling({ clock }) : null;
  const billingCompanies = [...(opts.billingCompanies ?? loadCompanies(config.BILLING_COMPANIES_FILE)), ...(demoBilling ? [demoCompany(demoBilling.url)] : [])];
  const selfService = createSelfService(deps, billingCompanies, localCouponPrinters(localPrinters.services, config));

  const app = createHttpApp(metrics, config);
  const routes = [
    ...officeRoutes(deps, auth, () => syncHandle!.state()),
    ...ticketRoutes(deps),
    ...selfServiceRoutes(selfService),
    ...bookingRoutes(deps, bookingLink),
    ...counterRoutes(deps),
    ...adminRoutes(deps, auth, () => localPrinters.refresh()),
    ...personalDataRoutes(deps),
    ...ratingRoutes(deps, auth),
    ...officeOidcRoutes(deps, auth, publicUrl),
  ];
  const openapi = buildOpenApi(
    routes,
    { title: 'Turnero office API', version: '1', description: 'Office queue: tickets, counters, live state.' },
    API_PREFIX,
    ErrorBody,
  );
  const api = express.Router();
  // The login body is read first (small, public): the limiter counts per account.
  api.use('/auth/login', jsonBody('16kb'), loginRateLimit(config.LOGIN_RATE_LIMIT_PER_MINUTE, 'Too many login attempts; wait a minute'));
  // Changing one's own password checks the current one: limited like a login, per session.
  api.use('/me/password', loginRateLimit(config.LOGIN_RATE_LIMIT_PER_MINUTE, 'Too many password attempts; wait a minute', sessionAccount));
  api.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  mountRoutes(api, routes, officeAuthenticator(auth), { bodyLimit: '256kb' });
  api.use(notFoundHandler);
  app.use(API_PREFIX, api);
  mountWebApps(app, { apps: ['dispenser', 'display', 'desk'], apiDocsTitle: 'Turnero — API de oficina', home: officeHome });
  app.use(notFoundHandler);
  app.use(errorHandler(logger));

  // A flooding client is answered at the door, before Express (platform/client-guard.ts).
  const http = createWebServer(guardRequests(app, config, logger, metrics), config, logger);
  const io = createSocketServer(http, deps, auth);
  let linkHandle: LinkHandle = startLink(deps, auth, { hq: null });
  const linkStatus = () => linkHandle.status();
  syncHandle = await startSync(deps, db.prisma, null, linkStatus);
  let housekeeping: NodeJS.Timeout | null = null;
  let liveDemo: LiveDemo | null = null;

  return {
    deps,
    demoCredentials,
    async start() {
      await new Promise<void>((resolve, reject) => {
        http.once('error', reject);
        http.listen(config.PORT, config.HOST, () => resolve());
      });
      const port = (http.address() as AddressInfo).port;
      if (!config.PUBLIC_URL) publicUrl = `${schemeOf(config)}://localhost:${port}`;
      const warnings = publicLinkWarnings(config, publicLink());
      for (const warning of warnings) logger.warn({ publicUrl, hqPublicUrl }, warning);
      await runEndOfDay(deps).catch((err) => logger.error({ err }, 'end-of-day job failed'));
      await sweepBookingsNow();
      housekeeping = setInterval(() => {
        void runEndOfDay(deps).catch((err) => logger.error({ err }, 'end-of-day job failed'));
        void sweepBookingsNow();
      }, opts.housekeepingIntervalMs ?? 60_000);
      housekeeping.unref();
      if (config.HQ_URL && config.HQ_TOKEN) {
        await syncHandle!.stop();
        syncHandle = await startSync(deps, db.prisma, { url: config.HQ_URL, token: config.HQ_TOKEN }, linkStatus);
        linkHandle = startLink(deps, auth, {
          hq: { url: config.HQ_URL, token: config.HQ_TOKEN },
          onSettingsChanged: async () => {
            footer = await bus.read(loadTicketFooter);
            header = await bus.read(loadTicketLogo);
          },
          onChange: () => syncHandle?.changed(),
          reporter: bookingLink,
        });
      }
      if (liveDemoSettings) {
        // Through the real API, from this machine: the server listens there too.
        const host = ['0.0.0.0', '::', ''].includes(config.HOST) ? '127.0.0.1' : config.HOST;
        liveDemo = startLiveDemo({
          baseUrl: `${schemeOf(config)}://${host.includes(':') ? `[${host}]` : host}:${port}`,
          creds: demoCredentialsFor(config, demoCredentials),
          time: scaledTime(clock, liveDemoSettings.speed),
          seed: liveDemoSettings.seed,
          logger,
        });
      }
      return { url: publicUrl, port, warnings, liveDemo: liveDemoSettings !== null };
    },
    async stop() {
      await liveDemo?.stop();
      if (housekeeping) clearInterval(housekeeping);
      bookingLink.stop();
      await linkHandle.stop();
      await syncHandle?.stop();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      auth.close();
      if (http.listening) await new Promise<void>((resolve) => http.close(() => resolve()));
      await localPrinters.close();
      await demoBilling?.stop();
      await printing.close();
      await bus.drain();
      await db.close();
      dataDirLock.release();
    },
  };
}

function officeHome(): string {
  return `<h1>Turnero</h1><p>Oficina / Office</p><ul>
<li><a href="/dispenser/">Dispensador de turnos (kiosco)</a></li>
<li><a href="/display/">Pantalla de llamados</a></li>
<li><a href="/desk/">Puesto del asesor y tablero del supervisor</a></li>
<li><a href="/api/docs">API (OpenAPI)</a></li></ul>`;
}
