/** Row <-> domain mapping for the office store. */
import type {
  Counter as CounterRow,
  CounterService as CounterServiceRow,
  Device as DeviceRow,
  Office as OfficeRow,
  Service as ServiceRow,
  Ticket as TicketRow,
  User as UserRow,
} from '../../db/generated/office/client';
import type {
  AgentState,
  Counter,
  Device,
  DeviceKind,
  Office,
  PauseReason,
  PrintState,
  Service,
  Ticket,
  TicketCategory,
  TicketStatus,
  User,
  UserRole,
} from '@turnero/domain/types';
import type { OpenSpan } from '@turnero/domain/opening-hours';
import { appointmentSettingsOf } from '../bookings/booking-settings';

export const toOffice = (r: OfficeRow): Office => ({
  id: r.id,
  code: r.code,
  name: r.name,
  timeZone: r.timeZone,
  keepQueueOvernight: r.keepQueueOvernight,
  acceptingTickets: r.acceptingTickets,
  ticker: r.ticker,
  agentsChooseServices: r.agentsChooseServices,
  policy: { preferentialPerGeneral: r.preferentialPerGeneral, overdueFirst: r.overdueFirst },
  calendar: {
    hours: r.openingHours === null ? null : (JSON.parse(r.openingHours) as OpenSpan[][]),
    holidays: JSON.parse(r.holidays) as { date: string; name: string }[],
  },
  kioskTexts: {
    welcomeEs: r.kioskWelcomeEs,
    welcomeEn: r.kioskWelcomeEn,
    consentEs: r.consentTextEs,
    consentEn: r.consentTextEn,
    consentPolicyVersion: r.consentPolicyVersion,
  },
  announcement: { language: r.announcementLanguage === 'en' ? 'en' : 'es-CO', voice: r.announcementVoice },
  bookingCalls: bookingCallsOf(r.appointmentSettings),
});

function bookingCallsOf(json: string): Office['bookingCalls'] {
  const a = appointmentSettingsOf(json);
  return { windowMinutes: a.callWindowMinutes, maxInARow: a.maxBookedInARow };
}

export const toService = (r: ServiceRow): Service => ({
  id: r.id,
  nameEs: r.nameEs,
  nameEn: r.nameEn,
  prefix: r.prefix,
  targetWaitMinutes: r.targetWaitMinutes,
  active: r.active,
  color: r.color,
  icon: r.icon,
  sortOrder: r.sortOrder,
  catalogCode: r.catalogCode,
});

export const toCounter = (r: CounterRow & { services: CounterServiceRow[] }): Counter => ({
  id: r.id,
  name: r.name,
  active: r.active,
  services: r.services.map((s) => ({ serviceId: s.serviceId, weight: s.weight })),
  agentId: r.agentId,
  agentState: r.agentState as AgentState,
  stateSince: r.stateSince,
  pauseReason: r.pauseReason as PauseReason | null,
  preferentialStreak: r.preferentialStreak,
});

export const toTicket = (r: TicketRow): Ticket => ({
  id: r.id,
  serviceId: r.serviceId,
  issuedServiceId: r.issuedServiceId,
  category: r.category as TicketCategory,
  day: r.day,
  number: r.number,
  code: r.code,
  status: r.status as TicketStatus,
  issuedAt: r.issuedAt,
  counterId: r.counterId,
  directedCounterId: r.directedCounterId,
  calledAt: r.calledAt,
  firstCalledAt: r.firstCalledAt,
  startedAt: r.startedAt,
  finishedAt: r.finishedAt,
  recallCount: r.recallCount,
  outcome: r.outcome,
  printState: r.printState as PrintState,
  issuedByDeviceId: r.issuedByDeviceId,
  origin: r.origin as Ticket['origin'],
  slotAt: r.slotAt,
  present: r.present,
  bookingId: r.bookingId,
});

export const toUser = (r: UserRow): User => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  role: r.role as UserRole,
  active: r.active,
});

const parseIds = (json: string): string[] => {
  try {
    const v = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
};

export const toDevice = (r: DeviceRow): Device => ({
  id: r.id,
  kind: r.kind as DeviceKind,
  name: r.name,
  active: r.active,
  printerUri: r.printerUri,
  serviceIds: parseIds(r.serviceIds),
  counterIds: parseIds(r.counterIds),
});
