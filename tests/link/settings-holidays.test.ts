/**
 * What head office publishes of an office's calendar (server/src/hq/config/holidays.ts),
 * at a given instant: the country's public holidays for the next 13 months, plus added
 * dates, minus worked ones, and nothing calendar-related for an office without one.
 */
import { describe, expect, test } from 'vitest';
import { countryHolidays, publishedSettings } from '../../server/src/hq/config/holidays';

const NOW = new Date('2026-12-01T12:00:00Z');

describe("head office's holiday calendar", () => {
  test("Colombia's holidays from today to 13 months ahead, with Reyes moved to Monday 2027-01-11", () => {
    const list = countryHolidays('CO', NOW);
    expect(list.map((h) => h.date)).toContain('2026-12-08'); // Inmaculada Concepción
    expect(list).toContainEqual({ date: '2027-01-11', name: 'Día de los Reyes Magos' });
    expect(list).toContainEqual({ date: '2027-12-25', name: 'Navidad' });
    expect(list.every((h) => h.date >= '2026-12-01' && h.date <= '2028-01-01')).toBe(true);
    expect(list.map((h) => h.date)).not.toContain('2026-11-16'); // already past
    expect(list.map((h) => h.date)).toEqual([...list.map((h) => h.date)].sort());
  });

  test('each country its own: Panama has its 3 November, Colombia does not', () => {
    expect(countryHolidays('PA', NOW).map((h) => h.date)).toContain('2027-11-03');
    expect(countryHolidays('CO', NOW).map((h) => h.date)).not.toContain('2027-11-03');
  });

  test('published: added dates in, worked dates out, the inputs left out, the country defaulting to CO', () => {
    const published = publishedSettings(
      { ticker: 'Hola', holidays: [{ date: '2027-01-20', name: 'Aniversario' }], holidaysWorked: ['2027-01-11'] },
      NOW,
    );
    expect(published.ticker).toBe('Hola');
    expect(published.holidayCountry).toBe('CO');
    expect(published.holidays).toContainEqual({ date: '2027-01-20', name: 'Aniversario' });
    expect(published.holidays!.map((h) => h.date)).not.toContain('2027-01-11');
    expect(published).not.toHaveProperty('holidaysWorked');
  });

  test('an office whose settings have no calendar gets none (always open, as before)', () => {
    expect(publishedSettings({ ticker: 'Hola', overdueFirst: true }, NOW)).toEqual({ ticker: 'Hola', overdueFirst: true });
  });
});
