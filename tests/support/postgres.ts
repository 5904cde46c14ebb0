/**
 * PostgreSQL is part of the test environment, like Chromium and socat: `.ci/run` starts it
 * and creates the `test` database. A test that needs it and cannot reach it fails, naming
 * the address and what to do, and never skips itself: a run without PostgreSQL is red.
 * TEST_PG_URL moves the server (default `postgresql://postgres@127.0.0.1:5432/postgres`).
 */
import pg from 'pg';

/** The address without its password, for messages. */
function shown(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/** A connected client, or an error that says PostgreSQL is missing and how to provide it. */
export async function connectPostgres(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return client;
  } catch (err) {
    await client.end().catch(() => {});
    throw new Error(
      `PostgreSQL is required by this test and is not reachable at ${shown(url)} (${(err as Error).message}). ` +
        'Start it and create what the tests use (.ci/run does both), or point TEST_PG_URL at a server.',
    );
  }
}
