/**
 * The head-office API as the dashboard uses it. Shapes follow issue 5 (compare rows) and
 * server/src/hq/contract.ts; every figure may be null when there is nothing to measure
 * (no tickets, no agent time).
 */
import { createApiClient, type ApiClient } from '../../../server/src/contract/client/api';
import { getStaffToken } from '../../../server/src/contract/client/auth';

/** The figures every level of the dashboard shows (office, service, hour, day). */
export interface Figures {
  issued: number;
  served: number;
  waitMedianSeconds: number | null;
  waitP90Seconds: number | null;
  withinTargetShare: number | null;
  noShowRate: number | null;
  walkoutRate: number | null;
  serviceMedianSeconds: number | null;
  utilisation: number | null;
}

export interface OfficeRow extends Figures {
  officeCode: string;
  officeName: string;
  company: string | null;
  region?: string | null;
  lastSyncAt: string | null;
}

export interface ServiceRow extends Figures {
  serviceCode: string;
  serviceName: string;
}

export interface HourRow extends Figures {
  hour: number;
}

export interface SeriesPoint {
  /** Office-local hour (0-23) or day (YYYY-MM-DD). */
  key: number | string;
  issued: number;
  waitMedianSeconds: number | null;
  waitP90Seconds: number | null;
}

export interface OfficeSeries {
  officeCode: string;
  points: SeriesPoint[];
}

export interface LiveRow {
  officeCode: string;
  officeName: string;
  company: string | null;
  region?: string | null;
  waitingNow: number;
  longestWaitSeconds: number | null;
  countersOpen: number;
  lastSyncAt: string | null;
  /** Someone waits longer than their service's target right now. */
  pastTarget: boolean;
  /** Nothing received for longer than the head office's threshold. */
  silent: boolean;
  clockSkewMs?: number | null;
}

export interface ServiceOption {
  serviceCode: string;
  serviceName: string;
}

export interface ReportFilters {
  from: string;
  to: string;
  company?: string;
  region?: string;
  service?: string;
}

export type Granularity = 'hour' | 'day';

function query(params: Record<string, string | string[] | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '') continue;
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

export class HqApi {
  constructor(private readonly client: ApiClient = createApiClient({ token: getStaffToken })) {}

  login(username: string, password: string): Promise<{ token: string }> {
    return this.client.post('/auth/login', { username, password });
  }

  async compare(f: ReportFilters): Promise<OfficeRow[]> {
    const body = await this.client.get<{ rows: OfficeRow[] }>(
      `/hq/offices/compare${query({ from: f.from, to: f.to, company: f.company, region: f.region, service: f.service })}`,
    );
    return body.rows;
  }

  async services(): Promise<ServiceOption[]> {
    const body = await this.client.get<{ rows: ServiceOption[] }>('/hq/services');
    return body.rows;
  }

  async officeServices(officeCode: string, f: ReportFilters): Promise<ServiceRow[]> {
    const body = await this.client.get<{ rows: ServiceRow[] }>(
      `/hq/offices/${encodeURIComponent(officeCode)}/services${query({ from: f.from, to: f.to })}`,
    );
    return body.rows;
  }

  async officeHours(officeCode: string, f: ReportFilters, serviceCode?: string): Promise<HourRow[]> {
    const body = await this.client.get<{ rows: HourRow[] }>(
      `/hq/offices/${encodeURIComponent(officeCode)}/hours${query({ from: f.from, to: f.to, service: serviceCode })}`,
    );
    return body.rows;
  }

  async series(officeCodes: string[], f: ReportFilters, by: Granularity): Promise<OfficeSeries[]> {
    const body = await this.client.get<{ series: OfficeSeries[] }>(
      `/hq/series${query({ from: f.from, to: f.to, service: f.service, by, office: officeCodes })}`,
    );
    return body.series;
  }

  async live(): Promise<LiveRow[]> {
    const body = await this.client.get<{ rows: LiveRow[] }>('/hq/live');
    return body.rows;
  }
}
