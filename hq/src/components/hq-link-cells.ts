/**
 * How the network view draws an office's link and configuration: calm badges when all is
 * well, warning badges (with the office's reason for a refusal) when it is not. Shared by
 * the network table and the office's configuration page.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { HqLinkStatus } from '@turnero/contract/hq-link';
import { t } from '@turnero/web-client/i18n';
import { CONFIG_STATE_RANK, configStateOf, type LinkRow } from '../lib/link-status';
import type { Column, Row } from './hq-figures-table';

export function linkBadge(link: HqLinkStatus | null): TemplateResult {
  if (!link) return html`<span class="muted">${t('net.unknown')}</span>`;
  return link.connected
    ? html`<span class="badge ok" data-link="connected">${t('net.connected')}</span>`
    : html`<span class="badge warn" data-link="disconnected">${t('net.disconnected')}</span>`;
}

/** "v3 de v4 · Pendiente (la oficina está sin conexión)", or "Rechazada: <reason>". */
export function configCell(link: HqLinkStatus | null): TemplateResult {
  const state = configStateOf(link);
  if (!link || state === 'none') return html`<span class="muted" data-config="none">${t('config.state.none')}</span>`;
  const versions = t('net.versions', { applied: link.appliedVersion, current: link.currentVersion });
  const badge = state === 'up_to_date' ? 'ok' : state === 'refused' ? 'danger' : 'warn';
  const detail =
    state === 'refused'
      ? t('config.refusedReason', { version: link.refused!.version, reason: link.refused!.reason })
      : state === 'pending'
        ? t(link.connected ? 'config.pendingApplying' : 'config.pendingOffline')
        : '';
  return html`<span class="badge ${badge}" data-config=${state}>${t(`config.state.${state}`)}</span>
    <span>${versions}</span>${detail ? html`<br /><span class="detail">${detail}</span>` : nothing}`;
}

const linkOf = (row: Row) => (row as LinkRow).link;

export const LINK_COLUMNS: Column[] = [
  { key: 'officeName', label: 'col.office', kind: 'text', opens: true },
  { key: 'company', label: 'col.company', kind: 'text' },
  { key: 'connected', label: 'net.link', kind: 'status', cell: (row) => linkBadge(linkOf(row)), sortValue: (row) => (row.connected ? 0 : 1) },
  { key: 'lastSeenAt', label: 'net.lastSeen', kind: 'ago' },
  {
    key: 'configState',
    label: 'net.config',
    kind: 'status',
    cell: (row) => configCell(linkOf(row)),
    sortValue: (row) => CONFIG_STATE_RANK[(row as LinkRow).configState],
  },
];
