/**
 * The wire contract shared by the server and every web app: JSON shapes (as zod
 * schemas, which the server also uses to build its OpenAPI document) and the command
 * payloads clients send. Dates travel as ISO-8601 strings.
 */
import { z } from 'zod';
import { TICKET_ORIGINS } from './portal';
import {
  AGENT_STATES,
  CALL_REASONS,
  DEVICE_KINDS,
  PAUSE_REASONS,
  PRINT_STATES,
  TICKET_CATEGORIES,
  TICKET_STATUSES,
  USER_ROLES,
} from '@turnero/domain/types';
import { CallWhySchema } from './call-explanations';
import { ANNOUNCEMENT_LANGUAGES, ConfigSettings, OfficeLinkStatus } from './hq-link';
import { newPassword, safeText } from './text';

/** The reasons an agent may pause for, which the desk offers: web apps take them from here. */
export { PAUSE_REASONS, type PauseReason } from '@turnero/domain/types';

const id = z.string().min(1).max(64);
const isoDate = z.string();

export const PRINTER_STATUSES = [
  'online',
  'cover_open',
  'paper_near_end',
  'paper_out',
  'offline',
  'unknown',
] as const;
export type PrinterStatus = (typeof PRINTER_STATUSES)[number];

// ---------- Responses ----------

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const ServiceDto = z.object({
  id,
  name: z.string().describe('Spanish name (es-CO)'),
  nameEs: z.string(),
  nameEn: z.string(),
  prefix: z.string(),
  targetWaitMinutes: z.number(),
  active: z.boolean(),
  color: z.string(),
  icon: z.string(),
  sortOrder: z.number(),
  /** Head office's catalogue code when the service is linked to it (null: a local service, editable here). */
  catalogCode: z.string().nullable(),
});
export type ServiceDto = z.infer<typeof ServiceDto>;

export const TicketDto = z.object({
  id,
  code: z.string(),
  serviceId: id,
  serviceName: z.string(),
  category: z.enum(TICKET_CATEGORIES),
  status: z.enum(TICKET_STATUSES),
  day: z.string(),
  number: z.number().int(),
  issuedAt: isoDate,
  calledAt: isoDate.nullable(),
  startedAt: isoDate.nullable(),
  finishedAt: isoDate.nullable(),
  counterId: id.nullable(),
  counterName: z.string().nullable(),
  directedCounterId: id.nullable(),
  recallCount: z.number().int(),
  outcome: z.string().nullable(),
  printState: z.enum(PRINT_STATES),
  /** People ahead in the queue (0 = next); null once called. */
  position: z.number().int().nullable(),
  estimatedWaitSeconds: z.number().int().nullable(),
  /**
   * The promised wait as a range (issue 15): the customer sees "entre 10 y 15 min".
   * Null once called; absent from an older server.
   */
  estimatedWait: z.object({ lowMinutes: z.number().int().min(0), highMinutes: z.number().int().min(0) }).nullable().optional(),
  /** walk_in, remote (joined from a phone) or booking (a checked-in appointment); absent: walk_in. */
  origin: z.enum(TICKET_ORIGINS).optional(),
  /** A booking's slot start (origin booking). */
  slotAt: isoDate.nullable().optional(),
  /** False while a remote ticket waits for its holder to check in (the policy skips it). */
  present: z.boolean().optional(),
});
export type TicketDto = z.infer<typeof TicketDto>;

export const CounterDto = z.object({
  id,
  name: z.string(),
  active: z.boolean(),
  services: z.array(z.object({ serviceId: id, weight: z.number() })),
  agentId: id.nullable(),
  agentName: z.string().nullable(),
  agentState: z.enum(AGENT_STATES),
  stateSince: isoDate.nullable(),
  pauseReason: z.enum(PAUSE_REASONS).nullable(),
  currentTicket: TicketDto.nullable(),
});
export type CounterDto = z.infer<typeof CounterDto>;

export const DeviceDto = z.object({
  id,
  kind: z.enum(DEVICE_KINDS),
  name: z.string(),
  active: z.boolean(),
  printerUri: z.string().nullable(),
  printerStatus: z.enum(PRINTER_STATUSES).nullable(),
  printerStatusAt: isoDate.nullable(),
  connected: z.boolean(),
  /** A connected wall display's own report: can it play the chime and the voice? Absent when unknown. */
  soundOn: z.boolean().optional(),
  serviceIds: z.array(id),
  counterIds: z.array(id),
});
export type DeviceDto = z.infer<typeof DeviceDto>;

export const OfficeDto = z.object({
  code: z.string(),
  name: z.string(),
  timeZone: z.string(),
  acceptingTickets: z.boolean(),
  keepQueueOvernight: z.boolean(),
  ticker: z.string(),
  policy: z.object({ preferentialPerGeneral: z.number(), overdueFirst: z.boolean() }),
  /** Agents may choose which services their counter serves when they sign in (default false: the supervisor decides). */
  agentsChooseServices: z.boolean().optional(),
  /** What the kiosk says: welcome line and data-protection text with its version ("": the kiosk's own wording). */
  kioskTexts: z
    .object({ welcomeEs: z.string(), welcomeEn: z.string(), consentEs: z.string(), consentEn: z.string(), consentPolicyVersion: z.string() })
    .optional(),
  /** How the wall displays announce calls: language, and a voice name to prefer when the device has it. */
  announcement: z.object({ language: z.enum(ANNOUNCEMENT_LANGUAGES), voice: z.string().nullable() }).optional(),
});
export type OfficeDto = z.infer<typeof OfficeDto>;

export const CallDto = z.object({
  ticketId: id,
  code: z.string(),
  counterId: id,
  counterName: z.string(),
  serviceId: id,
  at: isoDate,
  recall: z.boolean(),
  reason: z.enum(CALL_REASONS).nullable(),
});
export type CallDto = z.infer<typeof CallDto>;

export const ServiceQueueDto = z.object({
  serviceId: id,
  waiting: z.number().int(),
  longestWaitSeconds: z.number().int(),
});
export type ServiceQueueDto = z.infer<typeof ServiceQueueDto>;

export const QueueSnapshot = z.object({
  /** Realtime sequence the snapshot is current at; apply events with a higher seq. */
  seq: z.number().int(),
  bootId: z.string(),
  serverTime: isoDate,
  office: OfficeDto,
  services: z.array(ServiceDto),
  queues: z.array(ServiceQueueDto),
  waiting: z.array(TicketDto),
  counters: z.array(CounterDto),
  recentCalls: z.array(CallDto),
  devices: z.array(DeviceDto),
  /** The live ticket page link without the ticket id (append it encoded): the kiosk's QR code, the same as the paper's. */
  liveTicketUrlBase: z.string().optional(),
});
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const CallResultDto = z.object({
  ticket: TicketDto,
  reason: z.enum(CALL_REASONS),
  /** Human-readable explanation of the rule, Spanish (`explainCall(why)`). */
  explanation: z.string(),
  /** The rule and the numbers it used, for clients that word it in their own language. */
  why: CallWhySchema,
});
export type CallResultDto = z.infer<typeof CallResultDto>;

export const ServiceStatsDto = z.object({
  serviceId: id,
  serviceName: z.string(),
  issued: z.number().int(),
  served: z.number().int(),
  waiting: z.number().int(),
  noShows: z.number().int(),
  cancelled: z.number().int(),
  waitMedianSeconds: z.number().nullable(),
  waitP90Seconds: z.number().nullable(),
  serviceMedianSeconds: z.number().nullable(),
  withinTargetShare: z.number().nullable(),
});
export type ServiceStatsDto = z.infer<typeof ServiceStatsDto>;

export const AgentStatsDto = z.object({
  agentId: id,
  served: z.number().int(),
  noShows: z.number().int(),
  serviceMedianSeconds: z.number().nullable(),
  servingSeconds: z.number(),
  pausedSeconds: z.number(),
  signedInSeconds: z.number(),
  utilisation: z.number().nullable(),
});
export type AgentStatsDto = z.infer<typeof AgentStatsDto>;

export const StatsTodayDto = z.object({
  day: z.string(),
  services: z.array(ServiceStatsDto),
  totals: ServiceStatsDto.omit({ serviceId: true, serviceName: true }),
  agents: z.array(AgentStatsDto),
});
export type StatsTodayDto = z.infer<typeof StatsTodayDto>;

export const SyncStateDto = z.object({
  enabled: z.boolean(),
  hqUrl: z.string().nullable(),
  lastSuccessAt: isoDate.nullable(),
  lastAttemptAt: isoDate.nullable(),
  lastError: z.string().nullable(),
  pendingEvents: z.number().int(),
  lastSentSeq: z.number().int(),
  headSeq: z.number().int(),
  /** The live link to head office (configuration, staff): state, since when, last message applied. */
  link: OfficeLinkStatus,
});
export type SyncStateDto = z.infer<typeof SyncStateDto>;

export const UserDto = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  role: z.enum(USER_ROLES),
  active: z.boolean(),
  counterId: id.nullable(),
  /** 'hq': head office manages this person (read-only here but their counter); 'office': created on these admin pages. */
  managedBy: z.enum(['office', 'hq']),
});
export type UserDto = z.infer<typeof UserDto>;

/** One change of the office's configuration, central (actor 'hq', with the link message's seq) or local (a user id). */
export const ConfigAuditDto = z.object({
  id: z.number().int(),
  at: isoDate,
  actor: z.string(),
  action: z.string(),
  subject: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  linkSeq: z.number().int().nullable(),
});
export type ConfigAuditDto = z.infer<typeof ConfigAuditDto>;

export const MeDto = z.object({
  principalId: id,
  role: z.string(),
  name: z.string(),
  counterId: id.nullable(),
});
export type MeDto = z.infer<typeof MeDto>;

// ---------- Requests (commands) ----------

export const LoginRequest = z.object({
  username: safeText().min(1).max(64),
  password: z.string().min(1).max(256),
});

export const IssueTicketRequest = z.object({
  serviceId: id,
  category: z.enum(TICKET_CATEGORIES).default('general'),
  /** Optional customer ID number; requires consent. Never printed, never sent to head office. */
  customerId: z.string().regex(/^[0-9A-Za-z-]{4,20}$/).optional(),
  consentPolicyVersion: safeText().max(32).optional(),
  /** Ask the office to print it (kiosk default true). */
  print: z.boolean().optional(),
});
export type IssueTicketRequest = z.infer<typeof IssueTicketRequest>;
/** What a client sends (defaults not yet applied): the kiosk's and the desk's request body. */
export type IssueTicketBody = z.input<typeof IssueTicketRequest>;

export const FinishRequest = z.object({ outcome: safeText().max(64).optional() }).default({});
export const TransferRequest = z
  .object({ toServiceId: id.optional(), toCounterId: id.optional() })
  .refine((v) => Boolean(v.toServiceId) !== Boolean(v.toCounterId), {
    message: 'Give exactly one of toServiceId or toCounterId',
  });
export type TransferRequest = z.infer<typeof TransferRequest>;

export const CallSpecificRequest = z.object({ counterId: id });
export const PauseRequest = z.object({ reason: z.enum(PAUSE_REASONS) });
export const CounterServicesRequest = z.object({
  services: z.array(z.object({ serviceId: id, weight: z.number().int().min(1).max(10) })).max(50),
});
export const OfficeSettingsRequest = z
  .object({
    ticker: safeText().max(280),
    acceptingTickets: z.boolean(),
    keepQueueOvernight: z.boolean(),
    preferentialPerGeneral: z.number().int().min(0).max(10),
    overdueFirst: z.boolean(),
    agentsChooseServices: z.boolean(),
    /** The office's own, while head office does not own them (else 409 managed_by_hq). */
    ...ConfigSettings.pick({
      openingHours: true,
      holidays: true,
      kioskWelcomeEs: true,
      kioskWelcomeEn: true,
      announcementLanguage: true,
      announcementVoice: true,
    }).shape,
  })
  .partial();
export type OfficeSettingsRequest = z.infer<typeof OfficeSettingsRequest>;

/** How one print ended, whoever drove the printer (the office server or a kiosk agent). */
export const PrintOutcome = z.object({
  ok: z.boolean(),
  error: safeText().max(200).optional(),
  printerStatus: z.enum(PRINTER_STATUSES).optional(),
  /** false: the printer took the ticket but does not confirm printing (many cheaper models). */
  confirmed: z.boolean().optional(),
});
export type PrintOutcome = z.infer<typeof PrintOutcome>;
/** A kiosk agent's answer to one print job ('print:result'). */
export const PrintResult = PrintOutcome.extend({ jobId: id, ticketId: id });
export type PrintResult = z.infer<typeof PrintResult>;
export const PrinterStatusRequest = z.object({ status: z.enum(PRINTER_STATUSES) });
export type PrinterStatusRequest = z.infer<typeof PrinterStatusRequest>;
/** A wall display reports whether the browser lets it play sound (autoplay policy). */
export const DisplaySoundRequest = z.object({ soundOn: z.boolean() }).strict();
export type DisplaySoundRequest = z.infer<typeof DisplaySoundRequest>;

/** PUT /me/password: a user changes their own password (their other sessions end). */
export const ChangePasswordRequest = z.object({ currentPassword: z.string().min(1).max(256), newPassword: newPassword() }).strict();

export const TicketIdParam = z.object({ ticketId: id });
export const CounterIdParam = z.object({ counterId: id });
