/**
 * Test helpers for head office: a throwaway PostgreSQL database per test file, and
 * builders for outbox events as an office would send them.
 */
import { randomBytes } from 'node:crypto';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import type { IngestBatch, OutboxEnvelope } from '@turnero/contract/outbox';
import type { TicketEventType } from '@turnero/domain/types';
import { connectPostgres } from '../support/postgres';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(prefix = 'hq_test'): Promise<TestDatabase> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = await connectPostgres(PG_ADMIN_URL);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const c = await connectPostgres(PG_ADMIN_URL);
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** Builds an office's gapless event stream with a movable clock. */
export class OfficeStream {
  seq = 0;
  readonly events: OutboxEnvelope[] = [];
  constructor(
    readonly officeCode: string,
    public now: Date,
    readonly timeZone = 'America/Bogota',
  ) {}

  /** Moves the office clock to an absolute instant. */
  at(iso: string): this {
    this.now = new Date(iso);
    return this;
  }

  advance(seconds: number): this {
    this.now = new Date(this.now.getTime() + seconds * 1000);
    return this;
  }

  ticket(
    ticketId: string,
    event: TicketEventType,
    opts: { service?: string; target?: number; day?: string; counterId?: string | null; agentId?: string | null } = {},
  ): OutboxEnvelope {
    const e: OutboxEnvelope = {
      seq: ++this.seq,
      occurredAt: this.now.toISOString(),
      fact: {
        kind: 'ticket',
        ticketId,
        event,
        day: opts.day ?? this.now.toISOString().slice(0, 10),
        serviceCode: opts.service ?? 'A',
        serviceName: opts.service === 'B' ? 'Pagos' : 'Atención general',
        targetWaitMinutes: opts.target ?? 15,
        category: 'general',
        counterId: opts.counterId ?? (event === 'issued' ? null : 'c1'),
        agentId: opts.agentId ?? (event === 'issued' ? null : 'u1'),
      },
    };
    this.events.push(e);
    return e;
  }

  agent(agentId: string, event: 'signed_in' | 'signed_out' | 'paused' | 'resumed', counterId = 'c1'): OutboxEnvelope {
    const e: OutboxEnvelope = {
      seq: ++this.seq,
      occurredAt: this.now.toISOString(),
      fact: { kind: 'agent', agentId, counterId, event, reason: event === 'paused' ? 'lunch' : null },
    };
    this.events.push(e);
    return e;
  }

  batch(events: OutboxEnvelope[], sentAt: Date = this.now): IngestBatch {
    return { officeCode: this.officeCode, sentAt: sentAt.toISOString(), timeZone: this.timeZone, events };
  }
}

/** Small fetch wrapper for API tests: JSON in, status and JSON (or text) out. */
export async function api(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body),
    redirect: 'manual',
  });
  const text = await res.text();
  let body: any = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  return { status: res.status, body, text, headers: res.headers };
}

export const silentLogger = () => {
  // pino with level silent: the server's own logs would drown the test output.
  return import('../../server/src/platform/logger').then((m) => m.createLogger('silent'));
};

/**
 * A plausible stream of traffic: `tickets` tickets of services A/B issued every
 * `gapSeconds`, each called, started and finished (every 9th a no-show, every 13th
 * cancelled while waiting), plus one agent signing in first and out at the end.
 */
export function simulateTraffic(s: OfficeStream, tickets: number, gapSeconds = 40, prefix = 't'): { issued: number; served: number } {
  let served = 0;
  s.agent('agent-1', 'signed_in');
  const waiting: string[] = [];
  for (let i = 0; i < tickets; i++) {
    const id = `${prefix}${i}`;
    s.advance(gapSeconds).ticket(id, 'issued', { service: i % 4 === 0 ? 'B' : 'A' });
    waiting.push(id);
    if (i % 13 === 5) {
      s.advance(5).ticket(waiting.pop()!, 'cancelled', { service: i % 4 === 0 ? 'B' : 'A' });
      continue;
    }
    if (waiting.length > 2) {
      const next = waiting.shift()!;
      const n = Number(next.slice(prefix.length));
      const service = n % 4 === 0 ? 'B' : 'A';
      s.advance(10).ticket(next, 'called', { service });
      if (n % 9 === 0) {
        s.advance(60).ticket(next, 'no_show', { service });
      } else {
        s.advance(15).ticket(next, 'started', { service });
        s.advance(20 + (n % 5) * 7).ticket(next, 'finished', { service });
        served += 1;
      }
    }
  }
  s.advance(60).agent('agent-1', 'signed_out');
  return { issued: tickets, served };
}

/** A TCP port free right now, for a server a test stops and starts again on the same port. */
export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const p = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return p;
}
