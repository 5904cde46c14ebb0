// openHqDb on the real PostgreSQL: a `?schema=` URL gets its own schema, migrations land
// there, reopening applies nothing, and the client reads and writes in that schema.

import { afterAll, beforeAll, describe, test } from 'vitest';
import assert from 'node:assert/strict';
import { openHqDb } from '../../server/src/db/hq-db';
import { parsePgUrl } from '../../server/src/db/pg-adapter';
import { rolePaths } from '../../server/src/db/roles';
import { adminQuery, requirePostgres, throwawaySchema } from './helpers';

const hq = rolePaths('hq');

describe('parsePgUrl', () => {
  test('takes the Prisma schema parameter out of the URL and into search_path', () => {
    const { config, schema } = parsePgUrl('postgresql://ana:s%40cret@db.example:6543/turnero?schema=hq_2026');
    assert.equal(schema, 'hq_2026');
    assert.equal(config.host, 'db.example');
    assert.equal(Number(config.port), 6543);
    assert.equal(config.user, 'ana');
    assert.equal(config.password, 's@cret');
    assert.equal(config.database, 'turnero');
    assert.equal(config.options, '-c search_path="hq_2026"');
    assert.equal('connectionString' in config, false);
  });

  test('without schema parameter leaves the search path alone', () => {
    const { config, schema } = parsePgUrl('postgresql://postgres@127.0.0.1:5432/test');
    assert.equal(schema, undefined);
    assert.equal(config.options, undefined);
  });
});

describe('openHqDb', () => {
  const target = throwawaySchema();
  beforeAll(async () => {
    await requirePostgres();
  });
  afterAll(async () => {
    await target.drop();
  });

  test('migrates a fresh schema at open, and reopening applies nothing', async () => {
    const { PrismaClient } = await import('../../server/src/db/generated/hq/client');
    const open = () => openHqDb({ url: target.url, ...hq, createClient: (adapter) => new PrismaClient({ adapter }), poolSize: 2 });

    const first = await open();
    try {
      assert.equal(first.schema, target.name);
      assert.ok(first.appliedMigrations.length >= 1);
      const { rows } = await adminQuery<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
        [target.name],
      );
      const tables = rows.map((r) => r.table_name);
      assert.ok(tables.includes('_prisma_migrations'), 'the history lives in the same schema');
      assert.ok(tables.includes('hq_user'));

      await first.prisma.hqUser.create({ data: { id: 'u1', username: 'ana', passwordHash: 'x', role: 'admin' } });
      assert.equal(await first.prisma.hqUser.count(), 1);
    } finally {
      await first.close();
    }

    const second = await open();
    try {
      assert.deepEqual(second.appliedMigrations, []);
      assert.equal(await second.prisma.hqUser.count(), 1);
    } finally {
      await second.close();
    }
  });
});
