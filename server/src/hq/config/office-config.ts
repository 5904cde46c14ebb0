/** What head office has published to an office and what the office reports it runs (GET /hq/offices/:code/config). */
import { OfficeConfig, type OfficeConfigResponse } from '@turnero/contract/hq-link';
import type { Sql } from '../db';
import { visibleOffice, type Viewer } from '../reports/scope';
import { readSettings } from '../store/catalog-store';
import { latestConfigVersion, readLinkStates, refusalOf } from '../store/link-store';

export async function officeConfig(sql: Sql, viewer: Viewer, code: string): Promise<OfficeConfigResponse> {
  const office = await visibleOffice(sql, viewer, code);
  const latest = await latestConfigVersion(sql, office.id);
  const state = (await readLinkStates(sql, [office.id])).get(office.id);
  const config = latest ? OfficeConfig.parse(latest.config) : null;
  return {
    officeCode: code,
    version: config?.version ?? 0,
    appliedVersion: state?.appliedVersion ?? 0,
    refused: refusalOf(state),
    services: config?.services ?? [],
    settings: config?.settings ?? {},
    ownSettings: (await readSettings(sql, [office.id])).get(office.id) ?? {},
    publishedAt: latest ? latest.publishedAt.toISOString() : null,
  };
}
