// Head office in its own process for bench/hq-ingest.ts: prints "READY <url>".
// Env: DATABASE_URL, DATA_DIR, POOL_SIZE (default 8). Does nothing when imported (bench/run.ts
// imports every bench module to look for run()).
import { fileURLToPath } from 'node:url';
import { createHqServer } from '../server/src/hq';
import { createLogger } from '../server/src/platform/logger';

async function main() {
  const server = await createHqServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: process.env.DATA_DIR!,
    databaseUrl: process.env.DATABASE_URL,
    demo: false,
    poolSize: Number(process.env.POOL_SIZE ?? 8),
    logger: createLogger(process.env.LOG_LEVEL ?? 'error'),
  });
  console.log(`READY ${server.url}`);
  process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
