// A Prisma driver-adapter factory for PostgreSQL that is safe for migrations.
// Two upstream problems of @prisma/adapter-pg 7.10 are worked around here:
// - built from a connection string, its shadow database for `diff` connects to the MAIN
//   database (node-postgres lets the connection string win over `database`), so replaying
//   migrations there fails with "relation already exists";
// - the connection it opens to create the shadow database is never closed, which keeps
//   the process alive until the pool's idle timeout;
// - it refuses result columns of the internal one-byte type "char" (OID 18), which the
//   schema engine reads from pg_catalog when it describes a database ("Column type 'char'
//   could not be deserialized"); we hand those columns over as text.
import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PoolConfig } from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';

interface PgTarget {
  /** node-postgres settings, without a connection string. */
  config: PoolConfig;
  /** Postgres schema from the Prisma-style `?schema=` parameter, if any. */
  schema?: string;
}

/** Splits a `postgresql://…[?schema=x]` URL into pool settings and the Prisma schema. */
export function parsePgUrl(url: string): PgTarget {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  const config = parseIntoClientConfig(parsed.toString()) as PoolConfig;
  if (schema) {
    // Unqualified names in migration files and raw SQL then land in that schema too.
    config.options = `${config.options ?? ''} -c search_path=${quoteIdent(schema)}`.trim();
  }
  return { config, schema };
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function pgAdapterFactory(url: string, poolDefaults: PoolConfig = {}): SqlMigrationAwareDriverAdapterFactory {
  const { config, schema } = parsePgUrl(url);
  const fullConfig: PoolConfig = { ...poolDefaults, ...config };
  const base = new PrismaPg(fullConfig, schema ? { schema } : undefined);
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => base.connect().then(charColumnsAsText),
    connectToShadowDb: async () => {
      const admin = await base.connect();
      const database = `prisma_migrate_shadow_db_${randomUUID()}`;
      try {
        await admin.executeScript(`CREATE DATABASE ${quoteIdent(database)}`);
        const shadow = charColumnsAsText(await new PrismaPg({ ...fullConfig, options: undefined, database }).connect());
        return dropOnDispose(shadow, admin, database);
      } catch (err) {
        await admin.dispose();
        throw err;
      }
    },
  };
}

function dropOnDispose(shadow: SqlDriverAdapter, admin: SqlDriverAdapter, database: string): SqlDriverAdapter {
  const dispose = shadow.dispose.bind(shadow);
  shadow.dispose = async () => {
    try {
      await dispose();
    } finally {
      try {
        await admin.executeScript(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
      } finally {
        await admin.dispose();
      }
    }
  };
  return shadow;
}

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

type PerformIO = (query: unknown) => Promise<{ fields: { dataTypeID: number }[] }>;

/**
 * Relabels "char" result columns as text before the adapter maps column types. The values
 * are already strings (node-postgres has no parser for OID 18). Relies on the adapter's
 * internal `performIO`; if a future version renames it, this becomes a no-op.
 */
function charColumnsAsText(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const target = adapter as unknown as { performIO?: PerformIO };
  const performIO = target.performIO?.bind(adapter);
  if (!performIO) return adapter;
  target.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  return adapter;
}
