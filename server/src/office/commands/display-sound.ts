/**
 * A wall display's report of whether its browser may play sound. A display started
 * without the autoplay flag stays silent until someone touches it; staff see that on the
 * board ("Sonido apagado en …") instead of finding out when a customer misses a call.
 */
import type { DeviceDto } from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import type { OfficeDeps } from '../context';
import { deviceDto } from '../presenter';
import { findDevice } from '../store/device-store';

export async function recordDisplaySound(deps: OfficeDeps, deviceId: string, soundOn: boolean): Promise<DeviceDto> {
  return deps.bus.command('display-sound', async ({ tx, afterCommit, viewUnchanged }) => {
    viewUnchanged();
    const row = await findDevice(tx, deviceId);
    if (!row || row.device.kind !== 'display') throw new AppError('not_found', `Unknown display ${deviceId}`);
    const changed = deps.broadcaster.setDisplaySound(deviceId, soundOn);
    const dto = deviceDto(row.device, row, deps.broadcaster.isDeviceConnected(deviceId), soundOn);
    if (changed) {
      afterCommit(() => {
        deps.broadcaster.publish('device:status', { device: dto });
      });
      deps.logger.info({ deviceId, soundOn }, 'display sound changed');
    }
    return dto;
  });
}
