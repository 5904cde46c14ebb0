/**
 * What a configuration version from head office changes at this office, decided without
 * touching the database: a version is the full desired state of what head office owns
 * (link/apply-message.ts applies the plan in one transaction).
 *
 * - A listed service the office already has under its catalogue code is updated.
 * - A listed service whose prefix a local (unlinked) service holds adopts that service:
 *   it is linked to the code, takes head office's fields and stays with its tickets and
 *   counters.
 * - Any other listed service is created and added to every active counter (weight 1), so
 *   it can be called as soon as it is issued.
 * - A linked service no longer listed is deactivated, never deleted (tickets refer to it).
 * - A version that cannot be applied as a whole is refused with a reason and changes
 *   nothing: e.g. a prefix held by a service that keeps it (a local one whose letter another
 *   linked service also wants, or a linked service head office no longer lists, which keeps
 *   its letter for its tickets).
 */
import type { ConfigService, ConfigSettings, OfficeConfig } from '@turnero/contract/hq-link';
import type { Service } from '@turnero/domain/types';
import type { ServiceFields } from '../store/admin-store';

/** The service columns head office owns for a linked service: all of them, and it is offered. */
export type LinkedServiceFields = Omit<ServiceFields, 'active'> & { catalogCode: string; active: true };

/** The service fields an office admin may not change on a linked service. */
export const HQ_OWNED_SERVICE_FIELDS = ['nameEs', 'nameEn', 'prefix', 'targetWaitMinutes', 'color', 'icon', 'sortOrder', 'active'] as const;

export interface ServiceChange {
  before: Service;
  after: LinkedServiceFields;
}

export interface ConfigPlan {
  version: number;
  creates: { fields: LinkedServiceFields; counterIds: string[] }[];
  updates: ServiceChange[];
  adoptions: ServiceChange[];
  deactivations: Service[];
  settings: ConfigSettings;
  /** The settings head office owns from this version on (the rest are the office's). */
  ownedSettings: (keyof ConfigSettings)[];
}

export type PlanOutcome = { ok: true; plan: ConfigPlan } | { ok: false; reason: string };

function fieldsOf(s: ConfigService): LinkedServiceFields {
  return {
    catalogCode: s.catalogCode,
    nameEs: s.nameEs,
    nameEn: s.nameEn,
    prefix: s.prefix,
    targetWaitMinutes: s.targetWaitMinutes,
    color: s.color,
    icon: s.icon,
    sortOrder: s.sortOrder,
    active: true,
  };
}

const differs = (before: Service, after: LinkedServiceFields): boolean =>
  HQ_OWNED_SERVICE_FIELDS.some((k) => before[k] !== after[k]) || before.catalogCode !== after.catalogCode;

function duplicate(values: string[]): string | undefined {
  return values.find((v, i) => values.indexOf(v) !== i);
}

/** Why a listed service's prefix cannot be had, or null when it can. */
function prefixClash(wanted: ConfigService, holder: Service | undefined, listedCodes: Set<string>): string | null {
  if (!holder || holder.catalogCode === wanted.catalogCode) return null;
  if (holder.catalogCode && listedCodes.has(holder.catalogCode)) return null; // it moves to its own new prefix
  if (holder.catalogCode) {
    return `prefix ${wanted.prefix} for ${wanted.catalogCode} is held by ${holder.catalogCode}, which head office no longer lists here but keeps its letter for its tickets; choose another prefix`;
  }
  return null;
}

type ConsentTexts = Required<Pick<ConfigSettings, 'consentTextEs' | 'consentTextEn' | 'consentPolicyVersion'>>;

/**
 * Why settings cannot be applied because a data-protection text changes while its version
 * stays (consent given to one text would be recorded under another's version), or null.
 */
export function consentTextWithoutNewVersion(current: ConsentTexts, next: ConfigSettings): string | null {
  const textChanged = (['consentTextEs', 'consentTextEn'] as const).some((k) => next[k] !== undefined && next[k] !== current[k]);
  const version = next.consentPolicyVersion ?? current.consentPolicyVersion;
  if (!textChanged || version !== current.consentPolicyVersion) return null;
  return `the data-protection text changes but its version stays ${version}: publish it with a new consentPolicyVersion`;
}

export function planConfig(config: OfficeConfig, services: Service[], activeCounterIds: string[]): PlanOutcome {
  const dupCode = duplicate(config.services.map((s) => s.catalogCode));
  if (dupCode) return { ok: false, reason: `catalogue service ${dupCode} is listed twice` };
  const dupPrefix = duplicate(config.services.map((s) => s.prefix));
  if (dupPrefix) return { ok: false, reason: `prefix ${dupPrefix} is given to two services` };

  const byCode = new Map(services.filter((s) => s.catalogCode).map((s) => [s.catalogCode!, s]));
  const byPrefix = new Map(services.map((s) => [s.prefix, s]));
  const listedCodes = new Set(config.services.map((s) => s.catalogCode));
  const plan: ConfigPlan = {
    version: config.version,
    creates: [],
    updates: [],
    adoptions: [],
    deactivations: services.filter((s) => s.catalogCode && !listedCodes.has(s.catalogCode) && s.active),
    settings: config.settings,
    ownedSettings: (Object.keys(config.settings) as (keyof ConfigSettings)[]).sort(),
  };

  for (const wanted of config.services) {
    const fields = fieldsOf(wanted);
    const linked = byCode.get(wanted.catalogCode);
    const holder = byPrefix.get(wanted.prefix);
    const clash = prefixClash(wanted, holder, listedCodes);
    if (clash) return { ok: false, reason: clash };
    if (linked) {
      if (holder && !holder.catalogCode) {
        return {
          ok: false,
          reason: `prefix ${wanted.prefix} for ${wanted.catalogCode} is used by the local service "${holder.nameEs}"; change its letter at the office or choose another prefix`,
        };
      }
      if (differs(linked, fields)) plan.updates.push({ before: linked, after: fields });
    } else if (holder && !holder.catalogCode) {
      plan.adoptions.push({ before: holder, after: fields });
    } else {
      plan.creates.push({ fields, counterIds: activeCounterIds });
    }
  }
  return { ok: true, plan };
}
