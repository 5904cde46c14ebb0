/** Reads: the live snapshot, one ticket, today's figures, devices. */
import type { DeviceDto, QueueSnapshot, StatsTodayDto, TicketDto } from '@turnero/contract/dto';
import { serviceQueues } from '@turnero/contract/queue-figures';
import { localDay, startOfLocalDay } from '@turnero/domain/local-day';
import { computeAgentFigures, computeServiceFigures, totalFigures } from '@turnero/domain/stats';
import type { OfficeDeps } from './context';
import { callDto, counterDto, deviceDto, officeDto, serviceDto, ticketDto } from './presenter';
import { positionsOf, type QueueView } from './queue-view';
import {
  agentEventsSince,
  getTicket,
  loadDevices,
  recentCalls,
  ticketEventsSince,
} from './store/office-store';

const RECENT_CALLS = 10;

export async function snapshot(deps: OfficeDeps): Promise<QueueSnapshot> {
  return deps.bus.read(async (db, liveView) => {
    const view = await liveView();
    const now = deps.clock.now();
    const calls = await recentCalls(db, RECENT_CALLS);
    const devices = await loadDevices(db);
    const positions = positionsOf(view);
    const waiting = view.waiting.map((t) => ticketDto(view, t, positions));
    return {
      seq: deps.broadcaster.currentSeq(),
      bootId: deps.broadcaster.bootId,
      serverTime: now.toISOString(),
      office: officeDto(view.office),
      services: view.services.map(serviceDto),
      queues: serviceQueues(view.services.map((s) => s.id), waiting, now),
      waiting,
      counters: view.counters.map((c) => counterDto(view, c)),
      recentCalls: calls.map((e) =>
        callDto(
          view,
          { id: e.ticketId, code: e.ticket.code, counterId: e.counterId, serviceId: e.serviceId },
          e.at,
          e.type === 'recalled',
          reasonOf(e.data),
        ),
      ),
      devices: devices.map((d) => deviceDto(d.device, d, deps.broadcaster.isDeviceConnected(d.device.id), deps.broadcaster.displaySoundOn(d.device.id))),
      liveTicketUrlBase: deps.printing.liveTicketUrlBase(),
    };
  });
}

function reasonOf(data: string | null): QueueSnapshot['recentCalls'][number]['reason'] {
  if (!data) return null;
  try {
    return (JSON.parse(data) as { reason?: QueueSnapshot['recentCalls'][number]['reason'] }).reason ?? null;
  } catch {
    return null;
  }
}

export async function getTicketDto(deps: OfficeDeps, id: string): Promise<TicketDto> {
  return deps.bus.read(async (db, liveView) => ticketDto(await liveView(), await getTicket(db, id)));
}

export async function publicTicket(deps: OfficeDeps, id: string) {
  return deps.bus.read(async (db, liveView) => {
    const view: QueueView = await liveView();
    const ticket = ticketDto(view, await getTicket(db, id));
    return {
      ticket,
      officeName: view.office.name,
      counterName: ticket.counterName,
      serviceName: ticket.serviceName,
    };
  });
}

export async function statsToday(deps: OfficeDeps): Promise<StatsTodayDto> {
  return deps.bus.read(async (db, liveView) => {
    const view = await liveView();
    const now = deps.clock.now();
    const day = localDay(now, view.office.timeZone);
    const since = startOfLocalDay(day, view.office.timeZone);
    const events = await ticketEventsSince(db, since);
    const agentEvents = await agentEventsSince(db, since);
    const names = new Map(view.services.map((s) => [s.id, s.nameEs]));
    return {
      day,
      services: computeServiceFigures(events, view.services, now).map((f) => ({
        ...f,
        serviceName: names.get(f.serviceId) ?? '',
      })),
      totals: totalFigures(events, view.services, now),
      agents: computeAgentFigures(events, agentEvents, now),
    };
  });
}

export async function listDevices(deps: OfficeDeps): Promise<DeviceDto[]> {
  return deps.bus.read(async (db) =>
    (await loadDevices(db)).map((d) => deviceDto(d.device, d, deps.broadcaster.isDeviceConnected(d.device.id), deps.broadcaster.displaySoundOn(d.device.id))),
  );
}

export async function listCounters(deps: OfficeDeps) {
  return deps.bus.read(async (db, liveView) => {
    const view = await liveView();
    return view.counters.map((c) => counterDto(view, c));
  });
}
