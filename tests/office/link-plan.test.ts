/**
 * What a configuration version or a staff roster from head office changes at an office,
 * decided before anything is written (server/src/office/link/config-plan.ts, staff-plan.ts).
 */
import { describe, expect, test } from 'vitest';
import type { ConfigService, OfficeConfig } from '@turnero/contract/hq-link';
import { service } from '@turnero/domain/test-fixtures';
import { planConfig } from '../../server/src/office/link/config-plan';
import { NO_PASSWORD, planStaff, type StaffUser } from '../../server/src/office/link/staff-plan';

function offered(code: string, prefix: string, over: Partial<ConfigService> = {}): ConfigService {
  return { catalogCode: code, nameEs: `Servicio ${code}`, nameEn: `Service ${code}`, prefix, targetWaitMinutes: 15, color: '#0057b8', icon: 'ticket', sortOrder: 0, ...over };
}
const config = (services: ConfigService[], settings: OfficeConfig['settings'] = {}): OfficeConfig => ({ version: 4, services, settings });
const linked = (id: string, code: string, prefix: string) =>
  service(id, { ...offered(code, prefix), id, prefix, catalogCode: code, active: true });

function planned(cfg: OfficeConfig, services: ReturnType<typeof service>[], counters = ['c1', 'c2']) {
  const outcome = planConfig(cfg, services, counters);
  if (!outcome.ok) throw new Error(`refused: ${outcome.reason}`);
  return outcome.plan;
}

describe('a configuration version', () => {
  test('a new catalogue service is created and added to every active counter so it can be called at once', () => {
    const plan = planned(config([offered('FACT', 'F')]), [service('s-a', { prefix: 'A' })]);
    expect(plan.creates).toEqual([{ fields: { ...offered('FACT', 'F'), active: true }, counterIds: ['c1', 'c2'] }]);
    expect(plan.updates).toEqual([]);
    expect(plan.deactivations).toEqual([]);
  });

  test('a local service with the listed prefix is adopted: linked to the code, with head office fields', () => {
    const local = service('s-a', { prefix: 'A', nameEs: 'Pagos' });
    const plan = planned(config([offered('PAGOS', 'A', { nameEs: 'Pagos y facturas' })]), [local]);
    expect(plan.creates).toEqual([]);
    expect(plan.adoptions).toEqual([{ before: local, after: { ...offered('PAGOS', 'A', { nameEs: 'Pagos y facturas' }), active: true } }]);
  });

  test('a linked service head office no longer lists is deactivated, never deleted; local ones are left alone', () => {
    const gone = linked('s-f', 'FACT', 'F');
    const local = service('s-a', { prefix: 'A' });
    const plan = planned(config([]), [gone, local]);
    expect(plan.deactivations).toEqual([gone]);
    expect(plan.updates).toEqual([]);
  });

  test('an unchanged linked service is not written again; a changed one is updated', () => {
    const same = linked('s-f', 'FACT', 'F');
    const moved = linked('s-r', 'RECL', 'R');
    const plan = planned(config([offered('FACT', 'F'), offered('RECL', 'Q', { targetWaitMinutes: 30 })]), [same, moved]);
    expect(plan.updates.map((u) => [u.before.id, u.after.prefix, u.after.targetWaitMinutes])).toEqual([['s-r', 'Q', 30]]);
  });

  test('two linked services may swap letters', () => {
    const plan = planned(config([offered('FACT', 'R'), offered('RECL', 'F')]), [linked('s-f', 'FACT', 'F'), linked('s-r', 'RECL', 'R')]);
    expect(plan.updates.map((u) => [u.before.id, u.after.prefix])).toEqual([['s-f', 'R'], ['s-r', 'F']]);
  });

  test('a prefix kept by a service head office no longer lists is refused with the reason', () => {
    const outcome = planConfig(config([offered('NEW', 'F')]), [linked('s-f', 'FACT', 'F')], []);
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/prefix F for NEW is held by FACT/) });
  });

  test('a linked service moving onto a local service letter is refused', () => {
    const outcome = planConfig(config([offered('FACT', 'A')]), [linked('s-f', 'FACT', 'F'), service('s-a', { prefix: 'A', nameEs: 'Pagos' })], []);
    expect(outcome).toEqual({ ok: false, reason: expect.stringMatching(/used by the local service "Pagos"/) });
  });

  test('a code or a prefix listed twice is refused', () => {
    expect(planConfig(config([offered('FACT', 'F'), offered('FACT', 'G')]), [], []).ok).toBe(false);
    expect(planConfig(config([offered('FACT', 'F'), offered('RECL', 'F')]), [], []).ok).toBe(false);
  });

  test('the settings given are the ones head office owns from now on', () => {
    const plan = planned(config([], { ticker: 'Hola', overdueFirst: false }), []);
    expect(plan.ownedSettings).toEqual(['overdueFirst', 'ticker']);
    expect(plan.settings).toEqual({ ticker: 'Hola', overdueFirst: false });
  });
});

describe('a staff roster', () => {
  const user = (over: Partial<StaffUser>): StaffUser => ({
    id: 'u1', username: 'ana', displayName: 'Ana', role: 'agent', active: true, passwordHash: 'scrypt$h1', managedBy: 'hq', ...over,
  });
  const member = (over: Partial<StaffUser> = {}) => {
    const { username, displayName, role, active, passwordHash } = user(over);
    return { username, displayName, role, active, passwordHash };
  };

  test('new people are created; one without a password gets a verifier nothing matches', () => {
    const plan = planStaff({ version: 1, staff: [member({ username: 'bea' }), { ...member({ username: 'sso' }), passwordHash: null }] }, []);
    expect(plan.creates.map((c) => [c.username, c.passwordHash])).toEqual([['bea', 'scrypt$h1'], ['sso', NO_PASSWORD]]);
  });

  test('a deactivated or missing head-office user is deactivated and their sessions end; a rename keeps them', () => {
    const users = [user({}), user({ id: 'u2', username: 'bea' }), user({ id: 'u3', username: 'cam' })];
    const plan = planStaff({ version: 2, staff: [member({ active: false }), member({ username: 'bea', displayName: 'Beatriz' })] }, users);
    expect(plan.updates.map((u) => [u.before.id, u.after.active, u.endSessions])).toEqual([
      ['u1', false, true],
      ['u2', true, false],
      ['u3', false, true],
    ]);
  });

  test('local users are never touched, even when head office lists their username', () => {
    const local = user({ managedBy: 'office' });
    const plan = planStaff({ version: 1, staff: [member({ displayName: 'Otra' })] }, [local, user({ id: 'u9', username: 'luis', managedBy: 'office' })]);
    expect(plan).toEqual({ version: 1, creates: [], updates: [], skipped: ['ana'] });
  });

  test('a new password or role ends the sessions', () => {
    const plan = planStaff({ version: 3, staff: [member({ passwordHash: 'scrypt$h2' })] }, [user({})]);
    expect(plan.updates[0].endSessions).toBe(true);
  });
});
