/**
 * The wall display's announcement queue: every call is announced with a chime and then
 * its spoken form, one at a time, never overlapping and never cut; a recall is announced
 * again. Pure of browser APIs: the chime and the voice are injected, so tests drive it
 * with fakes and the display passes Web Audio + speechSynthesis (see speech.ts, which also
 * holds the Spanish words it says).
 *
 * A call is identified by ticket + call time: the same fact seen twice (a replayed event)
 * is announced once; a recall carries a new time and is announced again. Calls that were
 * already on screen when the display (re)synchronised are marked known and never
 * announced, so a reconnect never presents a stale call as new.
 */
import type { CallDto } from '@turnero/contract/dto';
import { spokenCounterName, spokenTicketCode, spokenTicketCodeEn, type Voice } from './speech';

export type AnnouncementStatus = 'queued' | 'playing' | 'done' | 'failed';

export interface Announcement {
  key: string;
  ticketId: string;
  code: string;
  counterName: string;
  recall: boolean;
  /** Exactly what the voice says. */
  text: string;
  status: AnnouncementStatus;
}

export interface AnnouncerDeps {
  /** Plays the chime; resolves when it has finished. */
  chime(): Promise<void>;
  /** Speaks the text; resolves when the utterance has finished (or at once with no voice). */
  speak(text: string): Promise<void>;
  /** The language calls are worded in when queued (default Spanish). */
  language?(): Voice['language'];
  /** Called when an announcement starts (the screen flashes) and on every status change. */
  onChange?(announcement: Announcement): void;
}

/** Keys remembered to drop replays; old ones are forgotten so memory stays bounded. */
const MAX_KNOWN_KEYS = 500;

export const callKey = (call: Pick<CallDto, 'ticketId' | 'at'>): string => `${call.ticketId}@${call.at}`;

export function spokenCall(code: string, counterName: string, language: Voice['language'] = 'es-CO'): string {
  if (language === 'en') return `Ticket ${spokenTicketCodeEn(code)}, ${counterName}`;
  return `Turno ${spokenTicketCode(code)}, ${spokenCounterName(counterName)}`;
}

export class Announcer {
  /** Every announcement accepted, oldest first (bounded): the display exposes it to tests. */
  readonly log: Announcement[] = [];
  private readonly queue: Announcement[] = [];
  private readonly known = new Set<string>();
  private running = false;
  private idleWaiters: Array<() => void> = [];

  constructor(private readonly deps: AnnouncerDeps) {}

  /** Marks calls as already seen (from a snapshot): they will not be announced. */
  markKnown(calls: Array<Pick<CallDto, 'ticketId' | 'at'>>): void {
    for (const c of calls) this.remember(callKey(c));
  }

  /** Queues a call unless it was already seen. Returns whether it was queued. */
  enqueue(call: Pick<CallDto, 'ticketId' | 'at' | 'code' | 'counterName' | 'recall'>): boolean {
    const key = callKey(call);
    if (this.known.has(key)) return false;
    this.remember(key);
    const a: Announcement = {
      key,
      ticketId: call.ticketId,
      code: call.code,
      counterName: call.counterName,
      recall: call.recall,
      text: spokenCall(call.code, call.counterName, this.deps.language?.()),
      status: 'queued',
    };
    this.queue.push(a);
    this.log.push(a);
    if (this.log.length > 100) this.log.shift();
    this.deps.onChange?.(a);
    void this.run();
    return true;
  }

  get pending(): readonly Announcement[] {
    return this.queue;
  }

  get busy(): boolean {
    return this.running;
  }

  /** Resolves when nothing is playing or queued (tests, and a clean shutdown). */
  whenIdle(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    if (this.running) return; // the loop already running picks the new item up
    this.running = true;
    try {
      for (let a = this.queue.shift(); a; a = this.queue.shift()) {
        this.setStatus(a, 'playing');
        let failed = false;
        // A broken chime must not silence the voice, and the reverse.
        try {
          await this.deps.chime();
        } catch {
          failed = true;
        }
        try {
          await this.deps.speak(a.text);
        } catch {
          failed = true;
        }
        this.setStatus(a, failed ? 'failed' : 'done');
      }
    } finally {
      this.running = false;
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  private setStatus(a: Announcement, status: AnnouncementStatus): void {
    a.status = status;
    this.deps.onChange?.(a);
  }

  private remember(key: string): void {
    this.known.add(key);
    if (this.known.size > MAX_KNOWN_KEYS) {
      const oldest = this.known.values().next().value;
      if (oldest !== undefined) this.known.delete(oldest);
    }
  }
}
