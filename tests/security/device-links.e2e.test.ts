/**
 * Device tokens stay out of places others read (issue 11, item 8). A kiosk or display
 * link carries its token in the URL fragment (#token=), which the browser never sends:
 * no request the page makes carries it, and the address bar drops it. The old ?token=
 * still works for one release, with a console warning. The kiosk agent refuses a token
 * on its command line (any user of the kiosk PC reads the process list) and takes it
 * from TURNERO_TOKEN or a token file.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { withDeadline } from '../support/deadline';
import { login, request } from '../support/http';
import { REPO_ROOT, startTestOffice, type TestOffice } from '../support/office';

let office: TestOffice;
let browser: Browser;
let scratch: string;

beforeAll(async () => {
  office = await startTestOffice({ production: true });
  browser = await launchChromium();
  scratch = mkdtempSync(join(tmpdir(), 'turnero-device-links-'));
});
afterAll(async () => {
  await browser?.close();
  await office?.stop();
  office?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** Opens a device page, recording every URL it requests (page, scripts, API, socket) and its console. */
async function openDevicePage(path: string, ready: string) {
  const page = await browser.newPage();
  const urls: string[] = [];
  const consoleLines: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('websocket', (ws) => urls.push(ws.url()));
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await page.goto(office.url + path);
  await page.getByText(ready).first().waitFor({ timeout: 15_000 });
  return { page, urls, consoleLines };
}

describe('kiosk and display links', () => {
  test('#token=: the kiosk works, no request carries the token, the address bar drops it', async () => {
    const token = office.creds.kioskToken;
    const { page, urls, consoleLines } = await openDevicePage(`/dispenser/#token=${token}`, 'Oficina de demostración');
    assert.ok(urls.length > 3, `the page made its requests: ${urls.join(' ')}`);
    assert.deepEqual(urls.filter((u) => u.includes(token)), [], 'a request carried the token');
    assert.equal(page.url().includes(token), false, `the address bar still shows it: ${page.url()}`);
    assert.equal(consoleLines.some((l) => /deprecated/.test(l)), false);
    await page.close();
  });

  test('#token= on a display keeps its other parameters; the old ?token= still works with a warning', async () => {
    const token = office.creds.displayToken;
    const fresh = await openDevicePage(`/display/?lang=es#token=${token}`, 'En espera');
    assert.deepEqual(fresh.urls.filter((u) => u.includes(token)), []);
    assert.equal(new URL(fresh.page.url()).search, '?lang=es');
    await fresh.page.close();

    const old = await openDevicePage(`/display/?token=${token}&lang=es`, 'En espera');
    assert.ok(old.consoleLines.some((l) => /^warning: .*\?token=.*deprecated/.test(l)), `no warning: ${old.consoleLines.join(' | ')}`);
    assert.equal(old.page.url().includes(token), false, 'the address bar still shows the old token');
    await old.page.close();
  });
});

describe('the kiosk agent', () => {
  async function runAgent(args: string[], env: Record<string, string> = {}, ms = 15_000) {
    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'dispenser/agent/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, TURNERO_TOKEN: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    return { child, exited: () => withDeadline(exited, ms, 'the kiosk agent to exit'), output: () => output };
  }

  test('a token on the command line is refused, before anything connects', async () => {
    const agent = await runAgent(['--server', office.url, '--token', office.creds.kioskToken, '--printer', 'virtual:agent-cli']);
    assert.equal(await agent.exited(), 2);
    assert.match(agent.output(), /--token is not taken.*TURNERO_TOKEN or --token-file/);
  });

  test('a token file (0600) is taken: the agent connects and reports its printer', async () => {
    const admin = office.creds.users.find((u) => u.role === 'admin')!;
    const adminToken = await login(office.url, admin.username, admin.password);
    const created = await request<{ device: { id: string }; token: string }>(office.url, 'POST', '/api/v1/admin/devices', {
      token: adminToken, body: { kind: 'kiosk', name: 'Kiosco con agente', printerUri: null },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const file = join(scratch, 'kiosk-token');
    writeFileSync(file, `${created.body.token}\n`);
    chmodSync(file, 0o600);
    const agent = await runAgent(['--server', office.url, '--token-file', file, '--printer', 'virtual:agent-file', '--poll-ms', '500']);
    try {
      const deadline = Date.now() + 15_000;
      let status: string | null = null;
      while (!status && Date.now() < deadline) {
        const devices = await request<{ id: string; printerStatus: string | null }[]>(office.url, 'GET', '/api/v1/admin/devices', { token: adminToken });
        status = devices.body.find((d) => d.id === created.body.device.id)!.printerStatus;
        if (!status) await new Promise((r) => setTimeout(r, 200));
      }
      assert.equal(status, 'online', `the agent never reported: ${agent.output()}`);
      assert.doesNotMatch(agent.output(), /readable by other users/);
    } finally {
      agent.child.kill('SIGTERM');
      await agent.exited();
    }
  });
});
