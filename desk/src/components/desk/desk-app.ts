import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatDuration, secondsSince } from '@turnero/web-client/format';
import { getLang, localName, t } from '@turnero/web-client/i18n';
import { explainCall } from '@turnero/contract/call-explanations';
import { PAUSE_REASONS, type CounterDto, type PauseReason } from '@turnero/contract/dto';
import {
  actionForKey,
  availableActions,
  canCallChosen,
  DESK_ACTIONS,
  FINISH_OUTCOMES,
  SHORTCUTS,
  type DeskAction,
} from '../../lib/desk-actions';
import { StaffSessionController } from '../../lib/staff-session-controller';
import { waitingForCounter } from '../../lib/waiting-list';
import '../../lib/messages';
import { DeskCommands } from './desk-commands';
import { errorBox } from './desk-parts';
import { deskStyles } from './desk-styles';
import type { TransferMode } from './transfer-dialog';
import './choice-dialog';
import './counter-picker';
import './transfer-dialog';
import './desk-waiting-list';
import './desk-bookings';
import './desk-ratings';

type Dialog = null | 'finish' | 'transfer' | 'pause';
const COUNTER_KEY = 'turnero.desk.counter';

/**
 * The agent desk: sign in, pick a counter, then serve customers with large buttons and
 * one-key shortcuts. Live state comes from the shared LiveState (socket.io); commands go
 * over HTTP through DeskCommands so each answer (e.g. why a ticket was chosen) reaches
 * this agent only.
 */
@customElement('turnero-desk-app')
export class DeskApp extends LitElement {
  static override styles = deskStyles;

  @state() private _counterId: string | null = sessionStorage.getItem(COUNTER_KEY);
  @state() private _dialog: Dialog = null;
  @state() private _transferMode: TransferMode = 'service';
  @state() private _now = new Date();
  @state() private _picking = false;

  private _timer: ReturnType<typeof setInterval> | null = null;
  private _session = new StaffSessionController(this, {
    page: 'desk',
    live: (change) => {
      if (change.kind === 'event' && (change.name === 'ticket:updated' || change.name === 'ticket:called')) {
        this._now = new Date();
      }
    },
    onSignedIn: () => void this._commands.loadStats(),
  });
  private _commands = new DeskCommands(this, this._session, () => this._logout());

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
    // Waits grow without any event: re-render every 15 s, refresh my figures every minute.
    let ticks = 0;
    this._timer = setInterval(() => {
      this._now = new Date();
      if (++ticks % 4 === 0) void this._commands.loadStats();
    }, 15_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this._onKey);
    if (this._timer) clearInterval(this._timer);
  }

  private get _snapshot() {
    return this._session.live?.snapshot ?? null;
  }

  private get _lastCall() {
    return this._commands.lastCall;
  }

  private get _busy() {
    return this._commands.runner.busy;
  }

  /** The counter this agent works at: the chosen one, else the one the server says they are signed in at. */
  private get _counter(): CounterDto | null {
    const snap = this._snapshot;
    if (!snap || !this._session.me) return null;
    return snap.counters.find((c) => this._commands.isMine(c)) ?? snap.counters.find((c) => c.id === this._counterId) ?? null;
  }

  private get _working(): boolean {
    const c = this._counter;
    return !this._picking && !!c && this._commands.isMine(c);
  }

  override render() {
    const place = this._counter && this._working ? this._counter.name : '';
    return this._session.frame(() => this._body(), { place, signOut: () => this._logout() });
  }

  private _body() {
    const snap = this._snapshot;
    if (!snap) return html`<main><p role="status">${t('common.loading')}</p></main>`;
    if (!this._working) return this._picker();
    return this._workspace();
  }

  private _picker() {
    const snap = this._snapshot!;
    const me = this._session.me!;
    const counters = snap.counters.filter((c) => c.active);
    return html`<main>
      <turnero-counter-picker
        .counters=${counters}
        .services=${snap.services.filter((s) => s.active)}
        .me=${me}
        counterId=${this._counterId ?? me.counterId ?? counters[0]?.id ?? ''}
        ?mayChooseServices=${me.role !== 'agent' || snap.office.agentsChooseServices === true}
        ?busy=${this._busy}
        error=${this._commands.runner.error}
        @turnero-open-counter=${(e: CustomEvent<{ counterId: string; serviceIds: string[] }>) => this._openCounter(e.detail.counterId, e.detail.serviceIds)}
      ></turnero-counter-picker>
    </main>`;
  }

  private async _openCounter(counterId: string, serviceIds: string[]) {
    const counter = this._snapshot!.counters.find((c) => c.id === counterId);
    if (!(await this._commands.openCounter(counterId, counter, serviceIds))) return;
    this._counterId = counterId;
    sessionStorage.setItem(COUNTER_KEY, counterId);
    this._picking = false;
  }

  private _workspace() {
    const snap = this._snapshot!;
    const counter = this._counter!;
    const available = availableActions(counter);
    const rows = waitingForCounter(counter, snap.waiting, snap.services, this._now);
    const notice = this._commands.runner.notice;
    return html`<main class="work">
      <section class="panel current" aria-labelledby="current-title">
        <h2 id="current-title">${t('desk.current')}</h2>
        ${this._currentTicket(counter)}
        ${this._lastCall && counter.currentTicket?.id === this._lastCall.ticket.id
          ? html`<p class="why" data-testid="call-explanation">
              <strong>${t('desk.why')}:</strong> ${explainCall(this._lastCall.why, getLang())}
            </p>`
          : ''}
        ${counter.agentState === 'paused'
          ? html`<p class="offline" role="status">
              ${t('desk.pausedFor', {
                reason: t(`pause.${counter.pauseReason ?? 'other'}`),
                time: formatDuration(secondsSince(counter.stateSince, this._now)),
              })}
            </p>`
          : ''}
      </section>
      <section class="panel" aria-label=${t('common.actions')}>
        <div class="actions">
          ${DESK_ACTIONS.map((a) => this._actionButton(a, available))}
        </div>
        ${this._dialogBox(counter)} ${errorBox(this._commands.runner.error)}
        ${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
        <p class="muted shortcuts">${t('desk.shortcuts')}</p>
      </section>
      <section class="panel side" aria-labelledby="waiting-title">
        <h2 id="waiting-title">${t('desk.waitingList', { count: rows.length })}</h2>
        <turnero-desk-waiting-list
          .rows=${rows}
          .services=${snap.services}
          ?canCall=${canCallChosen(counter) && !this._busy}
          @turnero-call-ticket=${(e: CustomEvent<{ ticketId: string }>) => this._commands.callChosen(counter, e.detail.ticketId)}
        ></turnero-desk-waiting-list>
      </section>
      <section class="panel side" aria-labelledby="bookings-title">
        <h2 id="bookings-title">${t('bookings.title')}</h2>
        <turnero-desk-bookings .timeZone=${snap.office.timeZone} .seq=${snap.seq}></turnero-desk-bookings>
      </section>
      <section class="panel" aria-labelledby="stats-title">
        <h2 id="stats-title">${t('desk.myDay')}</h2>
        ${this._statsBox()}
      </section>
      <section class="panel" aria-labelledby="ratings-title">
        <h2 id="ratings-title">${t('ratings.title')}</h2>
        <turnero-desk-ratings ?mayManage=${this._session.me?.role !== 'agent'} .seq=${snap.seq}></turnero-desk-ratings>
      </section>
      <section class="row">
        <button type="button" @click=${() => (this._picking = true)}>${t('desk.changeCounter')}</button>
        <button type="button" @click=${this._leaveCounter} ?disabled=${this._busy || !!counter.currentTicket}>${t('desk.leave')}</button>
      </section>
    </main>`;
  }

  private _currentTicket(counter: CounterDto) {
    const ticket = counter.currentTicket;
    if (!ticket) return html`<p class="muted" data-testid="no-current">${t('desk.noCurrent')}</p>`;
    const since =
      ticket.status === 'serving'
        ? t('desk.servingFor', { time: formatDuration(secondsSince(ticket.startedAt, this._now)) })
        : t('desk.calledAgo', { time: formatDuration(secondsSince(ticket.calledAt, this._now)) });
    return html`<div data-testid="current-ticket">
      <div class="code" aria-live="polite">${ticket.code}</div>
      <p>
        ${ticket.serviceName} · <span class="badge ${ticket.status === 'serving' ? 'serving' : ''}">${t(`ticket.${ticket.status}`)}</span>
        ${ticket.category === 'preferential' ? html`<span class="badge">${t('common.preferential')}</span>` : ''}
      </p>
      <p class="muted">${since}</p>
    </div>`;
  }

  /**
   * Every action is always shown in its own place, disabled when not possible now: a button
   * that moved as the state changed got pressed by mistake ("Finalizar" where "Volver a
   * llamar" was a moment before).
   */
  private _actionButton(action: DeskAction, available: Set<DeskAction>) {
    const key = SHORTCUTS[action].toUpperCase();
    return html`<button
      type="button"
      class=${action === 'callNext' ? 'primary main' : action === 'noShow' ? 'danger' : ''}
      data-action=${action}
      ?disabled=${!available.has(action) || this._busy}
      aria-keyshortcuts=${key}
      title=${t('action.shortcut', { key })}
      @click=${() => this._do(action)}
    >
      ${t(`action.${action}`)}<kbd aria-hidden="true">${key}</kbd>
    </button>`;
  }

  /** The open dialog; each answers with an event and closes before its command runs. */
  private _dialogBox(counter: CounterDto) {
    const close = () => (this._dialog = null);
    const ticket = counter.currentTicket;
    if (this._dialog === 'finish') {
      return html`<turnero-choice-dialog name="outcome" heading=${t('finish.title')} label=${t('finish.outcome')} ?busy=${this._busy}
        .choices=${FINISH_OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
        @turnero-dialog-cancel=${close}
        @turnero-choice=${(e: CustomEvent<{ value: string }>) => {
          close();
          void this._commands.ticketCommand(ticket, 'finish', { outcome: e.detail.value });
        }}></turnero-choice-dialog>`;
    }
    if (this._dialog === 'pause') {
      return html`<turnero-choice-dialog name="reason" heading=${t('pause.title')} label=${t('pause.reason')} ?busy=${this._busy}
        .choices=${PAUSE_REASONS.map((r) => ({ value: r, label: t(`pause.${r}`) }))}
        @turnero-dialog-cancel=${close}
        @turnero-choice=${(e: CustomEvent<{ value: string }>) => {
          close();
          void this._commands.pause(counter, e.detail.value as PauseReason);
        }}></turnero-choice-dialog>`;
    }
    if (this._dialog === 'transfer') {
      const snap = this._snapshot!;
      return html`<turnero-transfer-dialog code=${ticket?.code ?? ''} mode=${this._transferMode} ?busy=${this._busy}
        .services=${snap.services.filter((s) => s.active)}
        .counters=${snap.counters.filter((c) => c.active && c.id !== counter.id)}
        @turnero-transfer-mode=${(e: CustomEvent<{ mode: TransferMode }>) => (this._transferMode = e.detail.mode)}
        @turnero-dialog-cancel=${close}
        @turnero-transfer=${(e: CustomEvent<{ toServiceId: string } | { toCounterId: string }>) => {
          close();
          void this._commands.transfer(ticket, e.detail);
        }}></turnero-transfer-dialog>`;
    }
    return '';
  }

  private _statsBox() {
    const s = this._commands.stats;
    const pct = s?.utilisation == null ? '—' : `${Math.round(s.utilisation * 100)} %`;
    return html`<dl class="stats" data-testid="my-stats">
      <div><dt>${t('desk.served')}</dt><dd>${s?.served ?? 0}</dd></div>
      <div><dt>${t('desk.noShows')}</dt><dd>${s?.noShows ?? 0}</dd></div>
      <div><dt>${t('desk.medianService')}</dt><dd>${formatDuration(s?.serviceMedianSeconds ?? null)}</dd></div>
      <div><dt>${t('desk.utilisation')}</dt><dd>${pct}</dd></div>
    </dl>`;
  }

  // ---------- Actions ----------

  private _onKey = (e: KeyboardEvent) => {
    if (!this._working || this._busy) return;
    if (e.key === 'Escape' && this._dialog) {
      this._dialog = null;
      return;
    }
    if (this._dialog) return;
    const target = e.composedPath()[0] as HTMLElement | undefined;
    const action = actionForKey(
      { key: e.key, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, targetTag: target?.tagName },
      availableActions(this._counter),
    );
    if (!action) return;
    e.preventDefault();
    this._do(action);
  };

  private _do(action: DeskAction) {
    const counter = this._counter;
    if (!counter) return;
    const ticket = counter.currentTicket;
    switch (action) {
      case 'callNext':
        return void this._commands.callNext(counter);
      case 'recall':
        return void this._commands.ticketCommand(ticket, 'recall');
      case 'start':
        return void this._commands.ticketCommand(ticket, 'start');
      case 'noShow':
        return void this._commands.ticketCommand(ticket, 'no-show');
      case 'resume':
        return void this._commands.resume(counter);
      case 'finish':
      case 'transfer':
      case 'pause':
        this._commands.runner.clear();
        this._dialog = action;
        return;
    }
  }

  private async _leaveCounter() {
    const counter = this._counter;
    if (!counter) return;
    await this._commands.leave(counter);
    this._picking = true;
  }

  private async _logout() {
    await this._commands.signOut(this._counter);
    await this._session.signOut();
    sessionStorage.removeItem(COUNTER_KEY);
  }
}
