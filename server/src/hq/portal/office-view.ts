/**
 * An office as the portal sees it: its newest published configuration (services, hours,
 * holidays, appointment and remote-queue settings) with the contract's defaults filled in.
 * Head office's configuration is the truth the portal offers from, not what the office runs.
 */
import { OfficeConfig, type ConfigService } from '@turnero/contract/hq-link';
import { AppointmentSettings, RemoteQueueSettings } from '@turnero/contract/portal';
import { PORTAL_CONSENT_VERSION } from '@turnero/contract/portal-consent';
import { AppError } from '@turnero/domain/errors';
import type { OfficeCalendar } from '@turnero/domain/opening-hours';
import type { PortalOfficeRow } from '../store/portal-store';

export interface OfficeView {
  id: number;
  code: string;
  name: string;
  company: string | null;
  timeZone: string;
  services: ConfigService[];
  appointments: AppointmentSettings;
  remoteQueue: RemoteQueueSettings;
  calendar: OfficeCalendar;
}

export function officeView(row: PortalOfficeRow): OfficeView {
  const parsed = row.config ? OfficeConfig.safeParse(row.config) : null;
  const config = parsed?.success ? parsed.data : { version: 0, services: [], settings: {} };
  const s = config.settings;
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    company: row.company,
    timeZone: row.timeZone,
    services: config.services,
    appointments: AppointmentSettings.parse(s.appointments ?? {}),
    remoteQueue: RemoteQueueSettings.parse(s.remoteQueue ?? {}),
    calendar: { timeZone: row.timeZone, hours: s.openingHours ?? null, holidays: s.holidays ?? [] },
  };
}

export function serviceOf(office: OfficeView, code: string): ConfigService {
  const service = office.services.find((s) => s.catalogCode === code);
  if (!service) throw new AppError('not_found', `Office ${office.code} offers no service ${code}`);
  return service;
}

/** Refuses a consent the customer gave to another version of the text than the portal shows. */
export function assertConsent(consentVersion: string): void {
  if (consentVersion !== PORTAL_CONSENT_VERSION) {
    throw new AppError('consent_version_mismatch', 'The data-protection text changed: read and accept the current version', {
      consentVersion: PORTAL_CONSENT_VERSION,
    });
  }
}
