/** Without DATABASE_URL head office runs on embedded PGlite in DATA_DIR, persisted across restarts. */
import { afterAll, test } from 'vitest';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHqServer } from '../../server/src/hq';
import { api, OfficeStream, silentLogger, simulateTraffic } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'hq-embedded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('embedded PostgreSQL: ingest, compare, and the data survives a restart', async () => {
  const logger = await silentLogger();
  let hq = await createHqServer({ port: 0, host: '127.0.0.1', dataDir: dir, demo: true, logger });
  assert.equal(hq.db.embedded, true);
  const creds = JSON.parse(readFileSync(join(dir, 'demo-credentials.json'), 'utf8'));
  const admin = creds.users.find((u: any) => u.role === 'admin');
  const login = await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } });
  const created = await api(hq.url, 'POST', '/api/v1/hq/offices', { token: login.body.token, body: { code: 'EMB-1', name: 'Embebida', company: 'EDEQ' } });
  assert.equal(created.status, 201);
  const s = new OfficeStream('EMB-1', new Date('2026-11-02T13:00:00Z'));
  const expected = simulateTraffic(s, 100);
  const r = await api(hq.url, 'POST', '/api/v1/hq/ingest', { token: created.body.token, body: s.batch(s.events, new Date()) });
  assert.equal(r.status, 200);
  assert.equal(r.body.ackedSeq, s.seq);
  await hq.stop();

  hq = await createHqServer({ port: 0, host: '127.0.0.1', dataDir: dir, demo: true, logger });
  try {
    const again = await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: admin.username, password: admin.password } });
    assert.equal(again.status, 200, 'same credentials after restart');
    const cmp = await api(hq.url, 'GET', '/api/v1/hq/offices/compare?from=2026-11-02&to=2026-11-02', { token: again.body.token });
    assert.equal(cmp.body.rows[0].issued, expected.issued);
    assert.equal(cmp.body.rows[0].served, expected.served);
  } finally {
    await hq.stop();
  }
});
