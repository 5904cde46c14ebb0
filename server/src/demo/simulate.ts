/**
 * The demo's traffic generator: a pure, seeded discrete-event simulation of one office's
 * day (arrivals by hour and weekday, a calling policy like the office's, service times per
 * service, preferential share, walkouts, no-shows, agents signing in and pausing), turned
 * into the outbox events an office sends head office. No I/O, no clock: the caller passes
 * the instant after which nothing has happened yet.
 */
import type { AgentFact, OutboxEnvelope, TicketFact } from '@turnero/contract/outbox';
import type { PauseReason, TicketCategory, TicketEventType } from '@turnero/domain/types';
import { AFTER_HOLIDAY_FACTOR, isPublicHoliday, trendFactor } from './calendar';
import { TimeHeap } from './heap';
import type { DemoOffice, DemoService } from './offices';
import { Rng } from './prng';
import { addDays, daysEndingWith, localDay, localMidnightUtc, weekday } from './zoned-time';

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Share of customers who take a preferential ticket (older adults, pregnant women, ...). */
const PREFERENTIAL_SHARE = 0.12;
/** Preferential tickets called per general one when both wait (the office's default policy). */
const PREFERENTIAL_PER_GENERAL = 2;
/** Kiosk closes at `close`; agents keep serving the queue, then expire what is left. */
const HARD_STOP_AFTER_CLOSE = 75 * MIN;

const WEEKDAY_FACTOR = [0, 1.2, 1.05, 1, 0.97, 1.08, 0.45];
/**
 * Weekday x hour: Mondays come early (the weekend's errands), Fridays late. The hour's weight
 * is tilted linearly from 1 + tilt at opening to 1 - tilt at closing.
 */
const WEEKDAY_HOUR_TILT = [0, 0.3, 0.1, 0, 0, -0.25, 0];

interface OpeningHours {
  openHour: number;
  /** Relative arrivals per opening hour, first entry = openHour. */
  hourWeights: number[];
}

const WEEKDAY_HOURS: OpeningHours = { openHour: 7, hourWeights: [0.7, 1.35, 1.45, 1.3, 1.1, 0.85, 0.8, 1.05, 0.95, 0.6] };

/** A weekday's opening hours: [open, close) in local hours. */
export const WEEKDAY_OPENING = { openHour: WEEKDAY_HOURS.openHour, closeHour: WEEKDAY_HOURS.openHour + WEEKDAY_HOURS.hourWeights.length };

/**
 * The shape of a weekday's arrivals: relative rate at a local hour (fractional), 1 on
 * average over the opening hours, peaks mid-morning, 0 while closed. The head-office
 * generator draws each hour's arrivals with it; the live demo office paces its customers by it.
 */
export function weekdayArrivalWeight(localHour: number): number {
  const i = Math.floor(localHour) - WEEKDAY_HOURS.openHour;
  if (i < 0 || i >= WEEKDAY_HOURS.hourWeights.length) return 0;
  const mean = WEEKDAY_HOURS.hourWeights.reduce((a, b) => a + b, 0) / WEEKDAY_HOURS.hourWeights.length;
  return WEEKDAY_HOURS.hourWeights[i] / mean;
}

/** The busiest hour's weight (see weekdayArrivalWeight): the ceiling a thinned Poisson process draws under. */
export const WEEKDAY_PEAK_WEIGHT = Math.max(...WEEKDAY_HOURS.hourWeights.map((_, i) => weekdayArrivalWeight(WEEKDAY_HOURS.openHour + i)));
const SATURDAY_HOURS: OpeningHours = { openHour: 8, hourWeights: [1.1, 1.3, 1.1, 0.7] };

export interface SimulatedEvent {
  /** Instant on the office's clock, ms since epoch. */
  at: number;
  fact: TicketFact | AgentFact;
}

interface SimTicket {
  id: string;
  service: DemoService;
  category: TicketCategory;
  issuedAt: number;
  patienceMs: number;
  state: 'waiting' | 'called' | 'gone';
}

interface SimCounter {
  id: string;
  agentId: string;
  serves: Set<string>;
  speed: number;
  state: 'out' | 'idle' | 'busy' | 'paused';
  pendingPause: { reason: PauseReason; durationMs: number } | null;
  preferentialStreak: number;
}

type Wake =
  | { kind: 'arrive'; ticket: SimTicket }
  | { kind: 'walkout'; ticket: SimTicket }
  | { kind: 'signIn'; counter: SimCounter }
  | { kind: 'pause'; counter: SimCounter; reason: PauseReason; durationMs: number }
  | { kind: 'resume'; counter: SimCounter }
  | { kind: 'free'; counter: SimCounter }
  | { kind: 'close' }
  | { kind: 'hardStop' };

export interface SimulateOptions {
  seed: number | string;
  /** Nothing after this instant (ms) has happened yet: later events are left out. */
  endAt?: number;
  /** Multiplies the office's traffic (1 = as planned). */
  trafficScale?: number;
}

/** Simulates one office-local day; events come back in time order (no sequence numbers yet). */
export function simulateOfficeDay(office: DemoOffice, day: string, options: SimulateOptions): SimulatedEvent[] {
  const dow = weekday(day);
  // Closed on Sundays and on the country's public holidays.
  if (dow === 0 || isPublicHoliday(office, day)) return [];
  const hours = dow === 6 ? SATURDAY_HOURS : WEEKDAY_HOURS;
  const rng = new Rng(`${options.seed}:${office.code}:${day}`);
  const midnight = localMidnightUtc(day, office.timeZone);
  const openAt = midnight + hours.openHour * HOUR;
  const closeAt = openAt + hours.hourWeights.length * HOUR;
  const nextMidnight = localMidnightUtc(addDays(day, 1), office.timeZone);

  const events: { at: number; order: number; fact: TicketFact | AgentFact }[] = [];
  const emit = (at: number, fact: TicketFact | AgentFact) => events.push({ at: Math.round(at), order: events.length, fact });
  const heap = new TimeHeap<Wake>();
  const queue: SimTicket[] = [];
  let closed = false;
  let hardStopped = false;

  const counters = staffCounters(office, day, options.seed, rng);
  scheduleAgents(counters, heap, rng, openAt, dow === 6);
  const calendar = trendFactor(office, day, options.seed) * (isPublicHoliday(office, addDays(day, -1)) ? AFTER_HOLIDAY_FACTOR : 1);
  scheduleArrivals(office, day, hours, openAt, rng, (options.trafficScale ?? 1) * calendar).forEach((t) =>
    heap.push(t.issuedAt, { kind: 'arrive', ticket: t }),
  );
  heap.push(closeAt, { kind: 'close' });
  heap.push(closeAt + HARD_STOP_AFTER_CLOSE, { kind: 'hardStop' });

  const ticketFact = (t: SimTicket, event: TicketEventType, counter: SimCounter | null): TicketFact => ({
    kind: 'ticket',
    ticketId: t.id,
    event,
    day,
    serviceCode: t.service.code,
    serviceName: t.service.nameEs,
    targetWaitMinutes: t.service.targetWaitMinutes,
    category: t.category,
    counterId: counter?.id ?? null,
    agentId: counter?.agentId ?? null,
  });
  const agentFact = (c: SimCounter, event: AgentFact['event'], reason: PauseReason | null = null): AgentFact => ({
    kind: 'agent',
    agentId: c.agentId,
    counterId: c.id,
    event,
    reason,
  });

  const signOut = (c: SimCounter, now: number) => {
    if (c.state === 'out') return;
    c.state = 'out';
    emit(now, agentFact(c, 'signed_out'));
  };
  const startPause = (c: SimCounter, now: number, reason: PauseReason, durationMs: number) => {
    c.state = 'paused';
    emit(now, agentFact(c, 'paused', reason));
    heap.push(now + durationMs, { kind: 'resume', counter: c });
  };

  const pickFor = (c: SimCounter, now: number): SimTicket | undefined => {
    // The queue is in issue order, so the first match of each rule is the oldest.
    const eligible = queue.filter((t) => c.serves.has(t.service.code));
    const overdue = eligible.find((t) => now - t.issuedAt > t.service.targetWaitMinutes * MIN);
    const preferential = eligible.find((t) => t.category === 'preferential');
    const general = eligible.find((t) => t.category === 'general');
    const chosen =
      overdue ??
      (preferential && (c.preferentialStreak < PREFERENTIAL_PER_GENERAL || !general) ? preferential : general);
    if (chosen) c.preferentialStreak = chosen.category === 'preferential' ? c.preferentialStreak + 1 : 0;
    return chosen;
  };

  const serve = (c: SimCounter, t: SimTicket, now: number) => {
    queue.splice(queue.indexOf(t), 1);
    t.state = 'called';
    c.state = 'busy';
    emit(now, ticketFact(t, 'called', c));
    const waitedMinutes = (now - t.issuedAt) / MIN;
    // People who waited long are more likely to have gone by the time they are called.
    const noShow = rng.chance(0.025 + Math.min(0.12, (waitedMinutes / 60) * 0.08));
    if (noShow) {
      const recallAt = now + rng.between(60, 120) * 1000;
      const noShowAt = recallAt + rng.between(60, 120) * 1000;
      emit(recallAt, ticketFact(t, 'recalled', c));
      emit(noShowAt, ticketFact(t, 'no_show', c));
      heap.push(noShowAt + 5000, { kind: 'free', counter: c });
      return;
    }
    const startedAt = now + rng.between(15, 75) * 1000;
    const serviceMs = Math.min(3600, Math.max(30, rng.logNormal(t.service.serviceMedianSeconds * c.speed, 0.55))) * 1000;
    emit(startedAt, ticketFact(t, 'started', c));
    emit(startedAt + serviceMs, ticketFact(t, 'finished', c));
    heap.push(startedAt + serviceMs + rng.between(10, 40) * 1000, { kind: 'free', counter: c });
  };

  const dispatch = (c: SimCounter, now: number) => {
    if (c.state !== 'idle') return;
    if (hardStopped) return signOut(c, now);
    const next = pickFor(c, now);
    if (next) serve(c, next, now);
    else if (closed) signOut(c, now);
  };

  for (let wake = heap.pop(); wake; wake = heap.pop()) {
    const now = wake.at;
    const w = wake.value;
    switch (w.kind) {
      case 'arrive': {
        queue.push(w.ticket);
        emit(now, ticketFact(w.ticket, 'issued', null));
        if (Number.isFinite(w.ticket.patienceMs)) heap.push(now + w.ticket.patienceMs, { kind: 'walkout', ticket: w.ticket });
        for (const c of counters) {
          if (w.ticket.state !== 'waiting') break;
          dispatch(c, now);
        }
        break;
      }
      case 'walkout':
        if (w.ticket.state === 'waiting') {
          queue.splice(queue.indexOf(w.ticket), 1);
          w.ticket.state = 'gone';
          emit(now, ticketFact(w.ticket, 'cancelled', null));
        }
        break;
      case 'signIn':
        if (hardStopped || closed) break;
        w.counter.state = 'idle';
        emit(now, agentFact(w.counter, 'signed_in'));
        dispatch(w.counter, now);
        break;
      case 'pause':
        if (w.counter.state === 'idle') startPause(w.counter, now, w.reason, w.durationMs);
        else if (w.counter.state === 'busy') w.counter.pendingPause = { reason: w.reason, durationMs: w.durationMs };
        break;
      case 'resume':
        if (w.counter.state !== 'paused') break;
        w.counter.state = 'idle';
        emit(now, agentFact(w.counter, 'resumed'));
        dispatch(w.counter, now);
        break;
      case 'free': {
        const c = w.counter;
        c.state = 'idle';
        const pause = c.pendingPause;
        c.pendingPause = null;
        if (pause && !closed) startPause(c, now, pause.reason, pause.durationMs);
        else dispatch(c, now);
        break;
      }
      case 'close':
        closed = true;
        counters.forEach((c) => dispatch(c, now));
        break;
      case 'hardStop':
        hardStopped = true;
        for (const c of counters) if (c.state === 'idle' || c.state === 'paused') signOut(c, now);
        // Whatever is still waiting expires at the office's midnight (the end-of-day job).
        for (const t of queue.splice(0)) {
          t.state = 'gone';
          emit(nextMidnight, ticketFact(t, 'expired', null));
        }
        break;
    }
  }

  const endAt = options.endAt ?? Number.POSITIVE_INFINITY;
  return events
    .filter((e) => e.at <= endAt)
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ at, fact }) => ({ at, fact }));
}

/** Which counters are staffed today (a few agents are absent), with their services and pace. */
function staffCounters(office: DemoOffice, day: string, seed: number | string, rng: Rng): SimCounter[] {
  const paceRng = new Rng(`${seed}:${office.code}:agents`);
  const all = Array.from({ length: office.counters }, (_, i) => {
    const specialised = office.counters >= 6 && i === 0;
    const serves = office.services.filter((s) => !specialised || s.code === 'B' || s.code === 'C').map((s) => s.code);
    return {
      id: `m${i + 1}`,
      agentId: `${office.code.toLowerCase()}-a${i + 1}`,
      serves: new Set(serves.length > 0 ? serves : office.services.map((s) => s.code)),
      speed: paceRng.logNormal(1, 0.15),
      state: 'out' as const,
      pendingPause: null,
      preferentialStreak: 0,
    } satisfies SimCounter as SimCounter;
  });
  const present = all.filter(() => !rng.chance(0.06));
  return present.length >= Math.min(2, all.length) ? present : all.slice(0, 2);
}

function scheduleAgents(counters: SimCounter[], heap: TimeHeap<Wake>, rng: Rng, openAt: number, saturday: boolean): void {
  counters.forEach((c, i) => {
    const late = rng.chance(0.1);
    heap.push(openAt + (late ? rng.between(5, 25) : -rng.between(2, 12)) * MIN, { kind: 'signIn', counter: c });
    if (saturday) return;
    const lunchAt = openAt + (i % 2 === 0 ? 5 : 6) * HOUR + rng.between(0, 10) * MIN;
    heap.push(lunchAt, { kind: 'pause', counter: c, reason: 'lunch', durationMs: rng.between(45, 60) * MIN });
    if (rng.chance(0.25)) {
      heap.push(openAt + rng.between(7, 8.5) * HOUR, {
        kind: 'pause',
        counter: c,
        reason: 'back_office',
        durationMs: rng.between(10, 25) * MIN,
      });
    }
    if (rng.chance(0.03)) {
      heap.push(openAt + rng.between(2, 3) * HOUR, { kind: 'pause', counter: c, reason: 'training', durationMs: rng.between(30, 60) * MIN });
    }
  });
}

function scheduleArrivals(
  office: DemoOffice,
  day: string,
  hours: OpeningHours,
  openAt: number,
  rng: Rng,
  trafficScale: number,
): SimTicket[] {
  const dayOfMonth = Number(day.slice(8, 10));
  // Bills fall due early in the month: the payment queues swell then.
  const paydayFactor = dayOfMonth <= 5 ? 1.15 : dayOfMonth >= 15 && dayOfMonth <= 17 ? 1.08 : 1;
  const expected =
    office.baseDailyTickets * WEEKDAY_FACTOR[weekday(day)] * paydayFactor * rng.logNormal(1, 0.12) * trafficScale;
  const tilt = WEEKDAY_HOUR_TILT[weekday(day)];
  const last = Math.max(1, hours.hourWeights.length - 1);
  const weights = hours.hourWeights.map((w, h) => w * (1 + tilt * (1 - (2 * h) / last)));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const arrivalTimes: number[] = [];
  weights.forEach((weight, h) => {
    const n = rng.poisson((expected * weight) / totalWeight);
    for (let k = 0; k < n; k++) arrivalTimes.push(openAt + h * HOUR + Math.floor(rng.next() * HOUR));
  });
  arrivalTimes.sort((a, b) => a - b);
  const numbers = new Map<string, number>();
  return arrivalTimes.map((issuedAt) => {
    const service = rng.weighted(office.services, (s) => s.share);
    const number = (numbers.get(service.code) ?? 0) + 1;
    numbers.set(service.code, number);
    return {
      id: `${office.code}-${day}-${service.code}${String(number).padStart(3, '0')}`,
      service,
      category: rng.chance(PREFERENTIAL_SHARE) ? 'preferential' : 'general',
      issuedAt,
      // About a third of customers would leave if kept waiting long enough.
      patienceMs: rng.chance(0.35) ? (10 + rng.exponential(40)) * MIN : Number.POSITIVE_INFINITY,
      state: 'waiting',
    } satisfies SimTicket as SimTicket;
  });
}

/** Numbers one day's events from `firstSeq` on, as the office's outbox would. */
export function toEnvelopes(events: SimulatedEvent[], firstSeq: number): OutboxEnvelope[] {
  return events.map((e, i) => ({ seq: firstSeq + i, occurredAt: new Date(e.at).toISOString(), fact: e.fact }));
}

export interface OfficeDayBatch {
  day: string;
  envelopes: OutboxEnvelope[];
}

/**
 * Every day of one office, oldest first, with a gapless sequence from 1. `endAt` is "now":
 * the last day stops there, so a live view shows people waiting.
 */
export function* simulateOffice(
  office: DemoOffice,
  days: number,
  options: SimulateOptions & { endAt: number },
): Generator<OfficeDayBatch> {
  let seq = 1;
  for (const day of daysEndingWith(localDay(options.endAt, office.timeZone), days)) {
    const envelopes = toEnvelopes(simulateOfficeDay(office, day, options), seq);
    seq += envelopes.length;
    yield { day, envelopes };
  }
}
