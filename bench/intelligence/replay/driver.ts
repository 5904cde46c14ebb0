/**
 * Replays simulated office days through the office's REAL command path: an in-process
 * office server on a fake clock, driven over its HTTP API exactly as the kiosk and the
 * desks drive it (issue, call next, start, finish, no-show, transfer, sign in and out,
 * pause and resume). A discrete-event loop sets the clock to each next moment and acts.
 * Every ticket's promise is recorded from the issue answer (`estimatedWait`, and the old
 * `estimatedWaitSeconds` as the baseline), and its real wait from the call that first
 * reached it.
 */
import { join } from 'node:path';
import type { CallResultDto, ServiceDto, TicketDto } from '@turnero/contract/dto';
import { seededRandom, type Random } from '@turnero/domain/wait-prediction/random';
import { TimeHeap } from '../../../server/src/demo/heap';
import { login, request } from '../../../tests/support/http';
import { FakeClock, startInProcessOffice, tempDataDir, type InProcessOffice } from '../../../tests/support/office';
import { arrivalTimes, pickService, serviceSeconds, type OfficeProfile, type Prefix, type Shift } from './world';

/** One ticket as the replay saw it. */
export interface Recorded {
  office: string;
  issuedAt: number;
  range: { lowMinutes: number; highMinutes: number } | null;
  baselineSeconds: number | null;
  /** Seconds from issue to first call; null when never called (cancelled, expired). */
  realSeconds: number | null;
}

/** Bogotá has no daylight saving: local = UTC − 5 h all year. */
const UTC_OFFSET_MS = -5 * 3_600_000;
const HOUR = 3_600_000;
const SECOND = 1000;

interface CounterState {
  id: string;
  token: string;
  signedIn: boolean;
  paused: boolean;
  busy: boolean;
  idle: boolean;
  lunch: { minutes: number } | null;
  leaving: boolean;
  closer: boolean;
  services: Set<string>;
}

export interface ReplayOptions {
  profile: OfficeProfile;
  /** Local midnight (as a UTC instant) of the first day; days follow one after another. */
  firstDayUtcMs: number;
  days: number;
  seed: number;
}

/** Runs `days` days of one office; returns every ticket of every day, with its day index. */
export async function replayOffice(opts: ReplayOptions): Promise<(Recorded & { day: number })[]> {
  const clock = new FakeClock(new Date(opts.firstDayUtcMs + 7 * HOUR));
  const dataDir = tempDataDir('turnero-waits-replay-');
  const office = await startInProcessOffice({ clock, dataDir, env: { DEMO_PRINTER_URI: `file:${join(dataDir, 'printer.out')}`, LOG_LEVEL: 'silent', TOKEN_TTL_HOURS: '48' } });
  const random = seededRandom(opts.seed);
  const out: (Recorded & { day: number })[] = [];
  try {
    for (let day = 0; day < opts.days; day++) {
      const dayStart = opts.firstDayUtcMs + day * 24 * HOUR;
      clock.set(new Date(dayStart + 7 * HOUR));
      for (const r of await new Day(office, clock, opts.profile, dayStart, random).run()) out.push({ ...r, day });
    }
  } finally {
    await office.stop();
  }
  return out;
}

class Day {
  private readonly events = new TimeHeap<() => Promise<void>>();
  private readonly tickets = new Map<string, Recorded>();
  private counters: CounterState[] = [];
  private services: Record<string, ServiceDto> = {};
  private readonly kiosk: string;

  constructor(
    private readonly office: InProcessOffice,
    private readonly clock: FakeClock,
    private readonly profile: OfficeProfile,
    private readonly dayStart: number,
    private readonly random: Random,
  ) {
    this.kiosk = office.creds.kioskToken;
  }

  private at(localHour: number): number {
    return this.dayStart - UTC_OFFSET_MS + localHour * HOUR;
  }

  private localHour(ms: number): number {
    return (ms - this.dayStart + UTC_OFFSET_MS) / HOUR;
  }

  private schedule(at: number, action: () => Promise<void>): void {
    this.events.push(at, action);
  }

  private async api<T>(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
    const r = await request<T>(this.office.url, method, `/api/v1${path}`, { token, body });
    return { status: r.status, body: r.body };
  }

  async run(): Promise<Recorded[]> {
    await this.prepare();
    for (const at of arrivalTimes(this.profile, this.dayStart - UTC_OFFSET_MS, this.random)) this.schedule(at, () => this.arrive());
    for (const shift of this.profile.shifts) this.plan(shift);
    for (let e = this.events.pop(); e; e = this.events.pop()) {
      if (e.at > this.clock.now().getTime()) this.clock.set(new Date(e.at));
      await e.value();
    }
    if (process.env.WAITS_DEBUG) console.log(`    day ends at local ${this.localHour(this.now()).toFixed(2)} h with ${this.tickets.size} tickets`);
    return [...this.tickets.values()];
  }

  private async prepare(): Promise<void> {
    const list = await this.api<ServiceDto[]>('GET', '/services', this.kiosk);
    this.services = Object.fromEntries(list.body.map((s) => [s.prefix, s]));
    const agents = this.office.creds.users.filter((u) => u.role === 'agent').sort((a, b) => a.username.localeCompare(b.username));
    // A new login every day: sessions end, the fake clock moves on.
    const tokens = await Promise.all(agents.map((u) => login(this.office.url, u.username, u.password)));
    const counters = await this.api<{ id: string; services: { serviceId: string }[] }[]>('GET', '/counters', tokens[0]);
    this.counters = agents.map((u, i) => ({
      id: u.counterId!,
      token: tokens[i],
      signedIn: false,
      paused: false,
      busy: false,
      idle: false,
      lunch: null,
      leaving: false,
      closer: false,
      services: new Set(counters.body.find((c) => c.id === u.counterId)?.services.map((x) => x.serviceId) ?? []),
    }));
  }

  private plan(shift: Shift): void {
    const c = () => this.counters[shift.counter - 1];
    this.schedule(this.at(shift.from), async () => {
      const counter = c();
      counter.leaving = false;
      counter.closer = shift.closer ?? false;
      if (!counter.signedIn) {
        this.expect(await this.api('POST', `/counters/${counter.id}/sign-in`, counter.token), 'sign-in');
        counter.signedIn = true;
      }
      await this.tryCall(counter);
    });
    if (shift.lunchAt !== undefined) {
      this.schedule(this.at(shift.lunchAt), async () => {
        c().lunch = { minutes: shift.lunchMinutes ?? 45 };
        if (!c().busy) await this.tryCall(c());
      });
    }
    this.schedule(this.at(shift.to), async () => {
      c().leaving = true;
      if (!c().busy) await this.tryCall(c());
    });
  }

  private async arrive(): Promise<void> {
    const service = pickService(this.profile, this.random);
    const category = this.random() < this.profile.preferentialShare ? 'preferential' : 'general';
    const r = await this.api<TicketDto>('POST', '/tickets', this.kiosk, { serviceId: this.services[service.prefix].id, category, print: false });
    if (r.status !== 201) return; // closed: the customer goes home
    const t = r.body;
    this.tickets.set(t.id, {
      office: this.profile.name,
      issuedAt: Date.parse(t.issuedAt),
      range: t.estimatedWait ?? null,
      baselineSeconds: t.estimatedWaitSeconds,
      realSeconds: null,
    });
    this.wake(t.serviceId);
  }

  /** Idle counters that serve the service notice the new ticket after a few seconds. */
  private wake(serviceId: string): void {
    for (const c of this.counters) {
      if (c.idle && c.services.has(serviceId)) {
        c.idle = false;
        this.schedule(this.now() + (5 + 15 * this.random()) * SECOND, () => this.tryCall(c));
      }
    }
  }

  private now(): number {
    return this.clock.now().getTime();
  }

  /** A free counter: lunch or leave if due, else call the next ticket. */
  private async tryCall(c: CounterState): Promise<void> {
    if (!c.signedIn || c.paused || c.busy) return;
    if (c.lunch) {
      const minutes = c.lunch.minutes;
      c.lunch = null;
      this.expect(await this.api('POST', `/counters/${c.id}/pause`, c.token, { reason: 'lunch' }), 'pause');
      c.paused = true;
      c.idle = false;
      this.schedule(this.now() + minutes * 60 * SECOND, async () => {
        this.expect(await this.api('POST', `/counters/${c.id}/resume`, c.token), 'resume');
        c.paused = false;
        await this.tryCall(c);
      });
      return;
    }
    if (c.leaving && !c.closer) return this.signOut(c);
    const r = await this.api<CallResultDto>('POST', `/counters/${c.id}/call-next`, c.token);
    if (r.status === 204) {
      if (c.leaving) return this.signOut(c);
      c.idle = true;
      return;
    }
    this.expect(r, 'call-next');
    c.idle = false;
    c.busy = true;
    const t = r.body.ticket;
    const seen = this.tickets.get(t.id);
    if (seen && seen.realSeconds === null) seen.realSeconds = (Date.parse(t.calledAt!) - seen.issuedAt) / 1000;
    this.serve(c, t);
  }

  private serve(c: CounterState, t: TicketDto): void {
    const free = async () => {
      c.busy = false;
      this.schedule(this.now() + (5 + 35 * this.random()) * SECOND, () => this.tryCall(c));
    };
    if (this.random() < this.profile.noShowShare) {
      this.schedule(this.now() + (60 + 120 * this.random()) * SECOND, async () => {
        this.expect(await this.api('POST', `/tickets/${t.id}/no-show`, c.token), 'no-show');
        await free();
      });
      return;
    }
    const walkUp = (15 + 30 * this.random()) * SECOND;
    const profile = this.profile.services.find((s) => this.services[s.prefix].id === t.serviceId) ?? this.profile.services[0];
    const service = serviceSeconds(profile, this.localHour(this.now()), this.profile.sigma, this.random) * SECOND;
    const transfer = this.random() < this.profile.transferShare;
    this.schedule(this.now() + walkUp, async () => {
      this.expect(await this.api('POST', `/tickets/${t.id}/start`, c.token), 'start');
    });
    this.schedule(this.now() + walkUp + (transfer ? service * 0.4 : service), async () => {
      if (transfer) {
        const others = (['A', 'B', 'C', 'D'] as Prefix[]).filter((p) => this.services[p].id !== t.serviceId);
        const to = this.services[others[Math.floor(this.random() * others.length)]].id;
        this.expect(await this.api('POST', `/tickets/${t.id}/transfer`, c.token, { toServiceId: to }), 'transfer');
        this.wake(to);
      } else {
        this.expect(await this.api('POST', `/tickets/${t.id}/finish`, c.token, {}), 'finish');
      }
      await free();
    });
  }

  private async signOut(c: CounterState): Promise<void> {
    this.expect(await this.api('POST', `/counters/${c.id}/sign-out`, c.token), 'sign-out');
    c.signedIn = false;
    c.idle = false;
  }

  private expect(r: { status: number; body: unknown }, what: string): void {
    if (r.status !== 200) throw new Error(`replay ${this.profile.name}: ${what} answered ${r.status} ${JSON.stringify(r.body)}`);
  }
}
