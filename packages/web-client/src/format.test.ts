import { test } from 'vitest';
import assert from 'node:assert/strict';
import { formatDuration, formatTime, secondsSince } from './format';
import { registerMessages, t } from './i18n';

test('durations read as minutes, hours past 60', () => {
  assert.equal(formatDuration(720, 'es'), '12 min');
  assert.equal(formatDuration(20, 'es'), '< 1 min');
  assert.equal(formatDuration(3900, 'es'), '1 h 05 min');
  assert.equal(formatDuration(null, 'es'), '—');
});

test('times are in the office zone, not the machine zone', () => {
  // 14:05 UTC is 09:05 in Bogotá (UTC-5, no DST).
  assert.equal(formatTime('2025-11-27T14:05:00Z', 'America/Bogota', 'es'), '09:05');
  assert.equal(formatTime('2025-11-27T14:05:00Z', 'America/Santiago', 'es'), '11:05'); // DST: UTC-3
});

test('t falls back to Spanish, then to the key, and fills parameters', () => {
  registerMessages({ es: { 'x.hello': 'Hola, {name}', 'x.only': 'Solo español' }, en: { 'x.hello': 'Hello, {name}' } });
  assert.equal(t('x.hello', { name: 'Ana' }, 'en'), 'Hello, Ana');
  assert.equal(t('x.only', undefined, 'en'), 'Solo español');
  assert.equal(t('x.missing', undefined, 'en'), 'x.missing');
  assert.equal(secondsSince('2025-11-27T14:00:00Z', new Date('2025-11-27T14:01:00Z')), 60);
});
