/**
 * The head office's database: a PostgreSQL server (DATABASE_URL), or, without one, an
 * embedded PostgreSQL (PGlite persisted in DATA_DIR) served on a loopback port by
 * pglite-socket, so Prisma's adapter-pg talks to both the same way. Migrations are
 * applied at open.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../db/generated/hq/client';
import { applyMigrations } from '../db/migrate';
import { rolePaths } from '../db/roles';

/** What the raw-SQL data access needs: a PrismaClient or an interactive transaction. */
export interface Sql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export type HqPrisma = PrismaClient;

export interface HqDatabase {
  prisma: PrismaClient;
  /** Connections the pool may open: ingest runs at most this many batches at once. */
  poolSize: number;
  /** True when running on embedded PGlite. */
  embedded: boolean;
  url: string;
  close(): Promise<void>;
}

export interface OpenHqDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize?: number;
  log?: (msg: string) => void;
}

export async function openHqDatabase(opts: OpenHqDatabaseOptions): Promise<HqDatabase> {
  if (opts.databaseUrl) {
    const poolSize = opts.poolSize ?? 10;
    return openOnUrl(opts.databaseUrl, poolSize, false, opts.log, async () => {});
  }
  return openEmbedded(opts);
}

async function openOnUrl(
  url: string,
  poolSize: number,
  embedded: boolean,
  log: ((msg: string) => void) | undefined,
  afterClose: () => Promise<void>,
): Promise<HqDatabase> {
  await applyMigrations({ ...rolePaths('hq'), adapterFactory: new PrismaPg({ connectionString: url, max: 1 }), log });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: poolSize }) });
  await prisma.$connect();
  return {
    prisma,
    poolSize,
    embedded,
    url,
    async close() {
      await prisma.$disconnect();
      await afterClose();
    },
  };
}

/**
 * PGlite is a single-connection database: pglite-socket multiplexes clients, so the pool
 * is held to one connection and ingest runs one batch at a time.
 */
async function openEmbedded(opts: OpenHqDatabaseOptions): Promise<HqDatabase> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const dir = resolve(join(opts.dataDir, 'hq-pglite'));
  mkdirSync(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  // A few connections: the migration engine's may still be closing when the client's opens
  // (with the default of 1 the newcomer is refused). The server keeps one client's
  // transaction exclusive; our own pool holds a single connection anyway.
  const server = new PGLiteSocketServer({ db: pglite, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const conn = server.getServerConn(); // "127.0.0.1:<port>"
  const url = `postgresql://postgres@${conn}/postgres?sslmode=disable`;
  opts.log?.(`embedded PostgreSQL (PGlite) in ${dir}, listening on ${conn}`);
  try {
    return await openOnUrl(url, 1, true, opts.log, async () => {
      await server.stop();
      await pglite.close();
    });
  } catch (err) {
    await server.stop().catch(() => {});
    await pglite.close().catch(() => {});
    throw err;
  }
}
