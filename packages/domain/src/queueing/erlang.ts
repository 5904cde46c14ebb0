/**
 * Queueing formulas for staffing: Erlang B and C (M/M/N, customers wait as long as it
 * takes) and Erlang A (M/M/N+M, customers give up after an exponential patience), with
 * the distribution of the wait an arriving customer is offered. Pure numbers; the planner
 * (staffing.ts) decides what to ask them. Time units are whatever the caller uses, as long
 * as rates and times agree (the planner uses minutes).
 *
 * Erlang C is the textbook answer; Erlang A is the one the planner uses, because an office
 * queue is never unstable: when it is understaffed people leave instead of waiting forever.
 */

/** Erlang B: the share of arrivals that find every one of `servers` busy in a loss system offered `load` Erlangs. */
export function erlangB(servers: number, load: number): number {
  if (!(load > 0)) return 0;
  // The stable recurrence B(n) = A B(n-1) / (n + A B(n-1)); the factorial form overflows.
  let b = 1;
  for (let n = 1; n <= servers; n++) b = (load * b) / (n + load * b);
  return b;
}

/** Erlang C: the probability that an arrival waits, with `servers` and `load` Erlangs (1 when overloaded). */
export function erlangC(servers: number, load: number): number {
  if (!(load > 0)) return 0;
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

export interface ErlangCInput {
  servers: number;
  /** Offered load in Erlangs: arrival rate × mean service time. */
  load: number;
  meanServiceTime: number;
}

/** Erlang C's service level: the share of arrivals served within `target` (P(W ≤ t) = 1 − C·e^{−(N−A)t/s}). */
export function erlangCServiceLevel(input: ErlangCInput, target: number): number {
  const { servers, load, meanServiceTime } = input;
  if (load >= servers) return load > 0 ? 0 : 1;
  return 1 - erlangC(servers, load) * Math.exp((-(servers - load) * target) / meanServiceTime);
}

/** Erlang C's wait quantile: the wait `q` of arrivals do not exceed (Infinity when overloaded). */
export function erlangCWaitQuantile(input: ErlangCInput, q: number): number {
  const { servers, load, meanServiceTime } = input;
  if (load >= servers) return load > 0 ? Number.POSITIVE_INFINITY : 0;
  const c = erlangC(servers, load);
  if (c <= 1 - q) return 0;
  return (Math.log(c / (1 - q)) * meanServiceTime) / (servers - load);
}

export interface ErlangAInput {
  servers: number;
  /** Arrivals per unit of time. */
  arrivalRate: number;
  meanServiceTime: number;
  /** Mean of the exponential patience; Infinity: nobody leaves (Erlang C). */
  meanPatience: number;
}

/** What an arriving customer can expect from an M/M/N+M queue in steady state. */
export interface WaitDistribution {
  /** Probability of waiting at all (finding every server busy). */
  probWait: number;
  /** Share of arrivals who give up before being served. */
  abandonShare: number;
  /** P(offered wait > t): the time until a server would take this customer, had they stayed. */
  survival(t: number): number;
  /** The smallest t with survival(t) ≤ 1 − q, searched up to `horizon` (then `horizon`). */
  quantile(q: number, horizon: number): number;
}

/** States with less stationary probability than this (relative to the largest) are cut off. */
const TAIL = 1e-10;
const MAX_QUEUE = 5000;

/**
 * The stationary distribution of the number in system (birth rate λ; death rate
 * min(n,N)μ + max(n−N,0)θ), truncated where its tail no longer matters.
 */
function stationary(input: ErlangAInput): number[] {
  const { servers, arrivalRate: lambda, meanServiceTime, meanPatience } = input;
  const mu = 1 / meanServiceTime;
  const theta = Number.isFinite(meanPatience) ? 1 / meanPatience : 0;
  const weights = [1];
  let w = 1;
  let peak = 1;
  for (let n = 1; n < servers + MAX_QUEUE; n++) {
    const death = Math.min(n, servers) * mu + Math.max(n - servers, 0) * theta;
    if (death <= 0) break; // no server and no patience limit: the queue only grows (handled by the caller)
    w = (w * lambda) / death;
    weights.push(w);
    if (w > peak) peak = w;
    // Rescale before numbers overflow on long, heavy queues.
    if (w > 1e250) {
      for (let i = 0; i < weights.length; i++) weights[i] /= 1e250;
      w /= 1e250;
      peak /= 1e250;
    }
    if (n > servers && w < TAIL * peak) break;
  }
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((x) => x / total);
}

/**
 * Erlang A. The offered wait of a customer who finds j others queued ahead is the time for
 * j + 1 departures from the queue ahead of them, each at rate Nμ + (ahead)θ: a pure death
 * process, whose survival is integrated forward (RK4 in place, step the inverse of its
 * fastest rate), only as far as a question needs.
 */
export function erlangA(input: ErlangAInput): WaitDistribution {
  const { servers, arrivalRate, meanServiceTime } = input;
  const theta = Number.isFinite(input.meanPatience) ? 1 / input.meanPatience : 0;
  const mu = 1 / meanServiceTime;
  if (!(arrivalRate > 0)) return noWait;
  if (theta === 0) return erlangCDistribution({ servers, load: arrivalRate * meanServiceTime, meanServiceTime });
  if (servers <= 0) return neverServed;

  const pi = stationary(input);
  const size = Math.max(0, pi.length - servers);
  const p = Float64Array.from(pi.slice(servers)); // p[j]: j queued ahead of the arriving customer
  let probWait = 0;
  let meanQueue = 0;
  for (let j = 0; j < size; j++) {
    probWait += p[j];
    meanQueue += j * p[j];
  }
  const rate = new Float64Array(size + 1);
  for (let j = 0; j <= size; j++) rate[j] = servers * mu + j * theta;
  const h = 1 / rate[size];
  const k1 = new Float64Array(size);
  const k2 = new Float64Array(size);
  const k3 = new Float64Array(size);
  const k4 = new Float64Array(size);
  const x = new Float64Array(size);
  const derivative = (from: Float64Array, into: Float64Array) => {
    for (let j = 0; j < size; j++) into[j] = -rate[j] * from[j] + (j + 1 < size ? rate[j + 1] * from[j + 1] : 0);
  };
  const rk4Step = (): number => {
    derivative(p, k1);
    for (let j = 0; j < size; j++) x[j] = p[j] + (h / 2) * k1[j];
    derivative(x, k2);
    for (let j = 0; j < size; j++) x[j] = p[j] + (h / 2) * k2[j];
    derivative(x, k3);
    for (let j = 0; j < size; j++) x[j] = p[j] + h * k3[j];
    derivative(x, k4);
    let total = 0;
    for (let j = 0; j < size; j++) {
      p[j] = Math.max(0, p[j] + (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]));
      total += p[j];
    }
    return total;
  };

  // The survival curve, integrated once as far as asked, and remembered.
  const times = [0];
  const values = [probWait];
  const advance = (until: (t: number, value: number) => boolean) => {
    let t = times[times.length - 1];
    let value = values[values.length - 1];
    while (!until(t, value) && value > 1e-9) {
      value = rk4Step();
      t += h;
      times.push(t);
      values.push(value);
    }
  };
  const survival = (at: number): number => {
    if (at <= 0) return probWait;
    advance((t) => t >= at);
    const last = times.length - 1;
    if (at >= times[last]) return values[last];
    const i = Math.min(last, Math.ceil(at / h));
    const f = (at - times[i - 1]) / h;
    return values[i - 1] + f * (values[i] - values[i - 1]);
  };
  return {
    probWait,
    abandonShare: (theta * meanQueue) / arrivalRate,
    survival,
    quantile(q, horizon) {
      const level = 1 - q;
      if (probWait <= level) return 0;
      advance((t, value) => value <= level || t >= horizon);
      const i = values.findIndex((v) => v <= level);
      if (i < 0 || times[i] >= horizon) return horizon;
      const f = (values[i - 1] - level) / (values[i - 1] - values[i]);
      return times[i - 1] + f * h;
    },
  };
}

const noWait: WaitDistribution = { probWait: 0, abandonShare: 0, survival: () => 0, quantile: () => 0 };
const neverServed: WaitDistribution = { probWait: 1, abandonShare: 1, survival: () => 1, quantile: (_q, horizon) => horizon };

function erlangCDistribution(input: ErlangCInput): WaitDistribution {
  const overloaded = input.load >= input.servers;
  return {
    probWait: erlangC(input.servers, input.load),
    abandonShare: 0,
    survival: (t) => 1 - erlangCServiceLevel(input, t),
    quantile: (q, horizon) => (overloaded ? horizon : Math.min(horizon, erlangCWaitQuantile(input, q))),
  };
}
