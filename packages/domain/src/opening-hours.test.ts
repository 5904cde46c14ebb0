import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { openingAt, type OfficeCalendar } from './opening-hours';

const BOGOTA = 'America/Bogota'; // UTC-5, no DST
const MADRID = 'Europe/Madrid'; // DST: UTC+2 in summer
const weekdays = (spans: { open: string; close: string }[]) => [[], spans, spans, spans, spans, spans, []];
/** Monday-Friday 08:00-12:00 and 14:00-17:00, weekends closed. */
const SPLIT = weekdays([{ open: '08:00', close: '12:00' }, { open: '14:00', close: '17:00' }]);
const bogota = (holidays: OfficeCalendar['holidays'] = []): OfficeCalendar => ({ timeZone: BOGOTA, hours: SPLIT, holidays });
const at = (iso: string) => new Date(iso);

describe('openingAt', () => {
  it('an office without hours is always open', () => {
    assert.deepEqual(openingAt(at('2027-01-10T03:00:00Z'), { timeZone: BOGOTA, hours: null, holidays: [] }), { open: true });
  });

  it('a day with two spans: open in each, closed at lunch until the afternoon span, in the office time zone', () => {
    // 2027-01-12 is a Tuesday; Bogotá is UTC-5.
    assert.deepEqual(openingAt(at('2027-01-12T13:00:00Z'), bogota()), { open: true }); // 08:00 local
    assert.deepEqual(openingAt(at('2027-01-12T19:30:00Z'), bogota()), { open: true }); // 14:30 local
    const lunch = openingAt(at('2027-01-12T17:30:00Z'), bogota()); // 12:30 local
    assert.deepEqual(lunch, { open: false, holiday: null, nextOpenAt: at('2027-01-12T19:00:00Z') });
    const early = openingAt(at('2027-01-12T12:59:00Z'), bogota()); // 07:59 local
    assert.deepEqual(early, { open: false, holiday: null, nextOpenAt: at('2027-01-12T13:00:00Z') });
  });

  it('closing time is exclusive: at 17:00 local the next opening is the next morning', () => {
    const r = openingAt(at('2027-01-12T22:00:00Z'), bogota());
    assert.deepEqual(r, { open: false, holiday: null, nextOpenAt: at('2027-01-13T13:00:00Z') });
  });

  it('19:00 local on a Friday opens next on Monday 08:00, across the weekend', () => {
    // 2027-01-15 is a Friday; 19:00 Bogotá = 00:00 UTC on the 16th (already Saturday in UTC).
    const r = openingAt(at('2027-01-16T00:00:00Z'), bogota());
    assert.deepEqual(r, { open: false, holiday: null, nextOpenAt: at('2027-01-18T13:00:00Z') });
  });

  it('a holiday closes a working day and is skipped when looking for the next opening', () => {
    // Friday 2027-01-08 after hours; Monday 2027-01-11 is Reyes (moved to Monday in Colombia).
    const cal = bogota([{ date: '2027-01-11', name: 'Día de los Reyes Magos' }]);
    const friday = openingAt(at('2027-01-08T23:00:00Z'), cal);
    assert.deepEqual(friday, { open: false, holiday: null, nextOpenAt: at('2027-01-12T13:00:00Z') });
    const onHoliday = openingAt(at('2027-01-11T15:00:00Z'), cal); // 10:00 local, within hours
    assert.deepEqual(onHoliday, { open: false, holiday: 'Día de los Reyes Magos', nextOpenAt: at('2027-01-12T13:00:00Z') });
  });

  it('the holiday is the office-local day, not the UTC one', () => {
    // 2027-01-11T02:00Z is still Sunday the 10th in Bogotá; 2027-01-12T02:00Z is the holiday's evening locally.
    const cal: OfficeCalendar = { timeZone: BOGOTA, hours: [[{ open: '00:00', close: '23:59' }], ...Array(6).fill([{ open: '00:00', close: '23:59' }])], holidays: [{ date: '2027-01-11', name: 'Reyes' }] };
    assert.deepEqual(openingAt(at('2027-01-11T02:00:00Z'), cal), { open: true });
    assert.equal(openingAt(at('2027-01-12T02:00:00Z'), cal).open, false);
  });

  it('hours are wall-clock hours in a zone with daylight saving time', () => {
    // Madrid: 09:00 local is 08:00Z in winter, 07:00Z in summer.
    const cal: OfficeCalendar = { timeZone: MADRID, hours: weekdays([{ open: '09:00', close: '14:00' }]), holidays: [] };
    assert.deepEqual(openingAt(at('2027-01-12T07:30:00Z'), cal), { open: false, holiday: null, nextOpenAt: at('2027-01-12T08:00:00Z') });
    assert.deepEqual(openingAt(at('2027-07-13T06:30:00Z'), cal), { open: false, holiday: null, nextOpenAt: at('2027-07-13T07:00:00Z') });
    assert.deepEqual(openingAt(at('2027-07-13T07:00:00Z'), cal), { open: true });
  });

  it('an office closed every day has no next opening', () => {
    const r = openingAt(at('2027-01-12T15:00:00Z'), { timeZone: BOGOTA, hours: [[], [], [], [], [], [], []], holidays: [] });
    assert.deepEqual(r, { open: false, holiday: null, nextOpenAt: null });
  });
});
