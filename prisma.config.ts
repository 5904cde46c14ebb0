// Prisma CLI config. The CLI tries to download its Rust schema engine before every
// command; generate does not need it, so point it at any existing file (see
// docs/prisma-offline.md). Migrations run through the WebAssembly schema engine
// in server/src/db/migrate.ts instead.
import { defineConfig } from 'prisma/config';

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: process.env.PRISMA_SCHEMA ?? 'prisma/office/schema.prisma',
});
