// Where each server role keeps its Prisma schema and migrations, relative to the repo root.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import type { MigrationProvider } from './migrations-folder';

export type DbRole = 'office' | 'hq';

/** Repository root, found from this file so it does not depend on the working directory. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface RolePaths {
  provider: MigrationProvider;
  schemaPath: string;
  migrationsDir: string;
}

export function rolePaths(role: DbRole): RolePaths {
  return {
    provider: role === 'office' ? 'sqlite' : 'postgresql',
    schemaPath: join(REPO_ROOT, 'prisma', role, 'schema.prisma'),
    migrationsDir: join(REPO_ROOT, 'prisma', role, 'migrations'),
  };
}
