import assert from 'node:assert/strict';
import { describe, it } from 'vitest';
import { counter, service, waitingTicket } from '../test-fixtures';
import { DEFAULT_POLICY, type AgentEventType } from '../types';
import { learnAvailability, sampleAway, sampleSignIn, type AgentHistoryEvent } from './availability';
import { learnWaitModel, type HistoryCall } from './model';
import { predictWaits } from './predict';
import { seededRandom } from './random';

const HOUR = 3_600_000;
const DAY0 = Date.parse('2026-11-02T00:00:00Z');
const hourOf = (ms: number) => Math.floor(ms / HOUR) % 24;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const at = (day: number, hour: number) => DAY0 + day * 24 * HOUR + hour * HOUR;
const ev = (counterId: string, type: AgentEventType, ms: number): AgentHistoryEvent => ({ counterId, type, at: ms });

/** Three days: c1 opens at 8, lunches 12-13, leaves at 17; c2 works 14-16 only. */
function history(): AgentHistoryEvent[] {
  const out: AgentHistoryEvent[] = [];
  for (let d = 0; d < 3; d++) {
    out.push(ev('c1', 'signed_in', at(d, 8)), ev('c1', 'paused', at(d, 12)), ev('c1', 'resumed', at(d, 13)));
    out.push(ev('c2', 'signed_in', at(d, 14)), ev('c2', 'signed_out', at(d, 16)), ev('c1', 'signed_out', at(d, 17)));
  }
  return out.sort((a, b) => a.at - b.at);
}

describe('counter availability', () => {
  const a = learnAvailability(history(), hourOf, dayOf);

  it('learns pause lengths, and which hours each counter opens', () => {
    assert.deepEqual(a.pauseSeconds, [3600, 3600, 3600]);
    assert.equal(a.signInShare.get('c2')![14], 1);
    assert.equal(a.signInShare.get('c2')![9], 0);
  });

  it('an open counter goes away around its usual lunch, not in the quiet morning', () => {
    const random = seededRandom(5);
    const aways = Array.from({ length: 200 }, () => sampleAway(a, 'c1', at(5, 9), at(5, 19), hourOf, random));
    const byLunch = aways.filter((x) => x.at >= at(5, 12) && x.at < at(5, 13)).length;
    const inMorning = aways.filter((x) => x.at < at(5, 11)).length;
    assert.ok(byLunch > inMorning * 3, `${byLunch} around lunch vs ${inMorning} before 11`);
  });

  it('a closed counter opens at its usual hour', () => {
    const t = sampleSignIn(a, 'c2', at(5, 9), at(5, 19), hourOf, seededRandom(1));
    assert.ok(t >= at(5, 14) && t < at(5, 15), new Date(t).toISOString());
    assert.equal(sampleSignIn(a, 'c9', at(5, 9), at(5, 19), hourOf, seededRandom(1)), Infinity);
  });

  it('the simulation counts the afternoon shift in: a long queue waits less when a second counter usually opens soon', () => {
    const calls: HistoryCall[] = Array.from({ length: 50 }, () => ({ serviceId: 'a', hour: 13, occupiedSeconds: 600, transferredTo: null }));
    const now = new Date(at(5, 13.5));
    const waiting = Array.from({ length: 12 }, (_, i) => ({ ...waitingTicket(`t${i}`, 'a', 0, i + 1), issuedAt: new Date(now.getTime() - 60_000) }));
    const input = {
      now,
      utcOffsetMs: 0,
      services: [service('a')],
      policy: DEFAULT_POLICY,
      counters: [counter({ id: 'c1' }), counter({ id: 'c2', agentId: null, agentState: 'signed_out' as const })],
      waiting,
      active: [],
      model: learnWaitModel({ calls, arrivals: [], days: 1 }),
      horizonMs: 10 * HOUR,
    };
    const alone = predictWaits(input, { runs: 50, random: seededRandom(3) }).get('t11')!;
    const withShift = predictWaits({ ...input, availability: a }, { runs: 50, random: seededRandom(3) }).get('t11')!;
    assert.ok(withShift.medianSeconds < alone.medianSeconds, `${withShift.medianSeconds} < ${alone.medianSeconds}`);
  });
});
