/**
 * When a booking may check in, pure: from `earlyMinutes` before its slot until
 * `lateMinutes` after it. Too early says when to come back; too late lets the kiosk offer
 * a walk-in ticket. Also when an unchecked booking becomes a no-show (the same late edge),
 * and the slot's office-local clock time that screens and explanations show ("10:30").
 */
import { offsetAt } from './local-day';

export interface CheckInWindow {
  earlyMinutes: number;
  lateMinutes: number;
}

export type CheckInTiming =
  | { kind: 'open' }
  /** `opensAt`: the first instant the booking may check in. */
  | { kind: 'too_early'; opensAt: Date }
  /** `closedAt`: the last instant it could. */
  | { kind: 'too_late'; closedAt: Date };

const MINUTE = 60_000;

export function checkInTiming(slotStart: Date, window: CheckInWindow, now: Date): CheckInTiming {
  const opensAt = new Date(slotStart.getTime() - Math.max(window.earlyMinutes, 0) * MINUTE);
  const closedAt = lateEdge(slotStart, window);
  if (now.getTime() < opensAt.getTime()) return { kind: 'too_early', opensAt };
  if (now.getTime() > closedAt.getTime()) return { kind: 'too_late', closedAt };
  return { kind: 'open' };
}

/** The last instant a booking may check in; past it, a booking still unchecked is a no-show. */
export function lateEdge(slotStart: Date, window: Pick<CheckInWindow, 'lateMinutes'>): Date {
  return new Date(slotStart.getTime() + Math.max(window.lateMinutes, 0) * MINUTE);
}

/** True once an unchecked booking can no longer check in. */
export function isNoShow(slotStart: Date, window: Pick<CheckInWindow, 'lateMinutes'>, now: Date): boolean {
  return now.getTime() > lateEdge(slotStart, window).getTime();
}

/** The office-local clock time of an instant, 24 h "HH:MM" (e.g. "10:30"). */
export function localClockTime(at: Date, timeZone: string): string {
  const local = new Date(at.getTime() + offsetAt(at, timeZone));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}
