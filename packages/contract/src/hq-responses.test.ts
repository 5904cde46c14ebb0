/**
 * Head office's answers keep every field the dashboard renders (parsing strips what a
 * schema does not list, and the OpenAPI document is built from these schemas).
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import {
  BreakdownResponse,
  CompareResponse,
  CreateOfficeResponse,
  HqHealthResponse,
  LiveResponse,
  LoginResponse,
  MeResponse,
  OfficeListResponse,
  RotateTokenResponse,
  UserDto,
} from './hq';
import { accepts, rejects } from './test-fixtures';

const at = '2026-11-28T13:00:00.000Z';
const row = {
  key: 'A', label: 'Pagos', issued: 10, called: 9, served: 8, noShows: 1, walkouts: 1, waitMedianSeconds: 240,
  waitP90Seconds: 600, waitAverageSeconds: 300, withinTargetShare: 0.8, serviceMedianSeconds: 200, serviceP90Seconds: 500,
  waitHistogram: [3, 4, 2, 0],
};

describe('head office answers', () => {
  it('login, me, users, offices, tokens and health', () => {
    const examples: [Parameters<typeof accepts>[0], unknown][] = [
      [LoginResponse, { token: 'tok', role: 'manager', company: 'EPM', expiresAt: at }],
      [MeResponse, { principalId: 'p1', username: 'ana', role: 'office-sync', company: null, officeCode: 'MED-012' }],
      [UserDto, { id: 'u1', username: 'ana', role: 'admin', company: null }],
      [UserDto, { id: 'u2', username: 'luis', role: 'manager', company: 'EPM' }],
      [CreateOfficeResponse, { id: 1, code: 'MED-012', token: 'tok' }],
      [RotateTokenResponse, { code: 'MED-012', token: 'tok2' }],
      [OfficeListResponse, { offices: [{
        id: 1, code: 'MED-012', name: 'Centro', group: 'Grupo', company: 'EPM', region: null, timeZone: 'America/Bogota',
        ackedSeq: 120, lastSyncAt: at, clockSkewMs: -2500, clockSkewFlag: true, hasToken: true,
        link: { connected: true, lastSeenAt: at, appliedSeq: 4, currentVersion: 3, appliedVersion: 2, refused: { version: 3, reason: 'prefix F is taken' } },
      }] }],
      [HqHealthResponse, { status: 'ok', role: 'hq', time: at, database: 'postgresql' }],
      [HqHealthResponse, { status: 'ok', role: 'hq', time: at, database: 'embedded' }],
    ];
    for (const [schema, example] of examples) assert.deepEqual(accepts(schema, example), example);
    rejects(LoginResponse, { token: 'tok', role: 'agent', company: null, expiresAt: at }, ['role']);
  });
  it('comparison rows, a drill-down and the live view', () => {
    const compare = {
      from: '2026-11-01', to: '2026-11-30',
      rows: [{
        officeCode: 'MED-012', officeName: 'Centro', company: 'EPM', region: 'Norte', issued: 10, served: 8, called: 9,
        waitMedianSeconds: 240, waitP90Seconds: 600, waitAverageSeconds: 300, withinTargetShare: 0.8, noShowRate: 0.1,
        walkoutRate: 0.1, serviceMedianSeconds: 200, utilisation: 0.6, lastSyncAt: at, clockSkewMs: 12,
        satisfactionAverage: 4.2, satisfactionResponses: 5,
        bookings: 12, bookingCheckIns: 9, bookingNoShows: 2, bookingPunctualityMinutes: 3.5,
      }],
    };
    const breakdown = {
      officeCode: 'MED-012', officeName: 'Centro', from: '2026-11-01', to: '2026-11-30', by: 'hour', service: 'A',
      waitBucketsUpperSeconds: [300, 600, 900], rows: [{ ...row, key: '8', label: '08:00' }], totals: row,
    };
    const live = {
      serverTime: at, staleMinutes: 15,
      offices: [{
        officeCode: 'MED-012', officeName: 'Centro', company: null, region: null, waitingNow: 4, longestWaitSeconds: 900,
        pastTargetNow: 1, countersOpen: 3, countersPaused: 1, servedToday: 40, lastSyncAt: at, clockSkewMs: 0,
        alerts: ['past_target', 'clock_skew'],
      }],
    };
    assert.deepEqual(accepts(CompareResponse, compare), compare);
    assert.deepEqual(accepts(BreakdownResponse, breakdown), breakdown);
    assert.deepEqual(accepts(LiveResponse, live), live);
    rejects(BreakdownResponse, { ...breakdown, by: 'week' }, ['by']);
    rejects(LiveResponse, { ...live, offices: [{ ...live.offices[0], alerts: ['on_fire'] }] }, ['offices', 0, 'alerts', 0]);
  });
});
