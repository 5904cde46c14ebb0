/**
 * Figures computed from the event log only, so the office and head office get the same
 * numbers from the same events and can rebuild them at any time.
 *
 * Definitions (see shared notes, domain.md):
 *  - wait = first 'called' - 'issued'. Tickets never called are not in the wait
 *    distribution; those still waiting count in `waiting`.
 *  - service time = 'finished' - the 'started' before it.
 *  - served = 'finished' events; noShows = 'no_show'; cancelled = 'cancelled'.
 *  - withinTargetShare = of the tickets with a wait, the share whose wait <= the target
 *    of the service they were issued for (tickets of a service with no target, or one
 *    missing from `services`, are left out of the share).
 *  - waiting = tickets whose last event leaves them waiting (issued, or transferred).
 * Transferred tickets count "where their events say": every figure goes to the serviceId
 * carried by the event that defines it. `issued` goes to the service of issue; the wait
 * to the service of the first call (after a transfer before any call, the new service);
 * served, no-shows and cancellations to the service at that moment; `waiting` to the
 * service the ticket waits for now.
 * Events after `now` are ignored; durations are in seconds (not rounded), never negative.
 */
import { AppError } from './errors';
import type { AgentEvent, Service, TicketEvent } from './types';

/**
 * Nearest-rank percentile of an ascending array: the smallest value such that at least
 * p% of the values are <= it (p in 0..100; p = 0 gives the minimum). Null when empty.
 * Nearest-rank always returns a value that really occurred (a real customer's wait).
 */
export function percentile(sorted: number[], p: number): number | null {
  if (!(p >= 0 && p <= 100)) throw new AppError('validation_failed', `Percentile must be 0-100, got ${p}`);
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1];
}

/** Median of unsorted values: the middle one, or the mean of the two middle ones. Null when empty. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export interface ServiceFigures {
  serviceId: string;
  issued: number;
  served: number;
  waiting: number;
  noShows: number;
  cancelled: number;
  waitMedianSeconds: number | null;
  waitP90Seconds: number | null;
  serviceMedianSeconds: number | null;
  withinTargetShare: number | null;
}

interface Accumulator {
  issued: number;
  served: number;
  waiting: number;
  noShows: number;
  cancelled: number;
  waits: number[];
  serviceTimes: number[];
  withinTarget: number;
  withTarget: number;
}

const newAccumulator = (): Accumulator => ({
  issued: 0,
  served: 0,
  waiting: 0,
  noShows: 0,
  cancelled: 0,
  waits: [],
  serviceTimes: [],
  withinTarget: 0,
  withTarget: 0,
});

const seconds = (fromMs: number, toMs: number) => Math.max(0, toMs - fromMs) / 1000;

/** Events up to `now`, grouped per ticket, each group in time order (stable for equal times). */
function eventsPerTicket(events: TicketEvent[], now: Date): Map<string, TicketEvent[]> {
  const limit = now.getTime();
  const byTicket = new Map<string, TicketEvent[]>();
  for (const e of events) {
    if (e.at.getTime() > limit) continue;
    let list = byTicket.get(e.ticketId);
    if (!list) byTicket.set(e.ticketId, (list = []));
    list.push(e);
  }
  for (const list of byTicket.values()) list.sort((a, b) => a.at.getTime() - b.at.getTime());
  return byTicket;
}

const LEAVES_WAITING = new Set<TicketEvent['type']>(['issued', 'transferred']);

/** Replays every ticket once and adds its figures to the accumulator `keyOf` picks. */
function accumulate(
  events: TicketEvent[],
  services: Service[],
  now: Date,
  keyOf: (serviceId: string) => string,
): Map<string, Accumulator> {
  const targetOf = new Map(services.map((s) => [s.id, s.targetWaitMinutes]));
  const acc = new Map<string, Accumulator>();
  const get = (serviceId: string) => {
    const key = keyOf(serviceId);
    let a = acc.get(key);
    if (!a) acc.set(key, (a = newAccumulator()));
    return a;
  };

  for (const list of eventsPerTicket(events, now).values()) {
    let issuedAt: number | null = null;
    let issuedServiceId: string | null = null;
    let calledOnce = false;
    let startedAt: number | null = null;
    for (const e of list) {
      const at = e.at.getTime();
      switch (e.type) {
        case 'issued':
          issuedAt = at;
          issuedServiceId = e.serviceId;
          get(e.serviceId).issued += 1;
          break;
        case 'called':
          if (!calledOnce && issuedAt !== null) {
            const wait = seconds(issuedAt, at);
            const a = get(e.serviceId);
            a.waits.push(wait);
            const target = issuedServiceId === null ? undefined : targetOf.get(issuedServiceId);
            if (target !== undefined && target > 0) {
              a.withTarget += 1;
              if (wait <= target * 60) a.withinTarget += 1;
            }
          }
          calledOnce = true;
          break;
        case 'started':
          startedAt = at;
          break;
        case 'finished':
          get(e.serviceId).served += 1;
          if (startedAt !== null) get(e.serviceId).serviceTimes.push(seconds(startedAt, at));
          startedAt = null;
          break;
        case 'transferred':
          startedAt = null;
          break;
        case 'no_show':
          get(e.serviceId).noShows += 1;
          break;
        case 'cancelled':
          get(e.serviceId).cancelled += 1;
          break;
      }
    }
    const last = list[list.length - 1];
    if (last && LEAVES_WAITING.has(last.type)) get(last.serviceId).waiting += 1;
  }
  return acc;
}

function figuresOf(a: Accumulator): Omit<ServiceFigures, 'serviceId'> {
  const waits = [...a.waits].sort((x, y) => x - y);
  return {
    issued: a.issued,
    served: a.served,
    waiting: a.waiting,
    noShows: a.noShows,
    cancelled: a.cancelled,
    waitMedianSeconds: median(waits),
    waitP90Seconds: percentile(waits, 90),
    serviceMedianSeconds: median(a.serviceTimes),
    withinTargetShare: a.withTarget === 0 ? null : a.withinTarget / a.withTarget,
  };
}

/**
 * Figures per service: every service in `services` (in that order, zeros when idle), then
 * any other service id found in the events (sorted), so totals always add up.
 */
export function computeServiceFigures(events: TicketEvent[], services: Service[], now: Date): ServiceFigures[] {
  const acc = accumulate(events, services, now, (id) => id);
  const known = services.map((s) => s.id);
  const knownSet = new Set(known);
  const extra = [...acc.keys()].filter((id) => !knownSet.has(id)).sort();
  return [...known, ...extra].map((serviceId) => ({
    serviceId,
    ...figuresOf(acc.get(serviceId) ?? newAccumulator()),
  }));
}

/** The same figures for all services together (medians over all tickets, not a mean of medians). */
export function totalFigures(events: TicketEvent[], services: Service[], now: Date): Omit<ServiceFigures, 'serviceId'> {
  const acc = accumulate(events, services, now, () => '*');
  return figuresOf(acc.get('*') ?? newAccumulator());
}

export interface AgentFigures {
  agentId: string;
  served: number;
  noShows: number;
  serviceMedianSeconds: number | null;
  servingSeconds: number;
  pausedSeconds: number;
  signedInSeconds: number;
  utilisation: number | null;
}

interface AgentAccumulator {
  served: number;
  noShows: number;
  serviceTimes: number[];
  servingMs: number;
  pausedMs: number;
  signedInMs: number;
}

/**
 * Figures per agent (sorted by id), from ticket and agent events up to `now`.
 *  - served, noShows and the service-time median go to the actor of the 'finished' /
 *    'no_show' event; servingSeconds to the actor of the 'started' event, from it to the
 *    'finished' or 'transferred' that ends it (still serving: until `now`).
 *  - signedInSeconds: signed_in..signed_out (a second signed_in while signed in is the
 *    same session; still signed in: until `now`). pausedSeconds: paused..resumed, a pause
 *    also ends at signed_out (still paused: until `now`).
 *  - utilisation = servingSeconds / (signedInSeconds - pausedSeconds); null when that is 0.
 */
export function computeAgentFigures(ticketEvents: TicketEvent[], agentEvents: AgentEvent[], now: Date): AgentFigures[] {
  const limit = now.getTime();
  const acc = new Map<string, AgentAccumulator>();
  const get = (agentId: string) => {
    let a = acc.get(agentId);
    if (!a) acc.set(agentId, (a = { served: 0, noShows: 0, serviceTimes: [], servingMs: 0, pausedMs: 0, signedInMs: 0 }));
    return a;
  };

  for (const list of eventsPerTicket(ticketEvents, now).values()) {
    let open: { agentId: string | null; at: number } | null = null;
    const close = (at: number) => {
      if (open?.agentId) get(open.agentId).servingMs += Math.max(0, at - open.at);
      open = null;
    };
    for (const e of list) {
      const at = e.at.getTime();
      if (e.type === 'started') {
        close(at);
        open = { agentId: e.actorId, at };
      } else if (e.type === 'finished') {
        if (e.actorId) {
          const a = get(e.actorId);
          a.served += 1;
          if (open) a.serviceTimes.push(seconds(open.at, at));
        }
        close(at);
      } else if (e.type === 'transferred') {
        close(at);
      } else if (e.type === 'no_show' && e.actorId) {
        get(e.actorId).noShows += 1;
      }
    }
    close(limit);
  }

  const sessions = new Map<string, { signedInAt: number | null; pausedAt: number | null }>();
  const sorted = agentEvents.filter((e) => e.at.getTime() <= limit).sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const e of sorted) {
    const at = e.at.getTime();
    const a = get(e.agentId);
    let s = sessions.get(e.agentId);
    if (!s) sessions.set(e.agentId, (s = { signedInAt: null, pausedAt: null }));
    const endPause = () => {
      if (s!.pausedAt !== null) a.pausedMs += at - s!.pausedAt;
      s!.pausedAt = null;
    };
    switch (e.type) {
      case 'signed_in':
        if (s.signedInAt === null) s.signedInAt = at;
        break;
      case 'paused':
        if (s.signedInAt !== null && s.pausedAt === null) s.pausedAt = at;
        break;
      case 'resumed':
        endPause();
        break;
      case 'signed_out':
        endPause();
        if (s.signedInAt !== null) a.signedInMs += at - s.signedInAt;
        s.signedInAt = null;
        break;
    }
  }
  for (const [agentId, s] of sessions) {
    const a = get(agentId);
    if (s.pausedAt !== null) a.pausedMs += limit - s.pausedAt;
    if (s.signedInAt !== null) a.signedInMs += limit - s.signedInAt;
  }

  return [...acc.entries()]
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))
    .map(([agentId, a]) => {
      const available = a.signedInMs - a.pausedMs;
      return {
        agentId,
        served: a.served,
        noShows: a.noShows,
        serviceMedianSeconds: median(a.serviceTimes),
        servingSeconds: a.servingMs / 1000,
        pausedSeconds: a.pausedMs / 1000,
        signedInSeconds: a.signedInMs / 1000,
        utilisation: available > 0 ? a.servingMs / available : null,
      };
    });
}
