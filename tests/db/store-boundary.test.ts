/**
 * One write path per kind of change: only the store layers talk to the Prisma client.
 * Route handlers, use cases, auth, sync and the head office's reports call store functions
 * (which return plain objects); a model call, raw SQL or a client import anywhere else
 * fails here, naming the line.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, test } from 'vitest';
import { REPO_ROOT } from '../../server/src/platform/repo-root';

const SERVER = join(REPO_ROOT, 'server', 'src');

/** Where the database is reached: the connection modules and the store layers. */
const DATA_ACCESS = [/^db\//, /^office\/store\//, /^hq\/store\//, /^hq\/db\.ts$/];

const PRISMA_METHODS =
  'findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|findMany|create|createMany|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sourceFiles(path);
    return e.name.endsWith('.ts') ? [path] : [];
  });
}

/** The client's model properties (`office`, `authToken`, `hqUser`...), read from the schemas. */
function modelNames(): string[] {
  return ['office', 'hq'].flatMap((role) =>
    [...readFileSync(join(REPO_ROOT, 'prisma', role, 'schema.prisma'), 'utf8').matchAll(/^model (\w+)/gm)].map(
      (m) => m[1][0].toLowerCase() + m[1].slice(1),
    ),
  );
}

/** Lines outside the data-access modules that import the client, call a model or run SQL, as `file:line: text`. */
function violations(): string[] {
  const modelCall = new RegExp(`\\.(?:${modelNames().join('|')})\\s*\\.\\s*(?:${PRISMA_METHODS})\\s*\\(`);
  const clientImport = /from\s+['"][^'"]*generated\/(?:office|hq)\/client['"]|from\s+['"]@prisma\/client['"]/;
  const rawSql = /\$(?:queryRaw|executeRaw)\w*\s*[<(]/;
  const found: string[] = [];
  for (const file of sourceFiles(SERVER)) {
    const path = relative(SERVER, file).split('\\').join('/');
    if (DATA_ACCESS.some((allowed) => allowed.test(path))) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (modelCall.test(line) || clientImport.test(line) || rawSql.test(line)) found.push(`server/src/${path}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('the store boundary', () => {
  test('the schemas name the models this check looks for', () => {
    const names = modelNames();
    for (const expected of ['office', 'user', 'authToken', 'device', 'syncState', 'hqUser', 'hqToken', 'hqOffice']) {
      assert.ok(names.includes(expected), `model ${expected} not found in the schemas`);
    }
  });

  test('nothing outside the store layers imports the Prisma client, calls a model or runs SQL', () => {
    assert.deepEqual(violations(), []);
  });
});
