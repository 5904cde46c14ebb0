/**
 * The head office HTTP API, as zod schemas: request queries and bodies the server
 * validates, and the response shapes the dashboard (hq/) renders. All under /api/v1.
 * Errors are `{ error: { code, message, details? } }` (ErrorBody in contract/dto.ts).
 * Durations are seconds, shares and rates are 0..1, times are ISO-8601 UTC; a figure with
 * nothing to compute it from (no calls, no agent time) is null, never 0.
 */
import { z } from 'zod';
import { ConfigSettings, HqLinkStatus, ServicePrefix, STAFF_ROLES, StaffUsername } from './hq-link';
import { newPassword, safeText } from './text';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const isoTime = z.string();
const officeCode = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'letters, digits, - and _ (max 32)');

export const HQ_ROLES = ['admin', 'manager', 'office-sync'] as const;
export type HqRole = (typeof HQ_ROLES)[number];

// ---------- Auth ----------

/** POST /api/v1/auth/login (rate-limited per client address). */
export const LoginBody = z.object({ username: safeText().min(1).max(64), password: z.string().min(1).max(256) });
export const LoginResponse = z.object({
  token: z.string(),
  role: z.enum(HQ_ROLES),
  /** Managers only see this company; null for admins. */
  company: z.string().nullable(),
  expiresAt: isoTime,
});
export type LoginResponse = z.infer<typeof LoginResponse>;

/** GET /api/v1/auth/me */
export const MeResponse = z.object({
  principalId: z.string(),
  username: z.string().nullable(),
  role: z.enum(HQ_ROLES),
  company: z.string().nullable(),
  officeCode: z.string().nullable(),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** POST /api/v1/hq/users (admin): add an admin or a company manager. */
export const CreateUserBody = z
  .object({
    username: z.string().regex(/^[A-Za-z0-9._-]{3,64}$/),
    password: newPassword(),
    role: z.enum(['admin', 'manager']),
    company: safeText().min(1).max(64).optional(),
  })
  .refine((u) => u.role !== 'manager' || Boolean(u.company), { message: 'a manager needs a company', path: ['company'] });
export const UserDto = z.object({ id: z.string(), username: z.string(), role: z.enum(['admin', 'manager']), company: z.string().nullable() });
export type UserDto = z.infer<typeof UserDto>;

// ---------- Organisation: group -> company -> region -> office ----------

/** POST /api/v1/hq/offices (admin) -> 201 CreateOfficeResponse. */
export const CreateOfficeBody = z.object({
  code: officeCode,
  name: safeText().min(1).max(120),
  company: safeText().min(1).max(64).optional(),
  region: safeText().min(1).max(64).optional(),
  /** IANA zone; default America/Bogota. */
  timeZone: safeText().max(64).optional(),
});
export type CreateOfficeBody = z.infer<typeof CreateOfficeBody>;

/** The ingest token is shown once: here, and when rotated. */
export const CreateOfficeResponse = z.object({ id: z.number().int(), code: z.string(), token: z.string() });
export type CreateOfficeResponse = z.infer<typeof CreateOfficeResponse>;

/** POST /api/v1/hq/offices/:code/token (admin): new token, old ones revoked. DELETE: revoke all -> 204. */
export const RotateTokenResponse = z.object({ code: z.string(), token: z.string() });

export const OfficeSummary = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  group: z.string(),
  company: z.string().nullable(),
  region: z.string().nullable(),
  timeZone: z.string(),
  ackedSeq: z.number().int(),
  lastSyncAt: isoTime.nullable(),
  clockSkewMs: z.number().nullable(),
  /** |clockSkewMs| > 2000. */
  clockSkewFlag: z.boolean(),
  /** The office has a valid (not revoked) ingest token. */
  hasToken: z.boolean(),
  /** The live link to the office (hq-link.ts): connected now, configuration applied vs. current. */
  link: HqLinkStatus,
});
export type OfficeSummary = z.infer<typeof OfficeSummary>;
/** GET /api/v1/hq/offices (managers: their company only). */
export const OfficeListResponse = z.object({ offices: z.array(OfficeSummary) });
export type OfficeListResponse = z.infer<typeof OfficeListResponse>;

// ---------- Comparison ----------

/** Query of compare, compare.csv. `from`/`to` are office-local days, both included. */
export const CompareQuery = z
  .object({
    from: day,
    to: day,
    company: z.string().max(64).optional(),
    region: z.string().max(64).optional(),
    /** A catalogue code ("FACT"), or the ticket prefix ("A") of a service not linked to the catalogue. */
    service: z.string().max(16).optional(),
    /** `service`: each row also carries its figures per service (grouped by catalogue code). */
    by: z.enum(['service']).optional(),
  })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type CompareQuery = z.infer<typeof CompareQuery>;

/** The figures compare gives an office, and each of its services with `by=service`. */
const CompareFigures = z.object({
  issued: z.number().int(),
  served: z.number().int(),
  /** First calls (denominator of noShowRate). */
  called: z.number().int(),
  waitMedianSeconds: z.number().nullable(),
  waitP90Seconds: z.number().nullable(),
  waitAverageSeconds: z.number().nullable(),
  /** Share of called tickets whose wait was within their service's target. */
  withinTargetShare: z.number().nullable(),
  /** no-shows / called */
  noShowRate: z.number().nullable(),
  /** (cancelled or expired before a call) / issued */
  walkoutRate: z.number().nullable(),
  serviceMedianSeconds: z.number().nullable(),
});

/**
 * One service of one office in a comparison: `service` is its catalogue code, or its local
 * code (ticket prefix) when the office has not linked it to the catalogue (`catalogCode` null).
 */
export const CompareServiceRow = z.object({
  service: z.string(),
  catalogCode: z.string().nullable(),
  name: z.string(),
  ...CompareFigures.shape,
});

export const CompareRow = z.object({
  officeCode: z.string(),
  officeName: z.string(),
  company: z.string().nullable(),
  region: z.string().nullable(),
  ...CompareFigures.shape,
  /** Serving time / signed-in time of the office's agents (all services). */
  utilisation: z.number().nullable(),
  lastSyncAt: isoTime.nullable(),
  clockSkewMs: z.number().nullable(),
  /** Customers' average rating (1-5) of the office's tickets of those days; null when none was rated. */
  satisfactionAverage: z.number().nullable(),
  /** How many of those tickets were rated. */
  satisfactionResponses: z.number().int(),
  /** Self-service documents printed at the office's kiosks those days (issue 16): turns avoided. */
  selfServiceTransactions: z.number().int().optional(),
  /** Bookings made for those days (issue 14; by slot day, counts only, kept after bookings are purged). */
  bookings: z.number().int().optional(),
  /** Of those, checked in at the office. */
  bookingCheckIns: z.number().int().optional(),
  /** Of those, never checked in (swept as no-shows). */
  bookingNoShows: z.number().int().optional(),
  /** Average check-in minus slot start, minutes (early ones count negative); null when none checked in. */
  bookingPunctualityMinutes: z.number().nullable().optional(),
  /** With `by=service`: the same figures per service, grouped by catalogue code (utilisation is the office's only). */
  services: z.array(CompareServiceRow).optional(),
});
export type CompareRow = z.infer<typeof CompareRow>;
export type CompareServiceRow = z.infer<typeof CompareServiceRow>;
/**
 * GET /api/v1/hq/offices/compare -> one row per office (offices with no traffic included, zeros/nulls).
 * GET /api/v1/hq/compare.csv (same query, plus lang=es|en for the header row): the same rows as CSV.
 */
export const CompareResponse = z.object({ from: day, to: day, rows: z.array(CompareRow) });
export type CompareResponse = z.infer<typeof CompareResponse>;

// ---------- Drill-down ----------

export const BREAKDOWN_BY = ['service', 'hour', 'day'] as const;
/** GET /api/v1/hq/offices/:code/breakdown?from&to&by[&service] */
export const BreakdownQuery = z
  .object({ from: day, to: day, by: z.enum(BREAKDOWN_BY).default('service'), service: z.string().max(16).optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] });
export type BreakdownQuery = z.infer<typeof BreakdownQuery>;

export const BreakdownRow = z.object({
  /** Service (catalogue code, or local code when not linked), hour "0".."23", or day YYYY-MM-DD. */
  key: z.string(),
  /** Service name, "08:00", or the day. */
  label: z.string(),
  issued: z.number().int(),
  called: z.number().int(),
  served: z.number().int(),
  noShows: z.number().int(),
  walkouts: z.number().int(),
  waitMedianSeconds: z.number().nullable(),
  waitP90Seconds: z.number().nullable(),
  waitAverageSeconds: z.number().nullable(),
  withinTargetShare: z.number().nullable(),
  serviceMedianSeconds: z.number().nullable(),
  serviceP90Seconds: z.number().nullable(),
  /** Counts per bucket of `waitBucketsUpperSeconds` (plus the open last bucket). */
  waitHistogram: z.array(z.number().int()),
});
export type BreakdownRow = z.infer<typeof BreakdownRow>;

export const BreakdownResponse = z.object({
  officeCode: z.string(),
  officeName: z.string(),
  from: day,
  to: day,
  by: z.enum(BREAKDOWN_BY),
  service: z.string().nullable(),
  /** Upper bounds (seconds, exclusive) of the histogram buckets; the last bucket is open. */
  waitBucketsUpperSeconds: z.array(z.number()),
  rows: z.array(BreakdownRow),
  totals: BreakdownRow,
});
export type BreakdownResponse = z.infer<typeof BreakdownResponse>;

// ---------- Live ----------

/** GET /api/v1/hq/live[?company][&region][&staleMinutes=15] */
export const LiveQuery = z.object({
  company: z.string().max(64).optional(),
  region: z.string().max(64).optional(),
  staleMinutes: z.coerce.number().int().min(1).max(24 * 60).default(15),
});
export type LiveQuery = z.infer<typeof LiveQuery>;

export const LIVE_ALERTS = ['past_target', 'not_heard_from', 'clock_skew', 'never_synced'] as const;
export type LiveAlert = (typeof LIVE_ALERTS)[number];

export const LiveOffice = z.object({
  officeCode: z.string(),
  officeName: z.string(),
  company: z.string().nullable(),
  region: z.string().nullable(),
  waitingNow: z.number().int(),
  /** On the office's clock (head office time corrected by its skew). */
  longestWaitSeconds: z.number().nullable(),
  /** Waiting tickets already past their service's target. */
  pastTargetNow: z.number().int(),
  /** Agents signed in and not paused. */
  countersOpen: z.number().int(),
  countersPaused: z.number().int(),
  servedToday: z.number().int(),
  lastSyncAt: isoTime.nullable(),
  clockSkewMs: z.number().nullable(),
  alerts: z.array(z.enum(LIVE_ALERTS)),
});
export type LiveOffice = z.infer<typeof LiveOffice>;
export const LiveResponse = z.object({ serverTime: isoTime, staleMinutes: z.number().int(), offices: z.array(LiveOffice) });
export type LiveResponse = z.infer<typeof LiveResponse>;

// ---------- Central configuration (the link's shapes are in hq-link.ts) ----------

/** PUT /api/v1/hq/offices/:code/settings (admin) -> 200 { version }: what head office owns of the office's settings. */
export const PutOfficeSettingsBody = z.object({ settings: ConfigSettings });
export type PutOfficeSettingsBody = z.infer<typeof PutOfficeSettingsBody>;

export const TEMPLATE_KINDS = ['company', 'region'] as const;
/**
 * PUT /api/v1/hq/templates/:kind/:name (admin) `{ settings }` -> 200 RepublishResponse:
 * settings shared by a company's or a region's offices (an office's own settings override
 * them field by field, a region's override its company's); every office in scope gets a
 * new configuration version at once.
 */
export const PutTemplateBody = z.object({ settings: ConfigSettings });
export const ConfigTemplate = z.object({ kind: z.enum(TEMPLATE_KINDS), name: z.string(), settings: ConfigSettings });
/** GET /api/v1/hq/templates (admin). */
export const TemplateListResponse = z.object({ templates: z.array(ConfigTemplate) });

/** PATCH /api/v1/hq/catalog/services/:code (admin): names, defaults, colour, icon; POST /hq/publish sends it to the offices. */
export const PatchCatalogServiceBody = z
  .object({
    nameEs: safeText().min(1).max(80),
    nameEn: safeText().min(1).max(80),
    prefix: ServicePrefix,
    targetWaitMinutes: z.number().int().min(1).max(480),
    color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
    icon: safeText().max(32),
  })
  .partial();
export type PatchCatalogServiceBody = z.infer<typeof PatchCatalogServiceBody>;

/** POST /api/v1/hq/publish (admin): republish the current configuration to these offices (default: all that offer something). */
export const RepublishBody = z.object({ offices: z.array(officeCode).min(1).max(5000).optional() });
export type RepublishBody = z.infer<typeof RepublishBody>;
export const RepublishResponse = z.object({ published: z.array(z.object({ code: z.string(), version: z.number().int().min(1) })) });
export type RepublishResponse = z.infer<typeof RepublishResponse>;

/** GET /api/v1/hq/config-audit[?limit][&target] (admin): central changes, latest first. */
export const ConfigAuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  /** office:<code>, catalog:<code> or staff:<username>. */
  target: z.string().max(64).optional(),
});
export const ConfigAuditEntry = z.object({
  id: z.number().int(),
  at: isoTime,
  actor: z.string(),
  target: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});
export type ConfigAuditEntry = z.infer<typeof ConfigAuditEntry>;
export const ConfigAuditResponse = z.object({ entries: z.array(ConfigAuditEntry) });

// ---------- Staff head office manages for the offices ----------

/** POST /api/v1/hq/staff (admin) -> 201 StaffDto; 409 when the username exists. */
export const CreateStaffBody = z.object({
  username: StaffUsername,
  displayName: safeText().min(1).max(80),
  role: z.enum(STAFF_ROLES),
  /** Without one the person signs in through single sign-on only. */
  password: newPassword().optional(),
  offices: z.array(officeCode).max(500),
});
export type CreateStaffBody = z.infer<typeof CreateStaffBody>;
/** PATCH /api/v1/hq/staff/:username (admin). */
export const PatchStaffBody = z.object({
  active: z.boolean().optional(),
  password: newPassword().optional(),
  offices: z.array(officeCode).max(500).optional(),
  displayName: safeText().min(1).max(80).optional(),
  role: z.enum(STAFF_ROLES).optional(),
});
export type PatchStaffBody = z.infer<typeof PatchStaffBody>;
export const StaffDto = z.object({
  username: z.string(),
  displayName: z.string(),
  role: z.enum(STAFF_ROLES),
  active: z.boolean(),
  hasPassword: z.boolean(),
  offices: z.array(z.string()),
});
export type StaffDto = z.infer<typeof StaffDto>;
export const StaffListResponse = z.object({ staff: z.array(StaffDto) });

// ---------- Health ----------

export const HqHealthResponse = z.object({ status: z.literal('ok'), role: z.literal('hq'), time: isoTime, database: z.enum(['postgresql', 'embedded']) });
