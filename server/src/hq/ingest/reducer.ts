/**
 * Turns one office's outbox events, in sequence order, into changes of the derived
 * tables: per-ticket facts, agent states, and aggregate deltas. Pure: the caller loads
 * the rows the events touch, calls `reduceEvents`, and writes what comes back. Ingest and
 * rebuild both go through here, so a rebuild gives exactly what ingest built.
 *
 * Counting rules (documented for the dashboard):
 * - Every figure of a ticket counts in the bucket of its issue: the office-local day of
 *   its number and the local hour it was issued, under the service it was issued for.
 * - Wait = first call - issue (office clock; recalls and transfers do not restart it).
 * - Service time = finish - last start (or last call when never started).
 * - Walkout = cancelled or expired before any call. No-show rate uses first calls.
 * - Agent time: signed in from signed_in to signed_out (pauses included), paused from
 *   paused to resumed/signed_out, serving from a ticket's start to its finish/transfer.
 */
import type { OutboxEnvelope, TicketFact, AgentFact } from '@turnero/contract/outbox';
import { addSumsInto, emptySums, type AggSums } from '../agg-sums';
import { bucketOf } from '../buckets';
import { localSlot, splitByLocalHour } from '../local-hours';
import { ratingRow, type RatingRow } from './rating-rows';
import { BookingDays, type BookingDayDelta } from './booking-days';

export interface TicketRow {
  ticketId: string;
  serviceCode: string;
  category: string;
  day: string;
  hour: number;
  targetWaitSeconds: number;
  status: string;
  issuedAt: Date | null;
  firstCalledAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  waitSeconds: number | null;
  serviceSeconds: number | null;
  counterId: string | null;
  agentId: string | null;
}

export interface AgentRow {
  agentId: string;
  counterId: string;
  /** signed_out | idle | paused */
  state: string;
  since: Date;
}

export interface AggDelta extends AggSums {
  serviceCode: string;
  day: string;
  hour: number;
}

export interface AgentHourDelta {
  day: string;
  hour: number;
  signedInSeconds: number;
  pausedSeconds: number;
  servingSeconds: number;
}

export interface ServiceInfo {
  serviceCode: string;
  name: string;
  targetWaitMinutes: number;
  /** The catalogue code the office linked it to; null: a local service (or an office not yet linked). */
  catalogCode: string | null;
}

/** An event as the reducer needs it (from a batch, or read back from hq_event). */
export interface ReducibleEvent {
  seq: number;
  occurredAt: Date;
  fact: OutboxEnvelope['fact'];
}

interface ReduceState {
  /** Tickets touched by the events, as stored before them (missing = unknown). */
  tickets: Map<string, TicketRow>;
  agents: Map<string, AgentRow>;
}

interface ReduceResult {
  tickets: TicketRow[];
  agents: AgentRow[];
  aggHour: AggDelta[];
  agentHour: AgentHourDelta[];
  services: ServiceInfo[];
  /** Customers' ratings (written once per ticket: a repeat keeps the first). */
  ratings: RatingRow[];
  /** Self-service documents printed at the kiosks (issue 16), counted per office-local day and kind. */
  selfServiceDays: SelfServiceDayDelta[];
  /** Booking figures (issue 14) per office-local day of the slot and service. */
  bookingDays: BookingDayDelta[];
}

export interface SelfServiceDayDelta {
  day: string;
  kind: string;
  count: number;
}

function emptyAgg(serviceCode: string, day: string, hour: number): AggDelta {
  return { serviceCode, day, hour, ...emptySums() };
}

/**
 * The longest wait, service or agent span counted (a week). An office whose clock jumped
 * (an event in 1970, the next in 2100) would otherwise overflow the figures' integer
 * columns and spread one span over a million hours; its batch must still be taken, or
 * the office resends it forever. Head office records the office's clock skew.
 */
export const MAX_SPAN_SECONDS = 7 * 24 * 3600;

const seconds = (from: Date, to: Date) => Math.min(MAX_SPAN_SECONDS, Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)));

export function reduceEvents(state: ReduceState, events: readonly ReducibleEvent[], timeZone: string): ReduceResult {
  const changedTickets = new Map<string, TicketRow>();
  const changedAgents = new Map<string, AgentRow>();
  const aggs = new Map<string, AggDelta>();
  const agentHours = new Map<string, AgentHourDelta>();
  const services = new Map<string, ServiceInfo>();
  const ratings: RatingRow[] = [];
  const selfServiceDays = new Map<string, SelfServiceDayDelta>();
  const bookingDays = new BookingDays();
  const countSelfService = (day: string, kind: string) => {
    const key = `${day}|${kind}`;
    const d = selfServiceDays.get(key) ?? { day, kind, count: 0 };
    d.count++;
    selfServiceDays.set(key, d);
  };

  const aggFor = (t: TicketRow): AggDelta => {
    const key = `${t.serviceCode}|${t.day}|${t.hour}`;
    let a = aggs.get(key);
    if (!a) aggs.set(key, (a = emptyAgg(t.serviceCode, t.day, t.hour)));
    return a;
  };

  const addAgentTime = (from: Date, to: Date, field: 'signedInSeconds' | 'pausedSeconds' | 'servingSeconds') => {
    const earliest = new Date(to.getTime() - MAX_SPAN_SECONDS * 1000);
    for (const slice of splitByLocalHour(from < earliest ? earliest : from, to, timeZone)) {
      const key = `${slice.day}|${slice.hour}`;
      let d = agentHours.get(key);
      if (!d) {
        d = { day: slice.day, hour: slice.hour, signedInSeconds: 0, pausedSeconds: 0, servingSeconds: 0 };
        agentHours.set(key, d);
      }
      d[field] += slice.seconds;
    }
  };

  const applyTicket = (fact: TicketFact, at: Date) => {
    services.set(fact.serviceCode, {
      serviceCode: fact.serviceCode,
      name: fact.serviceName,
      targetWaitMinutes: fact.targetWaitMinutes,
      catalogCode: fact.catalogCode ?? null,
    });
    let t = state.tickets.get(fact.ticketId);
    if (!t) {
      // First sight of the ticket. Normally its `issued` event; otherwise (a history that
      // starts mid-ticket) a stub with no issue time, so no wait is invented for it.
      t = {
        ticketId: fact.ticketId,
        serviceCode: fact.serviceCode,
        category: fact.category,
        day: fact.day,
        hour: localSlot(at, timeZone).hour,
        targetWaitSeconds: fact.targetWaitMinutes * 60,
        status: 'waiting',
        issuedAt: null,
        firstCalledAt: null,
        startedAt: null,
        finishedAt: null,
        waitSeconds: null,
        serviceSeconds: null,
        counterId: null,
        agentId: null,
      };
      state.tickets.set(fact.ticketId, t);
    }
    changedTickets.set(t.ticketId, t);
    const agg = aggFor(t);
    if (fact.counterId !== null) t.counterId = fact.counterId;
    if (fact.agentId !== null) t.agentId = fact.agentId;

    switch (fact.event) {
      case 'issued':
        if (t.issuedAt === null) {
          t.issuedAt = at;
          agg.issued += 1;
        }
        break;
      case 'called':
      case 'recalled':
        if (t.firstCalledAt === null) {
          t.firstCalledAt = at;
          agg.called += 1;
          if (t.issuedAt !== null) {
            const wait = seconds(t.issuedAt, at);
            t.waitSeconds = wait;
            agg.waitCount += 1;
            agg.waitSum += wait;
            agg.waitHist[bucketOf(wait)] += 1;
            if (wait <= t.targetWaitSeconds) agg.withinTarget += 1;
          }
        }
        t.status = 'called';
        break;
      case 'started':
        t.startedAt = at;
        t.status = 'serving';
        break;
      case 'finished': {
        if (t.status === 'done') break;
        const from = t.startedAt ?? t.firstCalledAt;
        const service = from ? seconds(from, at) : 0;
        if (from) addAgentTime(from, at, 'servingSeconds');
        t.finishedAt = at;
        t.serviceSeconds = service;
        t.status = 'done';
        agg.served += 1;
        agg.serviceCount += 1;
        agg.serviceSum += service;
        agg.serviceHist[bucketOf(service)] += 1;
        break;
      }
      case 'no_show':
        t.status = 'no_show';
        agg.noShows += 1;
        break;
      case 'transferred':
        // Back in a queue; the time already spent serving counts for the agent.
        if (t.startedAt) addAgentTime(t.startedAt, at, 'servingSeconds');
        t.startedAt = null;
        t.status = 'waiting';
        break;
      case 'cancelled':
        t.status = 'cancelled';
        agg.cancelled += 1;
        if (t.firstCalledAt === null) agg.walkouts += 1;
        break;
      case 'expired':
        t.status = 'expired';
        agg.expired += 1;
        if (t.firstCalledAt === null) agg.walkouts += 1;
        break;
    }
  };

  const applyAgent = (fact: AgentFact, at: Date) => {
    let a = state.agents.get(fact.agentId);
    if (a && a.state !== 'signed_out' && at > a.since) {
      addAgentTime(a.since, at, 'signedInSeconds');
      if (a.state === 'paused') addAgentTime(a.since, at, 'pausedSeconds');
    }
    const next = { signed_in: 'idle', resumed: 'idle', paused: 'paused', signed_out: 'signed_out' }[fact.event];
    a = { agentId: fact.agentId, counterId: fact.counterId, state: next, since: at };
    state.agents.set(fact.agentId, a);
    changedAgents.set(fact.agentId, a);
  };

  for (const e of events) {
    if (e.fact.kind === 'ticket') applyTicket(e.fact, e.occurredAt);
    else if (e.fact.kind === 'rating') ratings.push(ratingRow(e.fact, e.occurredAt, timeZone));
    else if (e.fact.kind === 'self_service') countSelfService(e.fact.day, e.fact.event);
    else if (e.fact.kind === 'booking') bookingDays.add(e.fact);
    else applyAgent(e.fact, e.occurredAt);
  }

  return {
    tickets: [...changedTickets.values()],
    agents: [...changedAgents.values()],
    aggHour: [...aggs.values()],
    agentHour: [...agentHours.values()],
    services: [...services.values()],
    ratings,
    selfServiceDays: [...selfServiceDays.values()],
    bookingDays: bookingDays.deltas(),
  };
}

/** Folds hourly deltas into daily ones (same figures, hour dropped). */
export function toDayDeltas(hourly: readonly AggDelta[]): AggDelta[] {
  const days = new Map<string, AggDelta>();
  for (const h of hourly) {
    const key = `${h.serviceCode}|${h.day}`;
    let d = days.get(key);
    if (!d) days.set(key, (d = emptyAgg(h.serviceCode, h.day, -1)));
    addSumsInto(d, h);
  }
  return [...days.values()];
}
