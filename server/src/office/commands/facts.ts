/**
 * Outbox facts for head office, built from domain events. No personal data: the
 * customer's ID number never appears; agents travel by id only.
 */
import type { AgentFact, TicketFact } from '@turnero/contract/outbox';
import type { AgentEvent, Service, Ticket, TicketEvent } from '@turnero/domain/types';
import type { OutboxEntry } from '../store/outbox-store';

const AGENT_ACTED = new Set(['called', 'recalled', 'started', 'finished', 'no_show', 'transferred']);

export function ticketFacts(
  ticket: Ticket,
  events: TicketEvent[],
  serviceById: Map<string, Service>,
): OutboxEntry[] {
  return events.map((e) => {
    const service = serviceById.get(e.serviceId);
    const fromService =
      e.type === 'transferred' && typeof e.data?.fromServiceId === 'string'
        ? serviceById.get(e.data.fromServiceId)
        : undefined;
    // A transfer is recorded under the service the ticket came from, pointing to the new one.
    const factService = fromService ?? service;
    const fact: TicketFact = {
      kind: 'ticket',
      ticketId: e.ticketId,
      event: e.type,
      day: ticket.day,
      serviceCode: factService?.prefix ?? '?',
      // Only a linked service carries it: a local one's facts stay as they were.
      ...(factService?.catalogCode ? { catalogCode: factService.catalogCode } : {}),
      serviceName: factService?.nameEs ?? '',
      targetWaitMinutes: factService?.targetWaitMinutes ?? 15,
      category: e.category,
      counterId: e.counterId,
      agentId: AGENT_ACTED.has(e.type) ? e.actorId : null,
      ...(e.type === 'transferred' ? { toServiceCode: service?.prefix ?? null } : {}),
    };
    return { occurredAt: e.at, fact };
  });
}

export function agentFact(e: AgentEvent): OutboxEntry {
  const fact: AgentFact = {
    kind: 'agent',
    agentId: e.agentId,
    counterId: e.counterId,
    event: e.type,
    reason: e.reason,
  };
  return { occurredAt: e.at, fact };
}
