/**
 * What an office sends head office: its outbox events, numbered by a gapless per-office
 * sequence. No personal data: no customer ID numbers, no names; agents by id only.
 * Times are the office's own clock (ISO-8601 UTC); `day` and `hour` are office-local.
 */
import { z } from 'zod';
import {
  AGENT_EVENT_TYPES,
  PAUSE_REASONS,
  TICKET_CATEGORIES,
  TICKET_EVENT_TYPES,
} from '@turnero/domain/types';
import { BookingFact } from './booking-figures';
import { RatingFact } from './ratings';
import { SelfServiceFact } from './self-service';

export const TicketFact = z.object({
  kind: z.literal('ticket'),
  ticketId: z.string().min(1).max(64),
  event: z.enum(TICKET_EVENT_TYPES),
  /** Office-local day of the ticket's number, YYYY-MM-DD. */
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  serviceCode: z.string().min(1).max(3),
  /**
   * The group catalogue's code of the service (e.g. "FACT") when head office's configuration
   * linked it; absent or null for a local service. Head office groups figures by it, so one
   * service lines up across offices whatever its letter.
   */
  catalogCode: z.string().regex(/^[A-Z][A-Z0-9_]{1,15}$/).nullable().optional(),
  serviceName: z.string().max(120),
  targetWaitMinutes: z.number().int().min(0).max(1440),
  category: z.enum(TICKET_CATEGORIES),
  counterId: z.string().max(64).nullable(),
  agentId: z.string().max(64).nullable(),
  /** For transfers: the service the ticket moved to. */
  toServiceCode: z.string().max(3).nullable().optional(),
});
export type TicketFact = z.infer<typeof TicketFact>;

export const AgentFact = z.object({
  kind: z.literal('agent'),
  agentId: z.string().min(1).max(64),
  counterId: z.string().max(64),
  event: z.enum(AGENT_EVENT_TYPES),
  reason: z.enum(PAUSE_REASONS).nullable(),
});
export type AgentFact = z.infer<typeof AgentFact>;

export const OutboxEnvelope = z.object({
  /** Gapless per office, starting at 1. */
  seq: z.number().int().positive(),
  /** When it happened, on the office's clock. */
  occurredAt: z.string().datetime(),
  fact: z.discriminatedUnion('kind', [TicketFact, AgentFact, RatingFact, SelfServiceFact, BookingFact]),
});
export type OutboxEnvelope = z.infer<typeof OutboxEnvelope>;

export const IngestBatch = z.object({
  officeCode: z.string().min(1).max(32),
  /** The office's clock when it sent the batch (head office compares it to its own: skew). */
  sentAt: z.string().datetime(),
  /** The office's IANA time zone (head office keeps it current). */
  timeZone: z.string().max(64).optional(),
  events: z.array(OutboxEnvelope).max(5000),
});
export type IngestBatch = z.infer<typeof IngestBatch>;

export const IngestResult = z.object({
  /** Highest sequence head office holds for this office after this batch. */
  ackedSeq: z.number().int(),
  applied: z.number().int(),
  duplicates: z.number().int(),
  clockSkewMs: z.number(),
});
export type IngestResult = z.infer<typeof IngestResult>;
