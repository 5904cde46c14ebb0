import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkInTiming, isNoShow, localClockTime } from './booking-check-in';
import { callableTickets, chooseNextTicket, nextBookedStreak, type PolicyInput } from './policy';
import { counter, minute as min, service, waitingTicket } from './test-fixtures';
import type { BookingCallRule, CallingPolicy, Ticket } from './types';

let seq = 0;
function ticket(serviceId: string, issuedMinute: number, overrides: Partial<Ticket> = {}): Ticket {
  seq += 1;
  return waitingTicket(`b${seq}`, serviceId, issuedMinute, seq, overrides);
}
/** A checked-in booking of service a whose slot is `slotMinute` after T0 (13:00 UTC = 08:00 in Bogotá). */
const booked = (issuedMinute: number, slotMinute: number) => ticket('a', issuedMinute, { origin: 'booking', slotAt: min(slotMinute) });

const services = [service('a'), service('b')];
const policy: CallingPolicy = { preferentialPerGeneral: 2, overdueFirst: true };
const rule: BookingCallRule = { windowMinutes: 5, maxInARow: 2, timeZone: 'America/Bogota' };
const input = (waiting: Ticket[], over: Partial<PolicyInput> = {}): PolicyInput => ({
  counter: counter(),
  waiting,
  services,
  policy,
  now: min(30),
  bookings: rule,
  ...over,
});

describe('calling checked-in bookings', () => {
  it('calls a booking at its slot ahead of older walk-ins, explaining the slot time', () => {
    const walkIn = ticket('a', 10);
    const booking = booked(20, 30);
    const choice = chooseNextTicket(input([walkIn, booking]))!;
    assert.equal(choice.ticket, booking);
    assert.deepEqual(choice.why, { rule: 'booking', slotTime: '08:30', bookedInARow: 1 });
  });

  it('calls it from `windowMinutes` before its slot, not earlier', () => {
    const walkIn = ticket('a', 10);
    const booking = booked(20, 35);
    assert.equal(chooseNextTicket(input([walkIn, booking]))!.ticket, booking, 'slot 5 min away');
    assert.equal(chooseNextTicket(input([walkIn, booking], { now: min(29) }))!.ticket, walkIn, 'slot 6 min away');
  });

  it('without the booking rule (appointments off) a booking waits like a walk-in', () => {
    const walkIn = ticket('a', 10);
    const booking = booked(20, 30);
    assert.equal(chooseNextTicket(input([walkIn, booking], { bookings: undefined }))!.ticket, walkIn);
  });

  it('after maxInARow booked calls a walk-in goes next; with no walk-in waiting, bookings go on', () => {
    const walkIn = ticket('a', 20);
    const booking = booked(21, 30);
    const capped = chooseNextTicket(input([walkIn, booking], { bookedStreak: 2 }))!;
    assert.equal(capped.ticket, walkIn);
    assert.equal(capped.reason, 'fifo');
    assert.equal(chooseNextTicket(input([booking], { bookedStreak: 2 }))!.ticket, booking);
  });

  it('earliest slot first among due bookings; a transfer to this counter still comes first', () => {
    const late = booked(1, 28);
    const early = booked(2, 25);
    assert.equal(chooseNextTicket(input([late, early]))!.ticket, early);
    const directed = ticket('b', 29, { directedCounterId: 'c1' });
    assert.equal(chooseNextTicket(input([late, early, directed]))!.reason, 'directed');
  });

  it('a remote ticket whose holder has not checked in is skipped, not lost', () => {
    const away = ticket('a', 0, { origin: 'remote', present: false });
    const here = ticket('a', 5);
    assert.equal(chooseNextTicket(input([away, here]))!.ticket, here);
    assert.equal(chooseNextTicket(input([away])), null);
    assert.equal(chooseNextTicket(input([{ ...away, present: true }, here]))!.ticket.id, away.id);
  });

  it('the booked streak counts booking-rule calls only', () => {
    assert.equal(nextBookedStreak(1, { rule: 'booking', slotTime: '10:30', bookedInARow: 2 }), 2);
    assert.equal(nextBookedStreak(2, { rule: 'fifo' }), 0);
  });
});

describe('check-in windows', () => {
  const slot = min(60);
  const window = { earlyMinutes: 30, lateMinutes: 15 };
  it('opens earlyMinutes before the slot and closes lateMinutes after it', () => {
    assert.deepEqual(checkInTiming(slot, window, min(29)), { kind: 'too_early', opensAt: min(30) });
    assert.deepEqual(checkInTiming(slot, window, min(30)), { kind: 'open' });
    assert.deepEqual(checkInTiming(slot, window, min(75)), { kind: 'open' });
    assert.deepEqual(checkInTiming(slot, window, min(76)), { kind: 'too_late', closedAt: min(75) });
  });
  it('a booking not checked in by the late edge is a no-show', () => {
    assert.equal(isNoShow(slot, window, min(75)), false);
    assert.equal(isNoShow(slot, window, min(75.01)), true);
  });
  it('says the slot in the office-local 24 h clock', () => {
    assert.equal(localClockTime(new Date('2026-11-28T15:30:00Z'), 'America/Bogota'), '10:30');
    assert.equal(localClockTime(new Date('2026-11-28T23:05:00Z'), 'America/Bogota'), '18:05');
  });
});

// ---------- properties: the booking rule keeps the policy's guarantees ----------

const arbTicket = fc
  .record({
    serviceId: fc.constantFrom('a', 'b', 'c'),
    issued: fc.integer({ min: -60, max: 30 }),
    origin: fc.constantFrom<Ticket['origin']>('walk_in', 'walk_in', 'remote', 'booking'),
    slot: fc.integer({ min: -30, max: 90 }),
    present: fc.constantFrom(true, true, false),
    directed: fc.constantFrom<string | null>(null, null, null, 'c1', 'c2'),
  })
  .map((r) =>
    ticket(r.serviceId, r.issued, {
      origin: r.origin,
      slotAt: r.origin === 'booking' ? min(r.slot) : null,
      present: r.origin === 'remote' ? r.present : true,
      directedCounterId: r.directed,
    }),
  );
const arbInput = fc
  .record({
    waiting: fc.array(arbTicket, { maxLength: 12 }),
    window: fc.integer({ min: 0, max: 60 }),
    maxInARow: fc.integer({ min: 1, max: 4 }),
    streak: fc.integer({ min: 0, max: 6 }),
  })
  .map((r) => input(r.waiting, { bookings: { windowMinutes: r.window, maxInARow: r.maxInARow, timeZone: 'America/Bogota' }, bookedStreak: r.streak }));

describe('the booking rule: properties', () => {
  it('chooses only callable tickets (never an absent remote holder), and null iff none', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const choice = chooseNextTicket(inp);
        const { directed, regular } = callableTickets(inp);
        const callable = [...directed, ...regular];
        assert.equal(choice === null, callable.length === 0);
        if (choice) {
          assert.ok(callable.includes(choice.ticket));
          assert.notEqual(choice.ticket.present, false);
          if (choice.reason === 'booking') assert.equal(choice.ticket.origin, 'booking');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('with no booking due, the choice is the one the policy makes without the rule', () => {
    fc.assert(
      fc.property(arbInput, (inp) => {
        const due = callableTickets(inp).regular.some(
          (t) => t.origin === 'booking' && t.slotAt!.getTime() <= inp.now.getTime() + inp.bookings!.windowMinutes * 60_000,
        );
        if (due) return;
        assert.deepEqual(chooseNextTicket(inp), chooseNextTicket({ ...inp, bookings: undefined }));
      }),
      { numRuns: 500 },
    );
  });

  it('while walk-ins wait, never more than maxInARow booked calls in a row', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 30 }), (maxInARow, rounds) => {
        const queue: Ticket[] = [];
        let minute = 0;
        let streak = 0;
        let run = 0;
        for (let i = 0; i < rounds; i++) {
          while (queue.filter((t) => t.origin === 'booking').length < 3) queue.push(booked(minute, 0));
          while (queue.filter((t) => t.origin !== 'booking').length < 3) queue.push(ticket('a', minute));
          const choice = chooseNextTicket(input(queue, { bookings: { ...rule, maxInARow }, bookedStreak: streak }))!;
          run = choice.reason === 'booking' ? run + 1 : 0;
          assert.ok(run <= maxInARow, `${run} booked calls in a row (cap ${maxInARow})`);
          streak = nextBookedStreak(streak, choice.why);
          queue.splice(queue.indexOf(choice.ticket), 1);
          minute += 1;
        }
      }),
      { numRuns: 200 },
    );
  });
});
