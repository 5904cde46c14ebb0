/**
 * The simulated offices the wait replay runs: what really happens there, independent of
 * the predictor (which never sees these numbers, only what the office records). Times
 * are drawn from these "true" distributions: log-normal service times per service with an
 * after-lunch slowdown, Poisson arrivals with a morning and an afternoon peak and a daily
 * swing, no-shows, transfers, lunches and counters that open and close during the day.
 */
import { normal, type Random } from '@turnero/domain/wait-prediction/random';

export type Prefix = 'A' | 'B' | 'C' | 'D';

export interface ServiceProfile {
  prefix: Prefix;
  share: number;
  medianMinutes: number;
}

/** One demo counter (Módulo 1-6) signed in from `from` to `to` (local hours), with an optional lunch. */
export interface Shift {
  counter: number;
  from: number;
  to: number;
  lunchAt?: number;
  lunchMinutes?: number;
  /** Stays after `to` until nothing waits for it (someone closes the office). */
  closer?: boolean;
}

export interface OfficeProfile {
  name: string;
  customersPerHour: number;
  preferentialShare: number;
  services: ServiceProfile[];
  shifts: Shift[];
  noShowShare: number;
  transferShare: number;
  /** Spread of service times (sigma of the log). */
  sigma: number;
}

/** Arrivals by local hour relative to the average hour: a mid-morning and a mid-afternoon peak. */
export const HOURLY_SHAPE: Record<number, number> = { 8: 0.8, 9: 1.2, 10: 1.45, 11: 1.2, 12: 0.75, 13: 0.7, 14: 1.0, 15: 1.15, 16: 0.75 };
export const OPEN_HOUR = 8;
export const LAST_ARRIVAL_HOUR = 17;

const SERVICES: ServiceProfile[] = [
  { prefix: 'A', share: 0.45, medianMinutes: 4 },
  { prefix: 'B', share: 0.25, medianMinutes: 7 },
  { prefix: 'C', share: 0.15, medianMinutes: 10 },
  { prefix: 'D', share: 0.15, medianMinutes: 8 },
];

export const PROFILES: OfficeProfile[] = [
  {
    name: 'busy',
    customersPerHour: 40,
    preferentialShare: 0.12,
    services: SERVICES,
    shifts: [
      { counter: 1, from: 8, to: 17, lunchAt: 12, lunchMinutes: 45, closer: true },
      { counter: 2, from: 8, to: 17, lunchAt: 12.75, lunchMinutes: 45, closer: true },
      { counter: 3, from: 8, to: 17, lunchAt: 13.5, lunchMinutes: 45, closer: true },
      { counter: 4, from: 8, to: 16, lunchAt: 12, lunchMinutes: 40 },
      { counter: 5, from: 8.5, to: 17, lunchAt: 13, lunchMinutes: 40, closer: true },
      { counter: 6, from: 9, to: 16.5, lunchAt: 12.5, lunchMinutes: 30 },
    ],
    noShowShare: 0.08,
    transferShare: 0.05,
    sigma: 0.55,
  },
  {
    name: 'quiet',
    customersPerHour: 14,
    preferentialShare: 0.1,
    services: SERVICES,
    shifts: [
      { counter: 3, from: 8, to: 17, lunchAt: 12, lunchMinutes: 60, closer: true },
      { counter: 5, from: 8, to: 17, lunchAt: 13, lunchMinutes: 60, closer: true },
      { counter: 6, from: 9, to: 15 },
    ],
    noShowShare: 0.1,
    transferShare: 0.04,
    sigma: 0.6,
  },
  {
    name: 'shifts',
    customersPerHour: 30,
    preferentialShare: 0.15,
    services: SERVICES,
    shifts: [
      { counter: 1, from: 8, to: 17, lunchAt: 12.5, lunchMinutes: 45, closer: true },
      { counter: 3, from: 8, to: 17, lunchAt: 13, lunchMinutes: 45, closer: true },
      { counter: 5, from: 8, to: 17, lunchAt: 12, lunchMinutes: 45, closer: true },
      { counter: 2, from: 9.5, to: 12.5 },
      { counter: 4, from: 10, to: 13 },
      { counter: 6, from: 14, to: 16.5 },
      { counter: 2, from: 14.5, to: 16 },
    ],
    noShowShare: 0.07,
    transferShare: 0.06,
    sigma: 0.5,
  },
];

/** A true service time (seconds): log-normal around the service's median, 15% slower after lunch. */
export function serviceSeconds(s: ServiceProfile, localHour: number, sigma: number, random: Random): number {
  const slow = localHour >= 13 ? 1.15 : 1;
  return s.medianMinutes * 60 * slow * Math.exp(sigma * normal(random));
}

export function pickService(profile: OfficeProfile, random: Random): ServiceProfile {
  let x = random();
  for (const s of profile.services) {
    x -= s.share;
    if (x < 0) return s;
  }
  return profile.services.at(-1)!;
}

/** Arrival instants (ms) of one day: Poisson per hour at the profile's rate × hourly shape × the day's swing. */
export function arrivalTimes(profile: OfficeProfile, dayStartMs: number, random: Random): number[] {
  const swing = 0.85 + 0.3 * random();
  const out: number[] = [];
  for (let h = OPEN_HOUR; h < LAST_ARRIVAL_HOUR; h++) {
    const rate = profile.customersPerHour * (HOURLY_SHAPE[h] ?? 0) * swing;
    let t = 0;
    for (;;) {
      t += -Math.log(1 - random()) / rate;
      if (t >= 1) break;
      out.push(dayStartMs + (h + t) * 3_600_000);
    }
  }
  return out;
}
