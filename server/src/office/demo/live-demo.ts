/**
 * A demo office that is alive: simulated customers take tickets at the kiosk and the
 * demo agents sign in, call, serve, transfer, mark no-shows and pause, all through the
 * office's real HTTP API (the kiosk's token, the agents' logins), so the wall display,
 * the desks, the board and head office move on their own. Customers arrive as a Poisson
 * process shaped like a weekday (peaks mid-morning; head-office demo's arrival pattern),
 * starting at 08:30 of a simulated day. Seeded: the same seed makes the same choices.
 * Demo only (see ./settings): a real office never runs it.
 */
import { randomUUID } from 'node:crypto';
import type { CallResultDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import { PAUSE_REASONS } from '@turnero/domain/types';
import { Rng } from '../../demo/prng';
import { WEEKDAY_OPENING, WEEKDAY_PEAK_WEIGHT, weekdayArrivalWeight } from '../../demo/simulate';
import type { DemoCredentials } from '../seed/seed';
import { DemoApi } from './demo-api';
import type { DemoTime } from './demo-time';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
/** The simulated day starts here (local hour), already busy. */
const START_HOUR = 8.5;

export interface LiveDemoOptions {
  baseUrl: string;
  creds: DemoCredentials;
  time: DemoTime;
  seed: string | number;
  /** Customers per hour on an average hour (the peak is about 1.4 times that). Default 40. */
  customersPerHour?: number;
  /** Share of preferential tickets. Default 0.12. */
  preferentialShare?: number;
  logger: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
}

/** A 429 answer's body: how long the server asks to wait. */
interface RateLimited {
  error?: { details?: { retryAfterSeconds?: number } };
}

export interface LiveDemoCounts {
  issued: number;
  called: number;
  started: number;
  finished: number;
  transferred: number;
  noShows: number;
  pauses: number;
  /** API answers the demo did not expect (logged as warnings). */
  refused: number;
}

export interface LiveDemo {
  counts(): LiveDemoCounts;
  /** Stops every actor and waits until none has a request in flight. */
  stop(): Promise<void>;
}

export function startLiveDemo(opts: LiveDemoOptions): LiveDemo {
  const api = new DemoApi(opts.baseUrl);
  const rng = new Rng(opts.seed);
  const run = randomUUID().slice(0, 8);
  const counts: LiveDemoCounts = { issued: 0, called: 0, started: 0, finished: 0, transferred: 0, noShows: 0, pauses: 0, refused: 0 };
  let running = true;
  const { time, logger } = opts;

  /** Local hour of the simulated day, wrapping over the opening hours. */
  const simulatedHour = () => {
    const open = WEEKDAY_OPENING.closeHour - WEEKDAY_OPENING.openHour;
    const h = START_HOUR - WEEKDAY_OPENING.openHour + time.elapsed() / HOUR;
    return WEEKDAY_OPENING.openHour + (h % open);
  };

  const expect = (what: string, status: number, ok: number[], body?: unknown): boolean => {
    if (ok.includes(status)) return true;
    counts.refused++;
    logger.warn({ status, body }, `live demo: ${what} answered ${status}`);
    return false;
  };

  async function customers(services: ServiceDto[]): Promise<void> {
    const perHour = opts.customersPerHour ?? 40;
    let n = 0;
    while (running) {
      // Thinning: candidates at the peak rate, each kept with the hour's share of it.
      await time.sleep(rng.exponential(HOUR / (perHour * WEEKDAY_PEAK_WEIGHT)));
      if (!running) return;
      if (!rng.chance(weekdayArrivalWeight(simulatedHour()) / WEEKDAY_PEAK_WEIGHT)) continue;
      const service = rng.pick(services);
      const category = rng.chance(opts.preferentialShare ?? 0.12) ? 'preferential' : 'general';
      const key = `demo-${run}-${++n}`;
      // A lost answer is retried with the same key, as the kiosk does: never two tickets.
      // A sped-up day outruns the kiosk's ticket budget: the customer waits as told (429).
      for (let attempt = 0; attempt < 5 && running; attempt++) {
        try {
          const r = await api.call<TicketDto & RateLimited>('POST', '/tickets', {
            token: opts.creds.kioskToken,
            body: { serviceId: service.id, category },
            headers: { 'Idempotency-Key': key },
          });
          if (r.status === 429) {
            await time.sleepReal((r.body.error?.details?.retryAfterSeconds ?? 1) * SECOND);
            continue;
          }
          if (expect('issue', r.status, [200, 201], r.body) && r.status === 201) counts.issued++;
          break;
        } catch (err) {
          if (attempt === 4) logger.warn({ err: (err as Error).message }, 'live demo: issue failed');
        }
      }
    }
  }

  async function agent(user: DemoCredentials['users'][number], services: ServiceDto[], offset: number): Promise<void> {
    const counterId = user.counterId!;
    // Agents arrive over the first minutes, not all at once.
    await time.sleep(offset);
    if (!running) return;
    const token = await api.login(user.username, user.password);
    const act = (method: 'GET' | 'POST', path: string, body?: unknown) => api.call(method, path, { token, body });
    const signIn = await act('POST', `/counters/${counterId}/sign-in`);
    // 409: already signed in (the demo restarted); carry on from the counter's state.
    expect('sign-in', signIn.status, [200, 409], signIn.body);
    await act('POST', `/counters/${counterId}/resume`);
    while (running) {
      const call = await act('POST', `/counters/${counterId}/call-next`);
      if (call.status === 204) {
        await time.sleep(rng.between(20, 60) * SECOND);
        continue;
      }
      if (!expect('call-next', call.status, [200], call.body)) {
        await time.sleep(30 * SECOND);
        continue;
      }
      counts.called++;
      await serve((call.body as CallResultDto).ticket, act, services);
      if (running && rng.chance(0.06)) {
        const reason = rng.pick(PAUSE_REASONS);
        const pause = await act('POST', `/counters/${counterId}/pause`, { reason });
        if (expect('pause', pause.status, [200], pause.body)) {
          counts.pauses++;
          await time.sleep(rng.between(3, 10) * MINUTE);
          const resume = await act('POST', `/counters/${counterId}/resume`);
          expect('resume', resume.status, [200], resume.body);
        }
      }
    }
  }

  /** One customer at the counter: walks up (or not), is served, then finished or transferred. */
  async function serve(
    ticket: TicketDto,
    act: (method: 'GET' | 'POST', path: string, body?: unknown) => ReturnType<DemoApi['call']>,
    services: ServiceDto[],
  ): Promise<void> {
    await time.sleep(rng.between(10, 45) * SECOND);
    if (rng.chance(0.04)) {
      await act('POST', `/tickets/${ticket.id}/recall`);
      await time.sleep(rng.between(30, 90) * SECOND);
      const noShow = await act('POST', `/tickets/${ticket.id}/no-show`);
      if (expect('no-show', noShow.status, [200], noShow.body)) counts.noShows++;
      return;
    }
    const start = await act('POST', `/tickets/${ticket.id}/start`);
    if (!expect('start', start.status, [200], start.body)) return;
    counts.started++;
    await time.sleep(Math.min(30 * MINUTE, rng.logNormal(4 * MINUTE, 0.5)));
    const others = services.filter((s) => s.id !== ticket.serviceId);
    if (others.length && rng.chance(0.07)) {
      const moved = await act('POST', `/tickets/${ticket.id}/transfer`, { toServiceId: rng.pick(others).id });
      if (expect('transfer', moved.status, [200], moved.body)) counts.transferred++;
      return;
    }
    const done = await act('POST', `/tickets/${ticket.id}/finish`, {});
    if (expect('finish', done.status, [200], done.body)) counts.finished++;
  }

  async function begin(): Promise<Promise<void>[]> {
    const agents = opts.creds.users.filter((u) => u.role === 'agent' && u.counterId);
    if (!agents.length) throw new Error('live demo: the demo office has no agents with counters');
    const token = await api.login(agents[0].username, agents[0].password);
    const services = (await api.call<ServiceDto[]>('GET', '/services', { token })).body.filter((s) => s.active);
    logger.info({ agents: agents.length, services: services.length }, 'live demo: customers and agents start');
    return [customers(services), ...agents.map((u, i) => agent(u, services, i * rng.between(20, 90) * SECOND))];
  }

  // An actor that fails (the server stopping under it) ends; the others carry on.
  const actors = begin().then((all) =>
    Promise.all(
      all.map((a) => a.catch((err: Error) => running && logger.warn({ err: err.message }, 'live demo: an actor stopped'))),
    ),
  );

  return {
    counts: () => ({ ...counts }),
    async stop() {
      running = false;
      time.stop();
      await actors.catch(() => undefined);
    },
  };
}
