import type { Db } from './db';
import { toDevice } from './mappers';

export async function findDevice(db: Db, id: string) {
  const row = await db.device.findUnique({ where: { id } });
  return row ? { device: toDevice(row), printerStatus: row.printerStatus, printerStatusAt: row.printerStatusAt } : null;
}

export async function savePrinterStatus(db: Db, id: string, status: string, at: Date, changed: boolean) {
  const row = await db.device.update({
    where: { id },
    data: changed ? { printerStatus: status, printerStatusAt: at } : { printerStatus: status },
  });
  return { device: toDevice(row), printerStatus: row.printerStatus, printerStatusAt: row.printerStatusAt };
}
