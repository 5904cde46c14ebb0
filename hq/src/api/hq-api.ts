/**
 * The head-office API as the dashboard uses it (shapes: @turnero/contract/hq). The
 * server's rows are mapped to the few shapes the components draw; every figure may be
 * null when there is nothing to measure (no calls, no agent time).
 */
import type {
  BreakdownResponse,
  BreakdownRow,
  CompareResponse,
  LiveResponse,
  LoginResponse,
  OfficeListResponse,
  OfficeSummary,
} from '@turnero/contract/hq';
import type {
  CatalogListResponse,
  CatalogService,
  ConfigSettings,
  CreateCatalogServiceBody,
  HqLinkStatus,
  OfficeConfigResponse,
  PutOfficeServicesBody,
} from '@turnero/contract/hq-link';
import type { MeResponse, PutOfficeSettingsBody } from '@turnero/contract/hq';
import type { SatisfactionReport } from '@turnero/contract/ratings';
import { createApiClient, type ApiClient } from '@turnero/web-client/api';
import { getStaffToken } from '@turnero/web-client/auth';
import { localName } from '@turnero/web-client/i18n';
import { linkRowOf, type LinkRow } from '../lib/link-status';

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
  region: string | null;
  lastSyncAt: string | null;
  /** Customers' average rating (1-5) and how many rated (issue 15). */
  satisfactionAverage?: number | null;
  satisfactionResponses?: number;
  /** Self-service documents printed at the office's kiosks (issue 16). */
  selfServiceTransactions?: number;
}

export interface ServiceRow extends Figures {
  serviceCode: string;
  serviceName: string;
}

export interface HourRow extends Figures {
  hour: number;
}

/** A wait distribution: counts per bucket, bucket i spans [upper[i-1], upper[i]) seconds. */
export interface WaitHistogram {
  upperSeconds: number[];
  counts: number[];
}

export interface Breakdown<T> {
  rows: T[];
  totals: Figures;
  histogram: WaitHistogram;
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
  region: string | null;
  waitingNow: number;
  longestWaitSeconds: number | null;
  pastTargetNow: number;
  countersOpen: number;
  lastSyncAt: string | null;
  /** Someone waits longer than their service's target right now. */
  pastTarget: boolean;
  /** Nothing received for longer than the head office's threshold (or never). */
  silent: boolean;
  clockSkew: boolean;
}

export interface LiveBoard {
  serverTime: string;
  staleMinutes: number;
  rows: LiveRow[];
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

export type OfficeInfo = Pick<OfficeSummary, 'code' | 'name' | 'company' | 'region' | 'timeZone'>;

function query(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.append(key, value);
  const text = search.toString();
  return text ? `?${text}` : '';
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

function figuresOf(r: BreakdownRow): Figures {
  return {
    issued: r.issued,
    served: r.served,
    waitMedianSeconds: r.waitMedianSeconds,
    waitP90Seconds: r.waitP90Seconds,
    withinTargetShare: r.withinTargetShare,
    noShowRate: ratio(r.noShows, r.called),
    walkoutRate: ratio(r.walkouts, r.issued),
    serviceMedianSeconds: r.serviceMedianSeconds,
    utilisation: null, // agent time is not split by service or hour
  };
}

export class HqApi {
  constructor(private readonly client: ApiClient = createApiClient({ token: getStaffToken })) {}

  login(username: string, password: string): Promise<LoginResponse> {
    return this.client.post('/auth/login', { username, password });
  }

  logout(): Promise<unknown> {
    return this.client.post('/auth/logout');
  }

  me(): Promise<MeResponse> {
    return this.client.get('/auth/me');
  }

  /** Every office's link to head office and the configuration it runs (the network view). */
  async officeLinks(): Promise<LinkRow[]> {
    const body = await this.client.get<{ offices: (OfficeSummary & { link?: HqLinkStatus })[] }>('/hq/offices');
    return body.offices.map(linkRowOf);
  }

  async catalog(): Promise<CatalogService[]> {
    return (await this.client.get<CatalogListResponse>('/hq/catalog/services')).services;
  }

  addCatalogService(body: CreateCatalogServiceBody): Promise<CatalogService> {
    return this.client.post('/hq/catalog/services', body);
  }

  officeConfig(officeCode: string): Promise<OfficeConfigResponse> {
    return this.client.get(`/hq/offices/${encodeURIComponent(officeCode)}/config`);
  }

  /** Publishes the office's offered services at once as a new configuration version. */
  putOfficeServices(officeCode: string, body: PutOfficeServicesBody): Promise<{ version: number }> {
    return this.client.put(`/hq/offices/${encodeURIComponent(officeCode)}/services`, body);
  }

  /** Publishes the settings head office owns at the office (the others stay the office's). */
  putOfficeSettings(officeCode: string, settings: ConfigSettings): Promise<{ version: number }> {
    const body: PutOfficeSettingsBody = { settings };
    return this.client.put(`/hq/offices/${encodeURIComponent(officeCode)}/settings`, body);
  }

  async offices(): Promise<OfficeInfo[]> {
    return (await this.client.get<OfficeListResponse>('/hq/offices')).offices;
  }

  async compare(f: ReportFilters): Promise<OfficeRow[]> {
    const body = await this.client.get<CompareResponse>(
      `/hq/offices/compare${query({ from: f.from, to: f.to, company: f.company, region: f.region, service: f.service })}`,
    );
    return body.rows;
  }

  /** How customers felt over the dates, per office, service or agent, and by wait. */
  satisfaction(f: ReportFilters, by: SatisfactionReport['by']): Promise<SatisfactionReport> {
    return this.client.get<SatisfactionReport>(`/hq/satisfaction${query({ from: f.from, to: f.to, company: f.company, by })}`);
  }

  private breakdown(officeCode: string, f: ReportFilters, by: 'service' | 'hour' | 'day', service?: string): Promise<BreakdownResponse> {
    return this.client.get<BreakdownResponse>(
      `/hq/offices/${encodeURIComponent(officeCode)}/breakdown${query({ from: f.from, to: f.to, by, service })}`,
    );
  }

  async officeServices(officeCode: string, f: ReportFilters): Promise<Breakdown<ServiceRow>> {
    const b = await this.breakdown(officeCode, f, 'service');
    return {
      rows: b.rows.map((r) => ({ serviceCode: r.key, serviceName: r.label, ...figuresOf(r) })),
      totals: figuresOf(b.totals),
      histogram: { upperSeconds: b.waitBucketsUpperSeconds, counts: b.totals.waitHistogram },
    };
  }

  async officeHours(officeCode: string, f: ReportFilters, serviceCode?: string): Promise<Breakdown<HourRow>> {
    const b = await this.breakdown(officeCode, f, 'hour', serviceCode);
    return {
      rows: b.rows.map((r) => ({ hour: Number(r.key), ...figuresOf(r) })),
      totals: figuresOf(b.totals),
      histogram: { upperSeconds: b.waitBucketsUpperSeconds, counts: b.totals.waitHistogram },
    };
  }

  /** Wait by hour or day for each chosen office (one breakdown per office, in parallel). */
  async series(officeCodes: string[], f: ReportFilters, by: Granularity): Promise<OfficeSeries[]> {
    return Promise.all(
      officeCodes.map(async (officeCode) => {
        const b = await this.breakdown(officeCode, f, by, f.service);
        return {
          officeCode,
          points: b.rows.map((r) => ({
            key: by === 'hour' ? Number(r.key) : r.key,
            issued: r.issued,
            waitMedianSeconds: r.waitMedianSeconds,
            waitP90Seconds: r.waitP90Seconds,
          })),
        };
      }),
    );
  }

  /**
   * The services to filter by: the group's catalogue (one code whatever each office's letter),
   * then the local services seen at these offices that are not linked to it yet.
   */
  async servicesOf(officeCodes: string[], f: ReportFilters): Promise<ServiceOption[]> {
    // An older head office has no catalogue: the services seen are the whole list then.
    const catalog = await this.catalog().catch(() => [] as CatalogService[]);
    const seen = new Map<string, string>(catalog.map((c) => [c.code, localName(c)]));
    const local = new Map<string, string>();
    for (const code of officeCodes) {
      for (const r of (await this.breakdown(code, f, 'service')).rows) if (!seen.has(r.key) && !local.has(r.key)) local.set(r.key, r.label);
    }
    const byCode = (a: ServiceOption, b: ServiceOption) => a.serviceCode.localeCompare(b.serviceCode);
    const options = (m: Map<string, string>) => [...m].map(([serviceCode, serviceName]) => ({ serviceCode, serviceName })).sort(byCode);
    return [...options(seen), ...options(local)];
  }

  async live(): Promise<LiveBoard> {
    const body = await this.client.get<LiveResponse>('/hq/live');
    return {
      serverTime: body.serverTime,
      staleMinutes: body.staleMinutes,
      rows: body.offices.map((o) => ({
        officeCode: o.officeCode,
        officeName: o.officeName,
        company: o.company,
        region: o.region,
        waitingNow: o.waitingNow,
        longestWaitSeconds: o.longestWaitSeconds,
        pastTargetNow: o.pastTargetNow,
        countersOpen: o.countersOpen,
        lastSyncAt: o.lastSyncAt,
        pastTarget: o.alerts.includes('past_target'),
        silent: o.alerts.includes('not_heard_from') || o.alerts.includes('never_synced'),
        clockSkew: o.alerts.includes('clock_skew'),
      })),
    };
  }
}
