/**
 * <portal-ticket>: a remote ticket's live page (#/ticket/<publicId>): its code, how many
 * are ahead, the estimated wait, and where to go once called; updated over head office's
 * /portal socket. The changing lines sit in a polite live region, so a screen reader
 * says "2 personas antes de usted" as the queue moves, without the customer touching the phone.
 */
import { css, html, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { RemoteTicketView } from '@turnero/contract/portal';
import { t } from '@turnero/web-client/i18n';
import { TicketWatch } from '../lib/ticket-watch';
import { waitMinutesText } from '../lib/wording';
import { PortalView } from './portal-view';

@customElement('portal-ticket')
export class PortalTicket extends PortalView {
  static override styles = [
    ...PortalView.styles,
    css`
      .code {
        font-size: 3rem;
        font-weight: 800;
        text-align: center;
        margin: 0.25rem 0;
      }
      dl {
        display: grid;
        grid-template-columns: 1fr 1fr;
        gap: 0.5rem;
        text-align: center;
      }
      dt {
        font-size: 0.95rem;
        color: var(--p-muted, #4a5260);
      }
      dd {
        margin: 0;
        font-size: 1.6rem;
        font-weight: 700;
      }
      .called {
        font-size: 1.4rem;
        font-weight: 700;
      }
    `,
  ];

  @property() publicId = '';
  private readonly watch = new TicketWatch(this, () => this.publicId);

  /** The tab's title follows the place in the queue: readable on a phone's tab list without opening it. */
  protected override updated(): void {
    const ticket = this.watch.ticket;
    if (!ticket) return;
    document.title =
      ticket.status === 'waiting' ? t('ticket.tabTitle', { code: ticket.code, n: ticket.position ?? '—' }) : `${ticket.code} · ${t(`ticket.state.${ticket.status}`)}`;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.title = t('app.title');
  }

  override render() {
    const ticket = this.watch.ticket;
    const heading = html`<h1 tabindex="-1">${t('ticket.title')}</h1>`;
    if (!ticket) {
      if (this.watch.notFound) return html`${heading}<p class="alert" role="alert" data-testid="not-found">${t('ticket.notFound')}</p>`;
      if (this.watch.failed) return html`${heading}<p class="alert" role="alert">${t('error.network')}</p>`;
      return html`${heading}<p role="status">${t('app.loading')}</p>`;
    }
    return html`
      ${heading}
      <div class="card">
        <p class="code" data-testid="ticket-code">${ticket.code}</p>
        <p class="hint" style="text-align:center">${ticket.officeName} · ${ticket.serviceName}</p>
        <div aria-live="polite" aria-atomic="true" data-testid="live">
          ${this.renderState(ticket)}
        </div>
        ${ticket.needsCheckIn && ticket.status === 'waiting' ? html`<p class="hint" data-testid="needs-check-in">${t('ticket.needsCheckIn')}</p>` : nothing}
      </div>
      ${this.watch.connected ? nothing : html`<p class="hint" role="status">${t('ticket.reconnecting')}</p>`}
    `;
  }

  private renderState(ticket: RemoteTicketView) {
    switch (ticket.status) {
      case 'waiting':
        return html`<dl>
            <div><dt>${t('ticket.ahead')}</dt><dd data-testid="position">${ticket.position ?? '—'}</dd></div>
            <div><dt>${t('ticket.wait')}</dt><dd data-testid="estimated-wait">${waitMinutesText(ticket.estimatedWaitMinutes)}</dd></div>
          </dl>
          ${ticket.position === 0 ? html`<p class="ok">${t('ticket.next')}</p>` : nothing}`;
      case 'called':
        return html`<p class="ok called" data-testid="called">${t('ticket.called', { counter: ticket.counterName ?? '' })}</p>`;
      case 'serving':
        return html`<p class="ok" data-testid="serving">${t('ticket.serving', { counter: ticket.counterName ?? '' })}</p>`;
      default:
        return html`<p data-testid="ended">${t(`ticket.${ticket.status}`)}</p>`;
    }
  }
}
