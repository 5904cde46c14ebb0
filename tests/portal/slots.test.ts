/**
 * The appointment slots of a day, as a pure function of the calendar, the settings and the
 * instant: inside the opening spans and ending by their close, none past or on holidays,
 * each wall time once even across a DST jump, and a start off the grid is no slot.
 */
import { describe, expect, test } from 'vitest';
import { AppointmentSettings } from '@turnero/contract/portal';
import { findSlot, slotTimes } from '../../server/src/hq/portal/slots';

const settings = AppointmentSettings.parse({ enabled: true, slotsPerHour: 4, weeksAhead: 1 });
const bogota = (hours: { open: string; close: string }[]) => ({
  timeZone: 'America/Bogota',
  hours: Array.from({ length: 7 }, () => hours),
  holidays: [{ date: '2026-12-08', name: 'Inmaculada Concepción' }],
});
const iso = (d: { start: Date }[]) => d.map((s) => s.start.toISOString());
const NOW = new Date('2026-12-02T12:00:00Z'); // 07:00 in Bogotá

describe('appointment slots', () => {
  test('slots fill each span every 15 minutes and end by its close', () => {
    const slots = slotTimes('2026-12-03', bogota([{ open: '08:00', close: '09:10' }, { open: '14:00', close: '14:30' }]), settings, NOW);
    expect(iso(slots)).toEqual([
      '2026-12-03T13:00:00.000Z',
      '2026-12-03T13:15:00.000Z',
      '2026-12-03T13:30:00.000Z',
      '2026-12-03T13:45:00.000Z',
      '2026-12-03T19:00:00.000Z',
      '2026-12-03T19:15:00.000Z',
    ]);
    expect(slots[0].end.toISOString()).toBe('2026-12-03T13:15:00.000Z');
  });

  test('no slots on a holiday, before now, or beyond the weeks offered', () => {
    const cal = bogota([{ open: '08:00', close: '12:00' }]);
    expect(slotTimes('2026-12-08', cal, settings, NOW)).toEqual([]);
    expect(slotTimes('2026-12-09', cal, settings, NOW)).toHaveLength(16);
    expect(slotTimes('2026-12-10', cal, settings, NOW)).toEqual([]);
    expect(slotTimes('2026-12-01', cal, settings, NOW)).toEqual([]);
    const later = slotTimes('2026-12-02', cal, settings, new Date('2026-12-02T15:05:00Z'));
    expect(iso(later)[0]).toBe('2026-12-02T15:15:00.000Z');
  });

  test('an office without hours is bookable all day; a day across a DST jump offers each instant once', () => {
    expect(slotTimes('2026-12-03', { timeZone: 'America/Bogota', hours: null, holidays: [] }, settings, NOW)).toHaveLength(96);
    const ny = { timeZone: 'America/New_York', hours: Array.from({ length: 7 }, () => [{ open: '00:00', close: '04:00' }]), holidays: [] };
    const jump = slotTimes('2027-03-14', ny, AppointmentSettings.parse({ slotsPerHour: 1, weeksAhead: 12 }), new Date('2027-03-01T00:00:00Z'));
    const starts = iso(jump);
    expect(new Set(starts).size).toBe(starts.length);
    expect(starts.length).toBe(3);
  });

  test('a start off the grid, or outside the hours, is no slot', () => {
    const cal = bogota([{ open: '08:00', close: '12:00' }]);
    expect(findSlot(new Date('2026-12-03T13:15:00Z'), cal, settings, NOW)?.end.toISOString()).toBe('2026-12-03T13:30:00.000Z');
    expect(findSlot(new Date('2026-12-03T13:05:00Z'), cal, settings, NOW)).toBeNull();
    expect(findSlot(new Date('2026-12-03T18:00:00Z'), cal, settings, NOW)).toBeNull();
  });
});
