/**
 * <turnero-ticket-page>: the live page of one ticket, opened on a phone from the QR code.
 * No login: GET /api/v1/public/tickets/:id for the state, and a read-only socket
 * (`auth: { ticketId }`) that pushes the call as it happens and tells when positions move.
 *
 * URL: /dispenser/ticket.html?id=<ticketId>
 */
import { LitElement, css, html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { io, type Socket } from 'socket.io-client';
import type { TicketDto } from '@turnero/contract/dto';
import type { ClientToServerEvents, ServerToClientEvents, TicketCalledEvent } from '@turnero/contract/realtime';
import { createApiClient, isApiError } from '@turnero/web-client/api';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { RECONNECT_OPTIONS } from '@turnero/web-client/live-state';
import { counterPhrase } from './counter-phrase';
import './messages';
import './survey/rating-form';
import { waitText } from './wait-text';

interface PublicTicket {
  ticket: TicketDto;
  officeName: string;
  counterName: string | null;
  serviceName: string;
}

@customElement('turnero-ticket-page')
export class TurneroTicketPage extends LitElement {
  static override styles = css`
    :host {
      display: block;
      min-height: 100vh;
      background: #0a1224;
      color: #fff;
      font-family: system-ui, 'DejaVu Sans', Arial, sans-serif;
      font-size: 18px;
      padding: 16px;
      box-sizing: border-box;
      text-align: center;
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: center;
      color: #d5ddef;
    }
    button {
      font: inherit;
      min-height: 44px;
      min-width: 44px;
      background: transparent;
      color: #fff;
      border: 2px solid #d5ddef;
      border-radius: 8px;
    }
    h1 {
      font-size: 1.2em;
      font-weight: 600;
      color: #d5ddef;
      margin: 24px 0 0;
    }
    .code {
      font-size: 5em;
      font-weight: 900;
      color: #ffd400;
      margin: 0;
      line-height: 1.1;
    }
    .service {
      font-size: 1.3em;
      margin: 0 0 16px;
    }
    dl {
      display: flex;
      justify-content: center;
      gap: 32px;
      margin: 16px 0;
    }
    dl div {
      display: flex;
      flex-direction: column-reverse;
    }
    dt {
      color: #d5ddef;
      font-size: 0.9em;
    }
    dd {
      margin: 0;
      font-size: 2em;
      font-weight: 800;
    }
    .called {
      background: #ffd400;
      color: #000;
      border-radius: 12px;
      padding: 16px;
      font-size: 1.6em;
      font-weight: 800;
      animation: pulse 1s ease-in-out 0s 5;
    }
    .called small {
      display: block;
      font-size: 0.6em;
      font-weight: 600;
    }
    .status {
      background: #15213d;
      border-radius: 12px;
      padding: 16px;
      font-size: 1.2em;
    }
    .offline {
      color: #ffd6d6;
    }
    @keyframes pulse {
      50% {
        transform: scale(1.04);
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .called {
        animation: none;
      }
    }
  `;

  private readonly ticketId = new URLSearchParams(location.search).get('id') ?? '';
  private readonly api = createApiClient();
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  private readonly language = new LangController(this);

  @state() private data: PublicTicket | null = null;
  @state() private notFound = false;
  @state() private online = true;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.ticketId) {
      this.notFound = true;
      return;
    }
    void this.refresh();
    this.socket = io({ ...RECONNECT_OPTIONS, auth: { ticketId: this.ticketId } });
    this.socket.on('connect', () => {
      this.online = true;
      void this.refresh(); // whatever happened while offline
    });
    this.socket.on('disconnect', () => (this.online = false));
    this.socket.on('connect_error', (err) => {
      this.online = false;
      // An unknown ticket is refused at the handshake; socket.io will not retry that.
      if (err.message === 'unauthenticated') void this.refresh();
    });
    this.socket.on('ticket:called', (e: TicketCalledEvent) => this.onTicket(e.ticket, e.counterName));
    this.socket.on('ticket:updated', (e) => this.onTicket(e.ticket));
    this.socket.on('queue:changed', () => void this.refresh());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.socket?.disconnect();
  }

  private onTicket(ticket: TicketDto, counterName?: string): void {
    if (ticket.id !== this.ticketId || !this.data) return;
    this.data = { ...this.data, ticket, counterName: counterName ?? ticket.counterName ?? this.data.counterName };
    if (ticket.status === 'called') navigator.vibrate?.([300, 150, 300]);
  }

  /** Fetches the ticket; bursts of queue changes collapse into at most one extra fetch. */
  private refresh(): Promise<void> {
    if (this.refreshing) {
      this.refreshAgain = true;
      return this.refreshing;
    }
    this.refreshing = (async () => {
      try {
        do {
          this.refreshAgain = false;
          try {
            this.data = await this.api.get<PublicTicket>(`/public/tickets/${encodeURIComponent(this.ticketId)}`);
            this.notFound = false;
          } catch (e) {
            if (isApiError(e) && (e.status === 404 || e.code === 'validation_failed')) this.notFound = true;
            else if (isApiError(e) && e.unreachable) this.online = false;
          }
        } while (this.refreshAgain);
      } finally {
        this.refreshing = null;
      }
    })();
    return this.refreshing;
  }

  override render() {
    const header = html`<header>
      <span>${this.data?.officeName ?? 'Turnero'}</span>
      <button @click=${() => this.language.toggle()}>${this.language.other.toUpperCase()}</button>
    </header>`;
    if (this.notFound) return html`${header}<p class="status" role="alert">${t('ticket.notFound')}</p>`;
    if (!this.data) return html`${header}<p class="status" role="status">${t('ticket.loading')}</p>`;
    const { ticket, serviceName } = this.data;
    const counter = ticket.counterName ?? this.data.counterName ?? '';
    return html`
      ${header}
      <main>
        <h1>${t('ticket.title')}</h1>
        <p class="code" data-testid="code">${ticket.code}</p>
        <p class="service">${serviceName}</p>
        <div aria-live="assertive">${this.renderStatus(ticket, counter)}</div>
        ${!this.online ? html`<p class="offline" role="status">${t('ticket.offline')}</p>` : nothing}
      </main>
    `;
  }

  private renderStatus(ticket: TicketDto, counter: string) {
    const where = this.language.current === 'es' ? counterPhrase(counter) : counter;
    switch (ticket.status) {
      case 'waiting':
        return html`
          <dl>
            <div><dt>${t('ticket.position')}</dt><dd data-testid="position">${ticket.position ?? '—'}</dd></div>
            <div><dt>${t('ticket.wait')}</dt><dd data-testid="estimated-wait">${waitText(ticket)}</dd></div>
          </dl>
          <p class="status">${ticket.position === 0 ? t('ticket.next') : t('ticket.waiting')}</p>
        `;
      case 'called':
        return html`<p class="called" role="alert" data-testid="called">${t('ticket.called', { counter: where })}<small>${t('ticket.calledHint')}</small></p>`;
      case 'serving':
        return html`<p class="status" data-testid="serving">${t('ticket.serving', { counter: where })}</p>`;
      case 'done': // finished: the customer may rate it (issue 15)
        return html`<p class="status" data-testid="final">${t('ticket.done')}</p>
          <turnero-rating-form ticket-id=${ticket.id} .api=${this.api}></turnero-rating-form>`;
      default:
        return html`<p class="status" data-testid="final">${t(`ticket.${ticket.status}`)}</p>`;
    }
  }
}
