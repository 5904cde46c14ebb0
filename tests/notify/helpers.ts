/**
 * Test parts for the notifier: a migrated throwaway PostgreSQL database, a movable clock, a
 * logger whose lines are kept (to prove no recipient is ever written), a real SMTP server
 * (smtp-server) that keeps what it receives, and a real HTTP server that records requests and
 * answers as the test says.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { openHqDatabase, type HqDatabase } from '../../server/src/hq/db';
import { createTestDatabase, type TestDatabase } from '../hq/helpers';
import { withDeadline } from '../support/deadline';

export interface NotifyTestDb {
  db: HqDatabase;
  drop(): Promise<void>;
}

export async function openNotifyDb(): Promise<NotifyTestDb> {
  const testDb: TestDatabase = await createTestDatabase('notify_test');
  const dataDir = mkdtempSync(join(tmpdir(), 'notify-'));
  const db = await openHqDatabase({ databaseUrl: testDb.url, dataDir, poolSize: 4 });
  return {
    db,
    async drop() {
      await db.close();
      await testDb.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export class FakeClock {
  constructor(public current: Date) {}
  now = (): Date => this.current;
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(iso: string): void {
    this.current = new Date(iso);
  }
}

/** A logger at debug level whose every line is kept as text. */
export function capturingLogger() {
  const lines: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
  return { logger, lines };
}

// ---------- SMTP sink ----------

export interface ReceivedMail {
  envelopeTo: string[];
  headers: Record<string, string>;
  subject: string;
  body: string;
}

export interface SmtpSink {
  port: number;
  mails: ReceivedMail[];
  /** Resolves when `n` mails have arrived in all. */
  waitFor(n: number): Promise<ReceivedMail[]>;
  /** Answers RCPT TO for this address with the given SMTP error. */
  refuse(address: string, code: number): void;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const refusals = new Map<string, number>();
  const waiters: { n: number; ok: (m: ReceivedMail[]) => void }[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, cb) {
      const code = refusals.get(address.address);
      if (code) return cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: code }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(parseMail(Buffer.concat(chunks).toString('utf8'), session.envelope.rcptTo.map((r) => r.address)));
        for (const w of [...waiters]) {
          if (mails.length >= w.n) {
            waiters.splice(waiters.indexOf(w), 1);
            w.ok(mails);
          }
        }
        cb();
      });
    },
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    mails,
    waitFor: (n) =>
      mails.length >= n
        ? Promise.resolve(mails)
        : withDeadline(new Promise((ok) => waiters.push({ n, ok })), 30_000, `mail number ${n} at the SMTP server`),
    refuse: (address, code) => void refusals.set(address, code),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}

function parseMail(raw: string, envelopeTo: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const encoded = raw.slice(split + 4);
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const body =
    cte === 'quoted-printable'
      ? decodeQuotedPrintable(encoded)
      : cte === 'base64'
        ? Buffer.from(encoded.replace(/\s+/g, ''), 'base64').toString('utf8')
        : encoded;
  return { envelopeTo, headers, subject: decodeEncodedWords(headers.subject ?? ''), body: body.replace(/\r\n/g, '\n').trim() };
}

function decodeQuotedPrintable(s: string): string {
  const bytes = s.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, '%25'));
}

/** RFC 2047 subjects: =?UTF-8?Q?...?= and =?UTF-8?B?...?=, adjacent words joined. */
function decodeEncodedWords(s: string): string {
  return s
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([qb])\?([^?]*)\?=/gi, (_, enc: string, text: string) =>
      enc.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decodeQuotedPrintable(text.replace(/_/g, ' ')),
    );
}

// ---------- HTTP sink ----------

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface HttpSink {
  url: string;
  requests: RecordedRequest[];
  /** Decides each answer (default 201 `{}`); the request is recorded either way. */
  respond: (req: RecordedRequest) => { status: number; body?: unknown };
  close(): Promise<void>;
}

export async function startHttpSink(): Promise<HttpSink> {
  const sink: HttpSink = {
    url: '',
    requests: [],
    respond: () => ({ status: 201, body: {} }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      sink.requests.push(recorded);
      const answer = sink.respond(recorded);
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  sink.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return sink;
}

/** Notification rows as stored (the test reads the delivery record directly). */
export async function notificationRows(db: HqDatabase, dedupePrefix = '') {
  return db.sql.$queryRawUnsafe<
    { id: string; channel: string; recipient: string; template: string; status: string; attempts: number; last_error: string | null; provider_id: string | null; next_attempt_at: Date; dedupe_key: string; locale: string; params: Record<string, unknown> }[]
  >(
    `SELECT id, channel, recipient, template, status, attempts, last_error, provider_id, next_attempt_at, dedupe_key, locale, params
     FROM hq_notification WHERE dedupe_key LIKE $1 || '%' ORDER BY created_at, dedupe_key`,
    dedupePrefix,
  );
}
