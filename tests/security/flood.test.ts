/**
 * A client that floods is turned away at the door (issue 11, item 2; bench/flood.ts
 * measures what it buys an honest kiosk). Against a real office in this process with small
 * budgets: HTTP requests in flight per client (address and credential) are capped before
 * Express; a client that keeps asking after its refusals cools down (every request refused
 * before routing, its connection closed, one log line); a socket that keeps sending after
 * its refusals is closed and its token may not reconnect during the cool-down. Other
 * clients, on the same address with their own credentials, are served throughout. And a
 * burst of snapshot requests costs one read of the queue, not one each.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { createOfficeServer, type OfficeServer } from '../../server/src/office/app';
import type { DemoCredentials } from '../../server/src/office/seed/seed';
import { loadConfig } from '../../server/src/platform/config';
import { command, connect, type OfficeSocket } from '../office/sockets';
import { withDeadline } from '../support/deadline';
import { login, request } from '../support/http';
import { startInProcessOffice, tempDataDir } from '../support/office';

const logs: { msg: string }[] = [];
let office: OfficeServer;
let url: string;
let port: number;
let dataDir: string;
let creds: DemoCredentials;
let adminToken: string;
const sockets: OfficeSocket[] = [];
const held: TcpSocket[] = [];

beforeAll(async () => {
  dataDir = tempDataDir('turnero-flood-');
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DEMO: 'true',
    SOCKET_COMMAND_BURST: '2',
    SOCKET_COMMANDS_PER_SECOND: '1',
    KIOSK_TICKET_BURST: '1',
    KIOSK_TICKET_SECONDS: '600',
    HTTP_IN_FLIGHT_PER_CLIENT: '2',
    FLOOD_REFUSALS: '5',
    // Longer than any test: a cool-down never ends by itself here.
    FLOOD_COOLDOWN_SECONDS: '600',
  });
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  office = await createOfficeServer({ config, logger });
  ({ port } = await office.start());
  url = `http://127.0.0.1:${port}`;
  creds = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as DemoCredentials;
  const admin = creds.users.find((u) => u.role === 'admin')!;
  adminToken = await login(url, admin.username, admin.password);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  for (const s of held) s.destroy();
  await office?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function newDevice(kind: 'kiosk' | 'display', name: string): Promise<string> {
  const r = await request<{ token: string }>(url, 'POST', '/api/v1/admin/devices', { token: adminToken, body: { kind, name } });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.token;
}

/** A POST whose headers are sent and whose body never comes: in flight until closed. */
async function holdRequest(token: string): Promise<void> {
  const socket = tcpConnect(port, '127.0.0.1');
  held.push(socket);
  await new Promise<void>((ok, fail) => socket.once('connect', ok).once('error', fail));
  socket.write(
    `POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\n` +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
  );
}

async function doorRefusals(reason: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`turnero_http_refused_at_door_total{reason="${reason}"}`));
  return Number(line?.split(' ')[1] ?? 0);
}

describe('HTTP at the door', () => {
  test('a client with its API requests in flight used up is refused before routing; its web app files and another credential on the same address are served', async () => {
    const kiosk = await newDevice('kiosk', 'Kiosco lento');
    await holdRequest(kiosk);
    await holdRequest(kiosk);
    // The held requests are in flight once the server has read their headers: ask until it has.
    let third = 0;
    for (let i = 0; i < 50 && third !== 429; i++) {
      third = (await request(url, 'GET', '/api/v1/services', { token: kiosk })).status;
    }
    assert.equal(third, 429, 'a third request while two are in flight was served');
    assert.ok((await doorRefusals('in_flight')) >= 1, 'the refusal was not counted at the door');
    // The web apps' files are not API work: a screen still loads while its requests hang.
    const page = await fetch(`${url}/dispenser/`, { headers: { authorization: `Bearer ${kiosk}` } });
    await page.arrayBuffer();
    assert.equal(page.status, 200, 'a web app file was refused with the API allowance');
    assert.equal((await request(url, 'GET', '/api/v1/services', { token: creds.kioskToken })).status, 200, 'another kiosk was refused');
    for (const s of held.splice(0)) s.destroy();
    let after = 0;
    for (let i = 0; i < 50 && after !== 200; i++) after = (await request(url, 'GET', '/api/v1/services', { token: kiosk })).status;
    assert.equal(after, 200, 'once its requests ended, the kiosk was still refused');
  });

  test('a kiosk that keeps asking after its refusals cools down: every route refused at the door, connection closed, logged once', async () => {
    const kiosk = await newDevice('kiosk', 'Kiosco insistente');
    const services = (await request<{ id: string }[]>(url, 'GET', '/api/v1/services', { token: kiosk })).body;
    const issue = () =>
      fetch(`${url}/api/v1/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${kiosk}`, 'content-type': 'application/json' },
        body: JSON.stringify({ serviceId: services[0].id, print: false }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await issue();
      await r.arrayBuffer();
      statuses.push(r.status);
    }
    assert.equal(statuses[0], 201, 'the first ticket (its burst) was refused');
    assert.ok(statuses.slice(1).every((s) => s === 429), `statuses: ${statuses.join(',')}`);

    const before = await doorRefusals('cooldown');
    const queue = await fetch(`${url}/api/v1/services`, { headers: { authorization: `Bearer ${kiosk}` } });
    assert.equal(queue.status, 429, 'a route it may use was served during its cool-down');
    assert.equal(queue.headers.get('connection'), 'close');
    assert.equal(((await queue.json()) as { error: { code: string } }).error.code, 'rate_limited');
    assert.ok((await doorRefusals('cooldown')) > before, 'the refusal did not come from the door');
    assert.equal((await request(url, 'GET', '/api/v1/services', { token: creds.kioskToken })).status, 200, 'another kiosk was refused');
    const warned = logs.filter((l) => /HTTP: a client kept asking/.test(l.msg));
    assert.equal(warned.length, 1, `the cool-down was logged ${warned.length} times`);
  });
});

describe('sockets', () => {
  test('a socket that keeps sending after its refusals is closed, its token may not reconnect, other displays are served', async () => {
    const token = await newDevice('display', 'Pantalla insistente');
    const flooder = await connect(url, { token });
    sockets.push(flooder);
    const closed = new Promise<void>((ok) => flooder.once('disconnect', () => ok()));
    const acks: unknown[] = [];
    for (let i = 0; i < 40 && flooder.connected; i++) acks.push(await command(flooder, 'snapshot:get').catch(() => 'no ack'));
    await withDeadline(closed, 10_000, 'the server to close the flooding socket');
    const refused = acks.filter((a) => (a as { error?: { code: string } }).error?.code === 'rate_limited').length;
    assert.ok(refused >= 5 && refused <= 8, `closed after ${refused} refusals (FLOOD_REFUSALS 5)`);

    await assert.rejects(connect(url, { token }), /rate_limited/, 'the token reconnected during its cool-down');
    const honest = await connect(url, { token: creds.displayToken });
    sockets.push(honest);
    const snapshot = await command(honest, 'snapshot:get');
    assert.ok('data' in snapshot, `another display was refused: ${JSON.stringify(snapshot)}`);
    assert.equal(logs.filter((l) => /socket commands: a client kept asking/.test(l.msg)).length, 1, 'not logged once');
  });
});

describe('snapshots asked at once', () => {
  test('share one read of the queue; a snapshot asked after a ticket was issued shows it', async () => {
    const lifted = await startInProcessOffice();
    const display = await connect(lifted.url, { token: lifted.creds.displayToken });
    try {
      const bus = lifted.server.deps.bus;
      const read = bus.read.bind(bus);
      let reads = 0;
      bus.read = (fn) => {
        reads += 1;
        return read(fn);
      };
      const BURST = 20;
      // Emitted together, they reach the server in one read of the connection.
      const acks = await Promise.all(Array.from({ length: BURST }, () => command(display, 'snapshot:get')));
      assert.ok(acks.every((a) => 'data' in a), 'a snapshot was refused');
      assert.ok(reads < BURST / 2, `${BURST} snapshots asked at once took ${reads} reads of the queue`);

      const services = (await request<{ id: string }[]>(lifted.url, 'GET', '/api/v1/services', { token: lifted.creds.kioskToken })).body;
      const before = command<{ waiting: { id: string }[] }>(display, 'snapshot:get');
      const issued = await request<{ id: string }>(lifted.url, 'POST', '/api/v1/tickets', {
        token: lifted.creds.kioskToken,
        body: { serviceId: services[0].id, print: false },
      });
      const after = await command<{ waiting: { id: string }[] }>(display, 'snapshot:get');
      await before;
      assert.ok(after.data!.waiting.some((t) => t.id === issued.body.id), 'the snapshot asked after the ticket does not show it');
    } finally {
      display.close();
      await lifted.stop();
    }
  });
});
