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
 */
import type { CallReason, CallingPolicy, Counter, Service, Ticket } from './types';

export interface PolicyInput {
  counter: Counter;
  waiting: Ticket[];
  services: Service[];
  policy: CallingPolicy;
  now: Date;
}

export interface PolicyChoice {
  ticket: Ticket;
  reason: CallReason;
  /** Spanish, shown to the agent, e.g. "Preferencial: 1 de 2 antes de un turno general". */
  explanation: string;
}

const REASON_TEXT: Record<CallReason, string> = {
  directed: 'Transferido a este módulo',
  overdue: 'Superó el tiempo máximo de espera de su trámite',
  preferential_ratio: 'Turno preferencial según la proporción preferencial/general',
  general_ratio: 'Turno general: los preferenciales ya tuvieron su parte',
  weight: 'Trámite con mayor prioridad en este módulo',
  fifo: 'Orden de llegada',
  chosen: 'Llamado por el asesor fuera de orden',
};

/** Spanish text for each reason (also for 'chosen', which the policy never returns). */
export function explainReason(reason: CallReason): string {
  return REASON_TEXT[reason];
}

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
    if (t.status !== 'waiting') continue;
    if (t.directedCounterId === counter.id) directed.push(t);
    else if (t.directedCounterId == null && served.has(t.serviceId) && activeServices.has(t.serviceId)) regular.push(t);
  }
  return { directed, regular };
}

// Rounded up so a ticket 20 s past a 15-min target reads "16 min (meta 15 min)", never "15 of 15".
const waitedMinutes = (t: Ticket, now: Date): number => Math.ceil((now.getTime() - t.issuedAt.getTime()) / 60_000);

export function chooseNextTicket(input: PolicyInput): PolicyChoice | null {
  const { counter, services, policy, now } = input;
  const { directed, regular } = callableTickets(input);

  if (directed.length > 0) {
    return { ticket: [...directed].sort(byArrival)[0], reason: 'directed', explanation: REASON_TEXT.directed };
  }
  if (regular.length === 0) return null;

  const serviceById = new Map(services.map((s) => [s.id, s]));
  if (policy.overdueFirst) {
    const overdue = regular.filter((t) => isOverdue(t, serviceById.get(t.serviceId), now)).sort(byArrival);
    if (overdue.length > 0) {
      const t = overdue[0];
      const target = serviceById.get(t.serviceId)!.targetWaitMinutes;
      return {
        ticket: t,
        reason: 'overdue',
        explanation: `Superó el tiempo máximo de espera: ${waitedMinutes(t, now)} min (meta ${target} min)`,
      };
    }
  }

  const { pool, ratioReason, ratioText } = applyRatio(regular, counter.preferentialStreak, policy.preferentialPerGeneral);

  const weightOf = new Map(counter.services.map((cs) => [cs.serviceId, Number.isFinite(cs.weight) ? cs.weight : 1]));
  const byWeight = (a: Ticket, b: Ticket) => (weightOf.get(b.serviceId) ?? 1) - (weightOf.get(a.serviceId) ?? 1) || byArrival(a, b);
  const chosen = [...pool].sort(byWeight)[0];
  const weightMattered = chosen !== [...pool].sort(byArrival)[0];

  if (ratioReason) {
    const explanation = weightMattered ? `${ratioText}; entre ellos, ${REASON_TEXT.weight.toLowerCase()}` : ratioText!;
    return { ticket: chosen, reason: ratioReason, explanation };
  }
  const reason: CallReason = weightMattered ? 'weight' : 'fifo';
  return { ticket: chosen, reason, explanation: REASON_TEXT[reason] };
}

function applyRatio(
  candidates: Ticket[],
  streak: number,
  perGeneral: number,
): { pool: Ticket[]; ratioReason: CallReason | null; ratioText: string | null } {
  const preferential = candidates.filter((t) => t.category === 'preferential');
  const general = candidates.filter((t) => t.category !== 'preferential');
  if (preferential.length === 0 || general.length === 0 || !(perGeneral > 0)) {
    return { pool: candidates, ratioReason: null, ratioText: null };
  }
  if (streak < perGeneral) {
    return {
      pool: preferential,
      ratioReason: 'preferential_ratio',
      ratioText: `Preferencial: ${Math.max(streak, 0) + 1} de ${perGeneral} antes de un turno general`,
    };
  }
  return {
    pool: general,
    ratioReason: 'general_ratio',
    ratioText: `General: ya se llamaron ${perGeneral} preferenciales seguidos`,
  };
}

/** The counter's preferential streak after calling `chosen`: +1 after a preferential call, 0 after a general one. */
export function nextPreferentialStreak(streak: number, chosen: Ticket, _policy: CallingPolicy): number {
  return chosen.category === 'preferential' ? streak + 1 : 0;
}
