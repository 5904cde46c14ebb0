/**
 * The head-office server: ingest from every office, aggregates, comparison API, and the
 * dashboard's static files at /hq/. On PostgreSQL when given a URL, else on embedded
 * PGlite in dataDir.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import express from 'express';
import { systemClock, type Clock } from '@turnero/domain/types';
import { createHttpApp, errorHandler, notFoundHandler } from '../platform/http';
import { createLogger, type Logger } from '../platform/logger';
import { createMetrics } from '../platform/metrics';
import { REPO_ROOT } from '../platform/repo-root';
import type { OidcSettings } from '../platform/oidc/settings';
import { mountApiDocs } from '../platform/web';
import { gzipStatic } from '../platform/web-gzip';
import { createWebServer, schemeOf, type TlsConfig } from '../platform/web-server';
import type { WebSecurityConfig } from '../platform/web-security';
import { guardRequests, type ClientGuardConfig } from '../platform/client-guard';
import { makeDataDirPrivate } from '../db/private-files';
import { ensureInitialUsers, type DemoCredentials } from './auth/users';
import { openHqDatabase, type HqDatabase } from './db';
import { hqApiRouter } from './http/routes';
import { createLinkServer, type LinkServer } from './link/link-server';
import type { LinkNotifier } from './link/notifier';
import { createNotifier, type NotifierService } from './notify/notifier';
import type { NotifySettings } from './notify/settings';
import type { Notifier } from './notify/types';
import { createPortal, type Portal } from './portal';
import type { PortalLimits } from './portal/deps';
import type { PublicRateLimits } from './http/public-routes';
import type { CompanyConfig } from '../office/self-service/companies';

interface HqServerOptions {
  port: number;
  dataDir: string;
  databaseUrl?: string;
  demo: boolean;
  clock?: Clock;
  logger?: Logger;
  host?: string;
  /** Database connections (default 10; embedded PGlite always uses 1). */
  poolSize?: number;
  tokenTtlHours?: number;
  loginRateLimitPerMinute?: number;
  /** First admin of an empty database (else a random one, written to DATA_DIR). */
  admin?: { username: string; password: string };
  /** Redis for the offices' links when several head-office processes serve them (socket.io Redis adapter); absent: one process, no Redis. */
  redisUrl?: string;
  /** Requests one office link socket may send at once, then per second (default 60, 20). */
  linkRequestLimit?: { burst: number; perSecond: number };
  /** Built dashboard files (default dist/web/hq of the repository). */
  staticDir?: string;
  /** Single sign-on through the company's identity provider (platform/oidc); absent: passwords only. */
  oidc?: OidcSettings | null;
  /** HTTPS certificate files, METRICS_TOKEN, NODE_ENV (default: plain HTTP, metrics to loopback only). */
  web?: TlsConfig & Omit<WebSecurityConfig, 'DEMO'> & Partial<ClientGuardConfig>;
  /** Customer messages' providers, templates and retries (NOTIFY_CONFIG_FILE); absent: none configured, each message recorded as failed (no_channel). */
  notify?: NotifySettings;
  /** The public portal: its address in customers' messages (default: this server's URL), limits per address and per contact. */
  portal?: { publicUrl?: string; rateLimits?: PublicRateLimits; limits?: Partial<PortalLimits> };
  /** Customer messages (booking confirmations, "you are next") in place of head office's own notifier (tests record them). */
  notifier?: Notifier;
  /** Companies whose billing offices reach through head office (BILLING_COMPANIES_FILE; issue 16). */
  billingCompanies?: CompanyConfig[];
}

export interface HqServer {
  url: string;
  port: number;
  /** Where the first users' passwords were written (null when users already existed and no file is there). */
  credentialsFile: string | null;
  credentials: DemoCredentials | null;
  db: HqDatabase;
  /** The offices' live links (notices, disconnects, who is linked). */
  link: LinkNotifier;
  /** Messages to customers (booking confirmations, reminders, remote-ticket notices), sent in the background. */
  notifier: NotifierService;
  stop(): Promise<void>;
}

export async function createHqServer(opts: HqServerOptions): Promise<HqServer> {
  const clock = opts.clock ?? systemClock;
  const logger = opts.logger ?? createLogger(process.env.LOG_LEVEL ?? 'info', 'turnero-hq');
  makeDataDirPrivate(opts.dataDir);
  const db = await openHqDatabase({
    databaseUrl: opts.databaseUrl,
    dataDir: opts.dataDir,
    embeddedAllowed: opts.demo,
    poolSize: opts.poolSize,
    log: (msg) => logger.debug(msg),
  });
  let link: LinkServer | undefined;
  let notifier: NotifierService | undefined;
  let portal: Portal | undefined;
  try {
    const credentialsFile = resolve(join(opts.dataDir, opts.demo ? 'demo-credentials.json' : 'initial-credentials.json'));
    const credentials = await ensureInitialUsers(db.prisma, credentialsFile, opts.demo, opts.admin);

    const metrics = createMetrics('turnero_hq_');
    const web = { ...opts.web, DEMO: opts.demo };
    const app = createHttpApp(metrics, web);
    // The links share the HTTP(S) server: one port for the API, the dashboard and the offices.
    // A flooding client is answered at the door, before Express, as at the office.
    const door = {
      HTTP_IN_FLIGHT_PER_CLIENT: web.HTTP_IN_FLIGHT_PER_CLIENT ?? 32,
      FLOOD_REFUSALS: web.FLOOD_REFUSALS ?? 50,
      FLOOD_COOLDOWN_SECONDS: web.FLOOD_COOLDOWN_SECONDS ?? 10,
    };
    const server = createWebServer(guardRequests(app, door, logger, metrics), web, logger);
    link = await createLinkServer(server, { db, clock, logger, redisUrl: opts.redisUrl, ...opts.linkRequestLimit });
    notifier = createNotifier({ db, clock, logger, metrics, settings: opts.notify });
    let publicUrl = opts.portal?.publicUrl ?? '';
    portal = createPortal({
      db,
      clock,
      logger,
      dataDir: opts.dataDir,
      link,
      // A notifier given (tests) stands in for head office's own.
      notifier: () => opts.notifier ?? notifier,
      publicUrl: () => publicUrl,
      limits: opts.portal?.limits,
    });
    link.onOfficeReports(portal);
    app.use(
      '/api/v1',
      hqApiRouter({
        db,
        clock,
        logger,
        metrics,
        tokenTtlHours: opts.tokenTtlHours ?? 12,
        loginRateLimitPerMinute: opts.loginRateLimitPerMinute ?? 10,
        oidc: opts.oidc,
        link,
        notify: { notifier, settings: opts.notify },
        portal: portal.deps,
        publicRateLimits: opts.portal?.rateLimits,
        billingRelay: opts.billingCompanies,
      }),
    );
    mountApiDocs(app, 'Turnero — API de casa matriz');
    const staticDir = opts.staticDir ?? join(REPO_ROOT, 'dist', 'web', 'hq');
    if (!existsSync(staticDir)) logger.warn({ staticDir }, 'dashboard not built (npm run build): /hq/ will answer 404');
    app.use('/hq', express.static(staticDir, { index: 'index.html', fallthrough: true }));
    // The public customer portal (book, join the queue, live ticket page): no login, same CSP,
    // compressed for phones on 3G.
    const portalDir = join(REPO_ROOT, 'dist', 'web', 'portal');
    app.use('/portal', gzipStatic(portalDir), express.static(portalDir, { index: 'index.html', fallthrough: true }));
    app.get('/', (_req, res) => res.redirect(302, '/hq/'));
    app.use(notFoundHandler);
    app.use(errorHandler(logger));

    await new Promise<void>((ok, fail) => {
      server.once('error', fail);
      server.listen(opts.port, opts.host ?? '0.0.0.0', ok);
    });
    const port = (server.address() as AddressInfo).port;
    const url = `${schemeOf(web)}://127.0.0.1:${port}`;
    publicUrl ||= url;
    logger.info({ url, database: db.embedded ? 'embedded PGlite' : 'postgresql' }, 'head office listening');
    notifier.start();
    return {
      url,
      port,
      credentialsFile: credentials ? credentialsFile : null,
      credentials,
      db,
      link,
      notifier,
      async stop() {
        server.closeAllConnections();
        portal?.stop();
        await link?.close();
        await new Promise<void>((ok) => server.close(() => ok()));
        await notifier?.stop();
        await db.close();
      },
    };
  } catch (err) {
    portal?.stop();
    await link?.close().catch(() => {});
    await notifier?.stop().catch(() => {});
    await db.close().catch(() => {});
    throw err;
  }
}
