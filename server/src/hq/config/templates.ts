/**
 * Settings templates per company or region. Changing one republishes, in the same
 * transaction and audited, every office of that company or region (their effective
 * settings changed), and they hear of it after the commit.
 */
import type { ConfigSettings } from '@turnero/contract/hq-link';
import type { HqDatabase } from '../db';
import type { LinkNotifier } from '../link/notifier';
import { officeIdsOf, writeTemplate, type TemplateKind } from '../store/catalog-store';
import { insertConfigAudit } from '../store/config-audit-store';
import { officesById } from '../store/offices-store';
import { assertHolidayCountry } from './holidays';
import { announce, appendConfigs, audit, type Actor } from './publish';

export async function putTemplate(
  db: HqDatabase,
  link: LinkNotifier,
  actor: Actor,
  kind: TemplateKind,
  name: string,
  settings: ConfigSettings,
  now: Date,
): Promise<{ published: { code: string; version: number }[] }> {
  assertHolidayCountry(settings);
  const published = await db.transaction(async (tx) => {
    const before = await writeTemplate(tx, { kind, name, settings }, now);
    const offices = await officesById(tx, await officeIdsOf(tx, kind, name));
    const out = await appendConfigs(tx, offices, actor.name, now);
    await insertConfigAudit(tx, [audit(actor, `template:${kind}:${name}`, 'settings', before, { settings, offices: out.map((p) => p.code) })], now);
    return out;
  });
  announce(link, published);
  return { published: published.map((p) => ({ code: p.code, version: p.version })) };
}
