import { test } from 'vitest';
import assert from 'node:assert/strict';
import { formatLocalDateTime, formatWait } from '../src/layout/format';

test('local date and time follow the office time zone across midnight and DST', () => {
  assert.equal(formatLocalDateTime('2025-11-28T02:45:00Z', 'America/Bogota'), '27/11/2025 21:45');
  // Santiago is on summer time (UTC-3) in November.
  assert.equal(formatLocalDateTime('2025-11-28T02:45:00Z', 'America/Santiago'), '27/11/2025 23:45');
  assert.equal(formatLocalDateTime('2025-07-01T03:10:00Z', 'America/Santiago'), '30/06/2025 23:10');
  assert.equal(formatLocalDateTime('2025-11-28T02:45:00Z', 'America/El_Salvador'), '27/11/2025 20:45');
});

test('a bad time zone falls back to UTC instead of failing the ticket; a bad date prints nothing', () => {
  assert.equal(formatLocalDateTime('2025-11-28T02:45:00Z', 'Mars/Olympus'), '28/11/2025 02:45 UTC');
  assert.equal(formatLocalDateTime('not a date', 'America/Bogota'), '');
});

test('waits are rounded to minutes and hours', () => {
  assert.equal(formatWait(null), null);
  assert.equal(formatWait(20), '< 1 min');
  assert.equal(formatWait(720), '~12 min');
  assert.equal(formatWait(3900), '~1 h 05 min');
});
