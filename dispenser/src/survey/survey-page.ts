/**
 * <turnero-survey-page>: the small tablet at a counter (a 'survey' device). When a ticket
 * finishes at its counter it shows that ticket's five faces for about a minute, thanks the
 * customer, and goes back to waiting. It hears the hall's facts on its socket and, on each
 * finished ticket (and on every reconnect), asks the office GET /api/v1/survey/pending:
 * the server alone decides which ticket is offered and until when.
 *
 * URL: /dispenser/survey.html#token=<survey device token> (kept in this browser afterwards)
 */
import { LitElement, css, html } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@turnero/contract/realtime';
import { SURVEY_WINDOW_SECONDS, type SurveyPending } from '@turnero/contract/ratings';
import { createApiClient, isApiError } from '@turnero/web-client/api';
import { takeDeviceToken } from '@turnero/web-client/auth';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { RECONNECT_OPTIONS } from '@turnero/web-client/live-state';
import './messages';
import './rating-form';

/** How long the thanks stays before the tablet waits for the next customer. */
const THANKS_MS = 5_000;

type Screen = 'loading' | 'idle' | 'ask' | 'noToken' | 'badToken';

@customElement('turnero-survey-page')
export class TurneroSurveyPage extends LitElement {
  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 100vh;
      box-sizing: border-box;
      padding: 16px;
      background: #0a1224;
      color: #fff;
      font-family: system-ui, 'DejaVu Sans', Arial, sans-serif;
      font-size: 20px;
      text-align: center;
      --rating-face-size: 96px;
    }
    header {
      display: flex;
      justify-content: space-between;
      align-items: center;
      color: #d5ddef;
    }
    header button {
      font: inherit;
      min-height: 44px;
      min-width: 44px;
      background: transparent;
      color: #fff;
      border: 2px solid #d5ddef;
      border-radius: 8px;
    }
    main {
      flex: 1;
      display: flex;
      flex-direction: column;
      justify-content: center;
    }
    h1 {
      font-size: 1.4em;
      margin: 8px 0;
    }
    .ticket {
      color: #ffd400;
      font-weight: 700;
      margin: 0;
    }
    .status {
      background: #15213d;
      border-radius: 12px;
      padding: 16px;
    }
    .offline {
      color: #ffd6d6;
    }
  `;

  private readonly token = takeDeviceToken('survey');
  private readonly api = createApiClient({ token: () => this.token });
  private readonly language = new LangController(this);
  private socket: Socket<ServerToClientEvents, ClientToServerEvents> | null = null;
  private hideTimer: ReturnType<typeof setTimeout> | undefined;

  @state() private screen: Screen = this.token ? 'loading' : 'noToken';
  @state() private pending: SurveyPending | null = null;
  @state() private online = true;

  override connectedCallback(): void {
    super.connectedCallback();
    if (!this.token) return;
    this.socket = io({ ...RECONNECT_OPTIONS, auth: { token: this.token } });
    this.socket.on('connect', () => {
      this.online = true;
      void this.refresh();
    });
    this.socket.on('disconnect', () => (this.online = false));
    this.socket.on('connect_error', (err) => {
      this.online = false;
      if (err.message === 'unauthenticated') this.screen = 'badToken';
    });
    // A ticket finished somewhere: if it was at this counter, the office now offers it.
    this.socket.on('ticket:updated', (e) => {
      if (e.ticket.status === 'done') void this.refresh();
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.socket?.disconnect();
    clearTimeout(this.hideTimer);
  }

  private async refresh(): Promise<void> {
    try {
      const pending = await this.api.get<SurveyPending>('/survey/pending');
      if (this.screen === 'ask' && pending.ticket?.id === this.pending?.ticket?.id) return;
      this.pending = pending;
      this.show(pending.ticket ? 'ask' : 'idle', SURVEY_WINDOW_SECONDS * 1000);
    } catch (e) {
      if (isApiError(e) && (e.status === 401 || e.status === 403)) this.screen = 'badToken';
      else if (isApiError(e) && e.unreachable) this.online = false;
    }
  }

  /** Shows a screen; the faces (and the thanks) give way to the waiting screen after `ms`. */
  private show(screen: Screen, ms: number): void {
    this.screen = screen;
    clearTimeout(this.hideTimer);
    if (screen === 'ask') this.hideTimer = setTimeout(() => (this.screen = 'idle'), ms);
  }

  private onRated(): void {
    clearTimeout(this.hideTimer);
    this.hideTimer = setTimeout(() => {
      this.screen = 'idle';
      this.pending = this.pending && { ...this.pending, ticket: null };
    }, THANKS_MS);
  }

  override render() {
    return html`
      <header>
        <span>${this.pending?.counterName ?? 'Turnero'}</span>
        <button @click=${() => this.language.toggle()}>${this.language.other.toUpperCase()}</button>
      </header>
      <main>${this.renderScreen()}</main>
      ${!this.online && this.screen !== 'badToken' ? html`<p class="offline" role="status">${t('survey.offline')}</p>` : ''}
    `;
  }

  private renderScreen() {
    switch (this.screen) {
      case 'noToken':
        return html`<p class="status" role="alert">${t('survey.noToken')}</p>`;
      case 'badToken':
        return html`<p class="status" role="alert">${t('survey.badToken')}</p>`;
      case 'loading':
        return html`<p class="status" role="status">${t('survey.loading')}</p>`;
      case 'idle':
        return html`<h1>${t('survey.title')}</h1><p class="status" data-testid="survey-idle">${t('survey.idle')}</p>`;
      case 'ask': {
        const ticket = this.pending!.ticket!;
        return html`
          <h1>${t('survey.title')}</h1>
          <p class="ticket" data-testid="survey-ticket">${t('survey.ticket', { code: ticket.code, service: ticket.serviceName })}</p>
          <turnero-rating-form no-memory ticket-id=${ticket.id} .api=${this.api} @turnero-rated=${this.onRated}></turnero-rating-form>
        `;
      }
    }
  }
}
