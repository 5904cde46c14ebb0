/**
 * The head office's database: a PostgreSQL server (DATABASE_URL), or, in demos only, an
 * embedded PostgreSQL (PGlite persisted in DATA_DIR) served by pglite-socket, so Prisma's
 * adapter-pg talks to both the same way. Migrations are applied at open.
 *
 * pglite-socket checks no user or password: on a TCP port, even a loopback one, any
 * local process (any user of the machine) could read password hashes and tokens. It
 * listens on a Unix socket in a fresh 0700 folder instead, which only this server's
 * user can enter.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../db/generated/hq/client';
import { applyMigrations } from '../db/migrate';
import { preparePrivateDir } from '../db/private-files';
import { rolePaths } from '../db/roles';

/** What the raw-SQL data access needs: a PrismaClient or an interactive transaction. */
export interface Sql {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

export type HqPrisma = PrismaClient;

export interface HqDatabase {
  /** ORM access (users, tokens, offices) and reports. */
  prisma: PrismaClient;
  /** Plain SQL on the same pool, without the ORM's per-query overhead (ingest hot path). */
  sql: Sql;
  /** Runs `fn` in one transaction on one pooled connection; rolls back if it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
  /** Connections the pool may open: ingest runs at most this many batches at once. */
  poolSize: number;
  /** True when running on embedded PGlite. */
  embedded: boolean;
  url: string;
  close(): Promise<void>;
}

interface OpenHqDatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
  /** Without a URL, open the embedded PGlite (demos only: false refuses to start). */
  embeddedAllowed?: boolean;
  poolSize?: number;
  log?: (msg: string) => void;
}

class EmbeddedDatabaseRefused extends Error {
  override name = 'EmbeddedDatabaseRefused';
}

export async function openHqDatabase(opts: OpenHqDatabaseOptions): Promise<HqDatabase> {
  if (opts.databaseUrl) {
    const poolSize = opts.poolSize ?? 10;
    return openOnUrl(opts.databaseUrl, poolSize, false, opts.log, async () => {});
  }
  if (!opts.embeddedAllowed) {
    throw new EmbeddedDatabaseRefused(
      'Head office needs DATABASE_URL outside demo mode: the embedded PostgreSQL (PGlite) is for a demo on one machine only',
    );
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
  // One pool for both: Prisma's adapter and the raw hot path.
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', (err) => log?.(`idle database connection failed: ${err.message}`));
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  await prisma.$connect();
  let closed = false;
  return {
    prisma,
    sql: sqlOn(pool),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(sqlOn(client));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((e: Error) => (broken = e));
        throw err;
      } finally {
        client.release(broken);
      }
    },
    poolSize,
    embedded,
    url,
    async close() {
      if (closed) return;
      closed = true;
      await prisma.$disconnect();
      await pool.end().catch(() => {});
      await afterClose();
    },
  };
}

/**
 * `timestamp` columns hold UTC (as Prisma writes them); node-pg would read them in the
 * process's local zone, so parse them as UTC here. Everything else: pg's defaults.
 */
const TIMESTAMP_OID = 1114;
const utcTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP_OID) return (v: string) => new Date(`${v.replace(' ', 'T')}Z`);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function sqlOn(q: pg.Pool | pg.PoolClient): Sql {
  return {
    async $queryRawUnsafe<T>(text: string, ...values: unknown[]): Promise<T> {
      return (await q.query({ text, values, types: utcTypes as pg.CustomTypesConfig })).rows as T;
    },
    async $executeRawUnsafe(text: string, ...values: unknown[]): Promise<number> {
      return (await q.query({ text, values, types: utcTypes as pg.CustomTypesConfig })).rowCount ?? 0;
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
  preparePrivateDir(dir);
  const pglite = await PGlite.create(dir);
  // mkdtemp makes the folder 0700. Under the system's temporary folder, not DATA_DIR: a
  // Unix socket path must stay under ~100 bytes, and DATA_DIR may be deep.
  const socketDir = mkdtempSync(join(tmpdir(), 'turnero-pg-'));
  // node-pg finds a server in folder F on "port" P at F/.s.PGSQL.P, as libpq does.
  const port = 5432;
  // A few connections: the migration engine's may still be closing when the client's opens
  // (with the default of 1 the newcomer is refused). The server keeps one client's
  // transaction exclusive; our own pool holds a single connection anyway.
  const server = new PGLiteSocketServer({ db: pglite, path: join(socketDir, `.s.PGSQL.${port}`), maxConnections: 4 });
  const release = async () => {
    await server.stop().catch(() => {});
    await pglite.close().catch(() => {});
    rmSync(socketDir, { recursive: true, force: true });
  };
  try {
    await server.start();
    const url = `postgresql://postgres@localhost:${port}/postgres?host=${encodeURIComponent(socketDir)}&sslmode=disable`;
    opts.log?.(`embedded PostgreSQL (PGlite) in ${dir}, on the Unix socket in ${socketDir}`);
    return await openOnUrl(url, 1, true, opts.log, release);
  } catch (err) {
    await release();
    throw err;
  }
}
