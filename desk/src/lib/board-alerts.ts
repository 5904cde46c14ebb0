/**
 * The supervisor board's alerts, computed from the live snapshot. Pure: the board
 * re-runs it on every change and on a clock tick (waits grow without any event).
 */
import type { CounterDto, DeviceDto, QueueSnapshot, ServiceDto } from '@turnero/contract/dto';
import { waitSeconds } from './waiting-list';

export type AlertKind =
  | 'wait_past_target'
  | 'queue_too_long'
  | 'service_unserved'
  | 'service_without_counter'
  | 'printer_problem'
  | 'device_disconnected'
  | 'display_sound_off'
  | 'not_accepting';

export type AlertSeverity = 'critical' | 'warning' | 'info';

export interface BoardAlert {
  kind: AlertKind;
  severity: AlertSeverity;
  /** Stable id, so the list does not flicker between renders. */
  key: string;
  serviceId?: string;
  deviceId?: string;
  /** Numbers the message needs (count, minutes, limit...). */
  values: Record<string, string | number>;
}

export interface AlertSettings {
  /** A queue with more tickets than this raises an alert. */
  maxQueueLength: number;
}

export const DEFAULT_ALERT_SETTINGS: AlertSettings = { maxQueueLength: 15 };

/** A counter whose agent can take the next customer now (signed in and not paused). */
function isStaffed(c: CounterDto): boolean {
  return c.active && (c.agentState === 'idle' || c.agentState === 'serving');
}

export function computeAlerts(
  snap: Pick<QueueSnapshot, 'services' | 'waiting' | 'counters' | 'devices' | 'office'>,
  now: Date,
  settings: AlertSettings = DEFAULT_ALERT_SETTINGS,
): BoardAlert[] {
  const alerts: BoardAlert[] = [];
  const services = snap.services.filter((s) => s.active);
  for (const service of services) alerts.push(...serviceAlerts(service, snap, now, settings));
  for (const device of snap.devices) alerts.push(...deviceAlerts(device));
  if (!snap.office.acceptingTickets) {
    alerts.push({ kind: 'not_accepting', severity: 'info', key: 'office:closed', values: {} });
  }
  const rank: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };
  return alerts.sort((a, b) => rank[a.severity] - rank[b.severity] || a.key.localeCompare(b.key));
}

function serviceAlerts(
  service: ServiceDto,
  snap: Pick<QueueSnapshot, 'waiting' | 'counters'>,
  now: Date,
  settings: AlertSettings,
): BoardAlert[] {
  const out: BoardAlert[] = [];
  const waiting = snap.waiting.filter((t) => t.serviceId === service.id && t.status === 'waiting');
  const target = service.targetWaitMinutes * 60;
  if (target > 0) {
    const late = waiting.filter((t) => waitSeconds(t, now) > target);
    if (late.length > 0) {
      const longest = Math.max(...late.map((t) => waitSeconds(t, now)));
      out.push({
        kind: 'wait_past_target',
        severity: 'critical',
        key: `late:${service.id}`,
        serviceId: service.id,
        values: { count: late.length, minutes: Math.floor(longest / 60), target: service.targetWaitMinutes },
      });
    }
  }
  if (waiting.length > settings.maxQueueLength) {
    out.push({
      kind: 'queue_too_long',
      severity: 'warning',
      key: `long:${service.id}`,
      serviceId: service.id,
      values: { count: waiting.length, limit: settings.maxQueueLength },
    });
  }
  const serving = snap.counters.filter((c) => c.active && c.services.some((s) => s.serviceId === service.id));
  if (serving.length === 0) {
    out.push({
      kind: 'service_without_counter',
      severity: waiting.length > 0 ? 'critical' : 'warning',
      key: `nocounter:${service.id}`,
      serviceId: service.id,
      values: { count: waiting.length },
    });
  } else if (waiting.length > 0 && !serving.some(isStaffed)) {
    out.push({
      kind: 'service_unserved',
      severity: 'critical',
      key: `unserved:${service.id}`,
      serviceId: service.id,
      values: { count: waiting.length },
    });
  }
  return out;
}

const PRINTER_PROBLEMS = new Set(['paper_out', 'cover_open', 'offline', 'paper_near_end']);

function deviceAlerts(device: DeviceDto): BoardAlert[] {
  if (!device.active) return [];
  const out: BoardAlert[] = [];
  if (device.kind === 'kiosk' && device.printerStatus && PRINTER_PROBLEMS.has(device.printerStatus)) {
    out.push({
      kind: 'printer_problem',
      severity: device.printerStatus === 'paper_near_end' ? 'warning' : 'critical',
      key: `printer:${device.id}`,
      deviceId: device.id,
      values: { status: device.printerStatus, device: device.name },
    });
  }
  // Its browser blocks sound (no autoplay flag): customers hear no call until someone touches it.
  if (device.kind === 'display' && device.connected && device.soundOn === false) {
    out.push({
      kind: 'display_sound_off',
      severity: 'critical',
      key: `sound:${device.id}`,
      deviceId: device.id,
      values: { device: device.name },
    });
  }
  if (!device.connected) {
    out.push({
      kind: 'device_disconnected',
      severity: 'warning',
      key: `offline:${device.id}`,
      deviceId: device.id,
      values: { device: device.name },
    });
  }
  return out;
}
