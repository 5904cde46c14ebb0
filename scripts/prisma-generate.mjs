// Generates the Prisma clients for both roles (office: SQLite, head office: PostgreSQL).
// Runs after npm install; needs no network (see docs/prisma-offline.md).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const schemas = ['prisma/office/schema.prisma', 'prisma/hq/schema.prisma'].filter((s) => existsSync(s));
for (const schema of schemas) {
  execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate', '--schema', schema], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
}
