import { LitElement, html, css, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { isApiError } from '@turnero/web-client/api';
import { formatDuration, secondsSince } from '@turnero/web-client/format';
import { localName, t } from '@turnero/web-client/i18n';
import type {
  AgentStatsDto,
  CallResultDto,
  CounterDto,
  MeDto,
  StatsTodayDto,
  TicketDto,
} from '@turnero/contract/dto';
import { PAUSE_REASONS, type PauseReason } from '@turnero/domain/types';
import {
  actionForKey,
  availableActions,
  canCallChosen,
  DESK_ACTIONS,
  FINISH_OUTCOMES,
  SHORTCUTS,
  type DeskAction,
} from '../lib/desk-actions';
import { errorText, UserFacingError } from '../lib/error-text';
import { api } from '../lib/staff-session';
import { langSwitchButton, StaffSessionController } from '../lib/staff-session-controller';
import { waitingForCounter } from '../lib/waiting-list';
import '../lib/messages';
import { baseStyles, pageStyles } from './shared-styles';
import './staff-login';
import './desk-waiting-list';

type Dialog = null | 'finish' | 'transfer' | 'pause';
const COUNTER_KEY = 'turnero.desk.counter';
const STAFF_ROLES = ['agent', 'supervisor', 'admin'];

/**
 * The agent desk: sign in, pick a counter, then serve customers with large buttons and
 * one-key shortcuts. Live state comes from the shared LiveState (socket.io); commands go
 * over HTTP so each answer (e.g. why a ticket was chosen) reaches this agent only.
 */
@customElement('turnero-desk-app')
export class DeskApp extends LitElement {
  static override styles = [
    baseStyles,
    pageStyles,
    css`
      main {
        padding: 0.75rem;
        display: grid;
        gap: 0.75rem;
        grid-template-columns: minmax(0, 1fr);
        max-width: 1200px;
        margin: 0 auto;
      }
      @media (min-width: 900px) {
        main.work {
          grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
        }
        main.work .side {
          grid-row: span 3;
        }
      }
      .current .code {
        font-size: 3rem;
        font-weight: 800;
        letter-spacing: 0.03em;
        line-height: 1;
      }
      .actions {
        display: grid;
        grid-template-columns: repeat(auto-fill, minmax(9.5rem, 1fr));
        gap: 0.5rem;
      }
      .actions button {
        min-height: 3.5rem;
        font-size: 1.05rem;
        font-weight: 600;
      }
      .actions button.main {
        grid-column: 1 / -1;
        min-height: 4.5rem;
        font-size: 1.35rem;
      }
      .why {
        border-left: 4px solid var(--c-primary);
        padding-left: 0.5rem;
      }
      .stats {
        display: grid;
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 0.5rem;
        margin: 0;
      }
      .stats div {
        background: var(--c-bg);
        border-radius: 6px;
        padding: 0.4rem 0.5rem;
      }
      .stats dt {
        font-size: 0.8rem;
        color: var(--c-muted);
      }
      .stats dd {
        margin: 0;
        font-size: 1.3rem;
        font-weight: 700;
      }
      fieldset {
        border: 1px solid var(--c-border);
        border-radius: 6px;
      }
    `,
  ];

  @state() private _counterId: string | null = sessionStorage.getItem(COUNTER_KEY);
  @state() private _busy = false;
  @state() private _error = '';
  @state() private _notice = '';
  @state() private _lastCall: CallResultDto | null = null;
  @state() private _dialog: Dialog = null;
  @state() private _transferMode: 'service' | 'counter' = 'service';
  @state() private _stats: AgentStatsDto | null = null;
  @state() private _now = new Date();
  @state() private _picking = false;

  private _timer: ReturnType<typeof setInterval> | null = null;
  private _session = new StaffSessionController(this, {
    roles: STAFF_ROLES,
    live: (change) => {
      if (change.kind === 'event' && (change.name === 'ticket:updated' || change.name === 'ticket:called')) {
        this._now = new Date();
      }
    },
    onSignedIn: () => void this._loadStats(),
  });

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this._onKey);
    // Waits grow without any event: re-render every 15 s, refresh my figures every minute.
    let ticks = 0;
    this._timer = setInterval(() => {
      this._now = new Date();
      if (++ticks % 4 === 0) void this._loadStats();
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

  /** The counter this agent works at: the chosen one, else the one the server says they are signed in at. */
  private get _counter(): CounterDto | null {
    const snap = this._snapshot;
    if (!snap || !this._session.me) return null;
    const mine = snap.counters.find((c) => c.agentId === this._session.me!.principalId && c.agentState !== 'signed_out');
    if (mine) return mine;
    return snap.counters.find((c) => c.id === this._counterId) ?? null;
  }

  private get _working(): boolean {
    const c = this._counter;
    return !this._picking && !!c && !!this._session.me && c.agentId === this._session.me.principalId && c.agentState !== 'signed_out';
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('_dialog') && this._dialog) {
      const first = this.renderRoot.querySelector<HTMLElement>('.dialog select, .dialog input');
      first?.focus();
    }
  }

  override render() {
    return html`
      <header class="bar">
        <h1>${t('app.desk')}${this._counter && this._working ? html` · ${this._counter.name}` : ''}</h1>
        <div class="row">
          ${this._session.me ? html`<span>${this._session.me.name}</span>` : ''}
          ${this._session.me && this._session.live && !this._session.live.connected
            ? html`<span class="offline" role="status">${t('common.offline')}</span>`
            : ''}
          ${this._session.me && ['supervisor', 'admin'].includes(this._session.me.role)
            ? html`<a href="./board.html">${t('nav.board')}</a>`
            : ''}
          ${langSwitchButton()}
          ${this._session.me ? html`<button type="button" @click=${this._logout}>${t('common.signOut')}</button>` : ''}
        </div>
      </header>
      ${this._body()}
    `;
  }

  private _body() {
    if (this._session.booting) return html`<main><p role="status">${t('common.loading')}</p></main>`;
    if (!this._session.me) {
      return html`<main>
        <turnero-staff-login .roles=${STAFF_ROLES} @turnero-signed-in=${(e: CustomEvent<MeDto>) => this._session.signedIn(e.detail)}></turnero-staff-login>
      </main>`;
    }
    const snap = this._snapshot;
    if (!snap) return html`<main><p role="status">${t('common.loading')}</p></main>`;
    if (!this._working) return this._picker();
    return this._workspace();
  }

  // ---------- Counter picker ----------

  private _picker() {
    const snap = this._snapshot!;
    const me = this._session.me!;
    const counters = snap.counters.filter((c) => c.active);
    const selected = this._counterId ?? me.counterId ?? counters[0]?.id ?? '';
    const mayChooseServices = me.role !== 'agent' || snap.office.agentsChooseServices === true;
    const selectedCounter = counters.find((c) => c.id === selected);
    return html`<main>
      <form class="panel" @submit=${this._openCounter} style="max-width:30rem;width:100%;margin:0 auto">
        <h2>${t('pick.title')}</h2>
        <label for="counter">${t('pick.counter')}</label>
        <select id="counter" name="counter" @change=${(e: Event) => (this._counterId = (e.target as HTMLSelectElement).value)}>
          ${counters.map(
            (c) => html`<option value=${c.id} ?selected=${c.id === selected}>
              ${c.name}${c.id === me.counterId ? ` (${t('pick.assigned')})` : ''}${c.agentName && c.agentId !== me.principalId
                ? ` (${t('pick.occupied', { name: c.agentName })})`
                : ''}
            </option>`,
          )}
        </select>
        ${mayChooseServices && selectedCounter
          ? html`<fieldset>
              <legend>${t('pick.services')}</legend>
              ${snap.services
                .filter((s) => s.active)
                .map(
                  (s) => html`<label style="font-weight:400">
                    <input
                      type="checkbox"
                      name="service"
                      value=${s.id}
                      ?checked=${selectedCounter.services.some((x) => x.serviceId === s.id)}
                    />
                    ${localName(s)}
                  </label>`,
                )}
            </fieldset>`
          : ''}
        ${this._errorBox()}
        <p><button class="primary" type="submit" ?disabled=${this._busy}>${t('pick.submit')}</button></p>
      </form>
    </main>`;
  }

  private async _openCounter(e: SubmitEvent) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const counterId = String(form.get('counter') ?? '');
    const serviceIds = form.getAll('service').map(String);
    const snap = this._snapshot!;
    const counter = snap.counters.find((c) => c.id === counterId);
    await this._run(async () => {
      // No explicit sign-out of the previous counter: the server moves the agent on a
      // successful sign-in, and a refused one leaves them where they were.
      // The checkboxes are only rendered when this user may choose; an empty choice keeps the counter's set.
      if (counter && serviceIds.length > 0) {
        const current = new Set(counter.services.map((s) => s.serviceId));
        const same = current.size === serviceIds.length && serviceIds.every((id) => current.has(id));
        if (!same) {
          const weights = new Map(counter.services.map((s) => [s.serviceId, s.weight]));
          await api.put(`/counters/${counterId}/services`, {
            services: serviceIds.map((serviceId) => ({ serviceId, weight: weights.get(serviceId) ?? 1 })),
          });
        }
      }
      if (!(counter && counter.agentId === this._session.me!.principalId && counter.agentState !== 'signed_out')) {
        try {
          await api.post(`/counters/${counterId}/sign-in`);
        } catch (err) {
          // 'conflict': someone else holds it; say so in plain words rather than a generic error.
          if (isApiError(err) && err.code === 'conflict') throw new UserFacingError(t('pick.taken'));
          throw err;
        }
      }
      this._counterId = counterId;
      sessionStorage.setItem(COUNTER_KEY, counterId);
      this._picking = false;
    });
  }

  // ---------- Workspace ----------

  private _workspace() {
    const snap = this._snapshot!;
    const counter = this._counter!;
    const available = availableActions(counter);
    const rows = waitingForCounter(counter, snap.waiting, snap.services, this._now);
    return html`<main class="work">
      <section class="panel current" aria-labelledby="current-title">
        <h2 id="current-title">${t('desk.current')}</h2>
        ${this._currentTicket(counter)}
        ${this._lastCall && counter.currentTicket?.id === this._lastCall.ticket.id
          ? html`<p class="why" data-testid="call-explanation">
              <strong>${t('desk.why')}:</strong> ${this._lastCall.explanation || t(`reason.${this._lastCall.reason}`)}
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
          ${DESK_ACTIONS.filter((a) => available.has(a) || a === 'callNext').map((a) => this._actionButton(a, available))}
        </div>
        ${this._dialogBox(counter)} ${this._errorBox()}
        ${this._notice ? html`<p class="notice" role="status">${this._notice}</p>` : ''}
        <p class="muted" style="font-size:0.85rem">${t('desk.shortcuts')}</p>
      </section>
      <section class="panel side" aria-labelledby="waiting-title">
        <h2 id="waiting-title">${t('desk.waitingList', { count: rows.length })}</h2>
        <turnero-desk-waiting-list
          .rows=${rows}
          .services=${snap.services}
          ?canCall=${canCallChosen(counter) && !this._busy}
          @turnero-call-ticket=${(e: CustomEvent<{ ticketId: string }>) => this._callChosen(e.detail.ticketId)}
        ></turnero-desk-waiting-list>
      </section>
      <section class="panel" aria-labelledby="stats-title">
        <h2 id="stats-title">${t('desk.myDay')}</h2>
        ${this._statsBox()}
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

  private _dialogBox(counter: CounterDto) {
    if (!this._dialog) return '';
    const snap = this._snapshot!;
    const ticket = counter.currentTicket;
    if (this._dialog === 'finish') {
      return html`<form class="dialog panel" @submit=${this._submitFinish} aria-labelledby="dlg-title" style="margin-top:0.75rem">
        <h3 id="dlg-title">${t('finish.title')}</h3>
        <label for="outcome">${t('finish.outcome')}</label>
        <select id="outcome" name="outcome">
          ${FINISH_OUTCOMES.map((o) => html`<option value=${o}>${t(`outcome.${o}`)}</option>`)}
        </select>
        ${this._dialogButtons()}
      </form>`;
    }
    if (this._dialog === 'pause') {
      return html`<form class="dialog panel" @submit=${this._submitPause} aria-labelledby="dlg-title" style="margin-top:0.75rem">
        <h3 id="dlg-title">${t('pause.title')}</h3>
        <label for="reason">${t('pause.reason')}</label>
        <select id="reason" name="reason">
          ${PAUSE_REASONS.map((r) => html`<option value=${r}>${t(`pause.${r}`)}</option>`)}
        </select>
        ${this._dialogButtons()}
      </form>`;
    }
    const services = snap.services.filter((s) => s.active);
    const counters = snap.counters.filter((c) => c.active && c.id !== counter.id);
    return html`<form class="dialog panel" @submit=${this._submitTransfer} aria-labelledby="dlg-title" style="margin-top:0.75rem">
      <h3 id="dlg-title">${t('transfer.title', { code: ticket?.code ?? '' })}</h3>
      <fieldset class="row">
        <legend class="sr-only">${t('transfer.target')}</legend>
        <label style="font-weight:400"><input type="radio" name="mode" value="service" ?checked=${this._transferMode === 'service'}
          @change=${() => (this._transferMode = 'service')} /> ${t('transfer.toService')}</label>
        <label style="font-weight:400"><input type="radio" name="mode" value="counter" ?checked=${this._transferMode === 'counter'}
          @change=${() => (this._transferMode = 'counter')} /> ${t('transfer.toCounter')}</label>
      </fieldset>
      <label for="target">${t('transfer.target')}</label>
      <select id="target" name="target">
        ${this._transferMode === 'service'
          ? services.map((s) => html`<option value=${s.id}>${localName(s)}</option>`)
          : counters.map((c) => html`<option value=${c.id}>${c.name}${c.agentName ? ` · ${c.agentName}` : ''}</option>`)}
      </select>
      <p class="muted">${t('transfer.keepsPlace')}</p>
      ${this._dialogButtons()}
    </form>`;
  }

  private _dialogButtons() {
    return html`<p class="row">
      <button class="primary" type="submit" ?disabled=${this._busy}>${t('common.confirm')}</button>
      <button type="button" @click=${() => (this._dialog = null)}>${t('common.cancel')}</button>
    </p>`;
  }

  private _errorBox() {
    return this._error ? html`<p class="error" role="alert" data-testid="desk-error">${this._error}</p>` : '';
  }

  private _statsBox() {
    const s = this._stats;
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
        return void this._run(async () => {
          const result = await api.post<CallResultDto | null>(`/counters/${counter.id}/call-next`);
          this._lastCall = result;
          if (!result) this._notice = t('result.nobody');
        });
      case 'recall':
        return void this._ticketCommand(ticket, 'recall');
      case 'start':
        return void this._ticketCommand(ticket, 'start');
      case 'noShow':
        return void this._ticketCommand(ticket, 'no-show');
      case 'resume':
        return void this._run(() => api.post(`/counters/${counter.id}/resume`));
      case 'finish':
      case 'transfer':
      case 'pause':
        this._error = '';
        this._dialog = action;
        return;
    }
  }

  private async _ticketCommand(ticket: TicketDto | null, command: string, body?: unknown) {
    if (!ticket) return;
    await this._run(() => api.post<TicketDto>(`/tickets/${ticket.id}/${command}`, body));
    if (command === 'no-show' || command === 'finish') void this._loadStats();
  }

  private async _callChosen(ticketId: string) {
    const counter = this._counter;
    if (!counter) return;
    await this._run(async () => {
      this._lastCall = await api.post<CallResultDto>(`/tickets/${ticketId}/call`, { counterId: counter.id });
    });
  }

  private async _submitFinish(e: SubmitEvent) {
    e.preventDefault();
    const outcome = String(new FormData(e.target as HTMLFormElement).get('outcome') ?? 'other');
    const ticket = this._counter?.currentTicket ?? null;
    this._dialog = null;
    await this._ticketCommand(ticket, 'finish', { outcome });
  }

  private async _submitPause(e: SubmitEvent) {
    e.preventDefault();
    const reason = String(new FormData(e.target as HTMLFormElement).get('reason') ?? 'other') as PauseReason;
    const counter = this._counter!;
    this._dialog = null;
    await this._run(() => api.post(`/counters/${counter.id}/pause`, { reason }));
  }

  private async _submitTransfer(e: SubmitEvent) {
    e.preventDefault();
    const target = String(new FormData(e.target as HTMLFormElement).get('target') ?? '');
    const ticket = this._counter?.currentTicket ?? null;
    this._dialog = null;
    const body = this._transferMode === 'service' ? { toServiceId: target } : { toCounterId: target };
    await this._ticketCommand(ticket, 'transfer', body);
  }

  private async _leaveCounter() {
    const counter = this._counter;
    if (!counter) return;
    await this._run(() => api.post(`/counters/${counter.id}/sign-out`));
    this._picking = true;
  }

  /** Runs one command: one at a time, errors shown in words, never thrown at the page. */
  private async _run(fn: () => Promise<unknown>) {
    if (this._busy) return;
    this._busy = true;
    this._error = '';
    this._notice = '';
    try {
      await fn();
    } catch (err) {
      this._error = errorText(err);
      const status = (err as { status?: number }).status;
      if (status === 401) await this._logout();
      // Refused because this screen was behind the server (403/409): catch up at once.
      else if (status === 403 || status === 409) this._session.live?.store.requestSnapshot();
    } finally {
      this._busy = false;
    }
  }

  private async _loadStats() {
    if (!this._session.me) return;
    try {
      const stats = await api.get<StatsTodayDto>('/stats/today');
      this._stats = stats.agents.find((a) => a.agentId === this._session.me?.principalId) ?? null;
    } catch {
      // Figures are a nicety: the desk keeps working without them.
    }
  }

  private async _logout() {
    const counter = this._counter;
    if (counter && this._session.me && counter.agentId === this._session.me.principalId && counter.agentState !== 'signed_out') {
      try {
        await api.post(`/counters/${counter.id}/sign-out`);
      } catch {
        // Signing out of the counter is best effort; the session ends anyway.
      }
    }
    await this._session.signOut();
    this._stats = null;
    this._lastCall = null;
    sessionStorage.removeItem(COUNTER_KEY);
  }
}
