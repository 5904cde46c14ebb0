/**
 * Publishing central configuration: an office's configuration version is the full desired
 * state (catalogue entries it offers, resolved with its overrides, plus the settings head
 * office owns), written with its link message and audit row in ONE transaction; offices
 * hear `link:pending` only after that commit, so a message they are told about exists.
 */
import type { ConfigSettings, LinkMessage, OfficeConfig, PutOfficeServicesBody } from '@turnero/contract/hq-link';
import { AppError } from '@turnero/domain/errors';
import type { HqDatabase, Sql } from '../db';
import type { LinkNotifier } from '../link/notifier';
import { insertConfigAudit, type NewConfigAudit } from '../store/config-audit-store';
import { assertHolidayCountry, publishedSettings } from './holidays';
import {
  configuredOfficeIds,
  effectiveSettings,
  findCatalogService,
  readOfferings,
  readSettings,
  replaceOfferings,
  resolvedServices,
  writeSettings,
  linkServiceCodes,
  type OfficeOffering,
} from '../store/catalog-store';
import { insertConfigVersions, insertLinkMessages, takeMessageHeads } from '../store/link-store';
import { officesByCode, officesById } from '../store/offices-store';

export interface Actor {
  id: string;
  name: string;
}

export interface Published {
  code: string;
  version: number;
  headSeq: number;
  /** The configuration message itself, carried by the notice (not rosters: see the contract). */
  message?: LinkMessage;
}

/**
 * Appends a new configuration version for each office, inside `tx`. Returns what to
 * announce after commit. A configuration putting two services on one prefix (a catalogue
 * edit can cause it) is refused, naming the office.
 */
export async function appendConfigs(tx: Sql, offices: readonly { id: number; code: string }[], by: string, now: Date): Promise<Published[]> {
  const ids = offices.map((o) => o.id);
  const heads = await takeMessageHeads(tx, ids, 'config_version');
  const services = await resolvedServices(tx, ids);
  const settings = await effectiveSettings(tx, ids);
  // Grouped once: filtering the whole list per office was quadratic (2,000 offices x 4,000
  // services made two thirds of a bulk publish's time).
  const servicesOf = new Map<number, typeof services>();
  for (const s of services) {
    const list = servicesOf.get(s.officeId);
    if (list) list.push(s);
    else servicesOf.set(s.officeId, [s]);
  }
  const configs = offices.map((o) => {
    const version = heads.get(o.id)!.version;
    const own = servicesOf.get(o.id) ?? [];
    assertPrefixesUnique(o.code, own.map((s) => ({ code: s.catalogCode, prefix: s.prefix })));
    const config: OfficeConfig = {
      version,
      services: own.map(({ officeId: _, ...s }, i) => ({ ...s, sortOrder: i })),
      settings: publishedSettings(settings.get(o.id) ?? {}, now),
    };
    return { officeId: o.id, version, seq: heads.get(o.id)!.seq, config };
  });
  await insertConfigVersions(tx, configs, now, by);
  await insertLinkMessages(tx, configs.map((c) => ({ officeId: c.officeId, seq: c.seq, kind: 'config', payload: c.config })), now);
  await linkServiceCodes(tx, services);
  const createdAt = now.toISOString();
  return offices.map((o, i) => ({
    code: o.code,
    version: configs[i].version,
    headSeq: configs[i].seq,
    message: { seq: configs[i].seq, createdAt, kind: 'config' as const, payload: configs[i].config },
  }));
}

function assertPrefixesUnique(office: string, services: readonly { code: string; prefix: string }[]): void {
  const seen = new Map<string, string>();
  for (const s of services) {
    const other = seen.get(s.prefix);
    if (other) {
      throw new AppError('validation_failed', `Office ${office}: ${other} and ${s.code} would both use prefix ${s.prefix}`, {
        office,
        prefix: s.prefix,
        services: [other, s.code],
      });
    }
    seen.set(s.prefix, s.code);
  }
}

async function requireOffice(sql: Sql, code: string): Promise<{ id: number; code: string }> {
  const [office] = await officesByCode(sql, [code]);
  if (!office) throw new AppError('not_found', `No office ${code}`);
  return office;
}

export function announce(link: LinkNotifier, published: readonly Published[]): void {
  link.pending(published.map((p) => ({ code: p.code, headSeq: p.headSeq, message: p.message })));
}

/**
 * One office's change and its new configuration version, audited, in one transaction;
 * the office hears of it after the commit. `change` returns the audit's before and after.
 */
async function changeAndPublish(
  db: HqDatabase,
  link: LinkNotifier,
  actor: Actor,
  code: string,
  action: string,
  now: Date,
  change: (tx: Sql, officeId: number) => Promise<{ before: unknown; after: object }>,
): Promise<{ version: number }> {
  const office = await requireOffice(db.sql, code);
  const published = await db.transaction(async (tx) => {
    const { before, after } = await change(tx, office.id);
    const [p] = await appendConfigs(tx, [office], actor.name, now);
    await insertConfigAudit(tx, [audit(actor, `office:${code}`, action, before, { version: p.version, ...after })], now);
    return p;
  });
  announce(link, [published]);
  return { version: published.version };
}

/** PUT /hq/offices/:code/services: the office's offered services, published at once. */
export async function putOfficeServices(
  db: HqDatabase,
  link: LinkNotifier,
  actor: Actor,
  code: string,
  body: PutOfficeServicesBody,
  now: Date,
): Promise<{ version: number }> {
  const codes = body.services.map((s) => s.code);
  const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
  if (repeated) throw new AppError('validation_failed', `Service ${repeated} is listed twice`);
  return changeAndPublish(db, link, actor, code, 'services', now, async (tx, officeId) => {
    const offerings: OfficeOffering[] = [];
    const prefixes: { code: string; prefix: string }[] = [];
    for (const s of body.services) {
      const entry = await findCatalogService(tx, s.code);
      if (!entry) throw new AppError('validation_failed', `No catalogue service ${s.code}`, { code: s.code });
      offerings.push({ catalogCode: s.code, prefix: s.prefix ?? null, targetWaitMinutes: s.targetWaitMinutes ?? null });
      prefixes.push({ code: s.code, prefix: s.prefix ?? entry.prefix });
    }
    assertPrefixesUnique(code, prefixes);
    const before = await readOfferings(tx, officeId);
    await replaceOfferings(tx, officeId, offerings);
    return { before, after: { services: offerings } };
  });
}

/** PUT /hq/offices/:code/settings: what head office owns of the office's settings, published at once. */
export async function putOfficeSettings(
  db: HqDatabase,
  link: LinkNotifier,
  actor: Actor,
  code: string,
  settings: ConfigSettings,
  now: Date,
): Promise<{ version: number }> {
  assertHolidayCountry(settings);
  return changeAndPublish(db, link, actor, code, 'settings', now, async (tx, officeId) => {
    const before = (await readSettings(tx, [officeId])).get(officeId) ?? {};
    await writeSettings(tx, officeId, settings, now);
    return { before, after: { settings } };
  });
}

/**
 * POST /hq/publish: the current configuration (catalogue edits included) again, as a new
 * version, to the named offices or every office that has something configured. One
 * transaction for all of them; one notice per office after it.
 */
export async function republish(
  db: HqDatabase,
  link: LinkNotifier,
  actor: Actor,
  codes: readonly string[] | undefined,
  now: Date,
): Promise<{ published: { code: string; version: number }[] }> {
  let offices: { id: number; code: string }[];
  if (codes) {
    offices = await officesByCode(db.sql, [...new Set(codes)]);
    const found = new Set(offices.map((o) => o.code));
    const unknown = codes.filter((c) => !found.has(c));
    if (unknown.length) throw new AppError('not_found', `No office ${unknown.slice(0, 5).join(', ')}`, { unknown });
  } else {
    offices = await officesById(db.sql, await configuredOfficeIds(db.sql));
  }
  const published = await db.transaction(async (tx) => {
    const out = await appendConfigs(tx, offices, actor.name, now);
    await insertConfigAudit(tx, out.map((p) => audit(actor, `office:${p.code}`, 'publish', null, { version: p.version })), now);
    return out;
  });
  announce(link, published);
  return { published: published.map((p) => ({ code: p.code, version: p.version })) };
}

export function audit(actor: Actor, target: string, action: string, before: unknown, after: unknown): NewConfigAudit {
  return { actorId: actor.id, actorName: actor.name, target, action, before, after };
}

/** Who a principal is, for the audit log. */
export const actorOf = (p: { principalId: string; username: string | null }): Actor => ({ id: p.principalId, name: p.username ?? p.principalId });
