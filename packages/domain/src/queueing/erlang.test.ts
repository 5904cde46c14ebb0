import { describe, it } from 'vitest';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { erlangA, erlangB, erlangC, erlangCServiceLevel, erlangCWaitQuantile } from './erlang';

const close = (actual: number, expected: number, tolerance: number, what: string) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} is not within ${tolerance} of ${expected}`);

describe('Erlang B and C, against textbook values', () => {
  it('10 Erlangs on 12 servers wait with probability 0.4493', () => {
    close(erlangC(12, 10), 0.4493, 1e-4, 'C(12, 10)');
  });
  it('2 Erlangs on 3 servers wait with probability 4/9, and 3 Erlangs on 5 servers block 11.01 % in a loss system', () => {
    close(erlangC(3, 2), 4 / 9, 1e-12, 'C(3, 2)');
    close(erlangB(5, 3), 0.1101, 5e-5, 'B(5, 3)');
  });
  it('the service level of 12 servers, 10 Erlangs, 3-minute calls is 64.0 % within 20 s', () => {
    close(erlangCServiceLevel({ servers: 12, load: 10, meanServiceTime: 180 }, 20), 0.6402, 5e-4, 'SL');
  });
  it('an overloaded queue always waits and never meets a target', () => {
    assert.equal(erlangC(5, 5), 1);
    assert.equal(erlangCServiceLevel({ servers: 5, load: 6, meanServiceTime: 1 }, 100), 0);
    assert.equal(erlangCWaitQuantile({ servers: 5, load: 6, meanServiceTime: 1 }, 0.5), Number.POSITIVE_INFINITY);
  });
  it('with no load nobody waits', () => {
    assert.equal(erlangC(3, 0), 0);
    assert.equal(erlangB(3, 0), 0);
    assert.equal(erlangA({ servers: 2, arrivalRate: 0, meanServiceTime: 5, meanPatience: 10 }).quantile(0.9, 60), 0);
  });
});

describe('Erlang C properties', () => {
  const stable = fc
    .record({ servers: fc.integer({ min: 1, max: 80 }), utilisation: fc.double({ min: 0.01, max: 0.99, noNaN: true }) })
    .map(({ servers, utilisation }) => ({ servers, load: servers * utilisation }));

  it('the probability of waiting lies in [0, 1] and falls with every server added', () => {
    fc.assert(
      fc.property(stable, ({ servers, load }) => {
        const c = erlangC(servers, load);
        assert.ok(c >= 0 && c <= 1);
        assert.ok(erlangC(servers + 1, load) <= c + 1e-12);
        assert.ok(erlangB(servers, load) <= c + 1e-12, 'blocking is never likelier than waiting');
      }),
    );
  });
  it('the wait quantile and the service level agree: P(W ≤ quantile(q)) = q when anybody waits that long', () => {
    fc.assert(
      fc.property(stable, fc.double({ min: 0.05, max: 0.99, noNaN: true }), ({ servers, load }, q) => {
        const input = { servers, load, meanServiceTime: 4 };
        const t = erlangCWaitQuantile(input, q);
        if (t > 0) close(erlangCServiceLevel(input, t), q, 1e-9, 'SL at the quantile');
        else assert.ok(erlangCServiceLevel(input, 0) >= q - 1e-12);
      }),
    );
  });
});

describe('Erlang A (with abandonment)', () => {
  it('with very patient customers it is Erlang C', () => {
    const a = erlangA({ servers: 12, arrivalRate: 10 / 3, meanServiceTime: 3, meanPatience: 1e7 });
    close(a.probWait, 0.4493, 1e-3, 'P(wait)');
    close(1 - a.survival(1 / 3), 0.6402, 2e-3, 'SL within 20 s');
    assert.ok(a.abandonShare < 1e-4);
  });
  it('an overloaded office stays finite: some people leave, the rest are served', () => {
    const a = erlangA({ servers: 5, arrivalRate: 2, meanServiceTime: 5, meanPatience: 20 });
    assert.ok(a.probWait > 0.9 && a.probWait < 1);
    // Offered load 10 on 5 servers: about half must leave for the rest to be served.
    assert.ok(a.abandonShare > 0.4 && a.abandonShare < 0.6, `abandon share ${a.abandonShare}`);
    assert.ok(Number.isFinite(a.quantile(0.9, 240)) && a.quantile(0.9, 240) < 240);
  });
  it('with no server nobody is ever served: waits reach the horizon', () => {
    const a = erlangA({ servers: 0, arrivalRate: 1, meanServiceTime: 5, meanPatience: 20 });
    assert.equal(a.survival(1000), 1);
    assert.equal(a.quantile(0.5, 240), 240);
  });
  it('the offered wait survives less with more servers and with time, and patience only lowers waiting', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.double({ min: 0.1, max: 4, noNaN: true }),
        fc.double({ min: 2, max: 60, noNaN: true }),
        fc.double({ min: 1, max: 30, noNaN: true }),
        (servers, arrivalRate, meanPatience, t) => {
          const base = { servers, arrivalRate, meanServiceTime: 5, meanPatience };
          const a = erlangA(base);
          const more = erlangA({ ...base, servers: servers + 1 });
          assert.ok(a.survival(t) <= a.survival(t / 2) + 1e-9, 'survival falls with time');
          assert.ok(more.survival(t) <= a.survival(t) + 1e-6, 'survival falls with servers');
          assert.ok(a.probWait >= 0 && a.probWait <= 1 + 1e-9);
          const p50 = a.quantile(0.5, 240);
          assert.ok(a.quantile(0.9, 240) >= p50 - 1e-9, 'p90 ≥ p50');
        },
      ),
      { numRuns: 60 },
    );
  });
});
