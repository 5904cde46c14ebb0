/**
 * Supervisor settings: the display ticker, closing time, the calling policy, a counter's
 * services. Each change is written to the configuration audit; a setting head office owns
 * (its last configuration version named it) is read-only here (409 managed_by_hq).
 */
import type { CounterDto, OfficeDto, OfficeSettingsRequest } from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import type { OfficeDeps, Principal } from '../context';
import { isStaffManager } from '../context';
import { counterDto, officeDto } from '../presenter';
import { auditedRow, insertConfigAudit } from '../store/config-audit-store';
import { readHqOwnableSettings, readLinkRow } from '../store/link-store';
import { getCounter, loadOffice, loadServices } from '../store/office-store';
import { updateOfficeSettings, replaceCounterServices } from '../store/settings-store';

type OfficeSettings = OfficeSettingsRequest;

export async function changeOfficeSettings(deps: OfficeDeps, principal: Principal, settings: OfficeSettings): Promise<OfficeDto> {
  return deps.bus.command('office-settings', async ({ tx, afterCommit }) => {
    const hqOwned = (await readLinkRow(tx)).hqSettings.filter((k) => k in settings && settings[k as keyof OfficeSettings] !== undefined);
    if (hqOwned.length > 0) {
      throw new AppError('managed_by_hq', `${hqOwned.join(', ')} managed by head office: change it there (read-only at the office)`);
    }
    const before = { ...(await loadOffice(tx)), ...(await readHqOwnableSettings(tx)) };
    const office = officeDto(await updateOfficeSettings(tx, settings));
    const keys = Object.keys(settings) as (keyof typeof before)[];
    await insertConfigAudit(tx, [{
      at: deps.clock.now(), actor: principal.id, action: 'settings.update', subject: 'office',
      before: Object.fromEntries(keys.map((k) => [k, before[k]])), after: settings,
    }]);
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
    const before = await auditedRow(tx, 'counter', counterId);
    await replaceCounterServices(tx, counterId, services);
    const after = await auditedRow(tx, 'counter', counterId);
    await insertConfigAudit(tx, [{ at: deps.clock.now(), actor: principal.id, action: 'counter.services', subject: counterId, before, after }]);
    const view = await liveView();
    const dto = counterDto(view, await getCounter(tx, counterId));
    afterCommit(() => {
      deps.broadcaster.publish('counter:updated', { counter: dto });
    });
    return dto;
  });
}
