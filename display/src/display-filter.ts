/**
 * Which calls and queues a wall display shows. A display may be limited to some services
 * or counters (one display per floor): URL parameters `?services=a,b&counters=c1` win,
 * otherwise the display device's own settings from the snapshot; empty means all.
 */
import type { CallDto, DeviceDto, QueueSnapshot } from '@turnero/contract/dto';

export interface DisplayScope {
  serviceIds: string[];
  counterIds: string[];
}

const list = (v: string | null): string[] =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

export function scopeFrom(params: URLSearchParams, device: DeviceDto | undefined): DisplayScope {
  const urlServices = list(params.get('services'));
  const urlCounters = list(params.get('counters'));
  return {
    serviceIds: urlServices.length > 0 ? urlServices : (device?.serviceIds ?? []),
    counterIds: urlCounters.length > 0 ? urlCounters : (device?.counterIds ?? []),
  };
}

export function callInScope(call: Pick<CallDto, 'serviceId' | 'counterId'>, scope: DisplayScope): boolean {
  return (
    (scope.serviceIds.length === 0 || scope.serviceIds.includes(call.serviceId)) &&
    (scope.counterIds.length === 0 || scope.counterIds.includes(call.counterId))
  );
}

/** Services whose queue the display lists: in scope, active, in the office's order. */
export function servicesInScope(snapshot: QueueSnapshot, scope: DisplayScope) {
  const counterServices =
    scope.counterIds.length === 0
      ? null
      : new Set(
          snapshot.counters.filter((c) => scope.counterIds.includes(c.id)).flatMap((c) => c.services.map((s) => s.serviceId)),
        );
  return snapshot.services
    .filter((s) => s.active)
    .filter((s) => scope.serviceIds.length === 0 || scope.serviceIds.includes(s.id))
    .filter((s) => counterServices === null || counterServices.has(s.id))
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((s) => ({ service: s, queue: snapshot.queues.find((q) => q.serviceId === s.id) }));
}

/** Latest calls first, in scope, one line per ticket (a recall replaces its older line). */
export function recentCallsInScope(snapshot: QueueSnapshot, scope: DisplayScope, max = 7): CallDto[] {
  const seen = new Set<string>();
  const out: CallDto[] = [];
  const sorted = [...snapshot.recentCalls].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
  for (const call of sorted) {
    if (!callInScope(call, scope) || seen.has(call.ticketId)) continue;
    seen.add(call.ticketId);
    out.push(call);
    if (out.length >= max) break;
  }
  return out;
}
