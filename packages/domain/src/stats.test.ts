import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { computeAgentFigures, computeServiceFigures, median, percentile, totalFigures } from './stats';
import {
  callTicket,
  cancelTicket,
  expireTicket,
  finishTicket,
  markNoShow,
  recallTicket,
  startTicket,
  transferTicket,
  type Transition,
} from './ticket-machine';
import { AppError } from './errors';
import { by, issue, minute as min, service } from './test-fixtures';
import type { AgentEvent, Ticket, TicketCategory, TicketEvent } from './types';

const services = [service('a', { targetWaitMinutes: 15 }), service('b', { targetWaitMinutes: 10 })];

/** Builds a ticket's history through the real state machine and collects its events. */
class Story {
  events: TicketEvent[] = [];
  private n = 0;
  issue(serviceId: string, minute: number, category: TicketCategory = 'general'): Ticket {
    this.n += 1;
    const input = { id: `t${this.n}`, serviceId, category, number: this.n, issuedByDeviceId: 'k', printState: 'printed' as const };
    return this.keep(issue(input, by('kiosk', minute)));
  }
  keep(r: Transition): Ticket {
    this.events.push(...r.events);
    return r.ticket;
  }
}

describe('percentile and median', () => {
  it('percentile is nearest-rank', () => {
    const s = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    assert.equal(percentile(s, 90), 90);
    assert.equal(percentile(s, 91), 100);
    assert.equal(percentile(s, 50), 50);
    assert.equal(percentile(s, 0), 10);
    assert.equal(percentile(s, 100), 100);
    assert.equal(percentile([7], 90), 7);
    assert.equal(percentile([], 90), null);
    assert.throws(() => percentile(s, 101), AppError);
  });
  it('median averages the two middle values of an even count and does not need sorted input', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.equal(median([]), null);
    const input = [5, 1];
    median(input);
    assert.deepEqual(input, [5, 1], 'input is not reordered');
  });
});

function officeMorning() {
  const s = new Story();
  // t1: a, waits 10 min, served 5 min by u1.
  let t1 = s.issue('a', 0);
  t1 = s.keep(callTicket(t1, 'c1', by('u1', 10), 'fifo'));
  t1 = s.keep(startTicket(t1, by('u1', 11)));
  s.keep(finishTicket(t1, by('u1', 16), null));
  // t2: a preferential, waits 20 min (over target), no-show.
  let t2 = s.issue('a', 2, 'preferential');
  t2 = s.keep(callTicket(t2, 'c1', by('u1', 22), 'preferential_ratio'));
  t2 = s.keep(recallTicket(t2, by('u1', 23)));
  s.keep(markNoShow(t2, by('u1', 25)));
  // t3: b, cancelled before being called.
  const t3 = s.issue('b', 3);
  s.keep(cancelTicket(t3, by('u9', 5)));
  // t4: issued for a (target 15), moved to b (target 10) before any call; waits 14 min.
  let t4 = s.issue('a', 4);
  t4 = s.keep(transferTicket(t4, { serviceId: 'b' }, by('u9', 6)));
  t4 = s.keep(callTicket(t4, 'c2', by('u2', 18), 'fifo'));
  t4 = s.keep(startTicket(t4, by('u2', 19)));
  s.keep(finishTicket(t4, by('u2', 29), 'ok'));
  // t5: b, still waiting.
  s.issue('b', 5);
  // t6: a, called after 23 min, served 2 min, then sent back to wait for b.
  let t6 = s.issue('a', 7);
  t6 = s.keep(callTicket(t6, 'c1', by('u1', 30), 'fifo'));
  t6 = s.keep(startTicket(t6, by('u1', 31)));
  s.keep(transferTicket(t6, { serviceId: 'b' }, by('u1', 33)));
  // t7: a, its call happens after `now`: still waiting at now.
  const t7 = s.issue('a', 8);
  s.keep(callTicket(t7, 'c1', by('u1', 100), 'fifo'));

  const agentEvents: AgentEvent[] = [
    { agentId: 'u1', counterId: 'c1', type: 'signed_in', at: min(0), reason: null },
    { agentId: 'u1', counterId: 'c1', type: 'paused', at: min(17), reason: 'lunch' },
    { agentId: 'u1', counterId: 'c1', type: 'resumed', at: min(20), reason: null },
    { agentId: 'u1', counterId: 'c1', type: 'signed_out', at: min(35), reason: null },
    { agentId: 'u2', counterId: 'c2', type: 'signed_in', at: min(15), reason: null },
    { agentId: 'u2', counterId: 'c2', type: 'signed_in', at: min(16), reason: null }, // idempotent
    { agentId: 'u2', counterId: 'c2', type: 'paused', at: min(90), reason: 'training' }, // after now
  ];
  return { events: s.events, agentEvents, now: min(40) };
}

describe('computeServiceFigures', () => {
  it('counts each figure where its event says, with the target of the service at issue', () => {
    const { events, now } = officeMorning();
    const [a, b] = computeServiceFigures(events, services, now);
    assert.deepEqual(a, {
      serviceId: 'a',
      issued: 5,
      served: 1,
      waiting: 1,
      noShows: 1,
      cancelled: 0,
      waitMedianSeconds: 1200,
      waitP90Seconds: 1380,
      serviceMedianSeconds: 300,
      withinTargetShare: 1 / 3,
    });
    assert.deepEqual(b, {
      serviceId: 'b',
      issued: 2,
      served: 1,
      waiting: 2,
      noShows: 0,
      cancelled: 1,
      waitMedianSeconds: 840,
      waitP90Seconds: 840,
      serviceMedianSeconds: 600,
      withinTargetShare: 1, // 14 min is within a's 15, though over b's 10
    });
  });
  it('lists idle services with zeros and unknown services from the events after them', () => {
    const s = new Story();
    s.issue('zz', 0);
    const figures = computeServiceFigures(s.events, [...services, service('c', { targetWaitMinutes: 5 })], min(1));
    assert.deepEqual(figures.map((f) => f.serviceId), ['a', 'b', 'c', 'zz']);
    assert.equal(figures[2].issued, 0);
    assert.equal(figures[2].waitMedianSeconds, null);
    assert.equal(figures[2].withinTargetShare, null);
    assert.equal(figures[3].waiting, 1);
  });
  it('does not depend on the order the events arrive in', () => {
    const { events, now } = officeMorning();
    const reversed = [...events].reverse();
    assert.deepEqual(computeServiceFigures(reversed, services, now), computeServiceFigures(events, services, now));
  });
});

describe('totalFigures', () => {
  it('takes medians over all tickets, not a mean of medians', () => {
    const { events, now } = officeMorning();
    assert.deepEqual(totalFigures(events, services, now), {
      issued: 7,
      served: 2,
      waiting: 3,
      noShows: 1,
      cancelled: 1,
      waitMedianSeconds: 1020,
      waitP90Seconds: 1380,
      serviceMedianSeconds: 450,
      withinTargetShare: 0.5,
    });
  });
  it('is all zeros and nulls for an empty day', () => {
    assert.deepEqual(totalFigures([], services, min(0)), {
      issued: 0,
      served: 0,
      waiting: 0,
      noShows: 0,
      cancelled: 0,
      waitMedianSeconds: null,
      waitP90Seconds: null,
      serviceMedianSeconds: null,
      withinTargetShare: null,
    });
  });
});

describe('computeAgentFigures', () => {
  it('serving, paused and signed-in time per agent, and utilisation', () => {
    const { events, agentEvents, now } = officeMorning();
    const figures = computeAgentFigures(events, agentEvents, now);
    // Only agents: the kiosk that issued and the supervisor who only cancelled/transferred are not listed.
    assert.deepEqual(figures.map((f) => f.agentId), ['u1', 'u2']);
    const u1 = figures.find((f) => f.agentId === 'u1')!;
    assert.deepEqual(u1, {
      agentId: 'u1',
      served: 1,
      noShows: 1,
      serviceMedianSeconds: 300,
      servingSeconds: 420, // t1 5 min + t6 2 min before its transfer
      pausedSeconds: 180,
      signedInSeconds: 2100,
      utilisation: 420 / 1920,
    });
    const u2 = figures.find((f) => f.agentId === 'u2')!;
    assert.deepEqual(u2, {
      agentId: 'u2',
      served: 1,
      noShows: 0,
      serviceMedianSeconds: 600,
      servingSeconds: 600,
      pausedSeconds: 0,
      signedInSeconds: 1500, // still signed in: until now; the second sign-in is the same session
      utilisation: 0.4,
    });
  });
  it('counts a ticket still being served and a pause still open until now', () => {
    const s = new Story();
    let t = s.issue('a', 0);
    t = s.keep(callTicket(t, 'c1', by('u1', 1), 'fifo'));
    s.keep(startTicket(t, by('u1', 2)));
    const agentEvents: AgentEvent[] = [
      { agentId: 'u1', counterId: 'c1', type: 'signed_in', at: min(0), reason: null },
      { agentId: 'u3', counterId: 'c3', type: 'signed_in', at: min(0), reason: null },
      { agentId: 'u3', counterId: 'c3', type: 'paused', at: min(4), reason: 'back_office' },
    ];
    const figures = computeAgentFigures(s.events, agentEvents, min(10));
    const u1 = figures.find((f) => f.agentId === 'u1')!;
    assert.equal(u1.servingSeconds, 480);
    assert.equal(u1.served, 0);
    assert.equal(u1.utilisation, 0.8);
    const u3 = figures.find((f) => f.agentId === 'u3')!;
    assert.equal(u3.pausedSeconds, 360);
    assert.equal(u3.signedInSeconds, 600);
    assert.equal(u3.utilisation, 0);
  });
  it('utilisation is null when the agent had no available time', () => {
    const agentEvents: AgentEvent[] = [
      { agentId: 'u1', counterId: 'c1', type: 'signed_in', at: min(0), reason: null },
      { agentId: 'u1', counterId: 'c1', type: 'paused', at: min(0), reason: 'lunch' },
    ];
    assert.equal(computeAgentFigures([], agentEvents, min(30))[0].utilisation, null);
  });
});

describe('figures agree with the tickets they come from (property)', () => {
  const command = fc.constantFrom('call', 'recall', 'start', 'finish', 'noShow', 'transfer', 'cancel', 'expire', 'wait');
  const arbTicketPlan = fc.record({
    serviceId: fc.constantFrom('a', 'b'),
    category: fc.constantFrom<TicketCategory>('general', 'preferential'),
    issuedMinute: fc.integer({ min: 0, max: 60 }),
    commands: fc.array(fc.tuple(command, fc.integer({ min: 1, max: 20 })), { maxLength: 8 }),
  });
  it('counts match final statuses, waits match first calls, services add up to the total', () => {
    fc.assert(
      fc.property(fc.array(arbTicketPlan, { maxLength: 15 }), (plans) => {
        const s = new Story();
        const tickets: Ticket[] = [];
        for (const plan of plans) {
          let t = s.issue(plan.serviceId, plan.issuedMinute, plan.category);
          let minute = plan.issuedMinute;
          for (const [c, step] of plan.commands) {
            minute += step;
            const actor = by('u1', minute);
            try {
              const r =
                c === 'call' ? callTicket(t, 'c1', actor, 'fifo')
                : c === 'recall' ? recallTicket(t, actor)
                : c === 'start' ? startTicket(t, actor)
                : c === 'finish' ? finishTicket(t, actor, null)
                : c === 'noShow' ? markNoShow(t, actor)
                : c === 'transfer' ? transferTicket(t, { serviceId: t.serviceId === 'a' ? 'b' : 'a' }, actor)
                : c === 'cancel' ? cancelTicket(t, actor)
                : c === 'expire' ? expireTicket(t, actor.at)
                : null;
              if (r) t = s.keep(r);
            } catch (e) {
              if (!(e instanceof AppError)) throw e;
            }
          }
          tickets.push(t);
        }
        const now = min(10_000);
        const total = totalFigures(s.events, services, now);
        const count = (st: Ticket['status']) => tickets.filter((t) => t.status === st).length;
        assert.equal(total.issued, tickets.length);
        assert.equal(total.waiting, count('waiting'));
        assert.equal(total.served, count('done'));
        assert.equal(total.noShows, count('no_show'));
        assert.equal(total.cancelled, count('cancelled'));
        const waits = tickets
          .filter((t) => t.firstCalledAt)
          .map((t) => (t.firstCalledAt!.getTime() - t.issuedAt.getTime()) / 1000)
          .sort((x, y) => x - y);
        assert.equal(total.waitMedianSeconds, median(waits));
        assert.equal(total.waitP90Seconds, percentile(waits, 90));

        const per = computeServiceFigures(s.events, services, now);
        for (const key of ['issued', 'served', 'waiting', 'noShows', 'cancelled'] as const) {
          assert.equal(per.reduce((sum, f) => sum + f[key], 0), total[key], key);
        }
        for (const t of tickets.filter((x) => x.status === 'waiting')) {
          assert.ok(per.find((f) => f.serviceId === t.serviceId)!.waiting > 0, 'waits under its current service');
        }
      }),
      { numRuns: 300 },
    );
  });
});
