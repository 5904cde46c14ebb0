/**
 * The calling policy: which waiting ticket a counter calls next, and why. Pure: the
 * caller passes the waiting tickets, the services, the counter and `now`.
 *
 * Candidates are waiting tickets that are either directed to this counter (a transfer
 * to this very counter is an explicit human decision, so it is callable here even if
 * the counter does not normally serve that service), or not directed anywhere and of
 * an active service this counter serves. Rules, first match wins:
 *  1. directed: transferred to this counter, oldest issue first;
 *  2. overdue (policy.overdueFirst): waited longer than the service's target at `now`,
 *     oldest issue first, whatever the category;
 *  3. category ratio, only when both categories wait: preferential while the counter's
 *     streak of preferential calls is below policy.preferentialPerGeneral, else general
 *     (preferentialPerGeneral = 0: no ratio, plain arrival order between categories);
 *  4. within the chosen set: the heaviest counter-service weight, then oldest issue,
 *     then lowest number.
 * With a booking rule (input.bookings), a checked-in booking whose slot is within the call
 * window goes right after directed tickets (rule 'booking', earliest slot first), unless
 * the counter already made `maxInARow` booked calls in a row while other tickets wait: then
 * the rules above choose among the others, so walk-ins are never starved.
 * A ticket with `present === false` (a remote holder not checked in where the office asks
 * for it) is never callable: it keeps its place and is called once its holder checks in.
 */
import { localClockTime } from './booking-check-in';
import type { BookingCallRule, CallReason, CallWhy, CallingPolicy, Counter, Service, Ticket } from './types';

export interface PolicyInput {
  counter: Counter;
  waiting: Ticket[];
  services: Service[];
  policy: CallingPolicy;
  now: Date;
  /** Checked-in bookings are called at their slot (absent: no booking rule). */
  bookings?: BookingCallRule;
  /** Booked calls this counter made in a row just before this one (default 0). */
  bookedStreak?: number;
}

export interface PolicyChoice {
  ticket: Ticket;
  /** The rule that chose the ticket (`why.rule`). */
  reason: CallReason;
  /** The rule and the numbers it used, e.g. { rule: 'overdue', waitedMinutes: 25, targetMinutes: 15 }. */
  why: CallWhy;
}

const chose = (ticket: Ticket, why: CallWhy): PolicyChoice => ({ ticket, reason: why.rule, why });

/** Arrival order: oldest issue first, then lowest number (same-millisecond tickets). */
export function byArrival(a: Ticket, b: Ticket): number {
  return a.issuedAt.getTime() - b.issuedAt.getTime() || a.number - b.number || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** True when the ticket has waited longer than its service's target (a target <= 0 means none). */
export function isOverdue(t: Ticket, service: Service | undefined, now: Date): boolean {
  if (!service || !(service.targetWaitMinutes > 0)) return false;
  return now.getTime() - t.issuedAt.getTime() > service.targetWaitMinutes * 60_000;
}

/** The tickets the policy may choose from for this counter (see the module comment). */
export function callableTickets(input: Pick<PolicyInput, 'counter' | 'waiting' | 'services'>): {
  directed: Ticket[];
  regular: Ticket[];
} {
  const { counter, waiting, services } = input;
  const activeServices = new Set(services.filter((s) => s.active).map((s) => s.id));
  const served = new Set(counter.services.map((cs) => cs.serviceId));
  const directed: Ticket[] = [];
  const regular: Ticket[] = [];
  for (const t of waiting) {
    if (t.status !== 'waiting' || t.present === false) continue;
    if (t.directedCounterId === counter.id) directed.push(t);
    else if (t.directedCounterId == null && served.has(t.serviceId) && activeServices.has(t.serviceId)) regular.push(t);
  }
  return { directed, regular };
}

// Rounded up so a ticket 20 s past a 15-min target says 16 min waited, never 15 of 15.
const waitedMinutes = (t: Ticket, now: Date): number => Math.ceil((now.getTime() - t.issuedAt.getTime()) / 60_000);

export function chooseNextTicket(input: PolicyInput): PolicyChoice | null {
  const { counter, services, policy, now } = input;
  const { directed, regular } = callableTickets(input);

  if (directed.length > 0) {
    return chose([...directed].sort(byArrival)[0], { rule: 'directed' });
  }
  if (regular.length === 0) return null;

  const booked = input.bookings ? dueBookings(regular, input.bookings, now) : [];
  if (booked.length > 0) {
    const others = regular.filter((t) => !booked.includes(t));
    const streak = Math.max(input.bookedStreak ?? 0, 0);
    if (others.length === 0 || streak < input.bookings!.maxInARow) {
      const t = booked[0];
      return chose(t, { rule: 'booking', slotTime: localClockTime(t.slotAt!, input.bookings!.timeZone), bookedInARow: streak + 1 });
    }
    return chooseAmong(others, input);
  }
  return chooseAmong(regular, input);
}

/** Checked-in bookings whose slot is at most `windowMinutes` away (or past), earliest slot first. */
export function dueBookings(tickets: Ticket[], rule: Pick<BookingCallRule, 'windowMinutes'>, now: Date): Ticket[] {
  const from = now.getTime() + Math.max(rule.windowMinutes, 0) * 60_000;
  return tickets
    .filter((t) => t.origin === 'booking' && t.slotAt != null && t.slotAt.getTime() <= from)
    .sort((a, b) => a.slotAt!.getTime() - b.slotAt!.getTime() || byArrival(a, b));
}

/** Rules 2-4 (overdue, ratio, weight, arrival) among the given regular tickets. */
function chooseAmong(regular: Ticket[], input: PolicyInput): PolicyChoice {
  const { counter, services, policy, now } = input;
  const serviceById = new Map(services.map((s) => [s.id, s]));
  if (policy.overdueFirst) {
    const overdue = regular.filter((t) => isOverdue(t, serviceById.get(t.serviceId), now)).sort(byArrival);
    if (overdue.length > 0) {
      const t = overdue[0];
      const targetMinutes = serviceById.get(t.serviceId)!.targetWaitMinutes;
      return chose(t, { rule: 'overdue', waitedMinutes: waitedMinutes(t, now), targetMinutes });
    }
  }

  const { pool, ratio } = applyRatio(regular, counter.preferentialStreak, policy.preferentialPerGeneral);

  const weightOf = new Map(counter.services.map((cs) => [cs.serviceId, Number.isFinite(cs.weight) ? cs.weight : 1]));
  const byWeight = (a: Ticket, b: Ticket) => (weightOf.get(b.serviceId) ?? 1) - (weightOf.get(a.serviceId) ?? 1) || byArrival(a, b);
  const chosen = [...pool].sort(byWeight)[0];
  const weightMattered = chosen !== [...pool].sort(byArrival)[0];

  if (ratio) return chose(chosen, { ...ratio, weightBrokeTie: weightMattered });
  return chose(chosen, { rule: weightMattered ? 'weight' : 'fifo' });
}

/** A ratio rule before the weights have picked within its pool. */
type RatioWhy = Extract<CallWhy, { rule: 'preferential_ratio' | 'general_ratio' }> extends infer W
  ? W extends unknown
    ? Omit<W, 'weightBrokeTie'>
    : never
  : never;

function applyRatio(candidates: Ticket[], streak: number, perGeneral: number): { pool: Ticket[]; ratio: RatioWhy | null } {
  const preferential = candidates.filter((t) => t.category === 'preferential');
  const general = candidates.filter((t) => t.category !== 'preferential');
  if (preferential.length === 0 || general.length === 0 || !(perGeneral > 0)) {
    return { pool: candidates, ratio: null };
  }
  if (streak < perGeneral) {
    return {
      pool: preferential,
      ratio: { rule: 'preferential_ratio', preferentialInARow: Math.max(streak, 0) + 1, preferentialPerGeneral: perGeneral },
    };
  }
  return { pool: general, ratio: { rule: 'general_ratio', preferentialPerGeneral: perGeneral } };
}

/** The counter's run of booked calls after a call: +1 after a booking-rule call, 0 after any other. */
export function nextBookedStreak(streak: number, why: CallWhy): number {
  return why.rule === 'booking' ? Math.max(streak, 0) + 1 : 0;
}

/** The counter's preferential streak after calling `chosen`: +1 after a preferential call, 0 after a general one. */
export function nextPreferentialStreak(streak: number, chosen: Ticket, _policy: CallingPolicy): number {
  return chosen.category === 'preferential' ? streak + 1 : 0;
}
