/**
 * The notifier: messages to customers, queued in hq_notification and sent in the background.
 *
 * - enqueue picks the channel (e-mail when an address is given and e-mail is configured, else
 *   the configured phone channel), drops any ID-number value, and inserts once per dedupeKey.
 * - The sending loop draws from a token bucket per channel, claims that many due rows with a
 *   lease (safe with several head-office processes), sends, and records sent / retry at a
 *   jittered exponential back-off / failed (at once for a refusal, else after maxAttempts).
 * - The same loop queues booking reminders and purges messages past deleteAfter.
 * All timing decisions read the injected clock; `tick()` runs one pass so tests drive it.
 * Logs carry the message id, template, channel, attempt and error code, never the recipient.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from '@turnero/domain/types';
import type { Logger } from '../../platform/logger';
import type { Metrics } from '../../platform/metrics';
import { TokenBuckets } from '../../platform/token-bucket';
import { backoffDelay } from '../../office/sync/backoff';
import type { HqDatabase } from '../db';
import {
  claimDue,
  countDue,
  insertNotification,
  markFailedAttempt,
  markSent,
  purgeExpiredNotifications,
  type ClaimedNotification,
} from '../store/notification-store';
import { createEmailProvider } from './providers/email';
import { ProviderError, type Provider } from './providers/provider';
import { createSmsProvider } from './providers/sms';
import { createWebhookProvider } from './providers/webhook';
import { createWhatsAppProvider } from './providers/whatsapp';
import { scheduleBookingReminders } from './reminders';
import { NotifySettings, type Channel, type RateLimit } from './settings';
import { pickTemplate, renderTemplate, type Locale } from './templates';
import type { NotificationRequest, Notifier } from './types';

export interface NotifierOptions {
  db: Pick<HqDatabase, 'sql'>;
  clock: Clock;
  logger: Logger;
  /** Default: no providers, the built-in templates (every message recorded as failed: no_channel). */
  settings?: NotifySettings;
  /** Providers by channel; default: built from settings. Tests may pass their own. */
  providers?: Partial<Record<Channel, Provider>>;
  /** Random source of the back-off jitter (default Math.random). */
  random?: () => number;
  /** How often the started loop looks for due messages (real time, default 1 s). */
  pollMs?: number;
  /** How often (clock time) the loop scans for reminders and purges (default 1 min). */
  housekeepingMs?: number;
  /** Counts messages by channel, template and outcome (turnero_hq_notifications_total). */
  metrics?: Pick<Metrics, 'counter'>;
  /** A claimed row is another process's to retry after this long (default 2 min). */
  leaseMs?: number;
}

export interface TickResult {
  sent: number;
  failed: number;
  retried: number;
  reminders: number;
  purged: number;
}

/** The notifier with its loop's steps exposed, for tests and the admin routes. */
export interface NotifierService extends Notifier {
  /** One pass: reminders and purge (when due, or `force`), then every due message. */
  tick(opts?: { force?: boolean }): Promise<TickResult>;
  /** The channels that have a provider configured. */
  readonly channels: readonly Channel[];
}

/** Values never put into a message, whatever a caller passes. */
const ID_NUMBER_KEY = /^(id.?number|id|cedula|c[eé]dula|documento|document.?number|nit)$/i;
const BATCH = 50;

export function createNotifier(opts: NotifierOptions): NotifierService {
  const { db, clock, logger } = opts;
  const settings = opts.settings ?? NotifySettings.parse({});
  const providers = opts.providers ?? buildProviders(settings, clock);
  const random = opts.random ?? Math.random;
  const leaseMs = opts.leaseMs ?? 120_000;
  const housekeepingMs = opts.housekeepingMs ?? 60_000;
  const buckets = new Map<Channel, TokenBuckets>();
  for (const channel of Object.keys(providers) as Channel[]) {
    buckets.set(channel, new TokenBuckets({ ...rateOf(settings, channel), now: () => clock.now().getTime() }));
  }
  const channels = Object.keys(providers) as Channel[];
  const messagesTotal = opts.metrics?.counter('notifications_total', 'Customer messages by channel, template and outcome', ['channel', 'template', 'result']);
  const count = (channel: string, template: string, result: 'sent' | 'retried' | 'failed' | 'no_channel') =>
    messagesTotal?.inc({ channel, template, result });
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<TickResult> | undefined;
  let again = false;
  let nextHousekeeping = 0;

  function chooseChannel(to: NotificationRequest['to']): { channel: Channel; recipient: string } | null {
    if (to.email && providers.email) return { channel: 'email', recipient: to.email };
    if (to.phone && providers[settings.phoneChannel]) return { channel: settings.phoneChannel, recipient: to.phone };
    // A company's gateway delivers whatever contact there is.
    const contact = to.email || to.phone;
    if (contact && providers.webhook) return { channel: 'webhook', recipient: contact };
    return null;
  }

  async function enqueue(request: NotificationRequest): Promise<void> {
    const now = clock.now();
    const route = chooseChannel(request.to);
    const params = Object.fromEntries(Object.entries(request.params).filter(([k]) => !ID_NUMBER_KEY.test(k)));
    const id = randomUUID();
    const stored = await insertNotification(
      db.sql,
      {
        id,
        channel: route?.channel ?? 'none',
        recipient: route?.recipient ?? '',
        template: request.template,
        company: request.company,
        locale: request.locale,
        params,
        dedupeKey: request.dedupeKey,
        deleteAfter: request.deleteAfter,
        status: route ? 'queued' : 'failed',
        lastError: route ? null : 'no_channel',
      },
      now,
    );
    if (!stored) return;
    if (!route) {
      count('none', request.template, 'no_channel');
      logger.warn({ notificationId: id, template: request.template }, 'message not sent: no configured channel for its contact');
    } else if (timer) kick();
  }

  async function sendOne(row: ClaimedNotification, provider: Provider): Promise<'sent' | 'retried' | 'failed'> {
    const locale: Locale = row.locale === 'en' ? 'en' : 'es-CO';
    const template = row.template as NotificationRequest['template'];
    const wording = pickTemplate(template, locale, row.company, settings.templates);
    const rendered = renderTemplate(wording, locale, row.params);
    const log = { notificationId: row.id, template, channel: row.channel, attempt: row.attempts };
    let providerId: string | null;
    try {
      ({ providerId } = await provider.send({ id: row.id, to: row.recipient, company: row.company, template, locale, ...rendered }));
    } catch (err) {
      // Only the provider's failures land here: a database error after an accepted send
      // leaves the row to its lease (sent again later: at least once, never lost).
      const error = err instanceof ProviderError ? err : new ProviderError('provider_error', false);
      if (!(err instanceof ProviderError)) logger.error({ ...log, err: (err as Error).name }, 'provider failed unexpectedly');
      const giveUp = error.permanent || row.attempts >= settings.retry.maxAttempts;
      const delay = backoffDelay(row.attempts, { baseMs: settings.retry.baseSeconds * 1000, capMs: settings.retry.maxSeconds * 1000, random });
      await markFailedAttempt(db.sql, row.id, error.code, giveUp ? null : new Date(clock.now().getTime() + delay));
      logger.warn({ ...log, error: error.code, permanent: error.permanent, retryInMs: giveUp ? null : delay }, giveUp ? 'message failed' : 'message will be retried');
      count(row.channel, template, giveUp ? 'failed' : 'retried');
      return giveUp ? 'failed' : 'retried';
    }
    await markSent(db.sql, row.id, providerId, clock.now());
    logger.info(log, 'message sent');
    count(row.channel, template, 'sent');
    return 'sent';
  }

  async function sendDue(result: TickResult): Promise<void> {
    for (const channel of channels) {
      const provider = providers[channel]!;
      const bucket = buckets.get(channel)!;
      for (;;) {
        const now = clock.now();
        const due = Math.min(BATCH, await countDue(db.sql, channel, now));
        let allowed = 0;
        while (allowed < due && bucket.take(channel)) allowed++;
        if (allowed === 0) break;
        const rows = await claimDue(db.sql, channel, allowed, now, leaseMs);
        if (rows.length === 0) break;
        const outcomes = await Promise.all(rows.map((row) => sendOne(row, provider)));
        for (const o of outcomes) result[o]++;
        if (rows.length < BATCH) break;
      }
    }
  }

  async function housekeeping(result: TickResult): Promise<void> {
    const now = clock.now();
    result.reminders = await scheduleBookingReminders(db.sql, now, enqueue, settings.bookingUrl);
    result.purged = await purgeExpiredNotifications(db.sql, now);
    if (result.purged > 0) logger.info({ purged: result.purged }, 'notifications past retention deleted');
  }

  async function pass(force: boolean): Promise<TickResult> {
    const result: TickResult = { sent: 0, failed: 0, retried: 0, reminders: 0, purged: 0 };
    const now = clock.now().getTime();
    if (force || now >= nextHousekeeping) {
      nextHousekeeping = now + housekeepingMs;
      await housekeeping(result);
    }
    await sendDue(result);
    return result;
  }

  /** One pass at a time: a test's tick waits for the loop's pass to end, then runs its own. */
  async function tick(o: { force?: boolean } = {}): Promise<TickResult> {
    while (running) await running.catch(() => {});
    running = pass(o.force ?? false).finally(() => {
      running = undefined;
    });
    return running;
  }

  /** The loop's pass; asked for while one runs (a new message), it runs once more right after. */
  function kick(): void {
    if (running) {
      again = true;
      return;
    }
    tick()
      .catch((err: Error) => logger.error({ err: err.name }, 'notifier pass failed'))
      .finally(() => {
        if (again && timer) {
          again = false;
          kick();
        }
      });
  }

  return {
    channels,
    enqueue,
    tick,
    start() {
      if (timer) return;
      timer = setInterval(kick, opts.pollMs ?? 1000);
      timer.unref?.();
      kick();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
      for (const p of Object.values(providers)) await p?.close?.();
    },
  };
}

function rateOf(settings: NotifySettings, channel: Channel): RateLimit {
  return settings[channel]?.rate ?? { perSecond: 5, burst: 10 };
}

function buildProviders(settings: NotifySettings, clock: Clock): Partial<Record<Channel, Provider>> {
  const providers: Partial<Record<Channel, Provider>> = {};
  if (settings.email) providers.email = createEmailProvider(settings.email);
  if (settings.sms) providers.sms = createSmsProvider(settings.sms);
  if (settings.whatsapp) providers.whatsapp = createWhatsAppProvider(settings.whatsapp);
  if (settings.webhook) providers.webhook = createWebhookProvider(settings.webhook, clock);
  return providers;
}
