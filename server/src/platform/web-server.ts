/**
 * The listening server both roles use: plain HTTP, or HTTPS when TLS_CERT_FILE and
 * TLS_KEY_FILE are set. A renewed certificate (certbot, a Kubernetes secret, a copy by
 * hand) is picked up without a restart: the files are checked every TLS_RELOAD_SECONDS
 * and, when they changed and form a valid pair, new connections get the new certificate.
 * Checking by stat rather than fs.watch survives the renewers that swap a symlink or
 * rename a new file into place (a watch on the old inode would never fire).
 */
import { statSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Config } from './config';
import type { Logger } from './logger';
import { readTlsPair } from './tls-files';

export type TlsConfig = Partial<Pick<Config, 'TLS_CERT_FILE' | 'TLS_KEY_FILE' | 'TLS_RELOAD_SECONDS'>>;

export type WebServer = HttpServer | HttpsServer;

export function schemeOf(config: TlsConfig): 'http' | 'https' {
  return config.TLS_CERT_FILE && config.TLS_KEY_FILE ? 'https' : 'http';
}

export function createWebServer(app: RequestListener, config: TlsConfig, logger: Logger): WebServer {
  const { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile } = config;
  if (!certFile || !keyFile) return createHttpServer(app);
  // loadConfig checked the pair at boot; a file broken since then still stops the start.
  const server = createHttpsServer(readTlsPair(certFile, keyFile), app);
  let seen = fingerprint(certFile, keyFile);
  const timer = setInterval(
    () => {
      const now = fingerprint(certFile, keyFile);
      if (now === seen) return;
      try {
        server.setSecureContext(readTlsPair(certFile, keyFile));
        seen = now;
        logger.info({ certFile }, 'TLS certificate reloaded');
      } catch (err) {
        // Keep serving the old certificate; a renewer writing cert then key is retried next tick.
        logger.warn({ err, certFile, keyFile }, 'TLS certificate files changed but do not load yet');
      }
    },
    (config.TLS_RELOAD_SECONDS ?? 60) * 1000,
  );
  timer.unref();
  server.once('close', () => clearInterval(timer));
  return server;
}

/** What changes when either file is replaced or rewritten (stat follows symlinks). */
function fingerprint(...files: string[]): string {
  return files
    .map((f) => {
      try {
        const s = statSync(f);
        return `${s.ino}:${s.size}:${s.mtimeMs}`;
      } catch {
        return 'missing';
      }
    })
    .join('|');
}
