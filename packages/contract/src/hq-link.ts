/**
 * The live two-way link between an office and head office, and the central configuration it
 * carries. The office always dials out (NAT, office firewalls): a socket.io client on the
 * office connects to head office's `/link` namespace with its office-sync token.
 *
 * Head office keeps, per office, an ordered log of numbered messages (seq 1, 2, 3 … per
 * office, gapless). Delivery is pull-on-notice, so it works the same with one head-office
 * process or several behind a load balancer (socket.io Redis adapter):
 *   1. on connect, and whenever head office emits `link:pending`, the office asks
 *      `link:fetch { afterSeq: <its last applied seq> }` and gets the next messages in order;
 *   2. the office applies each message in ONE transaction of its own database that also
 *      stores the message's seq as its last applied seq (a seq at or below it is skipped, a
 *      gap is refused), so a retry after a disconnect, a restart or a SIGKILL of either side
 *      is harmless: every message is applied exactly once;
 *   3. the office reports `link:applied` with each seq and its outcome; head office records
 *      it (applied or refused with a reason). The office's stored seq is the truth: it is
 *      sent again in the handshake of every connection.
 * A message an office cannot apply (e.g. a prefix already used by a local service) is
 * refused with a reason and still consumed, so one bad version never blocks the stream.
 */
import { z } from 'zod';
import { safeText } from './text';
import { IsoDay, TimeOfDay } from './calendar';
import type { LinkBookingUpdate, LinkRemoteTicketAnswer, LinkRemoteTicketRequest, LinkRemoteUpdate } from './portal';
import { AppointmentSettings, BookingsMessage, RemoteQueueSettings } from './portal';

export { IsoDay, TimeOfDay };

export const LINK_NAMESPACE = '/link';

// ---------- Central service catalogue ----------

/** A catalogue code: stable across offices and letters, e.g. "FACT". */
export const CatalogCode = z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/, '2-16 upper-case letters, digits or _, starting with a letter');
export const ServicePrefix = z.string().regex(/^[A-Z]{1,3}$/, '1-3 upper-case letters');
const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/);

/** POST /api/v1/hq/catalog/services (admin) -> 201 CatalogService; 409 `conflict` when the code exists. */
export const CreateCatalogServiceBody = z.object({
  code: CatalogCode,
  nameEs: safeText().min(1).max(80),
  nameEn: safeText().min(1).max(80),
  /** Default ticket prefix; an office may use another. */
  prefix: ServicePrefix,
  targetWaitMinutes: z.number().int().min(1).max(480),
  color: Color.default('#0057b8'),
  icon: safeText().max(32).default('ticket'),
});
export type CreateCatalogServiceBody = z.infer<typeof CreateCatalogServiceBody>;

export const CatalogService = z.object({
  code: CatalogCode,
  nameEs: z.string(),
  nameEn: z.string(),
  prefix: ServicePrefix,
  targetWaitMinutes: z.number().int(),
  color: z.string(),
  icon: z.string(),
});
export type CatalogService = z.infer<typeof CatalogService>;
/** GET /api/v1/hq/catalog/services (admin, manager). */
export const CatalogListResponse = z.object({ services: z.array(CatalogService) });
export type CatalogListResponse = z.infer<typeof CatalogListResponse>;

/**
 * PUT /api/v1/hq/offices/:code/services (admin) -> 200 { version }: the office's offered
 * services, each a catalogue code with optional local prefix / target; published at once
 * as a new configuration version. 400 for an unknown code or two services on one prefix.
 */
export const PutOfficeServicesBody = z.object({
  services: z
    .array(z.object({ code: CatalogCode, prefix: ServicePrefix.optional(), targetWaitMinutes: z.number().int().min(1).max(480).optional() }))
    .max(60),
});
export type PutOfficeServicesBody = z.infer<typeof PutOfficeServicesBody>;
export const PublishResponse = z.object({ version: z.number().int().min(1) });

// ---------- Configuration versions ----------

/** One service as an office must offer it (catalogue entry resolved with the office's overrides). */
export const ConfigService = z.object({
  catalogCode: CatalogCode,
  nameEs: z.string(),
  nameEn: z.string(),
  prefix: ServicePrefix,
  targetWaitMinutes: z.number().int().min(1).max(480),
  color: z.string(),
  icon: z.string(),
  sortOrder: z.number().int().min(0).max(999),
});
export type ConfigService = z.infer<typeof ConfigService>;

/** One span the office is open in, within one local day (close after open). */
export const OpenSpan = z
  .object({ open: TimeOfDay, close: TimeOfDay })
  .refine((s) => s.open < s.close, { message: 'close must be after open (one span per local day)' });
export type OpenSpan = z.infer<typeof OpenSpan>;
/** Seven days, Sunday first; each a list of non-overlapping spans in order. */
export const WeekHours = z
  .array(z.array(OpenSpan).max(4))
  .length(7)
  .refine((days) => days.every((spans) => spans.every((s, i) => i === 0 || spans[i - 1].close <= s.open)), {
    message: "a day's spans must be in order and not overlap",
  });
export type WeekHours = z.infer<typeof WeekHours>;
export const Holiday = z.object({ date: IsoDay, name: safeText().min(1).max(80) });
export type Holiday = z.infer<typeof Holiday>;
export const ANNOUNCEMENT_LANGUAGES = ['es-CO', 'en'] as const;
/** Settings head office takes as inputs and never publishes to an office. */
export const HQ_ONLY_SETTINGS = ['holidaysWorked'] as const;

/**
 * Settings head office owns for an office (from its company/region template and the office's
 * overrides). A field left out is owned by the office (editable on its admin pages); a field
 * given is read-only there.
 */
export const ConfigSettings = z
  .object({
    preferentialPerGeneral: z.number().int().min(0).max(20),
    overdueFirst: z.boolean(),
    ticker: safeText().max(280),
    ticketFooter: safeText().max(200),
    /** The data-protection text version the kiosk shows (Ley 1581). */
    consentPolicyVersion: safeText().min(1).max(32),
    /**
     * When the office issues tickets, per weekday (index 0 Sunday … 6 Saturday), in the
     * office's time zone; an empty day is closed. Null: always open. Left out: the office's own.
     */
    openingHours: WeekHours.nullable(),
    /**
     * Days the office is closed. As published: the office's country's public holidays for
     * the next 13 months plus the dates an admin added, minus the ones it works
     * (`holidaysWorked`), so the office needs no calendar library and works offline.
     * As an admin sets it at head office: only the added dates (at most 400: a 13-month window has fewer days).
     */
    holidays: z.array(Holiday).max(400),
    /** ISO 3166-1 alpha-2 country whose public holidays head office puts in `holidays` (default CO). */
    holidayCountry: z.string().regex(/^[A-Z]{2}$/, 'ISO 3166-1 alpha-2 country code, e.g. CO'),
    /** Head office only (never published): the country's holidays this office works. */
    holidaysWorked: z.array(IsoDay).max(60),
    /** The kiosk's welcome line, in Spanish and English ("": the kiosk's own). */
    kioskWelcomeEs: safeText().max(120),
    kioskWelcomeEn: safeText().max(120),
    /** The data-protection text the kiosk shows with `consentPolicyVersion` ("": the kiosk's own). */
    consentTextEs: safeText().max(1000),
    consentTextEn: safeText().max(1000),
    /** The language the wall displays announce calls in. */
    announcementLanguage: z.enum(ANNOUNCEMENT_LANGUAGES),
    /** A speech voice name the displays prefer when the device has it (null: the best for the language). */
    announcementVoice: safeText().min(1).max(80).nullable(),
    /** A text header printed at the top of every ticket (null: none). No images. */
    ticketLogo: safeText().min(1).max(48).nullable(),
    /** Appointments booked on the public portal (see portal.ts). */
    appointments: AppointmentSettings,
    /** Joining today's queue from a phone (see portal.ts). */
    remoteQueue: RemoteQueueSettings,
  })
  .partial();
export type ConfigSettings = z.infer<typeof ConfigSettings>;
/** The settings an office receives and runs (head office's inputs left out). */
export type PublishedSettings = Omit<ConfigSettings, (typeof HQ_ONLY_SETTINGS)[number]>;

/**
 * A configuration version: the full desired state of what head office owns at the office
 * (not a delta), so applying the newest is enough. Services the office has from the
 * catalogue but that are not listed are deactivated (never deleted: tickets refer to them);
 * a local service with the same prefix as a listed one is adopted (linked to its code).
 */
export const OfficeConfig = z.object({
  version: z.number().int().min(1),
  services: z.array(ConfigService).max(60),
  settings: ConfigSettings.default({}),
});
export type OfficeConfig = z.infer<typeof OfficeConfig>;

/** GET /api/v1/hq/offices/:code/config (admin; managers of its company). */
export const OfficeConfigResponse = z.object({
  officeCode: z.string(),
  /** Newest version published for the office (0: never). */
  version: z.number().int().min(0),
  /** Newest version the office applied (0: none yet). */
  appliedVersion: z.number().int().min(0),
  /** The newest version the office refused, with its reason (null: none since the last applied). */
  refused: z.object({ version: z.number().int(), reason: z.string() }).nullable(),
  services: z.array(ConfigService),
  /** The settings as published: templates merged, the holiday calendar resolved, head office's inputs left out. */
  settings: ConfigSettings,
  /**
   * The office's own settings as an admin set them (PUT /hq/offices/:code/settings), over
   * its templates: what an edit form starts from and sends back (added holidays and
   * `holidaysWorked` included, the resolved calendar not). Absent from an older server.
   */
  ownSettings: ConfigSettings.optional(),
  publishedAt: z.string().nullable(),
});
export type OfficeConfigResponse = z.infer<typeof OfficeConfigResponse>;

// ---------- Staff head office manages ----------

export const STAFF_ROLES = ['agent', 'supervisor', 'admin'] as const;
export const StaffUsername = z.string().regex(/^[a-z0-9._-]{3,32}$/, '3-32 lower-case letters, digits, . _ -');

/** One person head office manages, as an office needs them to sign in with the link down. */
export const StaffMember = z.object({
  username: StaffUsername,
  displayName: z.string().min(1).max(80),
  role: z.enum(STAFF_ROLES),
  active: z.boolean(),
  /**
   * The password verifier (the same scrypt format at both ends), never the password: office
   * logins keep working with the link down. Null: single sign-on only.
   */
  passwordHash: z.string().max(512).nullable(),
});
export type StaffMember = z.infer<typeof StaffMember>;

/**
 * The full list of head-office-managed people who may work at this office (not a delta).
 * The office creates or updates them; one it has from head office that is missing or
 * inactive is deactivated there and their open sessions end at once. Local users (created
 * on the office's admin pages) are left alone.
 */
export const StaffRoster = z.object({
  /** Head office's roster version for this office, increasing. */
  version: z.number().int().min(1),
  staff: z.array(StaffMember).max(2000),
});
export type StaffRoster = z.infer<typeof StaffRoster>;

// ---------- Messages head office sends an office ----------

export const LINK_MESSAGE_KINDS = ['config', 'staff', 'bookings'] as const;
export type LinkMessageKind = (typeof LINK_MESSAGE_KINDS)[number];

const messageHead = { seq: z.number().int().min(1), createdAt: z.string() };
export const LinkMessage = z.discriminatedUnion('kind', [
  z.object({ ...messageHead, kind: z.literal('config'), payload: OfficeConfig }),
  z.object({ ...messageHead, kind: z.literal('staff'), payload: StaffRoster }),
  z.object({ ...messageHead, kind: z.literal('bookings'), payload: BookingsMessage }),
]);
export type LinkMessage = z.infer<typeof LinkMessage>;

// ---------- The socket.io protocol on LINK_NAMESPACE ----------

/** Handshake `auth` of the office's socket. */
export const LinkAuth = z.object({
  token: z.string().min(1).max(256),
  /** Highest message seq the office has applied (0: none). */
  appliedSeq: z.number().int().min(0),
  /** Configuration version the office runs (0: none from head office). */
  configVersion: z.number().int().min(0),
});
export type LinkAuth = z.infer<typeof LinkAuth>;

export const LinkFetchRequest = z.object({ afterSeq: z.number().int().min(0), limit: z.number().int().min(1).max(100).default(20) });
export type LinkFetchRequest = z.infer<typeof LinkFetchRequest>;

export const LinkApplyResult = z.object({
  seq: z.number().int().min(1),
  status: z.enum(['applied', 'refused']),
  /** Why the office refused it (status refused). */
  reason: z.string().max(500).optional(),
  /** For config messages: the version this seq carried. */
  configVersion: z.number().int().min(1).optional(),
});
export type LinkApplyResult = z.infer<typeof LinkApplyResult>;
export const LinkAppliedReport = z.object({ results: z.array(LinkApplyResult).min(1).max(100) });
export type LinkAppliedReport = z.infer<typeof LinkAppliedReport>;

type LinkAck<T> = (answer: T | { error: { code: string; message: string } }) => void;

/** Head office -> office. */
export interface LinkServerToOffice {
  /**
   * Sent on connect and after each publish: messages up to headSeq exist. After a
   * configuration publish it also carries that message, so an office that is up to date
   * applies it without a fetch (the bulk publish to 2,000 offices otherwise costs 2,000
   * reads); an office behind, or a roster (password verifiers do not travel through the
   * processes' Redis), fetches as usual.
   */
  'link:pending': (p: { headSeq: number; messages?: LinkMessage[] }) => void;
  /**
   * A customer joins today's queue from the portal: the office issues a real ticket (origin
   * remote) and answers at once; no answer in time means the portal says the office is
   * unreachable and no ticket exists at head office (a late ticket is reported by
   * link:remote-update and cancelled there). requestKey makes a retry return the same ticket.
   */
  'link:remote-ticket': (p: z.input<typeof LinkRemoteTicketRequest>, ack: LinkAck<LinkRemoteTicketAnswer>) => void;
}
/** Office -> head office, every one with an ack. */
export interface LinkOfficeToServer {
  'link:fetch': (p: LinkFetchRequest, ack: LinkAck<{ messages: LinkMessage[]; headSeq: number }>) => void;
  'link:applied': (p: LinkAppliedReport, ack: LinkAck<{ ok: true }>) => void;
  /** Where the office's remote tickets stand, sent as its queue moves (portal live pages, "you are next"). */
  'link:remote-update': (p: LinkRemoteUpdate, ack: LinkAck<{ ok: true }>) => void;
  /** Check-ins and no-shows of bookings (head office's booking state, no-shows per contact). */
  'link:booking-update': (p: z.infer<typeof LinkBookingUpdate>, ack: LinkAck<{ ok: true }>) => void;
}

// ---------- What each side shows of the link ----------

export const LINK_STATES = ['disabled', 'connecting', 'connected', 'disconnected'] as const;
export type LinkState = (typeof LINK_STATES)[number];

/** The office's view (GET /api/v1/sync `link`, the supervisor board). */
export const OfficeLinkStatus = z.object({
  state: z.enum(LINK_STATES),
  /** When the current state began. */
  since: z.string().nullable(),
  lastAppliedSeq: z.number().int().min(0),
  lastAppliedAt: z.string().nullable(),
  /** Configuration version the office runs (0: none from head office). */
  configVersion: z.number().int().min(0),
  lastError: z.string().nullable(),
  /**
   * The office settings head office owns by that version (read-only at the office: the
   * board shows them with a note saying where to change them). Absent from an older server.
   */
  hqSettings: z.array(ConfigSettings.keyof()).optional(),
});
export type OfficeLinkStatus = z.infer<typeof OfficeLinkStatus>;

/** Head office's view of one office (GET /api/v1/hq/offices `link`, the dashboard). */
export const HqLinkStatus = z.object({
  connected: z.boolean(),
  /** Last connect, disconnect or message from the office. */
  lastSeenAt: z.string().nullable(),
  appliedSeq: z.number().int().min(0),
  currentVersion: z.number().int().min(0),
  appliedVersion: z.number().int().min(0),
  refused: z.object({ version: z.number().int(), reason: z.string() }).nullable(),
});
export type HqLinkStatus = z.infer<typeof HqLinkStatus>;

// ---------- Single sign-on (OpenID Connect), both roles ----------

/**
 * GET /api/v1/auth/oidc (public): whether the sign-on button shows, and whether the
 * company's identity provider answers now (else the button says it is unavailable and
 * the password form is the way in).
 */
export const SignOnStatus = z.object({ enabled: z.boolean(), available: z.boolean() });
export type SignOnStatus = z.infer<typeof SignOnStatus>;

/**
 * How GET /api/v1/auth/oidc/callback hands the outcome to the web app: in the address's
 * fragment (never sent to a server, kept out of logs), which the app reads and clears.
 */
export const SIGN_ON_FRAGMENT = { token: 'sso_token', error: 'sso_error' } as const;

/** Why a sign-on ended without a session (`#sso_error=`, and `error.details.reason`). */
export const SIGN_ON_REFUSALS = ['state_invalid', 'provider_error', 'unknown_user', 'inactive_user', 'unavailable'] as const;
export type SignOnRefusalReason = (typeof SIGN_ON_REFUSALS)[number];
