import type { Office } from '@turnero/domain/types';
import type { Db } from './db';
import { toOffice } from './mappers';

export async function updateOfficeSettings(
  db: Db,
  s: Partial<{
    ticker: string;
    acceptingTickets: boolean;
    keepQueueOvernight: boolean;
    preferentialPerGeneral: number;
    overdueFirst: boolean;
    agentsChooseServices: boolean;
  }>,
): Promise<Office> {
  const office = await db.office.findFirstOrThrow();
  const row = await db.office.update({ where: { id: office.id }, data: s });
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
