import type { Office } from '@turnero/domain/types';
import type { OfficeSettingsRequest } from '@turnero/contract/dto';
import type { Db } from './db';
import { officeColumns } from './link-store';
import { toOffice } from './mappers';

export async function updateOfficeSettings(db: Db, s: OfficeSettingsRequest): Promise<Office> {
  const office = await db.office.findFirstOrThrow();
  const row = await db.office.update({ where: { id: office.id }, data: officeColumns(s) });
  return toOffice(row);
}

export async function replaceCounterServices(
  db: Db,
  counterId: string,
  services: { serviceId: string; weight: number }[],
): Promise<void> {
  await db.counterService.deleteMany({ where: { counterId } });
  for (const s of services) {
    await db.counterService.create({ data: { counterId, serviceId: s.serviceId, weight: s.weight } });
  }
}

/** True before the first start created the office. */
export async function hasNoOffice(db: Db): Promise<boolean> {
  return (await db.office.count()) === 0;
}

export async function insertOffice(
  db: Db,
  o: { id: string; code: string; name: string; timeZone: string; ticketFooter: string; agentsChooseServices: boolean },
): Promise<void> {
  await db.office.create({ data: o });
}

/** The line printed at the foot of every ticket. */
export async function loadTicketFooter(db: Db): Promise<string> {
  return (await db.office.findFirstOrThrow({ select: { ticketFooter: true } })).ticketFooter;
}

/** The text header printed at the top of every ticket ("" : none). */
export async function loadTicketLogo(db: Db): Promise<string> {
  return (await db.office.findFirstOrThrow({ select: { ticketLogo: true } })).ticketLogo ?? '';
}
