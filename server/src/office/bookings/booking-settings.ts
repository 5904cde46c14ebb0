/**
 * The office's appointment and remote-queue settings, stored as JSON text on the Office row
 * (head office publishes them in ConfigSettings.appointments / .remoteQueue). Read through
 * the contract's schemas so a missing or damaged value means the defaults (appointments
 * and the remote queue off), never a crash in the middle of a call.
 */
import { AppointmentSettings, RemoteQueueSettings } from '@turnero/contract/portal';

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, json: string | null | undefined): T {
  let value: unknown = {};
  try {
    value = JSON.parse(json || '{}');
  } catch {
    value = {};
  }
  const r = schema.safeParse(value);
  return r.success ? r.data : (schema.safeParse({}) as { success: true; data: T }).data;
}

export const appointmentSettingsOf = (json: string | null | undefined): AppointmentSettings => parsed(AppointmentSettings, json);
export const remoteQueueSettingsOf = (json: string | null | undefined): RemoteQueueSettings => parsed(RemoteQueueSettings, json);
