/**
 * The office's domain model. Plain data, no I/O: the data layer maps rows to these
 * shapes, the domain functions decide on them, the transport layer serialises them.
 * Times are `Date` instants; the office's IANA time zone decides its local day.
 */
import type { OpenSpan } from './opening-hours';

export const USER_ROLES = ['agent', 'supervisor', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** `survey`: a small tablet at a counter that asks the customer just served to rate it. */
export const DEVICE_KINDS = ['kiosk', 'display', 'survey'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

/** Every principal that can hold a token. `office-sync` is an office talking to head office. */
export type PrincipalRole = UserRole | DeviceKind | 'office-sync' | 'manager';

export const TICKET_CATEGORIES = ['general', 'preferential'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export const TICKET_STATUSES = [
  'waiting',
  'called',
  'serving',
  'done',
  'no_show',
  'cancelled',
  'expired',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_EVENT_TYPES = [
  'issued',
  'called',
  'recalled',
  'started',
  'finished',
  'no_show',
  'transferred',
  'cancelled',
  'expired',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export const PAUSE_REASONS = ['lunch', 'training', 'back_office', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

/** What an agent at a counter is doing now (derived from agent events). */
export const AGENT_STATES = ['signed_out', 'idle', 'serving', 'paused'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export const AGENT_EVENT_TYPES = ['signed_in', 'signed_out', 'paused', 'resumed'] as const;
export type AgentEventType = (typeof AGENT_EVENT_TYPES)[number];

/**
 * `sent`: a printer that never confirms printing took the ticket and said it could print;
 * no more is known (the kiosk says "printing" rather than "take your ticket").
 */
export const PRINT_STATES = ['not_requested', 'pending', 'printed', 'sent', 'failed'] as const;
export type PrintState = (typeof PRINT_STATES)[number];

/** Why the calling policy chose a ticket; shown to the agent after every call. */
export const CALL_REASONS = [
  'directed', // transferred to this very counter
  'overdue', // waited past its service's target: oldest overdue first
  'preferential_ratio', // preferential turn under the ratio
  'general_ratio', // general turn: preferential already had its share
  'weight', // a heavier counter-service weight broke the tie
  'fifo', // first come, first served
  'chosen', // the agent called this ticket out of order
  'booking', // a checked-in appointment at its slot time, ahead of walk-ins (within a cap)
] as const;
export type CallReason = (typeof CALL_REASONS)[number];

/**
 * Why a ticket was called: the rule and the numbers it used, no wording (the words, in
 * Spanish and English, are in @turnero/contract/call-explanations).
 */
export type CallWhy =
  | { rule: 'directed' }
  | { rule: 'weight' }
  | { rule: 'fifo' }
  | { rule: 'chosen' }
  /** A checked-in booking at its slot: the slot's office-local time ("10:30") and its booked call in a row at this counter (1-based). */
  | { rule: 'booking'; slotTime: string; bookedInARow: number }
  /** Minutes waited, rounded up, and the service's target. */
  | { rule: 'overdue'; waitedMinutes: number; targetMinutes: number }
  /** This call's place in the counter's run of preferential calls (1-based), out of the ratio. */
  | { rule: 'preferential_ratio'; preferentialInARow: number; preferentialPerGeneral: number; weightBrokeTie: boolean }
  /** The ratio's preferential calls were made in a row: a general ticket now. */
  | { rule: 'general_ratio'; preferentialPerGeneral: number; weightBrokeTie: boolean };

export interface CallingPolicy {
  /** Preferential tickets called per general ticket when both wait (default 2). */
  preferentialPerGeneral: number;
  /** Tickets waiting past their service's target go first (default true). */
  overdueFirst: boolean;
}

/** How checked-in bookings are called (the office's appointment settings). */
export interface BookingCallRule {
  /** A booking is called ahead of walk-ins from this many minutes before its slot. */
  windowMinutes: number;
  /** At most this many booked calls in a row at a counter while other tickets wait. */
  maxInARow: number;
  /** The office's IANA time zone: the slot's local time in the explanation. */
  timeZone: string;
}

/** Where a ticket came from: the kiosk or desk, a phone through head office, or a checked-in booking. */
export type TicketOrigin = 'walk_in' | 'remote' | 'booking';

export const DEFAULT_POLICY: CallingPolicy = { preferentialPerGeneral: 2, overdueFirst: true };

export interface Office {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  /** When false (default), tickets still waiting at local midnight expire. */
  keepQueueOvernight: boolean;
  /** Closing time: when false the kiosk stops issuing. */
  acceptingTickets: boolean;
  policy: CallingPolicy;
  /** Ticker line on wall displays, set by the supervisor. */
  ticker: string;
  /** Agents may choose the services of their own counter (otherwise supervisors do). */
  agentsChooseServices: boolean;
  /** When the office issues tickets (opening-hours.ts); absent or hours null: always open. */
  calendar?: { hours: OpenSpan[][] | null; holidays: { date: string; name: string }[] };
  /** What the kiosk says ("": the kiosk's own wording). */
  kioskTexts?: { welcomeEs: string; welcomeEn: string; consentEs: string; consentEn: string; consentPolicyVersion: string };
  /** How wall displays announce calls. */
  announcement?: { language: 'es-CO' | 'en'; voice: string | null };
  /** How checked-in bookings are called (absent: appointments off, no booking rule). */
  bookingCalls?: Omit<BookingCallRule, 'timeZone'>;
}

export interface Service {
  id: string;
  nameEs: string;
  nameEn: string;
  /** 1-3 upper-case letters, e.g. "A" → A-014. */
  prefix: string;
  targetWaitMinutes: number;
  active: boolean;
  color: string;
  icon: string;
  sortOrder: number;
  /** Head office's catalogue code once linked (absent or null: a local service). */
  catalogCode?: string | null;
}

export interface CounterService {
  serviceId: string;
  /** Higher serves first when other rules tie (default 1). */
  weight: number;
}

export interface Counter {
  id: string;
  name: string;
  active: boolean;
  services: CounterService[];
  /** Agent signed in here, if any. */
  agentId: string | null;
  agentState: AgentState;
  /** When the current agent state began. */
  stateSince: Date | null;
  pauseReason: PauseReason | null;
  /** Preferential tickets called in a row by this counter (drives the ratio). */
  preferentialStreak: number;
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: UserRole;
  active: boolean;
}

export interface Device {
  id: string;
  kind: DeviceKind;
  name: string;
  active: boolean;
  /** Printer URI for a kiosk whose printer hangs off the office server (null: kiosk agent or none). */
  printerUri: string | null;
  /** Display limited to these services / counters (empty: all). */
  serviceIds: string[];
  counterIds: string[];
}

export interface Ticket {
  id: string;
  /** The service the ticket is with now (a transfer changes it). */
  serviceId: string;
  /** The service whose numbering gave the ticket its number (never changes). */
  issuedServiceId: string;
  category: TicketCategory;
  /** Office-local day the number belongs to, `YYYY-MM-DD`. */
  day: string;
  number: number;
  /** Printed code, e.g. "A-014". */
  code: string;
  status: TicketStatus;
  issuedAt: Date;
  /** Counter the ticket is called at, or was transferred to. */
  counterId: string | null;
  /** Set by a transfer to a specific counter: only that counter calls it next. */
  directedCounterId: string | null;
  calledAt: Date | null;
  firstCalledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  recallCount: number;
  outcome: string | null;
  printState: PrintState;
  issuedByDeviceId: string | null;
  /** Absent: walk_in. */
  origin?: TicketOrigin;
  /** A checked-in booking's slot start. */
  slotAt?: Date | null;
  /** False while a remote ticket's holder has not checked in where the office requires it: the policy skips it. */
  present?: boolean;
  /** The booking a checked-in ticket came from. */
  bookingId?: string | null;
}

export interface TicketEvent {
  ticketId: string;
  type: TicketEventType;
  at: Date;
  /** User or device id that caused it (null for the system, e.g. expiry). */
  actorId: string | null;
  counterId: string | null;
  serviceId: string;
  category: TicketCategory;
  data?: Record<string, unknown>;
}

export interface AgentEvent {
  agentId: string;
  counterId: string;
  type: AgentEventType;
  at: Date;
  reason: PauseReason | null;
}

/** The injected clock. Tests pass a fake one; nothing in the domain reads Date.now(). */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
