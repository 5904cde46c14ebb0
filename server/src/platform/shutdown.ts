/** What both roles do on Ctrl-C or a service manager's stop: log, stop cleanly, exit. */
import type { Logger } from './logger';

export function stopOnSignals(server: { stop(): Promise<void> }, logger: Logger): void {
  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await server.stop().catch((err) => logger.error({ err }, 'shutdown failed'));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
