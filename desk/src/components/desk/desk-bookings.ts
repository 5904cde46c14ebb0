import { LitElement, css, html } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { OfficeBooking, OfficeBookingsResponse } from '@turnero/contract/portal';
import { formatTime } from '@turnero/web-client/format';
import { t } from '@turnero/web-client/i18n';
import { LangController } from '@turnero/web-client/lang-controller';
import { RefreshController } from '../../lib/refresh-controller';
import { api } from '../../lib/staff-session';
import { baseStyles } from '../shared-styles';
import { bookingStatusKey } from './desk-bookings-status';

declare global {
  interface HTMLElementTagNameMap {
    'turnero-desk-bookings': DeskBookings;
  }
}

/** Re-read this often: check-ins and no-shows change the list without a realtime fact of their own. */
const REFRESH_MS = 60_000;
/** A busy queue moves every few seconds: the list is read again at most this often for it. */
const QUEUE_REFRESH_MS = 5_000;

/**
 * "Citas de hoy": today's bookings at this office (GET /api/v1/bookings), in slot order:
 * time, service, booking code, status and the ticket a checked-in booking became. No
 * names or contacts: the office never holds them.
 */
@customElement('turnero-desk-bookings')
export class DeskBookings extends LitElement {
  /** Re-renders this element's own texts on a language switch (a parent's re-render does not reach them). */
  private readonly language = new LangController(this);
  static override styles = [baseStyles, css`td:first-child, td:nth-child(3) { white-space: nowrap; }`];

  /** The office's time zone: slot times are shown in office-local time. */
  @property() timeZone = 'America/Bogota';
  /** Changes when the queue moves (the snapshot's seq): the list is read again. */
  @property({ type: Number }) seq = 0;

  @state() private _bookings: OfficeBooking[] | null = null;
  @state() private _failed = false;
  private readonly _refresh = new RefreshController(this, () => this._load(), { everyMs: REFRESH_MS, queueMs: QUEUE_REFRESH_MS });

  override updated(): void {
    this._refresh.queueMoved(this.seq);
  }

  private async _load(): Promise<void> {
    try {
      const answer = await api.get<OfficeBookingsResponse>('/bookings');
      this._bookings = answer.bookings;
      this._failed = false;
    } catch {
      this._failed = true;
    }
  }

  override render() {
    if (this._failed && !this._bookings) return html`<p class="offline" role="status">${t('bookings.loadFailed')}</p>`;
    if (!this._bookings) return html`<p class="muted">${t('common.loading')}</p>`;
    if (this._bookings.length === 0) return html`<p class="muted">${t('bookings.none')}</p>`;
    return html`
      <table aria-label=${t('bookings.title')}>
        <thead>
          <tr>
            <th scope="col">${t('bookings.time')}</th>
            <th scope="col">${t('common.service')}</th>
            <th scope="col">${t('bookings.code')}</th>
            <th scope="col">${t('bookings.status')}</th>
          </tr>
        </thead>
        <tbody>
          ${this._bookings.map(
            (b) => html`
              <tr data-booking=${b.code} class=${b.late ? 'overdue' : ''}>
                <td>${formatTime(b.start, this.timeZone)}</td>
                <td>${b.serviceName}</td>
                <td><strong>${b.code}</strong>${b.ticketCode ? html` · ${b.ticketCode}` : ''}</td>
                <td><span class="badge">${t(bookingStatusKey(b))}</span></td>
              </tr>
            `,
          )}
        </tbody>
      </table>
    `;
  }
}
