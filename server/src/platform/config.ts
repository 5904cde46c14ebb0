/**
 * Configuration from environment variables, checked once at boot. A bad or missing
 * variable stops start-up with a message that names it.
 */
import { z } from 'zod';
import { parsePrinterAllowlist } from '@turnero/hardware';
import { newPassword } from '@turnero/contract/text';
import { isValidTimeZone } from '@turnero/domain/local-day';
import { readTlsPair } from './tls-files';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const ConfigSchema = z.object({
  ROLE: z.enum(['office', 'hq']).default('office'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** Demo mode seeds a demo office / head office on an empty database. Default true for npm start. */
  DEMO: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Public base URL used in QR codes and printed links (default http://<host>:<port>). */
  PUBLIC_URL: z.string().url().optional(),
  OFFICE_CODE: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).default('DEMO-001'),
  OFFICE_NAME: z.string().min(1).max(120).default('Oficina de demostración'),
  OFFICE_TIME_ZONE: z
    .string()
    .refine((tz) => isValidTimeZone(tz), 'not a valid IANA time zone')
    .default('America/Bogota'),
  /** Initial admin for a real (non-demo) office; only used on an empty database. */
  ADMIN_USERNAME: z.string().min(3).max(64).optional(),
  ADMIN_PASSWORD: newPassword().optional(),
  DEMO_PRINTER_URI: z.string().optional(),
  /** Self-service (issue 16): the private JSON file of per-company billing connectors (server/src/office/self-service/companies.ts). */
  BILLING_COMPANIES_FILE: z.string().optional(),
  /**
   * Printer targets an admin may give a kiosk (comma-separated, see hardware's
   * printer-targets): by default port 9100 on private networks and the usual device paths.
   */
  PRINTER_ALLOWED_TARGETS: z
    .string()
    .default(
      'tcp://10.0.0.0/8:9100,tcp://172.16.0.0/12:9100,tcp://192.168.0.0/16:9100,serial:/dev/ttyUSB*,serial:/dev/ttyACM*,serial:/dev/ttyS*,file:/dev/usb/lp*',
    )
    .transform((v, ctx) => {
      try {
        return parsePrinterAllowlist(v);
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: (err as Error).message });
        return z.NEVER;
      }
    }),
  HQ_URL: z.string().url().optional(),
  HQ_TOKEN: z.string().min(16).optional(),
  DATABASE_URL: z.string().optional(),
  /** Head office: Redis shared by several head-office processes for the offices' links (socket.io Redis adapter); unset, one process. */
  REDIS_URL: z.string().url().optional(),
  /** Head office: a 0600 JSON file with the customer-message providers, their credentials and templates (hq/notify/settings.ts); unset, no messages go out. */
  NOTIFY_CONFIG_FILE: z.string().min(1).optional(),
  /** Days a customer's ID number is kept (Ley 1581 de 2012). */
  PERSONAL_DATA_RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
  TOKEN_TTL_HOURS: z.coerce.number().int().min(1).max(24 * 365).default(12),
  /** Login attempts per minute per account (from any address); an address gets five accounts' worth. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(10000).default(10),
  /**
   * Which proxies' X-Forwarded-For to believe (Express "trust proxy"): `false` (default:
   * none, the peer address counts), `true`, a hop count, or comma-separated addresses/subnets.
   */
  TRUST_PROXY: z
    .string()
    .transform((v): boolean | number | string[] =>
      v === 'true' ? true : v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((a) => a.trim()).filter(Boolean),
    )
    .default(false),
  /** Socket commands (snapshot:get, print results...) one socket may send at once, then per second; a token gets 4 sockets' worth. */
  SOCKET_COMMAND_BURST: z.coerce.number().int().min(1).max(100000).default(20),
  SOCKET_COMMANDS_PER_SECOND: z.coerce.number().positive().max(100000).default(5),
  /** Tickets one kiosk may issue at once (people queuing at it), then one every KIOSK_TICKET_SECONDS. */
  KIOSK_TICKET_BURST: z.coerce.number().int().min(1).max(100000).default(10),
  KIOSK_TICKET_SECONDS: z.coerce.number().positive().max(3600).default(3),
  /** HTTP requests one client (address and credential) may have in flight at once; the rest are refused at the door. */
  HTTP_IN_FLIGHT_PER_CLIENT: z.coerce.number().int().min(1).max(100000).default(32),
  /** Refusals a client may collect (refilled one a second) before it is turned away for FLOOD_COOLDOWN_SECONDS. */
  FLOOD_REFUSALS: z.coerce.number().int().min(1).max(100000).default(50),
  FLOOD_COOLDOWN_SECONDS: z.coerce.number().positive().max(3600).default(10),
  /** PEM certificate chain and private key: with both set the server speaks HTTPS only. */
  TLS_CERT_FILE: z.string().min(1).optional(),
  TLS_KEY_FILE: z.string().min(1).optional(),
  /** How often the certificate files are checked for a renewal (seconds). */
  TLS_RELOAD_SECONDS: z.coerce.number().positive().max(86400).default(60),
  /** Lets HQ_URL be plain http:// to a host other than this machine (events would cross the network unencrypted). */
  HQ_ALLOW_INSECURE: bool.default(false),
  /** Other origins (comma-separated) whose pages may open sockets here, besides PUBLIC_URL and the page's own. */
  ALLOWED_ORIGINS: z
    .string()
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.string().url()))
    .default([]),
  /** Bearer token for /metrics; without it /metrics answers only direct loopback requests. */
  METRICS_TOKEN: z.string().min(16).optional(),
  /** `production` stops serving source maps (as does DEMO=false). */
  NODE_ENV: z.string().optional(),
  /** Single sign-on (OpenID Connect): the company's identity provider; unset, only passwords. See platform/oidc. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(256).optional(),
  /** The client's secret, or a 0600 file holding it (kept out of the environment other processes can read). */
  OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  OIDC_CLIENT_SECRET_FILE: z.string().min(1).optional(),
  /** Where the provider sends people back; default PUBLIC_URL + /api/v1/auth/oidc/callback. */
  OIDC_REDIRECT_URI: z.string().url().optional(),
  /** The claim naming the local user (an existing, active one: nobody is created by signing in). */
  OIDC_USERNAME_CLAIM: z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/).default('preferred_username'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(ConfigSchema.shape)
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const parsed = ConfigSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration (environment variables):\n${lines.join('\n')}`);
  }
  const cfg = parsed.data;
  if (Boolean(cfg.ADMIN_USERNAME) !== Boolean(cfg.ADMIN_PASSWORD)) {
    throw new ConfigError('Invalid configuration: ADMIN_USERNAME and ADMIN_PASSWORD go together');
  }
  if (Boolean(cfg.HQ_URL) !== Boolean(cfg.HQ_TOKEN)) {
    throw new ConfigError('Invalid configuration: HQ_URL and HQ_TOKEN go together');
  }
  if (Boolean(cfg.TLS_CERT_FILE) !== Boolean(cfg.TLS_KEY_FILE)) {
    throw new ConfigError('Invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE go together');
  }
  if (cfg.TLS_CERT_FILE && cfg.TLS_KEY_FILE) {
    try {
      readTlsPair(cfg.TLS_CERT_FILE, cfg.TLS_KEY_FILE);
    } catch (err) {
      throw new ConfigError(`Invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE do not load as a certificate and its key: ${(err as Error).message}`);
    }
  }
  if (cfg.HQ_URL && !cfg.HQ_ALLOW_INSECURE && !isEncryptedOrLocal(cfg.HQ_URL)) {
    throw new ConfigError(
      `Invalid configuration: HQ_URL ${cfg.HQ_URL} is plain http: the office's events and its token would cross the network unencrypted. Use https://, or set HQ_ALLOW_INSECURE=true to accept that.`,
    );
  }
  if (Boolean(cfg.OIDC_ISSUER) !== Boolean(cfg.OIDC_CLIENT_ID)) {
    throw new ConfigError('Invalid configuration: OIDC_ISSUER and OIDC_CLIENT_ID go together');
  }
  if (cfg.OIDC_ISSUER && Boolean(cfg.OIDC_CLIENT_SECRET) === Boolean(cfg.OIDC_CLIENT_SECRET_FILE)) {
    throw new ConfigError('Invalid configuration: OIDC_ISSUER needs one of OIDC_CLIENT_SECRET or OIDC_CLIENT_SECRET_FILE');
  }
  if (cfg.OIDC_ISSUER && !isEncryptedOrLocal(cfg.OIDC_ISSUER)) {
    throw new ConfigError(`Invalid configuration: OIDC_ISSUER ${cfg.OIDC_ISSUER} must be https:// (plain http only to this machine)`);
  }
  if (cfg.ROLE === 'hq' && !cfg.DEMO && !cfg.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration: DATABASE_URL is required when DEMO=false (the embedded PostgreSQL is for demos on one machine only)',
    );
  }
  return cfg;
}

/** https, or http to this very machine (the traffic never leaves it). */
export function isEncryptedOrLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'https:') return true;
  return protocol === 'http:' && (hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname));
}
