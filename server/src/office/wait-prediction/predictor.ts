/**
 * The office's wait predictor: the history it learned from (loaded with the live state,
 * then extended in memory as calls end and tickets are issued, like the live state
 * itself), and one simulation of the whole queue per live-state version, shared by every
 * ticket presented from it (a snapshot of 200 waiting tickets simulates once, not 200
 * times). A version's predictions hold until the queue changes (a call, an issue, a pause:
 * in a working office, every minute or so), so every reader of one state reads the same
 * promise, and a ticket page's refresh on each change gets a fresh one.
 *
 * Cost is bounded whatever the queue: runs shrink as the queue grows (CALL_BUDGET policy
 * calls per prediction), never below MIN_RUNS. And the time spent simulating is bounded
 * whatever the pace of changes: simulations may take SIMULATION_SHARE of the server's time
 * (SIMULATION_BURST_MS saved up). A working office changes its queue every few seconds and
 * never meets that bound, so every version gets its own simulation; a burst of tickets (a
 * hundred a second in the office benchmark, 300 waiting) would otherwise spend the whole
 * server on simulations and hold every command behind them. Past the bound, a version reads
 * the last simulation made: the tickets it covered keep their promise, and a ticket issued
 * since gets none (null: the kiosk and the paper show the single estimate instead) until the
 * next simulation the budget allows.
 */
import { offsetAt } from '@turnero/domain/local-day';
import type { Availability } from '@turnero/domain/wait-prediction/availability';
import { learnWaitModel, type HistoryCall, type WaitHistory, type WaitModel } from '@turnero/domain/wait-prediction/model';
import { calibratedTails, predictWaits, rankOf, type WaitPrediction } from '@turnero/domain/wait-prediction/predict';
import { seededRandom } from '@turnero/domain/wait-prediction/random';
import { TokenBuckets } from '../../platform/token-bucket';
import type { Clock, Counter, Office, Service, Ticket } from '@turnero/domain/types';
import type { TicketDto } from '@turnero/contract/dto';
import type { Db } from '../store/db';
import { addTurnaround, loadAvailability, loadWaitHistory, localHours } from './history';

export const MAX_RUNS = 80;
export const MIN_RUNS = 12;
/** About this many simulated calls per prediction (about 10 µs each: tens of milliseconds at most). */
export const CALL_BUDGET = 6_000;
/** Simulations may use this share of the server's time, on average... */
export const SIMULATION_SHARE = 0.01;
/** ...and this many milliseconds at once (a few simulations of a long queue back to back). */
export const SIMULATION_BURST_MS = 100;
/** What one simulated call is assumed to cost until the first simulation measured it. */
const FIRST_MS_PER_CALL = 0.01;
/** A ticket not called within this many hours in the simulation gets no promise. */
export const HORIZON_MS = 10 * 3_600_000;
/** The learned model is redone after this many new calls (learning is linear in the history). */
const RELEARN_AFTER_CALLS = 5;
/** Calibration looks at this many recent customers' outcomes. */
const CALIBRATION_WINDOW = 300;

/** What the predictor reads of the live state (../queue-view's QueueView; not imported: it holds a predictor). */
export interface LiveQueue {
  office: Office;
  services: Service[];
  counters: Counter[];
  waiting: Ticket[];
  active: Ticket[];
}

export type EstimatedWait = NonNullable<TicketDto['estimatedWait']>;

export class WaitPredictor {
  private model: WaitModel | null = null;
  private newCalls = RELEARN_AFTER_CALLS;
  private readonly predictions = new WeakMap<LiveQueue, Map<string, WaitPrediction | null>>();
  private readonly callStarts = new Map<string, { at: Date; counterId: string }>();
  private readonly lastEnded = new Map<string, { call: HistoryCall; at: number }>();
  private readonly seenIssued = new Set<string>();
  /** Each waiting ticket's first promise: its simulated waits and when it was made. */
  private readonly promised = new Map<string, { at: number; sorted: Float64Array }>();
  /** Where recent real waits fell among their simulated ones (calibratedTails); kept across days. */
  private readonly ranks: number[];
  private readonly hourOf: (at: Date) => number;
  private readonly monotonicNow: () => number;
  /** The last simulation made, read by versions the time budget leaves without their own. */
  private latest: Map<string, WaitPrediction | null> = new Map();
  /** Milliseconds of simulation the budget still allows (one bucket, key 'simulation'). */
  private readonly budget: TokenBuckets;
  /** Measured cost of one simulated call (ms), to price the next simulation before running it. */
  private msPerCall = FIRST_MS_PER_CALL;

  constructor(
    private readonly history: WaitHistory,
    /** Learned once per office day, with the live state (today's comings and goings are not learned live). */
    private readonly availability: Availability,
    private readonly clock: Clock,
    private readonly timeZone: string,
    private readonly loadedAt: Date,
    /** Monotonic milliseconds for the simulation time budget (not the office clock: a test that moves the day must not refill it). */
    monotonicNow: () => number = () => performance.now(),
  ) {
    this.budget = new TokenBuckets({ burst: SIMULATION_BURST_MS, perSecond: SIMULATION_SHARE * 1000, now: monotonicNow });
    this.monotonicNow = monotonicNow;
    this.hourOf = localHours(timeZone);
    this.ranks = calibrationOf(clock);
  }

  /** The promised range for a waiting ticket of `view` (null: none can be promised, or not waiting). */
  estimatedWait(view: LiveQueue, t: Ticket): EstimatedWait | null {
    if (t.status !== 'waiting') return null;
    const p = this.predictionsFor(view).get(t.id);
    return p ? { lowMinutes: p.lowMinutes, highMinutes: p.highMinutes } : null;
  }

  /** Every waiting ticket's prediction (with its median, for the accuracy figures). */
  predictionsFor(view: LiveQueue): Map<string, WaitPrediction | null> {
    const cached = this.predictions.get(view);
    if (cached) return cached;
    const now = this.clock.now();
    const runs = Math.max(MIN_RUNS, Math.min(MAX_RUNS, Math.floor(CALL_BUDGET / Math.max(1, view.waiting.length))));
    const calls = runs * Math.max(1, view.waiting.length);
    if (!this.budget.take('simulation', calls * this.msPerCall)) {
      this.predictions.set(view, this.latest);
      return this.latest;
    }
    const startedAt = this.monotonicNow();
    const byTicket = predictWaits(
      {
        now,
        utcOffsetMs: offsetAt(now, this.timeZone),
        services: view.services,
        policy: view.office.policy,
        bookings: view.office.bookingCalls && { ...view.office.bookingCalls, timeZone: view.office.timeZone },
        counters: view.counters,
        waiting: view.waiting,
        active: view.active,
        model: this.learned(),
        horizonMs: HORIZON_MS,
        availability: this.availability,
      },
      {
        runs,
        // Seeded by the instant: the same queue at the same moment gets the same promise.
        random: seededRandom(now.getTime() % 2_147_483_647),
        tails: calibratedTails(this.ranks),
        onSamples: (id, sorted) => {
          if (!this.promised.has(id)) this.promised.set(id, { at: now.getTime(), sorted });
        },
      },
    );
    // The price of the next one: this one's real cost per call (what it took beyond its price is not charged back).
    this.msPerCall = Math.max(FIRST_MS_PER_CALL / 10, (this.monotonicNow() - startedAt) / calls);
    this.predictions.set(view, byTicket);
    this.latest = byTicket;
    return byTicket;
  }

  /**
   * Learns from a command's changes before they reach the live state (called by viewWith):
   * a ticket newly issued is an arrival; a ticket leaving its counter ends a call, whose
   * length (from its call to now) is one more sample; a new call closes the counter's
   * turnaround. A command rolled back after this leaves one stray sample among thousands.
   */
  observe(view: LiveQueue, tickets: Ticket[]): void {
    const now = this.clock.now();
    for (const t of tickets) {
      if (t.status === 'waiting' && t.firstCalledAt === null && t.issuedAt > this.loadedAt && !this.seenIssued.has(t.id)) {
        this.seenIssued.add(t.id);
        this.history.arrivals.push({ serviceId: t.serviceId, category: t.category, hour: this.hourOf(t.issuedAt) });
      }
      const start = this.callStarts.get(t.id) ?? calledIn(view, t);
      const atCounter = (t.status === 'called' || t.status === 'serving') && t.counterId;
      this.scorePromise(t);
      if (atCounter && (!start || start.counterId !== t.counterId) && t.calledAt) {
        this.callStarts.set(t.id, { at: t.calledAt, counterId: t.counterId! });
        addTurnaround(this.lastEnded, t.counterId!, t.calledAt.getTime());
      } else if (!atCounter && start) {
        this.callStarts.delete(t.id);
        const call: HistoryCall = {
          serviceId: view.active.find((a) => a.id === t.id)?.serviceId ?? t.serviceId,
          hour: this.hourOf(start.at),
          occupiedSeconds: Math.max(0, (now.getTime() - start.at.getTime()) / 1000),
          transferredTo: t.status === 'waiting' && !t.directedCounterId ? t.serviceId : null,
        };
        this.history.calls.push(call);
        this.lastEnded.set(start.counterId, { call, at: now.getTime() });
        this.newCalls += 1;
      }
    }
  }

  /** A ticket's first call (or its end without one) settles its first promise: where did the real wait fall? */
  private scorePromise(t: Ticket): void {
    const promise = this.promised.get(t.id);
    if (!promise || t.status === 'waiting') return;
    this.promised.delete(t.id);
    if (!t.calledAt || (t.status !== 'called' && t.status !== 'serving')) return; // cancelled or expired: no outcome
    this.ranks.push(rankOf(promise.sorted, (t.calledAt.getTime() - promise.at) / 1000));
    if (this.ranks.length > CALIBRATION_WINDOW) this.ranks.shift();
  }

  private learned(): WaitModel {
    if (!this.model || this.newCalls >= RELEARN_AFTER_CALLS) {
      this.model = learnWaitModel(this.history);
      this.newCalls = 0;
    }
    return this.model;
  }
}

/**
 * The calibration outcomes of one office server, which loads a new predictor with its live
 * state every office day: keyed by the server's clock, the one object it keeps for its
 * whole life, so yesterday's outcomes calibrate this morning's first promises.
 */
const calibrations = new WeakMap<Clock, number[]>();

function calibrationOf(clock: Clock): number[] {
  let ranks = calibrations.get(clock);
  if (!ranks) calibrations.set(clock, (ranks = []));
  return ranks;
}

/** A call already at its counter when the live state was loaded (its start was not observed). */
function calledIn(view: LiveQueue, t: Ticket): { at: Date; counterId: string } | undefined {
  const a = view.active.find((x) => x.id === t.id);
  return a?.calledAt && a.counterId ? { at: a.calledAt, counterId: a.counterId } : undefined;
}

/** The predictor of a live state being loaded: its history read now, in the same read. */
export async function loadWaitPredictor(db: Db, clock: Clock, timeZone: string): Promise<WaitPredictor> {
  const now = clock.now();
  return new WaitPredictor(await loadWaitHistory(db, now, timeZone), await loadAvailability(db, now, timeZone), clock, timeZone, now);
}
