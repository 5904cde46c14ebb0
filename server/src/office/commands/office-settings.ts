/** Supervisor settings: the display ticker, closing time, the calling policy, a counter's services. */
import type { CounterDto, OfficeDto } from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import type { OfficeDeps, Principal } from '../context';
import { isStaffManager } from '../context';
import { counterDto, officeDto } from '../presenter';
import { getCounter, loadOffice, loadServices } from '../store/office-store';
import { updateOfficeSettings, replaceCounterServices } from '../store/settings-store';

interface OfficeSettings {
  ticker?: string;
  acceptingTickets?: boolean;
  keepQueueOvernight?: boolean;
  preferentialPerGeneral?: number;
  overdueFirst?: boolean;
  agentsChooseServices?: boolean;
}

export async function changeOfficeSettings(deps: OfficeDeps, settings: OfficeSettings): Promise<OfficeDto> {
  return deps.bus.command('office-settings', async ({ tx, afterCommit }) => {
    const office = officeDto(await updateOfficeSettings(tx, settings));
    afterCommit(() => {
      deps.broadcaster.publish('office:updated', { office });
    });
    return office;
  });
}

export async function changeCounterServices(
  deps: OfficeDeps,
  principal: Principal,
  counterId: string,
  services: { serviceId: string; weight: number }[],
): Promise<CounterDto> {
  return deps.bus.command('counter-services', async ({ tx, afterCommit, view: liveView }) => {
    const counter = await getCounter(tx, counterId);
    if (!isStaffManager(principal)) {
      // Agents choose only for the counter they sit at, and only where the office allows it.
      const office = await loadOffice(tx);
      if (!office.agentsChooseServices || counter.agentId !== principal.id) {
        throw new AppError('forbidden', `You may not change the services of ${counter.name}`);
      }
    }
    const known = new Set((await loadServices(tx)).map((s) => s.id));
    const unknown = services.filter((s) => !known.has(s.serviceId)).map((s) => s.serviceId);
    if (unknown.length > 0) throw new AppError('not_found', `Unknown service(s): ${unknown.join(', ')}`);
    const ids = services.map((s) => s.serviceId);
    if (new Set(ids).size !== ids.length) throw new AppError('validation_failed', 'A service is listed twice');
    await replaceCounterServices(tx, counterId, services);
    const view = await liveView();
    const dto = counterDto(view, await getCounter(tx, counterId));
    afterCommit(() => {
      deps.broadcaster.publish('counter:updated', { counter: dto });
    });
    return dto;
  });
}
