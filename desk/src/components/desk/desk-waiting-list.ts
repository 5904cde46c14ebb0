import { LitElement, css, html } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { emit } from '@turnero/web-client/emit';
import { formatDuration } from '@turnero/web-client/format';
import { localName, t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import type { ServiceDto } from '@turnero/contract/dto';
import type { WaitingRow } from '../../lib/waiting-list';
import { baseStyles } from '../shared-styles';

declare global {
  interface HTMLElementTagNameMap {
    'turnero-desk-waiting-list': DeskWaitingList;
  }
  interface GlobalEventHandlersEventMap {
    'turnero-call-ticket': CustomEvent<{ ticketId: string }>;
  }
}

/**
 * The tickets a counter may call, oldest first; rows past their target are highlighted.
 * @event turnero-call-ticket - detail {ticketId}: the agent chose this ticket (out of order).
 */
@customElement('turnero-desk-waiting-list')
export class DeskWaitingList extends LitElement {
  /** Re-renders this element's own texts on a language switch (a parent's re-render does not reach them). */
  private readonly language = new LangController(this);
  static override styles = [baseStyles, css`td:first-child { white-space: nowrap; }`];

  @property({ attribute: false }) rows: WaitingRow[] = [];
  @property({ attribute: false }) services: ServiceDto[] = [];
  /** Whether a chosen ticket may be called now (counter idle). */
  @property({ type: Boolean }) canCall = false;

  override render() {
    const names = new Map(this.services.map((s) => [s.id, localName(s)]));
    if (this.rows.length === 0) return html`<p class="muted">${t('desk.nobodyWaiting')}</p>`;
    return html`
      <table aria-label=${t('desk.waitingList', { count: this.rows.length })}>
        <thead>
          <tr>
            <th scope="col">${t('common.ticket')}</th>
            <th scope="col">${t('common.service')}</th>
            <th scope="col">${t('common.wait')}</th>
            <th scope="col"><span class="sr-only">${t('common.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          ${this.rows.map(
            (r) => html`
              <tr class=${r.overdue ? 'overdue' : ''} data-ticket=${r.ticket.code}>
                <td>
                  <strong>${r.ticket.code}</strong>
                  ${r.ticket.category === 'preferential' ? html`<span class="badge">${t('common.preferential')}</span>` : ''}
                  ${r.directedHere ? html`<span class="badge">${t('desk.directed')}</span>` : ''}
                </td>
                <td>${names.get(r.ticket.serviceId) ?? r.ticket.serviceName}</td>
                <td>
                  ${formatDuration(r.waitSeconds)}
                  ${r.overdue ? html`<span class="badge overdue">${t('desk.overdue')}</span>` : ''}
                </td>
                <td>
                  <button
                    type="button"
                    ?disabled=${!this.canCall}
                    aria-label=${t('action.callTicket', { code: r.ticket.code })}
                    @click=${() => this._call(r.ticket.id)}
                  >
                    ${t('action.call')}
                  </button>
                </td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }

  private _call(ticketId: string) {
    emit(this, 'turnero-call-ticket', { ticketId });
  }
}
