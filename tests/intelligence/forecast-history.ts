/**
 * A head office with ten weeks of one demo office's history, sent by `npm run hq:demo`'s
 * own code through the real ingest path, for the planner's API tests and benches.
 * Head office's clock is fixed, so "today" and the history are the same every run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDemoCredentials } from '../../scripts/demo/hq-client';
import { runDemo, type DemoResult } from '../../scripts/demo/run-demo';
import { createHqServer, type HqServer } from '../../server/src/hq';
import { api, createTestDatabase, silentLogger, type TestDatabase } from '../hq/helpers';

export interface PlannerHq {
  hq: HqServer;
  adminToken: string;
  managerToken: string;
  demo: DemoResult;
  stop(): Promise<void>;
}

export async function startPlannerHq(o: { now: Date; offices: number; days: number; trafficScale: number }): Promise<PlannerHq> {
  const db: TestDatabase = await createTestDatabase('hq_planner');
  const dataDir = mkdtempSync(join(tmpdir(), 'hq-planner-'));
  const hq = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: db.url,
    demo: true,
    clock: { now: () => o.now },
    logger: await silentLogger(),
  });
  const stop = async () => {
    await hq.stop();
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const credentialsFile = join(dataDir, 'demo-credentials.json');
    const admin = readDemoCredentials(credentialsFile);
    const manager = (JSON.parse(readFileSync(credentialsFile, 'utf8')).users as { role: string; username: string; password: string }[]).find(
      (u) => u.role === 'manager',
    )!;
    const demo = await runDemo({
      url: hq.url,
      credentials: admin,
      offices: o.offices,
      days: o.days,
      seed: 'planner',
      trafficScale: o.trafficScale,
      concurrency: 2,
      offline: 0,
      now: o.now.getTime(),
    });
    const login = async (u: { username: string; password: string }) =>
      (await api(hq.url, 'POST', '/api/v1/auth/login', { body: { username: u.username, password: u.password } })).body.token as string;
    return { hq, adminToken: await login(admin), managerToken: await login(manager), demo, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
