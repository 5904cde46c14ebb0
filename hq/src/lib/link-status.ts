/**
 * An office's link to head office as the dashboard words it: connected or not, and whether
 * it runs the configuration head office published for it (up to date, on its way, refused).
 * Pure, so the rules are tested without a browser.
 */
import type { HqLinkStatus } from '@turnero/contract/hq-link';

/**
 * - none: head office never published a configuration for the office;
 * - up_to_date: the office applied the newest version;
 * - refused: the office refused a version newer than the one it runs (its reason is shown);
 * - pending: not applied yet, because the office is offline or is applying it now.
 */
export type ConfigState = 'none' | 'up_to_date' | 'pending' | 'refused';

export function configStateOf(link: HqLinkStatus | null): ConfigState {
  if (!link || link.currentVersion === 0) return 'none';
  if (link.appliedVersion >= link.currentVersion) return 'up_to_date';
  if (link.refused && link.refused.version > link.appliedVersion) return 'refused';
  return 'pending';
}

/** Needs someone's attention: a published version the office does not run. */
export const isBehind = (state: ConfigState): boolean => state === 'pending' || state === 'refused';

/** Sort order of the configuration column: the offices to look at first come first (descending). */
export const CONFIG_STATE_RANK: Record<ConfigState, number> = { refused: 3, pending: 2, none: 1, up_to_date: 0 };

/** One row of the network view (a type, not an interface, so the figures table takes it as a row). */
export type LinkRow = {
  officeCode: string;
  officeName: string;
  company: string | null;
  region: string | null;
  /** Null: head office did not report the link (an older server). */
  link: HqLinkStatus | null;
  connected: boolean;
  lastSeenAt: string | null;
  configState: ConfigState;
};

export function linkRowOf(office: { code: string; name: string; company: string | null; region: string | null; link?: HqLinkStatus | null }): LinkRow {
  const link = office.link ?? null;
  return {
    officeCode: office.code,
    officeName: office.name,
    company: office.company,
    region: office.region,
    link,
    connected: link?.connected ?? false,
    lastSeenAt: link?.lastSeenAt ?? null,
    configState: configStateOf(link),
  };
}
