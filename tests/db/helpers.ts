// Shared helpers for database tests: temp folders, and throwaway PostgreSQL databases.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { connectPostgres } from '../support/postgres';

export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `turnero-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * PostgreSQL is part of the test environment (.ci/run starts it): a missing server fails
 * the run with a message that says what to start, never a silent skip.
 */
export async function requirePostgres(): Promise<void> {
  const client = await connectPostgres(PG_ADMIN_URL);
  try {
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => {});
  }
}

function urlFor(database: string, schema?: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  if (schema) url.searchParams.set('schema', schema);
  return url.toString();
}

function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/** Runs SQL on the admin database (the one in PG_ADMIN_URL). */
export async function adminQuery<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, values: unknown[] = []) {
  const client = await connectPostgres(PG_ADMIN_URL);
  try {
    return await client.query<T>(sql, values);
  } finally {
    await client.end();
  }
}

/** A brand-new empty database, dropped (even with open connections) by drop(). */
export async function throwawayDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = uniqueName('turnero_test');
  await adminQuery(`CREATE DATABASE "${name}"`);
  return { url: urlFor(name), name, drop: async () => void (await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)) };
}

/** A schema name that does not exist yet in the admin database; drop() removes it. */
export function throwawaySchema(): { url: string; name: string; drop(): Promise<void> } {
  const name = uniqueName('turnero_test');
  const database = new URL(PG_ADMIN_URL).pathname.slice(1);
  return { url: urlFor(database, name), name, drop: async () => void (await adminQuery(`DROP SCHEMA IF EXISTS "${name}" CASCADE`)) };
}

export async function databaseExists(name: string): Promise<boolean> {
  const { rows } = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = $1`, [name]);
  return rows.length > 0;
}
