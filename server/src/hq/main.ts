/** `npm run hq` (ROLE=hq): starts head office from the environment and prints where things are. */
import type { Config } from '../platform/config';
import type { Logger } from '../platform/logger';
import { oidcSettings } from '../platform/oidc/settings';
import { stopOnSignals } from '../platform/shutdown';
import { schemeOf } from '../platform/web-server';
import { createHqServer } from './index';
import { loadNotifySettings } from './notify/settings';
import { loadCompanies } from '../office/self-service/companies';

export async function startHqFromConfig(config: Config, logger: Logger): Promise<void> {
  const server = await createHqServer({
    port: config.PORT,
    host: config.HOST,
    dataDir: config.DATA_DIR,
    databaseUrl: config.DATABASE_URL,
    redisUrl: config.REDIS_URL,
    demo: config.DEMO,
    logger,
    tokenTtlHours: config.TOKEN_TTL_HOURS,
    loginRateLimitPerMinute: config.LOGIN_RATE_LIMIT_PER_MINUTE,
    admin: config.ADMIN_USERNAME && config.ADMIN_PASSWORD ? { username: config.ADMIN_USERNAME, password: config.ADMIN_PASSWORD } : undefined,
    web: config,
    billingCompanies: loadCompanies(config.BILLING_COMPANIES_FILE),
    oidc: oidcSettings(config, config.PUBLIC_URL ?? `${schemeOf(config)}://localhost:${config.PORT}`),
    // The portal's links in customers' messages (manage a booking, a remote ticket's live page).
    portal: { publicUrl: config.PUBLIC_URL?.replace(/\/$/, '') },
    // Reminders link to the booking's page on the portal, as its confirmation does (hq/portal/bookings.ts).
    notify: loadNotifySettings(config.NOTIFY_CONFIG_FILE, {
      bookingUrl: config.PUBLIC_URL ? `${config.PUBLIC_URL.replace(/\/$/, '')}/portal/#/booking/{code}` : undefined,
    }),
  });
  const lines = [
    '',
    `Turnero head office listening on ${server.url}`,
    `  Dashboard:   ${server.url}/hq/`,
    `  Database:    ${server.db.embedded ? `embedded PostgreSQL (PGlite) in ${config.DATA_DIR}` : 'PostgreSQL (DATABASE_URL)'}`,
    `  API docs:    ${server.url}/api/docs   (OpenAPI: ${server.url}/api/v1/openapi.json)`,
    `  Metrics:     ${server.url}/metrics`,
  ];
  if (server.credentialsFile) lines.push(`  Credentials: ${server.credentialsFile}`);
  console.log(lines.join('\n') + '\n');
  stopOnSignals(server, logger);
}
