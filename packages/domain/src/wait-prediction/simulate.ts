/**
 * The queue simulated forward from now, many times, with the REAL calling policy
 * (`chooseNextTicket`): every counter that is open (or paused, and will come back) calls
 * as soon as it is free, the policy picks exactly as it would at the desk (transfers to a
 * counter, overdue, preferential ratio, weights, arrival order), each call keeps the
 * counter busy for a time drawn from the office's learned distribution at that hour, some
 * calls end in a transfer back into the queue, customers keep arriving at the learned
 * hourly rates (a preferential or a heavier-weighted newcomer can overtake), and counters
 * pause, sign out and open at their learned hours (./availability). Each run
 * records when every ticket waiting now is first called; the spread over runs is the
 * prediction's uncertainty.
 *
 * Cost: the policy only ever picks the oldest ticket of a (counter it is directed to,
 * service, category) line, so it is handed those line heads instead of the whole queue:
 * one call is O(lines), one run O(tickets × lines), whatever the queue's length.
 */
import { chooseNextTicket, nextBookedStreak, nextPreferentialStreak } from '../policy';
import type { BookingCallRule, CallingPolicy, Counter, PauseReason, Service, Ticket, TicketCategory } from '../types';
import { sampleAway, samplePauseSeconds, sampleSignIn, type Availability } from './availability';
import { sampleOccupiedSeconds, sampleRemainingSeconds, sampleTransfer, streamKey, type WaitModel } from './model';
import { poisson, type Random } from './random';

export interface SimulationInput {
  now: Date;
  /** The office's UTC offset now (ms): local hours for the learned distributions. */
  utcOffsetMs: number;
  services: Service[];
  policy: CallingPolicy;
  /** The office's booking rule, as call-next passes it (absent: appointments off). */
  bookings?: BookingCallRule;
  counters: Counter[];
  /** Tickets waiting now: the ones whose waits are predicted. */
  waiting: Ticket[];
  /** Tickets called or being served at a counter now. */
  active: Ticket[];
  model: WaitModel;
  /** How far ahead to simulate (ms); a ticket not called by then has no finite wait. */
  horizonMs: number;
  /** When counters come and go (learned); absent: the counters open now stay, closed ones stay closed. */
  availability?: Availability;
}

/** Typical pause lengths by reason (seconds): a paused counter comes back after about this long. */
export const PAUSE_SECONDS: Record<PauseReason, number> = { lunch: 45 * 60, training: 30 * 60, back_office: 15 * 60, other: 10 * 60 };

const HOUR_MS = 3_600_000;

interface SimCounter {
  counter: Counter;
  freeAt: number;
  /** When it next goes away (a pause, or for good when `signsOut`), once free. */
  awayAt: number;
  signsOut: boolean;
  /** Nothing to call when last free: sleeps until the next arrival or transfer. */
  idle: boolean;
  /** Booked calls in a row (the booking rule's cap); a run starts every counter at 0. */
  bookedStreak: number;
}

/** A ticket coming back into the queue (transfer) or arriving, at `at`. */
interface Pending {
  at: number;
  ticket: Ticket;
}

/** Waits in seconds from now until first called, per run: `waits[ticketIndex][run]` (Infinity: not within the horizon). */
export function simulateWaits(input: SimulationInput, runs: number, random: Random): Float64Array[] {
  const waits = input.waiting.map(() => new Float64Array(runs).fill(Infinity));
  if (!input.counters.some(canCall) || input.waiting.length === 0) return waits;
  const counters = input.counters.filter((c) => c.active && (canCall(c) || input.availability));
  for (let run = 0; run < runs; run++) simulateOnce(input, counters, random, (index, seconds) => (waits[index][run] = seconds));
  return waits;
}

/** Counters that will call within the horizon: active, with an agent signed in (paused ones come back). */
export function canCall(c: Counter): boolean {
  return c.active && c.agentId !== null && c.agentState !== 'signed_out';
}

function simulateOnce(input: SimulationInput, open: Counter[], random: Random, record: (index: number, seconds: number) => void): void {
  const now = input.now.getTime();
  const end = now + input.horizonMs;
  const hourAt = (ms: number) => Math.floor((ms + input.utcOffsetMs) / HOUR_MS) % 24;
  const lines = new Lines();
  const tracked = new Map<string, number>();
  input.waiting.forEach((t, i) => {
    tracked.set(t.id, i);
    // A remote holder not checked in yet is expected to come: simulated as present.
    lines.add(t.present === false ? { ...t, present: true } : t);
  });
  let untracked = tracked.size;

  const pending: Pending[] = [];
  const arrivals = new ArrivalStream(input, random, hourAt);
  // Own copies: the run advances each counter's preferential streak in place.
  const sims: SimCounter[] = [];
  for (const c of open) {
    const sim = canCall(c) ? startState({ ...c }, input, now, random, hourAt, pending) : laterSignIn({ ...c }, input, now, end, random, hourAt);
    if (!sim) continue;
    planAway(sim, input, sim.freeAt, end, hourAt, random);
    sims.push(sim);
  }

  while (untracked > 0) {
    let next = sims[0];
    for (const s of sims) if (s.freeAt < next.freeAt) next = s;
    const at = next.freeAt;
    if (!(at <= end)) break;
    arrivals.until(at, (t) => lines.add(t));
    takeDue(pending, at, (t) => lines.add(t));
    if (at >= next.awayAt) {
      if (next.signsOut && strands(next, sims, lines.heads(), input.services)) {
        // The last counter for someone waiting does not leave them: it stays until they are served.
        next.awayAt = Infinity;
      } else {
        // Free and due to go: for good, or for a pause of a learned length.
        next.freeAt = next.signsOut ? Infinity : at + samplePauseSeconds(input.availability, PAUSE_SECONDS.other, random) * 1000;
        planAway(next, input, next.freeAt, end, hourAt, random);
        continue;
      }
    }

    const choice = chooseNextTicket({
      counter: next.counter,
      waiting: lines.heads(),
      services: input.services,
      policy: input.policy,
      now: new Date(at),
      bookings: input.bookings,
      bookedStreak: next.bookedStreak,
    });
    if (!choice) {
      next.idle = true;
      next.freeAt = Math.min(arrivals.peek(), pending.length ? pending[0].at : Infinity);
      continue;
    }
    const t = choice.ticket;
    lines.remove(t);
    const index = tracked.get(t.id);
    if (index !== undefined) {
      record(index, (at - now) / 1000);
      tracked.delete(t.id);
      untracked -= 1;
    }
    next.counter.preferentialStreak = nextPreferentialStreak(next.counter.preferentialStreak, t, input.policy);
    next.bookedStreak = nextBookedStreak(next.bookedStreak, choice.why);
    next.idle = false;
    next.freeAt = at + sampleOccupiedSeconds(input.model, t.serviceId, hourAt(at), random) * 1000;
    transferMaybe(input, t, next.freeAt, random, pending, sims);
  }
}

function startState(
  c: Counter,
  input: SimulationInput,
  now: number,
  random: Random,
  hourAt: (ms: number) => number,
  pending: Pending[],
): SimCounter {
  const busy = input.active.find((t) => t.counterId === c.id && (t.status === 'called' || t.status === 'serving'));
  const sim: SimCounter = { counter: c, freeAt: now, idle: false, awayAt: Infinity, signsOut: false, bookedStreak: 0 };
  if (busy) {
    const since = busy.calledAt ?? busy.startedAt ?? input.now;
    const elapsed = Math.max(0, (now - since.getTime()) / 1000);
    sim.freeAt = now + sampleRemainingSeconds(input.model, busy.serviceId, hourAt(now), elapsed, random) * 1000;
    transferMaybe(input, busy, sim.freeAt, random, pending, []);
  }
  if (c.agentState === 'paused') {
    const typical = samplePauseSeconds(input.availability, PAUSE_SECONDS[c.pauseReason ?? 'other'], random);
    const elapsed = c.stateSince ? Math.max(0, (now - c.stateSince.getTime()) / 1000) : 0;
    // Past its typical length a pause ends any minute now (a few minutes on average).
    const left = typical > elapsed ? typical - elapsed : 60 + 240 * random();
    sim.freeAt = Math.max(sim.freeAt, now + left * 1000);
  }
  return sim;
}

/** A counter closed now that usually opens later today (learned sign-in hours); null when not within the horizon. */
function laterSignIn(c: Counter, input: SimulationInput, now: number, end: number, random: Random, hourAt: (ms: number) => number): SimCounter | null {
  const at = input.availability ? sampleSignIn(input.availability, c.id, now, end, hourAt, random) : Infinity;
  return Number.isFinite(at) ? { counter: c, freeAt: at, idle: false, awayAt: Infinity, signsOut: false, bookedStreak: 0 } : null;
}

function planAway(sim: SimCounter, input: SimulationInput, from: number, end: number, hourAt: (ms: number) => number, random: Random): void {
  if (!input.availability || !Number.isFinite(from)) {
    sim.awayAt = Infinity;
    return;
  }
  const away = sampleAway(input.availability, sim.counter.id, from, end, hourAt, random);
  sim.awayAt = away.at;
  sim.signsOut = away.signOut;
}

/** Whether a counter signing out would leave a waiting ticket that only it can call. */
function strands(leaving: SimCounter, sims: SimCounter[], heads: Ticket[], services: Service[]): boolean {
  const others = sims.filter((s) => s !== leaving && Number.isFinite(s.freeAt) && !(s.signsOut && s.awayAt <= s.freeAt));
  return heads.some((t) => {
    const mine = chooseNextTicket({ counter: leaving.counter, waiting: [t], services, policy: { preferentialPerGeneral: 0, overdueFirst: false }, now: new Date(0) });
    if (!mine) return false;
    return !others.some((s) => chooseNextTicket({ counter: s.counter, waiting: [t], services, policy: { preferentialPerGeneral: 0, overdueFirst: false }, now: new Date(0) }));
  });
}

/** Some calls end in a transfer: the ticket comes back to wait for another service, keeping its issue time. */
function transferMaybe(input: SimulationInput, t: Ticket, at: number, random: Random, pending: Pending[], sims: SimCounter[]): void {
  const to = sampleTransfer(input.model, t.serviceId, random);
  if (!to) return;
  const back: Ticket = { ...t, serviceId: to, status: 'waiting', counterId: null, directedCounterId: null, present: true };
  let i = pending.length;
  while (i > 0 && pending[i - 1].at > at) i--;
  pending.splice(i, 0, { at, ticket: back });
  // A counter idle for want of work wakes when the transferred ticket is back.
  for (const s of sims) if (s.idle && s.freeAt > at) s.freeAt = at;
}

function takeDue(pending: Pending[], at: number, add: (t: Ticket) => void): void {
  while (pending.length > 0 && pending[0].at <= at) add(pending.shift()!.ticket);
}

/**
 * Customers still to come, drawn hour by hour from the learned rates (Poisson counts,
 * uniform times within the hour), produced in time order as the simulation advances.
 */
class ArrivalStream {
  private readonly queue: Ticket[] = [];
  private generatedUntil: number;
  private serial = 0;
  private readonly streams: { serviceId: string; category: TicketCategory; rates: number[] }[];

  constructor(
    private readonly input: SimulationInput,
    private readonly random: Random,
    private readonly hourAt: (ms: number) => number,
  ) {
    this.generatedUntil = input.now.getTime();
    const active = new Set(input.services.filter((s) => s.active).map((s) => s.id));
    this.streams = [...input.model.arrivalsPerHour]
      .map(([key, rates]) => {
        const [serviceId, category] = key.split('|') as [string, TicketCategory];
        return { serviceId, category, rates };
      })
      .filter((s) => active.has(s.serviceId));
  }

  /** The next arrival's time (Infinity when none within the horizon). */
  peek(): number {
    this.fill();
    return this.queue.length > 0 ? this.queue[0].issuedAt.getTime() : Infinity;
  }

  until(at: number, add: (t: Ticket) => void): void {
    while (this.peek() <= at) add(this.queue.shift()!);
  }

  private fill(): void {
    const end = this.input.now.getTime() + this.input.horizonMs;
    while (this.queue.length === 0 && this.generatedUntil < end) {
      const from = this.generatedUntil;
      const to = Math.min(end, (Math.floor((from + this.input.utcOffsetMs) / HOUR_MS) + 1) * HOUR_MS - this.input.utcOffsetMs);
      const hour = this.hourAt(from);
      const share = (to - from) / HOUR_MS;
      const batch: Ticket[] = [];
      for (const s of this.streams) {
        const count = poisson(this.random, s.rates[hour] * share);
        for (let k = 0; k < count; k++) batch.push(this.newcomer(s.serviceId, s.category, from + this.random() * (to - from)));
      }
      batch.sort((a, b) => a.issuedAt.getTime() - b.issuedAt.getTime());
      this.queue.push(...batch);
      this.generatedUntil = to;
    }
  }

  private newcomer(serviceId: string, category: TicketCategory, at: number): Ticket {
    this.serial += 1;
    const id = `simulated-${this.serial}`;
    return {
      id, serviceId, issuedServiceId: serviceId, category, day: '', number: 1_000_000 + this.serial, code: id,
      status: 'waiting', issuedAt: new Date(at), counterId: null, directedCounterId: null, calledAt: null,
      firstCalledAt: null, startedAt: null, finishedAt: null, recallCount: 0, outcome: null,
      printState: 'not_requested', issuedByDeviceId: null,
    };
  }
}

/**
 * The waiting tickets as lines the policy cannot reorder: same counter it is directed to,
 * same service, same category, kept in arrival order. A booking is called by its slot,
 * not its arrival, so each booking is a line of its own.
 */
class Lines {
  private readonly byKey = new Map<string, Ticket[]>();

  add(t: Ticket): void {
    const key = lineKey(t);
    const line = this.byKey.get(key);
    if (!line) {
      this.byKey.set(key, [t]);
      return;
    }
    let i = line.length;
    while (i > 0 && arrivalAfter(line[i - 1], t)) i--;
    line.splice(i, 0, t);
  }

  remove(t: Ticket): void {
    const key = lineKey(t);
    const line = this.byKey.get(key)!;
    line.splice(line.indexOf(t), 1);
    if (line.length === 0) this.byKey.delete(key);
  }

  heads(): Ticket[] {
    const out: Ticket[] = [];
    for (const line of this.byKey.values()) out.push(line[0]);
    return out;
  }
}

const lineKey = (t: Ticket) =>
  `${t.directedCounterId ?? ''}|${t.serviceId}|${t.category}|${t.origin === 'booking' ? t.id : ''}`;

const arrivalAfter = (a: Ticket, b: Ticket) =>
  a.issuedAt.getTime() > b.issuedAt.getTime() || (a.issuedAt.getTime() === b.issuedAt.getTime() && a.number > b.number);
