/**
 * Head office's request bodies and queries: the admin's forms, the comparison and
 * drill-down filters, the live view. A refused request is a 400 that changes nothing.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { BreakdownQuery, CompareQuery, CreateOfficeBody, CreateUserBody, LiveQuery, LoginBody } from './hq';
import { accepts, chars, rejects } from './test-fixtures';

describe('adding a user', () => {
  const admin = { username: 'ana.perez', password: chars(12), role: 'admin' };
  it('an admin needs no company; a manager does', () => {
    assert.deepEqual(accepts(CreateUserBody, admin), admin);
    const manager = { ...admin, role: 'manager', company: 'EPM' };
    assert.deepEqual(accepts(CreateUserBody, manager), manager);
    const issue = rejects(CreateUserBody, { ...admin, role: 'manager' }, ['company']);
    assert.equal(issue.message, 'a manager needs a company');
    rejects(CreateUserBody, { ...admin, role: 'manager', company: '' }, ['company']);
  });
  it('usernames are 3-64 letters, digits, dots, dashes or underscores; passwords at least 12 characters', () => {
    for (const username of ['ab', chars(65), 'ana perez', 'ana@x', ' ana']) rejects(CreateUserBody, { ...admin, username }, ['username']);
    accepts(CreateUserBody, { ...admin, username: chars(64) });
    rejects(CreateUserBody, { ...admin, password: chars(11) }, ['password']);
    rejects(CreateUserBody, { ...admin, role: 'office-sync' }, ['role']);
  });
});

describe('adding an office', () => {
  it('the code is 1-32 letters, digits, - or _', () => {
    const office = { code: 'MED-012', name: 'Oficina Centro', company: 'EPM', region: 'Antioquia', timeZone: 'America/Bogota' };
    assert.deepEqual(accepts(CreateOfficeBody, office), office);
    accepts(CreateOfficeBody, { code: chars(32), name: 'x' });
    assert.equal(rejects(CreateOfficeBody, { code: 'MED 012', name: 'x' }).message, 'letters, digits, - and _ (max 32)');
    for (const code of ['', chars(33), 'MED 012', 'MED/012', 'ÑUÑOA']) rejects(CreateOfficeBody, { code, name: 'x' }, ['code']);
  });
  it('the name is 1-120 characters, the time zone at most 64', () => {
    rejects(CreateOfficeBody, { code: 'A', name: '' }, ['name']);
    rejects(CreateOfficeBody, { code: 'A', name: chars(121) }, ['name']);
    rejects(CreateOfficeBody, { code: 'A', name: 'x', timeZone: chars(65) }, ['timeZone']);
  });
});

describe('comparing offices', () => {
  it('takes a range of whole days, from not after to', () => {
    assert.deepEqual(accepts(CompareQuery, { from: '2026-11-01', to: '2026-11-01' }), { from: '2026-11-01', to: '2026-11-01' });
    const issue = rejects(CompareQuery, { from: '2026-11-02', to: '2026-11-01' }, ['from']);
    assert.equal(issue.message, 'from must not be after to');
  });
  it('days are exactly YYYY-MM-DD', () => {
    for (const from of ['2026-11-1', 'x2026-11-01', '2026-11-01x', '2026-11-01T00:00']) {
      assert.equal(rejects(CompareQuery, { from, to: '2026-12-01' }, ['from']).message, 'expected YYYY-MM-DD');
    }
  });
  it('filters by company, region and a service: a local prefix or a catalogue code of up to 16 characters', () => {
    const q = { from: '2026-11-01', to: '2026-11-30', company: 'EPM', region: 'Norte', service: 'PRE' };
    assert.deepEqual(accepts(CompareQuery, q), q);
    assert.equal(accepts(CompareQuery, { ...q, service: 'FACTURACION_2026' }).service, 'FACTURACION_2026');
    rejects(CompareQuery, { ...q, service: chars(17) }, ['service']);
    rejects(CompareQuery, { ...q, company: chars(65) }, ['company']);
  });
});

describe('drilling down into one office', () => {
  it('breaks down by service unless told hour or day', () => {
    assert.equal(accepts(BreakdownQuery, { from: '2026-11-01', to: '2026-11-02' }).by, 'service');
    assert.equal(accepts(BreakdownQuery, { from: '2026-11-01', to: '2026-11-02', by: 'hour' }).by, 'hour');
    rejects(BreakdownQuery, { from: '2026-11-01', to: '2026-11-02', by: 'week' }, ['by']);
    assert.equal(rejects(BreakdownQuery, { from: '2026-11-03', to: '2026-11-02' }, ['from']).message, 'from must not be after to');
  });
  it('covers one day or more, optionally one service (prefix or catalogue code, up to 16 characters)', () => {
    assert.deepEqual(accepts(BreakdownQuery, { from: '2026-11-02', to: '2026-11-02', service: 'PRE' }), {
      from: '2026-11-02',
      to: '2026-11-02',
      by: 'service',
      service: 'PRE',
    });
    assert.equal(accepts(BreakdownQuery, { from: '2026-11-02', to: '2026-11-02', service: 'FACT' }).service, 'FACT');
    rejects(BreakdownQuery, { from: '2026-11-02', to: '2026-11-02', service: chars(17) }, ['service']);
  });
});

describe('the live view', () => {
  it('an office is stale after 15 minutes unless told 1 to 1440 (a query string is coerced)', () => {
    assert.equal(accepts(LiveQuery, {}).staleMinutes, 15);
    assert.equal(accepts(LiveQuery, { staleMinutes: '30' }).staleMinutes, 30);
    assert.equal(accepts(LiveQuery, { staleMinutes: '1440' }).staleMinutes, 1440);
    for (const staleMinutes of ['0', '1441', '2.5']) rejects(LiveQuery, { staleMinutes }, ['staleMinutes']);
    assert.deepEqual(accepts(LiveQuery, { company: 'EPM', region: 'Norte' }), { company: 'EPM', region: 'Norte', staleMinutes: 15 });
    rejects(LiveQuery, { company: chars(65) }, ['company']);
    rejects(LiveQuery, { region: chars(65) }, ['region']);
  });
});

describe('logging in at head office', () => {
  it('username 1-64 and password 1-256 characters', () => {
    accepts(LoginBody, { username: chars(64), password: chars(256) });
    rejects(LoginBody, { username: '', password: 'x' }, ['username']);
    rejects(LoginBody, { username: 'x', password: chars(257) }, ['password']);
  });
});
