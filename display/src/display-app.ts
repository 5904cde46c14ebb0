/**
 * <turnero-display>: the wall display (TV, 1920x1080 or portrait).
 * Current call very large and highlighted for a few seconds, the last calls, waiting per
 * service, date and time in the office's zone, office name, an announcement area and the
 * supervisor's ticker. Every new call is chimed and spoken through the Announcer queue,
 * exposed as `window.__turneroAnnouncements` for end-to-end tests.
 *
 * URL: /display/[?services=id,id][&counters=id,id]
 *      [&announcement=text][&image=url][&lang=en]#token=<device token> (the old ?token= works, with a warning)
 */
import { LitElement, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { CallDto, DeviceDto, MeDto } from '@turnero/contract/dto';
import { createApiClient, isApiError } from '@turnero/web-client/api';
import { takeDeviceToken } from '@turnero/web-client/auth';
import { formatDate, formatTime } from '@turnero/web-client/format';
import { localName, setLang, t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { LiveController } from '@turnero/web-client/live-controller';
import { LiveState, type LiveChange } from '@turnero/web-client/live-state';
import { Announcer, callKey, type Announcement } from './announcer';
import { callInScope, recentCallsInScope, scopeFrom, servicesInScope } from './display-filter';
import { audioBlocked, DEFAULT_VOICE, playChime, speak, unlockAudio, type Voice } from './speech';
import { displayStyles } from './display-styles';
import './messages';

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase('es') + s.slice(1);

/** How long a new call stays highlighted. */
const HIGHLIGHT_MS = 10_000;

declare global {
  interface Window {
    __turneroAnnouncements?: Announcement[];
    __turneroDisplay?: TurneroDisplay;
  }
}

@customElement('turnero-display')
export class TurneroDisplay extends LitElement {
  static override styles = displayStyles;

  private readonly params = new URLSearchParams(location.search);
  private readonly token = takeDeviceToken('display');
  private readonly api = createApiClient({ token: () => this.token });
  private readonly store = this.token ? new LiveState({ auth: { token: this.token } }) : null;
  private readonly live = this.store ? new LiveController(this, this.store, (c) => this.onLiveChange(c)) : null;
  /** Re-renders if the language changes (`&lang=en` at start). */
  private readonly language = new LangController(this);

  readonly announcer = new Announcer({
    chime: playChime,
    speak: (text) => speak(text, this.voice()),
    language: () => this.voice().language,
    onChange: (a) => {
      if (a.status === 'playing') this.highlight(a.key);
      this.requestUpdate();
    },
  });

  @state() private me: MeDto | null = null;

  /** The office's announcement language and voice (head office may set them), from the live snapshot. */
  private voice(): Voice {
    return this.live?.snapshot?.office.announcement ?? DEFAULT_VOICE;
  }
  @state() private highlightedKey: string | null = null;
  @state() private now = new Date();
  /** The browser refuses sound until a touch (started without the autoplay flag: README, "Wall display sound"). */
  @state() private soundBlocked = false;
  private clockTimer?: ReturnType<typeof setInterval>;
  private highlightTimer?: ReturnType<typeof setTimeout>;

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.params.get('lang') === 'en') setLang('en', false);
    window.__turneroAnnouncements = this.announcer.log;
    window.__turneroDisplay = this;
    this.clockTimer = setInterval(() => (this.now = new Date()), 1000);
    this.soundBlocked = audioBlocked();
    if (this.token) void this.loadMe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.clockTimer);
    clearTimeout(this.highlightTimer);
  }

  private async loadMe(): Promise<void> {
    try {
      this.me = await this.api.get<MeDto>('/me');
    } catch (e) {
      // Unreachable: the socket's own reconnection will bring the state; retry later.
      if (isApiError(e) && e.unreachable) setTimeout(() => void this.loadMe(), 5000);
      else this.me = null;
    }
  }

  private get device(): DeviceDto | undefined {
    const snap = this.live?.snapshot;
    if (!snap || !this.me) return undefined;
    return snap.devices.find((d) => d.id === this.me!.principalId);
  }

  private get scope() {
    return scopeFrom(this.params, this.device);
  }

  private onLiveChange(change: LiveChange): void {
    if (change.kind === 'snapshot') {
      // Everything already in a snapshot is history: shown, never announced as new.
      this.announcer.markKnown(change.snapshot.recentCalls);
      // A snapshot follows every (re)connection, and the server forgets a display's sound
      // state when it restarts: say it again.
      void this.reportSound();
      return;
    }
    if (change.kind === 'event' && change.name === 'ticket:called') {
      const e = change.payload as { call: CallDto };
      if (callInScope(e.call, this.scope)) {
        if (this.announcer.enqueue(e.call)) this.highlight(callKey(e.call));
      } else this.announcer.markKnown([e.call]);
    }
  }

  private highlight(key: string): void {
    this.highlightedKey = key;
    clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => (this.highlightedKey = null), HIGHLIGHT_MS);
  }

  private async enableSound(): Promise<void> {
    await unlockAudio();
    this.soundBlocked = audioBlocked();
    await this.reportSound();
  }

  /** Tells the office whether this screen can be heard, so the board can warn staff. */
  private async reportSound(): Promise<void> {
    this.soundBlocked = audioBlocked();
    try {
      await this.api.put('/devices/me/sound', { soundOn: !this.soundBlocked });
    } catch {
      // Unreachable or refused: the next snapshot (after reconnecting) reports again.
    }
  }

  override render() {
    if (!this.token) return html`<div class="notice" role="alert">${t('display.noToken')}</div>`;
    const snap = this.live?.snapshot ?? null;
    const error = this.store?.lastError;
    if (!snap) {
      const bad = error && /unauth|forbidden|token/i.test(error.code + error.message);
      return html`<div class="notice" role=${bad ? 'alert' : 'status'}>${bad ? t('display.badToken') : t('display.connecting')}</div>`;
    }
    const scope = this.scope;
    const calls = recentCallsInScope(snap, scope, 7);
    const [current, ...previous] = calls;
    const tz = snap.office.timeZone;
    const highlighted = current !== undefined && this.highlightedKey === callKey(current);
    const offline = !this.live!.connected;
    return html`
      <header>
        <h1 class="office">${snap.office.name}</h1>
        <div class="clock">
          <span class="time">${formatTime(this.now, tz)}</span>
          <span class="date">${capitalize(formatDate(this.now, tz))}</span>
        </div>
        ${offline ? html`<span class="offline" role="status" data-testid="offline">● ${t('display.offline')}</span>` : nothing}
        ${this.soundBlocked
          ? html`<button class="sound" data-testid="sound-off" @click=${() => this.enableSound()}>
              <strong>${t('display.soundOff')}</strong> ${t('display.enableSound')}
            </button>`
          : nothing}
      </header>
      <main>
        <section class="current ${highlighted ? 'flash' : ''}" aria-live="assertive" data-testid="current-call">
          ${current
            ? html`
                <div class="label">${t('display.current')}${current.recall ? html` · <span>${t('display.recall')}</span>` : nothing}</div>
                <div class="code" data-testid="current-code">${current.code}</div>
                <div class="arrow" aria-hidden="true">➜</div>
                <div class="counter" data-testid="current-counter"><span class="sr">${t('display.goTo')} </span>${current.counterName}</div>
              `
            : html`<div class="empty">${t('display.noCalls')}</div>`}
        </section>
        <section class="recent" aria-label=${t('display.recent')}>
          <h2>${t('display.recent')}</h2>
          <ol data-testid="recent-calls">
            ${previous.slice(0, 6).map(
              (c) => html`<li><span class="code">${c.code}</span><span class="counter">${c.counterName}</span></li>`,
            )}
          </ol>
        </section>
        <section class="queues" aria-label=${t('display.waiting')}>
          <h2>${t('display.waiting')}</h2>
          <ul>
            ${servicesInScope(snap, scope).map(
              ({ service, queue }) => html`<li style="--service-color:${service.color}" data-service=${service.id}>
                <span class="dot" aria-hidden="true"></span>
                <span class="name">${localName(service)}</span>
                <span class="count">${queue?.waiting ?? 0}</span>
              </li>`,
            )}
          </ul>
        </section>
        <section class="announcement">
          ${this.params.get('image') ? html`<img src=${this.params.get('image')!} alt="" />` : nothing}
          <p>${this.params.get('announcement') ?? t('display.announcement')}</p>
        </section>
      </main>
      ${snap.office.ticker
        ? html`<footer class="ticker"><div class="ticker-text" data-testid="ticker">${snap.office.ticker}</div></footer>`
        : html`<footer></footer>`}
    `;
  }
}
