/**
 * What each audience of the office receives: one projection per audience of the snapshot
 * and of every broadcast fact. Staff (agents, supervisors, admins) get everything; the
 * screens in the hall (kiosks and wall displays) get what they show: the queue, the
 * calls, counters without their agent, and their own device without its printer link;
 * a public ticket page gets its own ticket's facts and what moves positions (the rooms
 * decide that). Printer links, the head-office link and its errors, agents' names and
 * pause reasons stay with staff. Pure: the broadcaster and the snapshot readers call it.
 */
import type { CounterDto, DeviceDto, QueueSnapshot } from '@turnero/contract/dto';
import type { Fact, FactName } from '@turnero/contract/realtime';

export type Audience = 'staff' | 'hall' | 'public';

export function audienceOf(role: string): Audience {
  if (role === 'kiosk' || role === 'display' || role === 'survey') return 'hall';
  if (role === 'public') return 'public';
  return 'staff';
}

/** A counter as the hall sees it: the agent at it and why they paused are staff matters. */
function hallCounter(c: CounterDto): CounterDto {
  return { ...c, agentId: null, agentName: null, pauseReason: null };
}

/** A device as it sees itself: its printer link is the office's configuration. */
function ownDevice(d: DeviceDto): DeviceDto {
  return { ...d, printerUri: null };
}

/** The snapshot for a socket or request of this role (`deviceId`: the kiosk's or display's own). */
export function projectSnapshot(role: string, deviceId: string | null, snap: QueueSnapshot): QueueSnapshot {
  if (audienceOf(role) === 'staff') return snap;
  return {
    ...snap,
    counters: snap.counters.map(hallCounter),
    devices: snap.devices.filter((d) => d.id === deviceId).map(ownDevice),
  };
}

/** Facts that only staff hear. */
const STAFF_ONLY: ReadonlySet<FactName> = new Set<FactName>(['sync:updated']);

/**
 * A fact as the hall hears it, or null when the hall does not hear it. `device:status`
 * goes to the device's own sockets only (the broadcaster's device room).
 */
export function projectForHall<E extends FactName>(event: E, fact: Fact<E>): Fact<E> | null {
  if (STAFF_ONLY.has(event)) return null;
  if (event === 'counter:updated') {
    const f = fact as Fact<'counter:updated'>;
    return { ...f, counter: hallCounter(f.counter) } as Fact<E>;
  }
  if (event === 'device:status') {
    const f = fact as Fact<'device:status'>;
    return { ...f, device: ownDevice(f.device) } as Fact<E>;
  }
  return fact;
}
