/**
 * Crash safety: the office process is killed with SIGKILL in the middle of a burst of
 * concurrent issue requests, 20+ times on the same data directory. After each restart
 * every ticket that was acknowledged (201) is there with the same code, numbering per
 * service and day stays gapless 1..N without duplicates, and a client that retries its
 * unanswered requests with the same Idempotency-Key never gets a second ticket.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { afterAll, test } from 'vitest';
import Database from 'better-sqlite3';
import type { TicketDto } from '@turnero/contract/dto';
import { request } from '../support/http';
import { startTestOffice, tempDataDir, type TestOffice } from '../support/office';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 20);
const WORKERS = 8;
const dataDir = tempDataDir('turnero-crash-');
let office: TestOffice | undefined;

afterAll(async () => {
  await office?.kill();
  office?.cleanup();
});

/** Small seeded PRNG so a failing run can be replayed (CRASH_SEED). */
function prng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

interface Sent {
  key: string;
  serviceId: string;
}

/** Ticket numbers per (service, day) straight from the SQLite file, read-only. */
function numbering(): { groups: Map<string, number[]>; tickets: number; keys: number } {
  const db = new Database(join(dataDir, 'office.db'), { readonly: true, fileMustExist: true });
  try {
    // Numbers belong to the service that issued the ticket (a transfer does not renumber).
    const rows = db.prepare('SELECT issuedServiceId AS serviceId, day, number FROM Ticket ORDER BY issuedServiceId, day, number').all() as {
      serviceId: string;
      day: string;
      number: number;
    }[];
    const groups = new Map<string, number[]>();
    for (const r of rows) {
      const k = `${r.serviceId}|${r.day}`;
      groups.set(k, [...(groups.get(k) ?? []), r.number]);
    }
    const keys = (db.prepare('SELECT count(*) AS n FROM IdempotencyKey').get() as { n: number }).n;
    return { groups, tickets: rows.length, keys };
  } finally {
    db.close();
  }
}

function assertGapless(where: string): void {
  const { groups, tickets, keys } = numbering();
  for (const [k, numbers] of groups) {
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1), `${where}: numbering of ${k} is not 1..N`);
  }
  // Each ticket was written in the same transaction as its idempotency key: never one without the other.
  assert.equal(keys, tickets, `${where}: ${tickets} tickets but ${keys} idempotency keys`);
}

test(`${ROUNDS} SIGKILLs during issue bursts lose no acknowledged ticket and leave no gap`, { timeout: 30 * 60_000 }, async () => {
  const random = prng(Number(process.env.CRASH_SEED ?? 20261128));
  const acknowledged = new Map<string, TicketDto>(); // key -> ticket
  const unanswered: Sent[] = [];
  let serviceIds: string[] = [];
  let sequence = 0;

  for (let round = 1; round <= ROUNDS + 1; round++) {
    office = await startTestOffice({ dataDir });
    const { url, creds } = office;
    const kiosk = creds.kioskToken;
    if (serviceIds.length === 0) {
      const list = await request<{ id: string }[]>(url, 'GET', '/api/v1/services', { token: kiosk });
      serviceIds = list.body.map((x) => x.id);
    }

    // After the restart: everything acknowledged before any kill is still there, unchanged.
    for (const [key, t] of acknowledged) {
      const r = await request<TicketDto>(url, 'GET', `/api/v1/tickets/${t.id}`, { token: kiosk });
      assert.equal(r.status, 200, `round ${round}: acknowledged ${t.code} (${key}) is gone`);
      assert.equal(r.body.code, t.code);
      assert.equal(r.body.issuedAt, t.issuedAt);
    }
    assertGapless(`after restart ${round}`);
    if (round === ROUNDS + 1) break;

    // A burst: WORKERS clients issue continuously; the process dies after a random number of acks.
    const killAfter = 1 + Math.floor(random() * 25);
    let acksThisRound = 0;
    let killing: Promise<void> | null = null;
    const target = office;
    const worker = async () => {
      while (!killing) {
        const sent: Sent = { key: `crash-${++sequence}`, serviceId: serviceIds[Math.floor(random() * serviceIds.length)] };
        try {
          const r = await request<TicketDto>(url, 'POST', '/api/v1/tickets', {
            token: kiosk,
            body: { serviceId: sent.serviceId, print: false },
            headers: { 'Idempotency-Key': sent.key },
          });
          assert.equal(r.status, 201, `round ${round}: ${JSON.stringify(r.body)}`);
          acknowledged.set(sent.key, r.body);
          if (++acksThisRound >= killAfter && !killing) killing = target.kill();
        } catch (err) {
          if (!killing && !(err instanceof TypeError)) throw err;
          unanswered.push(sent); // connection dropped by the kill: the client does not know
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));
    await killing;
    assert.ok(acksThisRound >= killAfter);
  }

  // The clients retry every unanswered request with its key: at most one ticket per key.
  const { url, creds } = office!;
  const retried = new Map<string, TicketDto>();
  for (const sent of unanswered) {
    const r = await request<TicketDto>(url, 'POST', '/api/v1/tickets', {
      token: creds.kioskToken,
      body: { serviceId: sent.serviceId, print: false },
      headers: { 'Idempotency-Key': sent.key },
    });
    assert.ok(r.status === 200 || r.status === 201, `retry ${sent.key}: ${r.status}`);
    retried.set(sent.key, r.body);
    const again = await request<TicketDto>(url, 'POST', '/api/v1/tickets', {
      token: creds.kioskToken,
      body: { serviceId: sent.serviceId, print: false },
      headers: { 'Idempotency-Key': sent.key },
    });
    assert.equal(again.status, 200);
    assert.equal(again.body.id, r.body.id);
  }
  assertGapless('after retries');
  const all = [...acknowledged.values(), ...retried.values()];
  assert.equal(new Set(all.map((t) => t.id)).size, all.length, 'a retry returned an acknowledged ticket of another key');
  assert.equal(numbering().tickets, all.length, 'tickets in the database without a client that asked for them');
  assert.ok(acknowledged.size >= ROUNDS, `only ${acknowledged.size} acknowledged`);
  await office!.stop();
});
