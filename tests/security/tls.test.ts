/**
 * Transport (issue 11, item 7): with TLS_CERT_FILE/TLS_KEY_FILE the office and head office
 * speak HTTPS only, answer with HSTS, take a renewed certificate without a restart, and
 * carry sockets over TLS; an office refuses to send its events to head office over plain
 * HTTP across the network unless told to.
 */
import { afterAll, beforeAll, describe, test } from 'vitest';
import { withDeadline } from '../support/deadline';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { ConfigError, loadConfig } from '../../server/src/platform/config';
import { createLogger } from '../../server/src/platform/logger';
import { createOffice } from '../../server/src/hq/org/offices';
import { createTestDatabase, type TestDatabase } from '../hq/helpers';
import { login, request } from '../support/http';
import { createOfficeServer, type OfficeServer } from '../../server/src/office/app';
import { startTestOffice, tempDataDir } from '../support/office';
import { eventually, httpsGet, makeCertificate, presentedCommonName, trySocket, type CertFiles } from './support';

const certDir = mkdtempSync(join(tmpdir(), 'turnero-tls-'));
let cert: CertFiles;
const dataDir = tempDataDir();
let office: OfficeServer;
let startUrl: string;
let kioskToken: string;
let httpsUrl: string;
let port: number;

beforeAll(async () => {
  cert = makeCertificate(certDir, 'first-certificate');
  const config = loadConfig({
    HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent',
    TLS_CERT_FILE: cert.cert, TLS_KEY_FILE: cert.key, TLS_RELOAD_SECONDS: '0.2',
  });
  office = await createOfficeServer({ config, logger: createLogger('silent') });
  ({ url: startUrl, port } = await office.start());
  kioskToken = office.demoCredentials!.kioskToken;
  httpsUrl = `https://localhost:${port}`;
});
afterAll(async () => {
  await office?.stop();
  rmSync(certDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('office over HTTPS', () => {
  test('answers over TLS with HSTS, and the start URL says https', async () => {
    const r = await httpsGet(`${httpsUrl}/api/v1/health`, cert.pem);
    assert.equal(r.status, 200);
    assert.match(String(r.headers['strict-transport-security']), /^max-age=31536000/);
    assert.match(startUrl, /^https:\/\/localhost:/, 'the URL printed and put in ticket QR codes');
  });

  test('a plain HTTP request to the port gets no answer', async () => {
    const outcome = await withDeadline(
      new Promise<string>((resolve) => {
        const req = httpRequest(`http://127.0.0.1:${port}/api/v1/health`, (res) => resolve(`answered ${res.statusCode}`));
        req.on('error', (err) => resolve(`refused: ${err.message}`));
        req.end();
      }),
      15_000,
      'a plain HTTP request to the TLS port to be answered or refused',
    );
    assert.match(outcome, /^refused/);
  });

  test('a kiosk socket connects over wss:// trusting the certificate, and not without it', async () => {
    const open = (ca?: string) => trySocket(httpsUrl, { auth: { token: kioskToken }, ca });
    assert.equal(await open(cert.pem), 'connected');
    assert.match(await open(undefined), /^refused/, 'an untrusted certificate must fail the handshake');
  });

  test('a renewed certificate is served to new connections without a restart', async () => {
    assert.equal(await presentedCommonName(port), 'first-certificate');
    const renewed = makeCertificate(certDir, 'renewed-certificate'); // same paths, new files
    await eventually(async () => (await presentedCommonName(port)) === 'renewed-certificate', 5_000, 'the renewed certificate is presented');
    const r = await httpsGet(`${httpsUrl}/api/v1/health`, renewed.pem);
    assert.equal(r.status, 200);
  });

  test('a renewal caught half-written (new certificate, old key) keeps the old pair until the key arrives', async () => {
    const next = makeCertificate(mkdtempSync(join(certDir, 'next-')), 'third-certificate');
    copyFileSync(next.cert, cert.cert);
    await new Promise((r) => setTimeout(r, 1_000)); // several reload checks
    assert.equal(await presentedCommonName(port), 'renewed-certificate');
    copyFileSync(next.key, cert.key);
    await eventually(async () => (await presentedCommonName(port)) === 'third-certificate', 5_000, 'the completed pair is presented');
  });
});

describe('head office over HTTPS', () => {
  let db: TestDatabase;
  let hq: HqServer;
  const dataDir = mkdtempSync(join(tmpdir(), 'turnero-tls-hq-'));
  beforeAll(async () => {
    db = await createTestDatabase('hq_tls');
    hq = await createHqServer({
      port: 0,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: db.url,
      demo: true,
      logger: createLogger('silent'),
      web: { TLS_CERT_FILE: cert.cert, TLS_KEY_FILE: cert.key },
    });
  });
  afterAll(async () => {
    await hq?.stop();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('serves its API over TLS with HSTS and says https', async () => {
    assert.match(hq.url, /^https:/);
    // The certificate now in the files (the office test above renewed it).
    const r = await httpsGet(`https://localhost:${hq.port}/hq/`, readFileSync(cert.cert, 'utf8'));
    assert.equal(r.status, 200);
    assert.match(String(r.headers['strict-transport-security']), /^max-age=/);
  });

  test('an office sends its events to head office over HTTPS, trusting a private CA through NODE_EXTRA_CA_CERTS', async () => {
    const { token } = await createOffice(hq.db.prisma, { code: 'TLS-1', name: 'Oficina TLS', company: 'EPM' });
    const office = await startTestOffice({
      env: { OFFICE_CODE: 'TLS-1', HQ_URL: `https://localhost:${hq.port}`, HQ_TOKEN: token, NODE_EXTRA_CA_CERTS: cert.cert },
    });
    try {
      const supervisor = office.creds.users.find((u) => u.role === 'supervisor')!;
      const staff = await login(office.url, supervisor.username, supervisor.password);
      const services = (await request(office.url, 'GET', '/api/v1/services', { token: office.creds.kioskToken })).body;
      const list = Array.isArray(services) ? services : services.services;
      assert.equal((await request(office.url, 'POST', '/api/v1/tickets', { token: office.creds.kioskToken, body: { serviceId: list[0].id } })).status, 201);
      let sync: any;
      await eventually(async () => {
        sync = (await request(office.url, 'GET', '/api/v1/sync', { token: staff })).body;
        return sync.headSeq > 0 && sync.pendingEvents === 0 && sync.lastError === null;
      }, 20_000, 'the office synced over HTTPS');
      const [{ n }] = await hq.db.sql.$queryRawUnsafe<{ n: number }[]>(
        'SELECT acked_seq AS n FROM hq_office WHERE code = $1', 'TLS-1',
      );
      assert.ok(n >= 1, `head office applied the office's events (acked up to ${n})`);
    } finally {
      await office.stop();
      office.cleanup();
    }
  });
});

describe('HQ_URL', () => {
  const base = { DATA_DIR: '/tmp/x', HQ_TOKEN: 'x'.repeat(32) };
  test('plain http to another machine is refused at boot, naming the way out', () => {
    assert.throws(() => loadConfig({ ...base, HQ_URL: 'http://hq.example.com' }), (err: Error) => {
      assert.ok(err instanceof ConfigError);
      assert.match(err.message, /HQ_URL http:\/\/hq\.example\.com is plain http/);
      assert.match(err.message, /HQ_ALLOW_INSECURE=true/);
      return true;
    });
  });
  test('https, loopback http, and http with HQ_ALLOW_INSECURE=true are accepted', () => {
    assert.equal(loadConfig({ ...base, HQ_URL: 'https://hq.example.com' }).HQ_URL, 'https://hq.example.com');
    assert.equal(loadConfig({ ...base, HQ_URL: 'http://127.0.0.1:8090' }).HQ_URL, 'http://127.0.0.1:8090');
    assert.equal(loadConfig({ ...base, HQ_URL: 'http://hq.example.com', HQ_ALLOW_INSECURE: 'true' }).HQ_ALLOW_INSECURE, true);
  });
  test('a certificate without its key (or the reverse) is refused', () => {
    assert.throws(() => loadConfig({ TLS_CERT_FILE: '/x/cert.pem' }), /TLS_CERT_FILE and TLS_KEY_FILE go together/);
    assert.throws(() => loadConfig({ TLS_KEY_FILE: '/x/key.pem' }), /TLS_CERT_FILE and TLS_KEY_FILE go together/);
  });
  test('a missing file, or a key of another certificate, stops the start with a message', () => {
    const other = makeCertificate(mkdtempSync(join(certDir, 'other-')), 'other');
    assert.throws(() => loadConfig({ TLS_CERT_FILE: join(certDir, 'missing.pem'), TLS_KEY_FILE: cert.key }), (err: Error) =>
      err instanceof ConfigError && /do not load as a certificate and its key: ENOENT/.test(err.message));
    assert.throws(() => loadConfig({ TLS_CERT_FILE: cert.cert, TLS_KEY_FILE: other.key }), (err: Error) =>
      err instanceof ConfigError && /do not load as a certificate and its key: .*key values mismatch/.test(err.message));
  });
});
