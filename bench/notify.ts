/**
 * Head office's notifier (issue 14): how fast queued customer e-mails reach a real SMTP server
 * (smtp-server on loopback) through hq_notification on real PostgreSQL, with one notifier and
 * with two sharing the queue (as two head-office processes would), and what enqueue costs
 * the portal's request. Baseline in the same run: the same mails sent straight through
 * nodemailer with the same concurrency, no queue. The difference is the queue's price
 * (insert, claim with SKIP LOCKED, the delivery record). Every mail must arrive exactly once.
 *
 *   npm run bench -- notify        (or: npx tsx bench/notify.ts)
 * Env: NOTIFY_BENCH_MESSAGES (400), TEST_PG_URL (postgresql://postgres@127.0.0.1:5432/postgres).
 */
import { loadavg } from 'node:os';
import nodemailer from 'nodemailer';
import { pino } from 'pino';
import { systemClock } from '@turnero/domain/types';
import { createNotifier, type NotifierService } from '../server/src/hq/notify/notifier';
import { NotifySettings } from '../server/src/hq/notify/settings';
import { openNotifyDb, startSmtpSink, type SmtpSink } from '../tests/notify/helpers';
import { percentile, runIfMain } from './measure';

const MESSAGES = Number(process.env.NOTIFY_BENCH_MESSAGES ?? 400);
/** The notifier sends a claimed batch at once, up to 50: the baseline does the same. */
const CONCURRENCY = 50;
const round = (x: number) => Math.round(x * 10) / 10;

async function baseline(smtp: SmtpSink): Promise<number> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, logger: false });
  const start = smtp.mails.length;
  const t0 = performance.now();
  for (let i = 0; i < MESSAGES; i += CONCURRENCY) {
    const batch = Array.from({ length: Math.min(CONCURRENCY, MESSAGES - i) }, (_, j) =>
      transport.sendMail({ from: 'turnos@example.co', to: `base${i + j}@correo.example`, subject: 'Cita confirmada', text: 'Su cita quedó confirmada.' }),
    );
    await Promise.all(batch);
  }
  await smtp.waitFor(start + MESSAGES);
  transport.close();
  return performance.now() - t0;
}

async function throughQueue(smtp: SmtpSink, notifiers: NotifierService[], tag: string): Promise<{ ms: number; enqueueMs: number[] }> {
  const start = smtp.mails.length;
  const enqueueMs: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < MESSAGES; i++) {
    const e0 = performance.now();
    await notifiers[0].enqueue({
      template: 'booking_confirmation',
      to: { email: `${tag}${i}@correo.example` },
      company: null,
      locale: 'es-CO',
      params: { officeName: 'Oficina Centro', serviceName: 'Facturación', start: '2026-12-03T15:30:00Z', code: `K${i}` },
      dedupeKey: `booking_confirmation:${tag}-${i}`,
      deleteAfter: new Date(Date.now() + 86_400_000),
    });
    enqueueMs.push(performance.now() - e0);
  }
  // Every notifier drains the queue at once, as processes would.
  await Promise.all(notifiers.map(async (n) => {
    while (smtp.mails.length < start + MESSAGES) {
      const r = await n.tick();
      if (r.sent === 0 && r.retried === 0) await new Promise((ok) => setTimeout(ok, 5));
    }
  }));
  const ms = performance.now() - t0;
  const addresses = new Set(smtp.mails.slice(start).flatMap((m) => m.envelopeTo));
  if (smtp.mails.length !== start + MESSAGES || addresses.size !== MESSAGES) {
    throw new Error(`${tag}: ${smtp.mails.length - start} mails to ${addresses.size} addresses for ${MESSAGES} messages`);
  }
  return { ms, enqueueMs };
}

export async function run(): Promise<Record<string, number>> {
  const t = await openNotifyDb();
  const smtp = await startSmtpSink();
  const logger = pino({ level: 'silent' });
  const settings = NotifySettings.parse({
    email: { host: '127.0.0.1', port: smtp.port, requireTls: false, from: 'turnos@example.co', rate: { perSecond: 1000, burst: 10_000 } },
  });
  const make = () => createNotifier({ db: t.db, clock: systemClock, logger, settings });
  const one = [make()];
  const two = [make(), make()];
  try {
    await baseline(smtp); // warm-up: connections, JIT
    const baseMs = await baseline(smtp);
    const single = await throughQueue(smtp, one, 'one');
    const shared = await throughQueue(smtp, two, 'two');
    return {
      messages: MESSAGES,
      baseline_direct_msgs_per_s: round(MESSAGES / (baseMs / 1000)),
      queue_one_notifier_msgs_per_s: round(MESSAGES / (single.ms / 1000)),
      queue_two_notifiers_msgs_per_s: round(MESSAGES / (shared.ms / 1000)),
      enqueue_p50_ms: round(percentile(single.enqueueMs, 50)),
      enqueue_p99_ms: round(percentile(single.enqueueMs, 99)),
      load_1m: round(loadavg()[0]),
    };
  } finally {
    for (const n of [...one, ...two]) await n.stop();
    await smtp.close();
    await t.drop();
  }
}

runIfMain(import.meta.url, run);
