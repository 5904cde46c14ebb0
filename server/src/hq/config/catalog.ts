/** The group's service catalogue: added and edited by admins, read by every head-office user. Audited. */
import type { CatalogService, CreateCatalogServiceBody } from '@turnero/contract/hq-link';
import type { PatchCatalogServiceBody } from '@turnero/contract/hq';
import { AppError } from '@turnero/domain/errors';
import type { HqDatabase } from '../db';
import { insertConfigAudit } from '../store/config-audit-store';
import { findCatalogService, insertCatalogService, updateCatalogService } from '../store/catalog-store';
import { audit, type Actor } from './publish';

export async function createCatalogService(db: HqDatabase, actor: Actor, body: CreateCatalogServiceBody, now: Date): Promise<CatalogService> {
  const service: CatalogService = { ...body };
  return db.transaction(async (tx) => {
    if (!(await insertCatalogService(tx, service))) throw new AppError('conflict', `Catalogue service ${body.code} already exists`);
    await insertConfigAudit(tx, [audit(actor, `catalog:${body.code}`, 'create', null, service)], now);
    return service;
  });
}

/** Changes a catalogue entry; offices get it with the next publish (POST /hq/publish). */
export async function editCatalogService(
  db: HqDatabase,
  actor: Actor,
  code: string,
  changes: PatchCatalogServiceBody,
  now: Date,
): Promise<CatalogService> {
  return db.transaction(async (tx) => {
    const before = await findCatalogService(tx, code, true);
    if (!before) throw new AppError('not_found', `No catalogue service ${code}`);
    const after: CatalogService = { ...before, ...changes };
    await updateCatalogService(tx, after);
    await insertConfigAudit(tx, [audit(actor, `catalog:${code}`, 'edit', before, after)], now);
    return after;
  });
}
