/**
 * Entry point. ROLE=office (default): the office server on its SQLite file.
 * ROLE=hq: the head-office server on PostgreSQL (DATABASE_URL) or embedded PGlite.
 */
import { join, resolve } from 'node:path';
import { ConfigError, loadConfig } from './platform/config';
import { createLogger } from './platform/logger';
import { stopOnSignals } from './platform/shutdown';

async function main(): Promise<void> {
  // Whatever the server creates (database, its logs, credentials, printed tickets, the
  // embedded head-office database) is readable by its own user only.
  process.umask(0o077);
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  if (config.ROLE === 'hq') {
    const { startHqFromConfig } = await import('./hq/main');
    await startHqFromConfig(config, logger);
    return;
  }
  const { createOfficeServer } = await import('./office/app');
  const server = await createOfficeServer({ config, logger });
  const { url, warnings, liveDemo } = await server.start();
  const credsFile = resolve(join(config.DATA_DIR, 'demo-credentials.json'));
  const lines = [
    '',
    `Turnero office ${config.OFFICE_CODE} listening on ${url}`,
    `  Kiosk (dispensador):   ${url}/dispenser/`,
    `  Wall display:          ${url}/display/`,
    `  Agent desk / board:    ${url}/desk/`,
    `  API docs:              ${url}/api/docs   (OpenAPI: ${url}/api/v1/openapi.json)`,
    `  Metrics:               ${url}/metrics`,
  ];
  if (config.DEMO) {
    // Not the tokens themselves: a start-up banner ends up in terminals, journald and CI logs.
    lines.push(`  Demo credentials:      ${credsFile}`);
    lines.push('  (users, and the kiosk and display tokens to open those screens, are in that file)');
  }
  if (liveDemo) lines.push('  Live demo:             simulated customers and agents are at work (DEMO_SIMULATE)');
  for (const warning of warnings) lines.push(`  WARNING: ${warning}`);
  console.log(lines.join('\n') + '\n');
  stopOnSignals(server, logger);
}

main().catch((err) => {
  // A bad setting, or a data folder another office server holds: say so, no stack trace.
  const named = ['DataDirInUseError', 'EmbeddedDatabaseRefused'];
  if (err instanceof ConfigError || named.includes((err as Error)?.name)) {
    console.error((err as Error).message);
    process.exit(2);
  }
  console.error(err);
  process.exit(1);
});
