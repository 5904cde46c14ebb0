// Opens a head-office PostgreSQL database: creates the `?schema=` schema if the URL names
// one, applies the given migrations folder, then builds a Prisma client over a pool.
// Generic on purpose: the caller passes its schema paths and its generated PrismaClient.
import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { applyMigrations } from './migrate';
import { parsePgUrl, pgAdapterFactory, quoteIdent } from './pg-adapter';

interface HqDbOptions<C> {
  /** `postgresql://user:pass@host:port/db`, optionally `?schema=name` (default public). */
  url: string;
  schemaPath: string;
  migrationsDir: string;
  /** e.g. `(adapter) => new PrismaClient({ adapter })` with the hq generated client. */
  createClient: (adapter: SqlDriverAdapterFactory) => C;
  /** Pool size of the client (migrations use one connection of their own). */
  poolSize?: number;
  log?: (msg: string) => void;
}

interface HqDb<C> {
  prisma: C;
  appliedMigrations: string[];
  /** The Postgres schema in use, from the URL. */
  schema: string;
  close(): Promise<void>;
}

interface Disconnectable {
  $connect(): Promise<void>;
  $disconnect(): Promise<void>;
}

export async function openHqDb<C extends Disconnectable>(opts: HqDbOptions<C>): Promise<HqDb<C>> {
  const { schema = 'public' } = parsePgUrl(opts.url);
  const migrationFactory = pgAdapterFactory(opts.url, { max: 1 });
  if (schema !== 'public') await createSchemaIfMissing(migrationFactory, schema);

  const { applied } = await applyMigrations({
    provider: 'postgresql',
    adapterFactory: migrationFactory,
    migrationsDir: opts.migrationsDir,
    schemaPath: opts.schemaPath,
    log: opts.log,
  });

  const prisma = opts.createClient(pgAdapterFactory(opts.url, { max: opts.poolSize ?? 10 }));
  await prisma.$connect();
  return { prisma, appliedMigrations: applied, schema, close: () => prisma.$disconnect() };
}

async function createSchemaIfMissing(factory: SqlDriverAdapterFactory, schema: string): Promise<void> {
  const adapter = await factory.connect();
  try {
    await adapter.executeScript(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
  } finally {
    await adapter.dispose();
  }
}
