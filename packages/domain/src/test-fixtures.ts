/** Helpers shared by the domain's tests (not shipped: nothing outside tests imports this). */
import assert from 'node:assert/strict';
import { AppError, type ErrorCode } from './errors';
import { issueTicket, type Actor, type Transition } from './ticket-machine';
import type { Counter, Service, Ticket } from './types';

/** Asserts `fn` throws an AppError with this code whose message matches `message`; returns it. */
export function refused(fn: () => unknown, code: ErrorCode, message: RegExp): AppError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, `expected an AppError, got ${String(e)}`);
    assert.equal(e.code, code);
    assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected ${code}, but nothing was thrown`);
}

export const T0 = Date.parse('2026-11-28T13:00:00Z');
/** The instant `m` minutes after T0 (13:00 UTC on 2026-11-28). */
export const minute = (m: number): Date => new Date(T0 + m * 60_000);
/** `actorId` acting `m` minutes after T0. */
export const by = (actorId: string | null, m: number): Actor => ({ actorId, at: minute(m) });
/** Agent agent-1, the state machine tests' actor, acting `m` minutes after T0. */
export const agentAt = (m: number): Actor => by('agent-1', m);

/** An active service with a 15-minute target unless told otherwise. */
export function service(id: string, overrides: Partial<Service> = {}): Service {
  return { id, nameEs: id, nameEn: id, prefix: 'A', targetWaitMinutes: 15, active: true, color: '', icon: '', sortOrder: 0, ...overrides };
}

/** Counter c1 with an idle agent, serving services a and b with weight 1. */
export function counter(overrides: Partial<Counter> = {}): Counter {
  return {
    id: 'c1',
    name: 'Módulo 1',
    active: true,
    services: [
      { serviceId: 'a', weight: 1 },
      { serviceId: 'b', weight: 1 },
    ],
    agentId: 'u1',
    agentState: 'idle',
    stateSince: minute(0),
    pauseReason: null,
    preferentialStreak: 0,
    ...overrides,
  };
}

type IssueInput = Parameters<typeof issueTicket>[0];

/** What the state machine tests issue: ticket t1, A-014 of svc-a, from kiosk-1, not printed yet. */
export const issueInput: IssueInput = {
  id: 't1',
  serviceId: 'svc-a',
  prefix: 'A',
  category: 'general',
  day: '2026-11-28',
  number: 14,
  issuedByDeviceId: 'kiosk-1',
  printState: 'pending',
};

/** Issues `issueInput` with `overrides` through the real state machine, by kiosk-1 at T0 unless told. */
export function issue(overrides: Partial<IssueInput> = {}, actor: Actor = by('kiosk-1', 0)): Transition {
  return issueTicket({ ...issueInput, ...overrides }, actor);
}

/** The ticket `issue` returns: t1 waiting since T0 unless `overrides` say otherwise. */
export const issued = (overrides: Partial<IssueInput> = {}): Ticket => issue(overrides).ticket;

/**
 * A general ticket of `serviceId` issued at minute `issuedAt` and numbered `number`, built by
 * the real state machine (so it is one issueTicket could return), then `overrides` applied.
 */
export function waitingTicket(id: string, serviceId: string, issuedAt: number, number: number, overrides: Partial<Ticket> = {}): Ticket {
  const input = { id, serviceId, number, issuedByDeviceId: null, printState: 'printed' as const };
  return { ...issue(input, by(null, issuedAt)).ticket, ...overrides };
}
