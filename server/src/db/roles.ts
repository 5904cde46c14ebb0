// Where each server role keeps its Prisma schema and migrations, relative to the repo root.
import { join } from 'node:path';
import { REPO_ROOT } from '../platform/repo-root';
import type { MigrationProvider } from './migrations-folder';

export type DbRole = 'office' | 'hq';

export { REPO_ROOT };

interface RolePaths {
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
