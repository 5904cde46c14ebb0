import { LitElement, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatDuration, formatTime } from '@turnero/web-client/format';
import { localName, t } from '@turnero/web-client/i18n';
import type {
  CounterDto,
  DeviceDto,
  QueueSnapshot,
  SyncStateDto,
  TicketDto,
} from '@turnero/contract/dto';
import { computeAlerts, DEFAULT_ALERT_SETTINGS, type BoardAlert } from '../../lib/board-alerts';
import { counterRows } from '../../lib/counter-rows';
import { CommandRunner } from '../../lib/command-runner';
import { api } from '../../lib/staff-session';
import { StaffSessionController } from '../../lib/staff-session-controller';
import { allWaiting } from '../../lib/waiting-list';
import '../../lib/messages';
import { tableHead } from '../table-head';
import { boardStyles } from './board-styles';
import './board-link-panel';
import '../desk/desk-bookings';

const MAX_QUEUE_KEY = 'turnero.board.maxQueue';

/**
 * The supervisor board: live queues, counters and agents, devices, sync state and alerts,
 * with the supervisor's actions (counter services, cancel/transfer a ticket, ticker,
 * stop issuing tickets). Laid out for a 1920x1080 screen, still usable narrower.
 */
@customElement('turnero-board-app')
export class BoardApp extends LitElement {
  static override styles = boardStyles;

  @state() private _now = new Date();
  @state() private _sync: SyncStateDto | null = null;
  @state() private _devices: DeviceDto[] = [];
  @state() private _editingCounter: string | null = null;
  @state() private _transferring: string | null = null;
  @state() private _maxQueue = Number(localStorage.getItem(MAX_QUEUE_KEY)) || DEFAULT_ALERT_SETTINGS.maxQueueLength;

  private _timer: ReturnType<typeof setInterval> | null = null;
  private _commands = new CommandRunner(this);
  private _session = new StaffSessionController(this, {
    page: 'board',
    live: (change) => {
      this._now = new Date();
      if (change.kind === 'event' && change.name === 'sync:updated') {
        this._sync = (change.payload as { sync: SyncStateDto }).sync;
      }
      if (change.kind === 'event' && change.name === 'device:status') {
        const device = (change.payload as { device: DeviceDto }).device;
        this._devices = [...this._devices.filter((d) => d.id !== device.id), device];
      }
      if (change.kind === 'snapshot' && change.snapshot.devices.length > 0) this._devices = change.snapshot.devices;
    },
    onSignedIn: () => {
      void api.get<SyncStateDto>('/sync').then((s) => (this._sync = s), () => undefined);
      void api.get<DeviceDto[]>('/devices').then((d) => (this._devices = d), () => undefined);
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this._timer = setInterval(() => (this._now = new Date()), 10_000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this._timer) clearInterval(this._timer);
  }

  override render() {
    return this._session.frame(() => this._body(), { place: this._session.live?.snapshot?.office.name });
  }

  private _body() {
    const snap = this._session.live?.snapshot;
    if (!snap) return html`<main><p role="status">${t('common.loading')}</p></main>`;
    const devices = this._devices.length > 0 ? this._devices : snap.devices;
    const alerts = computeAlerts({ ...snap, devices }, this._now, { maxQueueLength: this._maxQueue });
    return html`<main>
      ${this._commands.error ? html`<p class="error wide" role="alert">${this._commands.error}</p>` : ''}
      ${this._commands.notice ? html`<p class="notice wide" role="status">${this._commands.notice}</p>` : ''}
      <div class="col">${this._queues(snap)} ${this._counters(snap)} ${this._tickets(snap)}</div>
      <div class="col">${this._alerts(alerts, snap, devices)}
        <section class="panel" aria-labelledby="bookings-title">
          <h2 id="bookings-title">${t('bookings.title')}</h2>
          <turnero-desk-bookings .timeZone=${snap.office.timeZone} .seq=${snap.seq}></turnero-desk-bookings>
        </section>
        ${this._office(snap)} ${this._devicesPanel(devices)}
        <turnero-board-link .link=${this._sync?.link ?? null} timeZone=${snap.office.timeZone} .now=${this._now}></turnero-board-link>
        ${this._syncPanel(snap)}</div>
    </main>`;
  }

  // ---------- Panels ----------

  private _alerts(alerts: BoardAlert[], snap: QueueSnapshot, devices: DeviceDto[]) {
    const serviceName = (id?: string) => {
      const s = snap.services.find((x) => x.id === id);
      return s ? localName(s) : (id ?? '');
    };
    const deviceName = (id?: string) => devices.find((d) => d.id === id)?.name ?? id ?? '';
    // The link is not among the snapshot's alerts (it is the sync state's): it joins them here.
    const link = this._sync?.link;
    const linkDown = Boolean(link && link.state !== 'connected' && link.state !== 'disabled');
    return html`<section class="panel alerts" aria-labelledby="alerts-title" data-testid="alerts">
      <h2 id="alerts-title">${t('board.alerts')} (${alerts.length + (linkDown ? 1 : 0)})</h2>
      ${alerts.length === 0 && !linkDown
        ? html`<p class="muted">${t('board.noAlerts')}</p>`
        : html`<ul>
            ${linkDown
              ? html`<li class="warning" data-alert="hq_link_down"><strong>${t('severity.warning')}:</strong> ${t('link.alert')}</li>`
              : ''}
            ${alerts.map(
              (a) => html`<li class=${a.severity} data-alert=${a.kind}>
                <strong>${t(`severity.${a.severity}`)}:</strong>
                ${t(`alert.${a.kind}`, {
                  ...a.values,
                  service: serviceName(a.serviceId),
                  device: deviceName(a.deviceId),
                  status: a.values.status ? t(`printer.${a.values.status}`) : '',
                })}
              </li>`,
            )}
          </ul>`}
    </section>`;
  }

  private _queues(snap: QueueSnapshot) {
    const rows = allWaiting(snap.waiting, snap.services, this._now);
    return html`<section class="panel" aria-labelledby="queues-title">
      <h2 id="queues-title">${t('board.queues')}</h2>
      <div class="tiles">
        ${snap.services
          .filter((s) => s.active)
          .map((s) => {
            const mine = rows.filter((r) => r.ticket.serviceId === s.id);
            const longest = mine.length ? Math.max(...mine.map((r) => r.waitSeconds)) : null;
            const late = mine.some((r) => r.overdue);
            return html`<div class="tile ${late ? 'late' : ''}" style="--svc:${s.color}" data-service=${s.id}>
              <div>${s.prefix} · ${localName(s)}</div>
              <div class="big" data-testid="waiting-count">${mine.length}</div>
              <div>${t('board.longest')}: <strong>${formatDuration(longest)}</strong></div>
              <div class="muted">${t('board.target')}: ${s.targetWaitMinutes} min</div>
            </div>`;
          })}
      </div>
    </section>`;
  }

  private _office(snap: QueueSnapshot) {
    const office = snap.office;
    // Head office may own the displays' message (its configuration named it): read-only here.
    const tickerFromHq = Boolean(this._sync?.link.hqSettings?.includes('ticker'));
    return html`<section class="panel" aria-labelledby="office-title">
      <h2 id="office-title">${t('board.office')}</h2>
      <p>
        <span class="badge ${office.acceptingTickets ? 'idle' : 'paused'}" data-testid="accepting">
          ${office.acceptingTickets ? t('board.accepting') : t('board.notAccepting')}
        </span>
        <button type="button" class=${office.acceptingTickets ? 'danger' : 'primary'} ?disabled=${this._commands.busy}
          @click=${() => this._patchOffice({ acceptingTickets: !office.acceptingTickets })}>
          ${office.acceptingTickets ? t('board.stopTaking') : t('board.resumeTaking')}
        </button>
      </p>
      <form @submit=${this._saveTicker}>
        <label for="ticker">${t('board.ticker')}</label>
        <input id="ticker" name="ticker" maxlength="280" .value=${office.ticker} ?disabled=${tickerFromHq} />
        ${tickerFromHq
          ? html`<p class="muted" data-testid="ticker-central">${t('link.tickerCentral')}</p>`
          : html`<p><button type="submit" ?disabled=${this._commands.busy}>${t('board.saveTicker')}</button></p>`}
      </form>
      <label for="maxq">${t('board.maxQueue')}</label>
      <input id="maxq" type="number" min="1" max="500" .value=${String(this._maxQueue)} @change=${this._setMaxQueue} />
    </section>`;
  }

  private _counters(snap: QueueSnapshot) {
    const rows = counterRows(snap.counters, this._now);
    const serviceName = (id: string) => {
      const s = snap.services.find((x) => x.id === id);
      return s ? s.prefix : id;
    };
    return html`<section class="panel" aria-labelledby="counters-title">
      <h2 id="counters-title">${t('board.counters')}</h2>
      <table>
        ${tableHead(['common.counter', 'board.agent', 'common.state', 'common.since', 'board.currentTicket', 'board.services', 'common.actions'])}
        <tbody>
          ${rows.map(
            ({ counter: c, shownState, stateSeconds, ticketSeconds }) => html`<tr data-counter=${c.name}>
                <td>${c.name}</td>
                <td>${c.agentName ?? t('common.none')}</td>
                <td>
                  <span class="badge ${shownState}" data-testid="counter-state">${t(`state.${shownState}`)}</span>
                  ${c.agentState === 'paused' && c.pauseReason ? html` (${t(`pause.${c.pauseReason}`)})` : ''}
                </td>
                <td>${c.agentState === 'signed_out' ? t('common.none') : formatDuration(stateSeconds)}</td>
                <td class="ticket">${c.currentTicket ? html`<strong>${c.currentTicket.code}</strong> · ${formatDuration(ticketSeconds)}` : t('common.none')}</td>
                <td>${snap.services.filter((s) => c.services.some((x) => x.serviceId === s.id)).map((s) => serviceName(s.id)).join(', ') || t('common.none')}</td>
                <td class="actions">
                  <button type="button" @click=${() => (this._editingCounter = this._editingCounter === c.id ? null : c.id)}
                    aria-expanded=${this._editingCounter === c.id ? 'true' : 'false'}>${t('board.editServices')}</button>
                  ${c.agentState !== 'signed_out'
                    ? html`<button type="button" ?disabled=${this._commands.busy} @click=${() => this._signOutAgent(c)}>${t('board.signOutAgent')}</button>`
                    : ''}
                </td>
              </tr>
              ${this._editingCounter === c.id
                ? html`<tr>
                    <td colspan="7">${this._counterServicesForm(c, snap)}</td>
                  </tr>`
                : ''}`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _counterServicesForm(c: CounterDto, snap: QueueSnapshot) {
    const weights = new Map(c.services.map((s) => [s.serviceId, s.weight]));
    return html`<form class="inline-form" @submit=${(e: SubmitEvent) => this._saveCounterServices(e, c)}
      aria-label=${t('board.servicesOf', { name: c.name })}>
      <div class="row">
        ${snap.services
          .filter((s) => s.active)
          .map(
            (s) => html`<span class="row" style="gap:0.25rem">
              <input type="checkbox" id="svc-${c.id}-${s.id}" name="service" value=${s.id} ?checked=${weights.has(s.id)} />
              <label for="svc-${c.id}-${s.id}" style="display:inline;font-weight:400;margin:0">${localName(s)}</label>
              <input type="number" name="weight-${s.id}" min="1" max="10" .value=${String(weights.get(s.id) ?? 1)}
                aria-label="${t('board.weight')} ${localName(s)}" />
            </span>`,
          )}
      </div>
      <p class="row">
        <button class="primary" type="submit" ?disabled=${this._commands.busy}>${t('common.save')}</button>
        <button type="button" @click=${() => (this._editingCounter = null)}>${t('common.cancel')}</button>
      </p>
    </form>`;
  }

  private _tickets(snap: QueueSnapshot) {
    const rows = allWaiting(snap.waiting, snap.services, this._now);
    return html`<section class="panel" aria-labelledby="tickets-title">
      <h2 id="tickets-title">${t('board.tickets')} (${rows.length})</h2>
      <table>
        ${tableHead(['common.ticket', 'common.service', 'common.wait', 'common.actions'])}
        <tbody>
          ${rows.map(
            (r) => html`<tr class=${r.overdue ? 'overdue' : ''} data-ticket=${r.ticket.code}>
                <td><strong>${r.ticket.code}</strong>${r.ticket.category === 'preferential' ? html` <span class="badge">${t('common.preferential')}</span>` : ''}</td>
                <td>${r.ticket.serviceName}</td>
                <td>${formatDuration(r.waitSeconds)}${r.overdue ? html` <span class="badge overdue">${t('desk.overdue')}</span>` : ''}</td>
                <td class="actions">
                  <button type="button" @click=${() => (this._transferring = this._transferring === r.ticket.id ? null : r.ticket.id)}
                    aria-expanded=${this._transferring === r.ticket.id ? 'true' : 'false'}>${t('action.transfer')}</button>
                  <button type="button" class="danger" ?disabled=${this._commands.busy} @click=${() => this._cancelTicket(r.ticket)}>
                    ${t('board.cancelTicket')}
                  </button>
                </td>
              </tr>
              ${this._transferring === r.ticket.id
                ? html`<tr><td colspan="4">${this._transferForm(r.ticket, snap)}</td></tr>`
                : ''}`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _transferForm(ticket: TicketDto, snap: QueueSnapshot) {
    return html`<form class="inline-form row" @submit=${(e: SubmitEvent) => this._transfer(e, ticket)}>
      <label for="transfer-target" style="margin:0">${t('transfer.target')}</label>
      <select id="transfer-target" name="target">
        <optgroup label=${t('transfer.toService')}>
          ${snap.services.filter((s) => s.active && s.id !== ticket.serviceId).map((s) => html`<option value="service:${s.id}">${localName(s)}</option>`)}
        </optgroup>
        <optgroup label=${t('transfer.toCounter')}>
          ${snap.counters.filter((c) => c.active).map((c) => html`<option value="counter:${c.id}">${c.name}</option>`)}
        </optgroup>
      </select>
      <button class="primary" type="submit" ?disabled=${this._commands.busy}>${t('common.confirm')}</button>
      <button type="button" @click=${() => (this._transferring = null)}>${t('common.cancel')}</button>
    </form>`;
  }

  private _devicesPanel(devices: DeviceDto[]) {
    return html`<section class="panel" aria-labelledby="devices-title">
      <h2 id="devices-title">${t('board.devices')}</h2>
      <table>
        ${tableHead(['common.name', 'board.kind', 'board.connection', 'board.printer'])}
        <tbody>
          ${devices.map(
            (d) => html`<tr data-device=${d.name}>
              <td>${d.name}${d.active ? '' : html` <span class="badge">${t('common.inactive')}</span>`}</td>
              <td>${t(`kind.${d.kind}`)}</td>
              <td><span class="badge ${d.connected ? 'idle' : 'paused'}">${d.connected ? t('board.connected') : t('board.disconnected')}</span></td>
              <td>${d.kind === 'kiosk' ? (d.printerStatus ? t(`printer.${d.printerStatus}`) : t('common.none')) : ''}</td>
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }

  private _syncPanel(snap: QueueSnapshot) {
    const s = this._sync;
    const tz = snap.office.timeZone;
    return html`<section class="panel" aria-labelledby="sync-title" data-testid="sync">
      <h2 id="sync-title">${t('board.sync')}</h2>
      ${!s
        ? html`<p class="muted">${t('common.loading')}</p>`
        : !s.enabled
          ? html`<p>${t('board.syncDisabled')}</p>`
          : html`<dl>
              <dt>${t('board.syncPending')}</dt>
              <dd>${s.pendingEvents}</dd>
              <dt>${t('board.syncLast')}</dt>
              <dd>${s.lastSuccessAt ? formatTime(s.lastSuccessAt, tz) : t('common.none')}</dd>
              ${s.lastError ? html`<dt>${t('board.syncError')}</dt><dd>${s.lastError}</dd>` : ''}
            </dl>`}
    </section>`;
  }

  // ---------- Actions ----------

  private _patchOffice(body: Record<string, unknown>) {
    return this._commands.run(() => api.patch('/office', body), t('board.saved'));
  }

  private _saveTicker(e: SubmitEvent) {
    e.preventDefault();
    const ticker = String(new FormData(e.target as HTMLFormElement).get('ticker') ?? '');
    return this._patchOffice({ ticker });
  }

  private _setMaxQueue(e: Event) {
    const value = Math.max(1, Math.round(Number((e.target as HTMLInputElement).value) || DEFAULT_ALERT_SETTINGS.maxQueueLength));
    this._maxQueue = value;
    localStorage.setItem(MAX_QUEUE_KEY, String(value));
  }

  private async _saveCounterServices(e: SubmitEvent, c: CounterDto) {
    e.preventDefault();
    const form = new FormData(e.target as HTMLFormElement);
    const services = form.getAll('service').map((v) => {
      const serviceId = String(v);
      const weight = Math.min(10, Math.max(1, Math.round(Number(form.get(`weight-${serviceId}`)) || 1)));
      return { serviceId, weight };
    });
    if (await this._commands.run(() => api.put(`/counters/${c.id}/services`, { services }), t('board.saved'))) this._editingCounter = null;
  }

  private _signOutAgent(c: CounterDto) {
    return this._commands.run(() => api.post(`/counters/${c.id}/sign-out`));
  }

  private _cancelTicket(ticket: TicketDto) {
    if (!confirm(t('board.confirmCancel', { code: ticket.code }))) return;
    return this._commands.run(() => api.post(`/tickets/${ticket.id}/cancel`));
  }

  private async _transfer(e: SubmitEvent, ticket: TicketDto) {
    e.preventDefault();
    const [kind, id] = String(new FormData(e.target as HTMLFormElement).get('target') ?? '').split(':');
    const body = kind === 'counter' ? { toCounterId: id } : { toServiceId: id };
    if (await this._commands.run(() => api.post(`/tickets/${ticket.id}/transfer`, body), t('board.saved'))) this._transferring = null;
  }
}
