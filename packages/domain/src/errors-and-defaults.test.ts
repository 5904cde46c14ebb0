/**
 * The error every layer throws becomes the client's 4xx/5xx answer `{error:{code,message}}`;
 * and the defaults a new office starts with (README: 2 preferential : 1 general, overdue first).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { AppError, ERROR_CODES, isAppError } from './errors';
import { DEFAULT_POLICY, systemClock } from './types';

describe('AppError', () => {
  it('maps its code to the HTTP status the client gets', () => {
    assert.equal(new AppError('validation_failed', 'x').status, 400);
    assert.equal(new AppError('illegal_transition', 'x').status, 409);
    assert.equal(new AppError('rate_limited', 'x').status, 429);
    for (const [code, status] of Object.entries(ERROR_CODES)) {
      assert.equal(new AppError(code as keyof typeof ERROR_CODES, 'x').status, status, code);
    }
  });
  it('its body is {error:{code,message}}, with details only when there are some', () => {
    assert.deepEqual(new AppError('not_found', 'No such ticket').toBody(), { error: { code: 'not_found', message: 'No such ticket' } });
    assert.equal('details' in new AppError('not_found', 'x').toBody().error, false);
    assert.deepEqual(new AppError('conflict', 'Taken', { counterId: 'c1' }).toBody(), {
      error: { code: 'conflict', message: 'Taken', details: { counterId: 'c1' } },
    });
  });
  it('is recognisable by name in logs and by isAppError in code', () => {
    const e = new AppError('internal', 'boom');
    assert.equal(e.name, 'AppError');
    assert.match(String(e), /^AppError: boom$/);
    assert.equal(isAppError(e), true);
    assert.equal(isAppError(new Error('boom')), false);
  });
});

describe('defaults', () => {
  it('a new office calls 2 preferential per general, and overdue tickets first', () => {
    assert.deepEqual(DEFAULT_POLICY, { preferentialPerGeneral: 2, overdueFirst: true });
  });
  it('the system clock tells the current time', () => {
    const before = Date.now();
    const now = systemClock.now();
    assert.ok(now instanceof Date);
    assert.ok(now.getTime() >= before && now.getTime() <= Date.now());
  });
});
