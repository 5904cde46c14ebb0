import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { OutboxEnvelope } from '@turnero/contract/outbox';
import { buildDemoOffices } from '../../server/src/demo/offices';
import { simulateOffice, simulateOfficeDay } from '../../server/src/demo/simulate';
import { localMidnightUtc } from '../../server/src/demo/zoned-time';

// A fixed "now": Thursday 2025-03-13, 11:30 in Bogotá (16:30 UTC).
const NOW = Date.parse('2025-03-13T16:30:00Z');
const offices = buildDemoOffices(151, 'test');

describe('demo organisation', () => {
  it('has 151 offices with unique codes spread over the group companies and zones', () => {
    assert.equal(offices.length, 151);
    assert.equal(new Set(offices.map((o) => o.code)).size, 151);
    const companies = new Set(offices.map((o) => o.company));
    for (const c of ['EPM', 'EDEQ', 'CHEC', 'ESSA', 'CENS']) assert.ok(companies.has(c), c);
    const zones = new Set(offices.map((o) => o.timeZone));
    assert.ok(zones.has('America/Bogota') && zones.size > 1);
    assert.ok(offices.every((o) => o.code.length <= 32 && o.region && o.services.length >= 3));
  });

  it('scales down to a handful of offices', () => {
    assert.equal(buildDemoOffices(5, 'test').length, 5);
  });
});

describe('simulateOffice', () => {
  const office = offices[2];
  const run = (seed: string) => [...simulateOffice(office, 7, { seed, endAt: NOW })];

  it('is deterministic for a seed and differs for another seed', () => {
    assert.deepEqual(run('s1'), run('s1'));
    assert.notDeepEqual(
      run('s1').flatMap((d) => d.envelopes),
      run('s2').flatMap((d) => d.envelopes),
    );
  });

  it('produces valid envelopes with a gapless sequence from 1 in time order', () => {
    const all = run('s1').flatMap((d) => d.envelopes);
    assert.ok(all.length > 500, `only ${all.length} events`);
    all.forEach((e, i) => {
      OutboxEnvelope.parse(e);
      assert.equal(e.seq, i + 1);
      if (i > 0) assert.ok(e.occurredAt >= all[i - 1].occurredAt, `seq ${e.seq} goes back in time`);
    });
  });

  it('stops at "now" and covers the requested days, ending with today', () => {
    const days = run('s1');
    assert.deepEqual(
      days.map((d) => d.day),
      ['2025-03-07', '2025-03-08', '2025-03-09', '2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13'],
    );
    assert.equal(days[2].envelopes.length, 0, 'closed on Sunday');
    const last = days[6].envelopes;
    assert.ok(last.length > 0);
    assert.ok(last.every((e) => Date.parse(e.occurredAt) <= NOW));
  });

  it('gives every ticket a lawful life: issued first, one ending, service only after a call', () => {
    const all = run('s1').flatMap((d) => d.envelopes);
    const life = new Map<string, string[]>();
    for (const e of all) {
      if (e.fact.kind !== 'ticket') continue;
      const steps = life.get(e.fact.ticketId) ?? [];
      steps.push(e.fact.event);
      life.set(e.fact.ticketId, steps);
      if (['called', 'recalled', 'started', 'finished', 'no_show'].includes(e.fact.event)) {
        assert.ok(e.fact.counterId && e.fact.agentId, `${e.fact.event} without counter`);
      }
    }
    const lawful = [
      /^issued$/, // still waiting now
      /^issued,called$/,
      /^issued,called,started$/,
      /^issued,called,started,finished$/,
      /^issued,called,recalled$/,
      /^issued,called,recalled,no_show$/,
      /^issued,cancelled$/,
      /^issued,expired$/,
    ];
    for (const [id, steps] of life) {
      assert.ok(lawful.some((r) => r.test(steps.join(','))), `${id}: ${steps.join(',')}`);
    }
    const endings = [...life.values()].map((s) => s.at(-1));
    assert.ok(endings.includes('finished') && endings.includes('no_show') && endings.includes('cancelled'));
  });

  it('keeps each agent signed in before working and signed out at the end of a full day', () => {
    const day = simulateOfficeDay(office, '2025-03-12', { seed: 's1' });
    const state = new Map<string, string>();
    for (const e of day) {
      if (e.fact.kind === 'agent') {
        const before = state.get(e.fact.agentId) ?? 'out';
        const ok = {
          signed_in: before === 'out',
          paused: before === 'in',
          resumed: before === 'paused',
          signed_out: before !== 'out',
        }[e.fact.event];
        assert.ok(ok, `${e.fact.agentId}: ${e.fact.event} while ${before}`);
        state.set(e.fact.agentId, { signed_in: 'in', paused: 'paused', resumed: 'in', signed_out: 'out' }[e.fact.event]);
      } else if (e.fact.event === 'called') {
        assert.equal(state.get(e.fact.agentId!), 'in', `${e.fact.agentId} called while not at work`);
      }
    }
    assert.ok([...state.values()].every((s) => s === 'out'));
  });

  it('puts arrivals in office hours of the office zone, with morning peaks', () => {
    const chile = offices.find((o) => o.timeZone === 'America/Santiago')!;
    const day = '2025-03-12';
    const midnight = localMidnightUtc(day, chile.timeZone);
    const issued = simulateOfficeDay(chile, day, { seed: 's1' }).filter(
      (e) => e.fact.kind === 'ticket' && e.fact.event === 'issued',
    );
    const hours = issued.map((e) => Math.floor((e.at - midnight) / 3_600_000));
    assert.ok(hours.every((h) => h >= 7 && h < 17), `hours ${Math.min(...hours)}..${Math.max(...hours)}`);
    const count = (h: number) => hours.filter((x) => x === h).length;
    assert.ok(count(9) > count(16), 'the 9 o\'clock peak beats the last hour');
  });

  it('sends more customers on Monday than on Saturday', () => {
    const issuedOn = (day: string) =>
      offices
        .slice(0, 10)
        .flatMap((o) => simulateOfficeDay(o, day, { seed: 's1' }))
        .filter((e) => e.fact.kind === 'ticket' && e.fact.event === 'issued').length;
    assert.ok(issuedOn('2025-03-10') > issuedOn('2025-03-08') * 1.5);
  });
});
