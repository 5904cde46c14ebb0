/**
 * Applies one realtime fact to a QueueSnapshot, returning a new snapshot (the input is
 * not mutated, so Lit's change detection and tests can compare references).
 * Pure: the caller decides ordering (seq) and when to fetch a fresh snapshot instead.
 */
import type { CallDto, CounterDto, QueueSnapshot, TicketDto } from '@turnero/contract/dto';
import { serviceQueues } from '@turnero/contract/queue-figures';
import type { Fact, FactName } from '@turnero/contract/realtime';

/** How many calls the snapshot keeps (displays show 6 + the current one). */
export const RECENT_CALLS_KEPT = 10;

/** The events that change a snapshot: the contract's sequenced facts. */
export type SequencedEventName = FactName;
export type EventPayload<E extends SequencedEventName> = Fact<E>;

/**
 * Every fact the store listens to. A record over the contract's fact names, so a fact
 * added there and missing here fails to compile (the schemas themselves stay out of the
 * browser bundles, which carry no zod).
 */
const LISTENED: Record<FactName, true> = {
  'ticket:issued': true,
  'ticket:called': true,
  'ticket:updated': true,
  'counter:updated': true,
  'office:updated': true,
  'device:status': true,
  'sync:updated': true,
  'queue:changed': true,
  'config:changed': true,
  'seq:skipped': true,
};
export const SEQUENCED_EVENTS = Object.keys(LISTENED) as readonly SequencedEventName[];

export function applyEvent<E extends SequencedEventName>(
  snap: QueueSnapshot,
  name: E,
  payload: EventPayload<E>,
  now: Date = new Date(),
): QueueSnapshot {
  const next = { ...snap, seq: payload.seq };
  switch (name) {
    case 'ticket:issued':
    case 'ticket:updated': {
      const { ticket } = payload as EventPayload<'ticket:issued'>;
      return withQueues(
        { ...next, waiting: upsertWaiting(snap.waiting, ticket), counters: updateCurrentTicket(snap.counters, ticket) },
        now,
      );
    }
    case 'ticket:called': {
      const e = payload as EventPayload<'ticket:called'>;
      return withQueues(
        {
          ...next,
          waiting: snap.waiting.filter((t) => t.id !== e.ticket.id),
          counters: updateCurrentTicket(snap.counters, e.ticket),
          recentCalls: addCall(snap.recentCalls, e.call),
        },
        now,
      );
    }
    case 'counter:updated': {
      const { counter } = payload as EventPayload<'counter:updated'>;
      return { ...next, counters: upsertById(snap.counters, counter) };
    }
    case 'office:updated':
      return { ...next, office: (payload as EventPayload<'office:updated'>).office };
    case 'device:status':
      return { ...next, devices: upsertById(snap.devices, (payload as EventPayload<'device:status'>).device) };
    default:
      // sync:updated, queue:changed and seq:skipped carry nothing the snapshot holds.
      return next;
  }
}

function upsertById<T extends { id: string }>(list: T[], item: T): T[] {
  const i = list.findIndex((x) => x.id === item.id);
  if (i === -1) return [...list, item];
  const copy = list.slice();
  copy[i] = item;
  return copy;
}

/** A waiting ticket is (re)placed in the list, any other status leaves it. */
function upsertWaiting(waiting: TicketDto[], ticket: TicketDto): TicketDto[] {
  const rest = waiting.filter((t) => t.id !== ticket.id);
  if (ticket.status !== 'waiting') return rest;
  const i = waiting.findIndex((t) => t.id === ticket.id);
  if (i !== -1) {
    const copy = waiting.slice();
    copy[i] = ticket;
    return copy;
  }
  return [...rest, ticket];
}

/** Keeps each counter's current ticket in step with the ticket's own changes. */
function updateCurrentTicket(counters: CounterDto[], ticket: TicketDto): CounterDto[] {
  const active = ticket.status === 'called' || ticket.status === 'serving';
  return counters.map((c) => {
    if (active && c.id === ticket.counterId) return { ...c, currentTicket: ticket };
    if (c.currentTicket?.id === ticket.id) return { ...c, currentTicket: active ? ticket : null };
    return c;
  });
}

function addCall(calls: CallDto[], call: CallDto): CallDto[] {
  return [call, ...calls].slice(0, RECENT_CALLS_KEPT);
}

/** Recomputes the queue figures from the waiting list, as the server's snapshot does. */
function withQueues(snap: QueueSnapshot, now: Date): QueueSnapshot {
  return { ...snap, queues: serviceQueues(snap.services.map((s) => s.id), snap.waiting, now) };
}
