/**
 * Figures at their edges: boundaries (exactly at `now`, exactly on target), event logs with
 * gaps (a window that starts after a ticket was issued or started), events out of order,
 * and the order of the rows. Events are written by hand here because a log read back from
 * a database or from head office need not be one the state machine would produce today.
 */
import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import { computeAgentFigures, computeServiceFigures, percentile, totalFigures } from './stats';
import { refused, service } from './test-fixtures';
import type { AgentEvent, TicketEvent } from './types';

const T0 = Date.parse('2026-11-28T13:00:00Z');
const sec = (s: number) => new Date(T0 + s * 1000);
const NOW = sec(3600);

function ev(ticketId: string, type: TicketEvent['type'], atSecond: number, extra: Partial<TicketEvent> = {}): TicketEvent {
  return { ticketId, type, at: sec(atSecond), actorId: 'u1', counterId: 'c1', serviceId: 'a', category: 'general', ...extra };
}
function agentEv(agentId: string, type: AgentEvent['type'], atSecond: number): AgentEvent {
  return { agentId, counterId: 'c1', type, at: sec(atSecond), reason: type === 'paused' ? 'lunch' : null };
}
const figuresOfA = (events: TicketEvent[], services = [service('a', { targetWaitMinutes: 10 })]) => computeServiceFigures(events, services, NOW)[0];

describe('percentile', () => {
  it('refuses a percentage outside 0-100', () => {
    for (const p of [-1, 100.5, Number.NaN]) refused(() => percentile([1, 2], p), 'validation_failed', /^Percentile must be 0-100, got/);
    assert.equal(percentile([1, 2], 0), 1);
    assert.equal(percentile([1, 2], 100), 2);
  });
});

describe('the wait and the share within target', () => {
  it('an event exactly at `now` counts', () => {
    const f = figuresOfA([ev('t1', 'issued', 0), ev('t1', 'called', 3600)]);
    assert.deepEqual(f.waitMedianSeconds, 3600);
  });
  it('a wait exactly on the target is within it', () => {
    const f = figuresOfA([ev('t1', 'issued', 0), ev('t1', 'called', 600)]);
    assert.equal(f.withinTargetShare, 1);
  });
  it('only the first call after issue is a wait: a call after a transfer is not a second one', () => {
    const f = figuresOfA([
      ev('t1', 'issued', 0),
      ev('t1', 'called', 60),
      ev('t1', 'transferred', 120),
      ev('t1', 'called', 900),
    ]);
    assert.deepEqual([f.waitMedianSeconds, f.withinTargetShare], [60, 1]);
  });
  it('a call whose issue is outside the log has no wait', () => {
    const f = figuresOfA([ev('t1', 'called', 60)]);
    assert.equal(f.waitMedianSeconds, null);
    assert.equal(f.withinTargetShare, null);
  });
  it('a service with no target (0) or an unknown service is left out of the share', () => {
    const events = [ev('t1', 'issued', 0), ev('t1', 'called', 60), ev('t2', 'issued', 0, { serviceId: 'x' }), ev('t2', 'called', 60, { serviceId: 'x' })];
    const [a, x] = computeServiceFigures(events, [service('a', { targetWaitMinutes: 0 })], NOW);
    assert.equal(a.withinTargetShare, null);
    assert.equal(a.waitMedianSeconds, 60, 'it still has a wait');
    assert.equal(x.serviceId, 'x');
    assert.equal(x.withinTargetShare, null);
  });
});

describe('service time', () => {
  it('a finish whose start is outside the log is served but has no service time', () => {
    const f = figuresOfA([ev('t1', 'finished', 300)]);
    assert.equal(f.served, 1);
    assert.equal(f.serviceMedianSeconds, null);
  });
});

describe('a service interrupted by a transfer', () => {
  it('does not time a finish from the start before the transfer', () => {
    const f = figuresOfA([ev('t1', 'started', 0), ev('t1', 'transferred', 60), ev('t1', 'finished', 900)]);
    assert.equal(f.served, 1);
    assert.equal(f.serviceMedianSeconds, null);
  });
});

describe('the order of the rows', () => {
  it('services missing from the list follow it, sorted by id', () => {
    const events = ['z', 'm', 'b'].map((serviceId, i) => ev(`t${i}`, 'issued', 0, { serviceId }));
    const ids = computeServiceFigures(events, [service('a', { targetWaitMinutes: 10 })], NOW).map((f) => f.serviceId);
    assert.deepEqual(ids, ['a', 'b', 'm', 'z']);
  });
  it('agents come sorted by id', () => {
    const events = ['u3', 'u1', 'u2'].map((actorId, i) => ev(`t${i}`, 'no_show', 10, { actorId }));
    assert.deepEqual(computeAgentFigures(events, [], NOW).map((a) => a.agentId), ['u1', 'u2', 'u3']);
    const agentEvents = ['u9', 'u5', 'u7'].map((id) => agentEv(id, 'signed_in', 0));
    assert.deepEqual(computeAgentFigures([], agentEvents, NOW).map((a) => a.agentId), ['u5', 'u7', 'u9']);
  });
});

describe('agent figures from ticket events', () => {
  it('a finish with no actor (done by the system) goes to no agent', () => {
    const events = [ev('t1', 'started', 0, { actorId: null }), ev('t1', 'finished', 60, { actorId: null })];
    assert.deepEqual(computeAgentFigures(events, [], NOW), []);
  });
  it('a finish whose start is outside the log counts as served, with no service time', () => {
    const [a] = computeAgentFigures([ev('t1', 'finished', 60)], [], NOW);
    assert.deepEqual([a.agentId, a.served, a.serviceMedianSeconds, a.servingSeconds], ['u1', 1, null, 0]);
  });
});

describe('agent time from agent events', () => {
  it('events are replayed in time order, whatever order they come in', () => {
    const events = [agentEv('u1', 'signed_out', 600), agentEv('u1', 'signed_in', 0)];
    const [a] = computeAgentFigures([], events, NOW);
    assert.equal(a.signedInSeconds, 600);
  });
  it('an event exactly at `now` counts', () => {
    const [a] = computeAgentFigures([], [agentEv('u1', 'signed_in', 0), agentEv('u1', 'signed_out', 3600)], NOW);
    assert.equal(a.signedInSeconds, 3600);
  });
  it('an agent who signs in exactly at `now` is listed, with no time yet', () => {
    const [a] = computeAgentFigures([], [agentEv('u1', 'signed_in', 3600)], NOW);
    assert.deepEqual([a?.agentId, a?.signedInSeconds], ['u1', 0]);
  });
  it('a pause while signed out is not paused time', () => {
    const [a] = computeAgentFigures([], [agentEv('u1', 'paused', 0), agentEv('u1', 'signed_in', 600)], NOW);
    assert.deepEqual([a.pausedSeconds, a.signedInSeconds], [0, 3000]);
  });
  it('a second pause while paused does not restart the pause', () => {
    const events = [agentEv('u1', 'signed_in', 0), agentEv('u1', 'paused', 600), agentEv('u1', 'paused', 1200), agentEv('u1', 'resumed', 1800)];
    const [a] = computeAgentFigures([], events, NOW);
    assert.equal(a.pausedSeconds, 1200);
  });
  it('a sign-out without a sign-in adds no time', () => {
    const [a] = computeAgentFigures([], [agentEv('u1', 'signed_out', 600)], NOW);
    assert.deepEqual([a.signedInSeconds, a.utilisation], [0, null]);
  });
});

describe('totals', () => {
  it('add every service together', () => {
    const events = [ev('t1', 'issued', 0), ev('t2', 'issued', 0, { serviceId: 'b' }), ev('t2', 'cancelled', 60, { serviceId: 'b' })];
    const t = totalFigures(events, [service('a', { targetWaitMinutes: 10 })], NOW);
    assert.deepEqual([t.issued, t.waiting, t.cancelled], [2, 1, 1]);
  });
});
