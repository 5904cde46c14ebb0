/**
 * What one prediction costs the office server: the whole queue simulated with the server's
 * own run budget (server/src/office/wait-prediction/predictor.ts), on a learned model of a
 * four-service office with six counters, for queues of several lengths. Median of 5.
 */
import { learnWaitModel, type HistoryArrival, type HistoryCall } from '@turnero/domain/wait-prediction/model';
import { predictWaits } from '@turnero/domain/wait-prediction/predict';
import { seededRandom } from '@turnero/domain/wait-prediction/random';
import { DEFAULT_POLICY, type Counter, type Service, type Ticket } from '@turnero/domain/types';
import { CALL_BUDGET, HORIZON_MS, MAX_RUNS, MIN_RUNS } from '../../../server/src/office/wait-prediction/predictor';

const SERVICES = ['a', 'b', 'c', 'd'];
const NOW = Date.parse('2026-11-02T15:00:00Z');

export function predictionMs(waitingCount: number): number {
  const random = seededRandom(1);
  const calls: HistoryCall[] = Array.from({ length: 5000 }, (_, k) => ({ serviceId: SERVICES[k % 4], hour: 8 + (k % 9), occupiedSeconds: 60 + random() * 600, transferredTo: k % 20 === 0 ? 'b' : null }));
  const arrivals: HistoryArrival[] = Array.from({ length: 3000 }, (_, k) => ({ serviceId: SERVICES[k % 4], category: k % 8 === 0 ? 'preferential' : 'general', hour: 8 + (k % 9) }));
  const model = learnWaitModel({ calls, arrivals, days: 10 });
  const services: Service[] = SERVICES.map((id, i) => ({ id, nameEs: id, nameEn: id, prefix: id.toUpperCase(), targetWaitMinutes: 15, active: true, color: '', icon: '', sortOrder: i }));
  const counters: Counter[] = Array.from({ length: 6 }, (_, i) => ({
    id: `c${i}`, name: `M${i}`, active: true, agentId: `u${i}`, agentState: 'idle', stateSince: null, pauseReason: null, preferentialStreak: 0,
    services: [{ serviceId: SERVICES[i % 4], weight: 2 }, { serviceId: SERVICES[(i + 1) % 4], weight: 1 }],
  }));
  const waiting: Ticket[] = Array.from({ length: waitingCount }, (_, i) => ({
    id: `t${i}`, serviceId: SERVICES[i % 4], issuedServiceId: SERVICES[i % 4], category: i % 9 === 0 ? 'preferential' : 'general', day: '2026-11-02',
    number: i + 1, code: `X-${i}`, status: 'waiting', issuedAt: new Date(NOW - (waitingCount - i) * 20_000), counterId: null, directedCounterId: null,
    calledAt: null, firstCalledAt: null, startedAt: null, finishedAt: null, recallCount: 0, outcome: null, printState: 'not_requested', issuedByDeviceId: null,
  }));
  const runs = Math.max(MIN_RUNS, Math.min(MAX_RUNS, Math.floor(CALL_BUDGET / waitingCount)));
  const times: number[] = [];
  for (let rep = 0; rep < 6; rep++) {
    const started = performance.now();
    predictWaits(
      { now: new Date(NOW), utcOffsetMs: -5 * 3_600_000, services, policy: DEFAULT_POLICY, counters, waiting, active: [], model, horizonMs: HORIZON_MS },
      { runs, random: seededRandom(rep) },
    );
    if (rep > 0) times.push(performance.now() - started); // the first warms the JIT up
  }
  return Math.round(times.sort((x, y) => x - y)[2] * 10) / 10;
}
