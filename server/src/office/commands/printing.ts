/** Print outcomes, printer status and reprints: the ticket stays valid whatever the printer does. */
import type { DeviceDto, PrinterStatus, PrintOutcome, TicketDto } from '@turnero/contract/dto';
import { AppError } from '@turnero/domain/errors';
import type { PrintState } from '@turnero/domain/types';
import type { OfficeDeps } from '../context';
import { deviceDto, ticketDto } from '../presenter';
import { viewWith } from '../queue-view';
import { getTicket, updateTicket } from '../store/office-store';
import { findDevice, savePrinterStatus } from '../store/device-store';

export async function recordPrintResult(deps: OfficeDeps, ticketId: string, outcome: PrintOutcome) {
  await setPrintState(deps, ticketId, !outcome.ok ? 'failed' : outcome.confirmed === false ? 'sent' : 'printed');
  if (!outcome.ok) deps.logger.warn({ ticketId, error: outcome.error, status: outcome.printerStatus }, 'print failed');
}

async function setPrintState(deps: OfficeDeps, ticketId: string, state: PrintState): Promise<TicketDto> {
  return deps.bus.command('print-state', async ({ tx, afterCommit, view: liveView, keepView }) => {
    const ticket = { ...(await getTicket(tx, ticketId)), printState: state };
    await updateTicket(tx, ticket);
    const after = viewWith(await liveView(), [ticket]);
    keepView(after);
    const dto = ticketDto(after, ticket);
    afterCommit(() => {
      deps.broadcaster.publish('ticket:updated', { ticket: dto, event: `print_${state}` });
    });
    return dto;
  });
}

export async function recordPrinterStatus(
  deps: OfficeDeps,
  deviceId: string,
  status: PrinterStatus,
): Promise<DeviceDto> {
  return deps.bus.command('printer-status', async ({ tx, afterCommit, viewUnchanged }) => {
    viewUnchanged();
    const before = await findDevice(tx, deviceId);
    if (!before) throw new AppError('not_found', `Unknown device ${deviceId}`);
    const changed = before.printerStatus !== status;
    const row = await savePrinterStatus(tx, deviceId, status, deps.clock.now(), changed);
    const dto = deviceDto(row.device, row, deps.broadcaster.isDeviceConnected(deviceId));
    if (changed) {
      afterCommit(() => {
        deps.broadcaster.publish('device:status', { device: dto });
      });
      deps.logger.info({ deviceId, status }, 'printer status changed');
    }
    return dto;
  });
}

/** Staff reprint a ticket (after paper was refilled, say). */
export async function reprintTicket(deps: OfficeDeps, ticketId: string): Promise<TicketDto> {
  const { dto, deviceId, office } = await deps.bus.read(async (db, liveView) => {
    const ticket = await getTicket(db, ticketId);
    if (!ticket.issuedByDeviceId) {
      throw new AppError('illegal_transition', `${ticket.code} was not issued at a kiosk`);
    }
    const view = await liveView();
    return { dto: ticketDto(view, ticket), deviceId: ticket.issuedByDeviceId, office: view.office };
  });
  if (!deps.printing.canPrint(deviceId)) {
    throw new AppError('unavailable', 'The kiosk printer is not connected');
  }
  const pending = await setPrintState(deps, ticketId, 'pending');
  deps.printing.print(deviceId, { ...dto, printState: 'pending' }, office);
  return pending;
}
