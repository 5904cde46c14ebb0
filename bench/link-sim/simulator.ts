/**
 * The parent's handle on the simulated offices (a separate process, sim-process.ts): opens
 * links, keeps what each one reported (connections, applied seqs and configuration
 * versions with their times, skipped redeliveries, anomalies) and waits, with a deadline,
 * until a condition over them holds. Used by bench/hq-link.ts and tests/link.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LinkEvent, SimCommand, SimLinkSpec, SimReport } from './protocol';

const SIM_PROCESS = fileURLToPath(new URL('./sim-process.ts', import.meta.url));

/** Everything one link reported, in arrival order. */
export interface LinkView {
  id: string;
  connected: boolean;
  connects: number;
  /** When the link last connected. */
  connectedAt: number | null;
  disconnects: string[];
  refusals: string[];
  /** Seqs applied, in the order they were applied. */
  appliedSeqs: number[];
  /** Configuration versions applied, in order, with when. */
  versions: { version: number; at: number }[];
  /** When each `link:pending` arrived. */
  notices: number[];
  redelivered: number;
  /** Pulls cut short by a dropped link (harmless: pulled again on reconnect). */
  interrupted: number;
  anomalies: string[];
}

export interface OpenOptions {
  /** false: only listen for notices (the bare socket.io baseline). Default true. */
  fetch?: boolean;
  /** First connections opened at once (default 100). */
  window?: number;
  /** Reconnection back-off (default the office's link client's: 1 s doubling to 60 s, jitter 0.5). */
  reconnectionDelayMs?: number;
  reconnectionDelayMaxMs?: number;
}

export class LinkSimulator {
  private readonly views = new Map<string, LinkView>();
  private readonly waiters = new Set<() => void>();
  private replies: ((r: SimReport) => void)[] = [];

  private constructor(readonly child: ChildProcess) {
    child.on('message', (r: SimReport) => {
      if (r.type === 'events') {
        for (const e of r.events) this.take(e);
        for (const check of [...this.waiters]) check();
      } else this.replies.shift()?.(r);
    });
  }

  static async start(): Promise<LinkSimulator> {
    const child = fork(SIM_PROCESS, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    await new Promise<void>((ok, fail) => {
      child.once('spawn', ok);
      child.once('error', fail);
    });
    return new LinkSimulator(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Opens the links (each keeps reconnecting on its own); resolves when each has connected or been refused once. */
  async open(url: string, links: SimLinkSpec[], o: OpenOptions = {}): Promise<void> {
    for (const l of links) this.views.set(l.id, emptyView(l.id));
    await this.ask({
      cmd: 'open',
      url,
      links,
      fetch: o.fetch ?? true,
      window: o.window ?? 100,
      reconnectionDelayMs: o.reconnectionDelayMs ?? 1000,
      reconnectionDelayMaxMs: o.reconnectionDelayMaxMs ?? 60_000,
    });
  }

  /** Closes some links (default all) for good. */
  async close(ids?: string[]): Promise<void> {
    await this.ask({ cmd: 'close', ids });
    for (const id of ids ?? [...this.views.keys()]) this.views.delete(id);
  }

  view(id: string): LinkView {
    const v = this.views.get(id);
    if (!v) throw new Error(`no simulated link ${id}`);
    return v;
  }

  all(): LinkView[] {
    return [...this.views.values()];
  }

  /** Resolves once `done` holds over what the links reported; rejects after `ms`, naming `what`. */
  waitUntil(done: () => boolean, ms: number, what: string): Promise<void> {
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        finish();
        resolve();
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`not within ${ms} ms: ${what}`));
      }, ms);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
    });
  }

  /** Every link (or those given) is connected now. */
  allConnected(ids?: string[]): boolean {
    return this.pick(ids).every((v) => v.connected);
  }

  /** Every link (or those given) has applied configuration `version` (or a later one). */
  allApplied(version: number | ((id: string) => number), ids?: string[]): boolean {
    return this.pick(ids).every((v) => (v.versions.at(-1)?.version ?? 0) >= (typeof version === 'number' ? version : version(v.id)));
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.child.once('exit', () => r()));
    this.child.send({ cmd: 'exit' } satisfies SimCommand);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  private pick(ids?: string[]): LinkView[] {
    return ids ? ids.map((id) => this.view(id)) : this.all();
  }

  private ask(c: SimCommand): Promise<SimReport> {
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error('the link simulator exited'));
      this.child.once('exit', onExit);
      this.replies.push((r) => {
        this.child.off('exit', onExit);
        resolve(r);
      });
      this.child.send(c);
    });
  }

  private take(e: LinkEvent): void {
    const v = this.views.get(e.id);
    if (!v) return; // a link closed meanwhile
    switch (e.kind) {
      case 'connected':
        v.connected = true;
        v.connects += 1;
        v.connectedAt = e.at;
        break;
      case 'disconnected':
        v.connected = false;
        v.disconnects.push(e.reason);
        break;
      case 'refused':
        v.refusals.push(e.reason);
        break;
      case 'pending':
        v.notices.push(e.at);
        break;
      case 'applied':
        v.appliedSeqs.push(e.seq);
        if (e.configVersion !== null) v.versions.push({ version: e.configVersion, at: e.at });
        break;
      case 'redelivered':
        v.redelivered += 1;
        break;
      case 'interrupted':
        v.interrupted += 1;
        break;
      case 'anomaly':
        v.anomalies.push(e.text);
        break;
    }
  }
}

function emptyView(id: string): LinkView {
  return { id, connected: false, connects: 0, connectedAt: null, disconnects: [], refusals: [], appliedSeqs: [], versions: [], notices: [], redelivered: 0, interrupted: 0, anomalies: [] };
}
