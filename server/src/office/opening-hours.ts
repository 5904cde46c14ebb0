/**
 * The office refuses tickets outside its opening hours and on its holidays (both from head
 * office), saying in Spanish when it opens next; the kiosk shows that, or words
 * `details.nextOpenAt` in its own language. No hours configured: always open.
 */
import { AppError } from '@turnero/domain/errors';
import { openingAt } from '@turnero/domain/opening-hours';
import type { Office } from '@turnero/domain/types';

export function assertOpenAt(office: Office, now: Date): void {
  if (!office.calendar) return;
  const opening = openingAt(now, { timeZone: office.timeZone, ...office.calendar });
  if (opening.open) return;
  const why = opening.holiday ? `Hoy es festivo (${opening.holiday}).` : 'La oficina está cerrada en este horario.';
  const next = opening.nextOpenAt ? ` Abre el ${opensLabel(opening.nextOpenAt, office.timeZone)}.` : '';
  throw new AppError('office_closed', `${why}${next}`, {
    holiday: opening.holiday,
    nextOpenAt: opening.nextOpenAt?.toISOString() ?? null,
  });
}

/** e.g. "martes 12 de enero a las 08:00", in the office's time zone. */
function opensLabel(at: Date, timeZone: string): string {
  const part = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('es-CO', { timeZone, ...options }).format(at);
  return `${part({ weekday: 'long', day: 'numeric', month: 'long' }).replace(',', '')} a las ${part({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}`;
}
