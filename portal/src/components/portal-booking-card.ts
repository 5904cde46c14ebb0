/**
 * <portal-booking-card>: a booking as the customer keeps it: the code to type at the
 * kiosk, the QR to show it (head office's signed token, so an office offline can still
 * check the booking in), where and when.
 */
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { css } from 'lit';
import { formatDate, formatTime } from '@turnero/web-client/format';
import { t } from '@turnero/web-client/i18n';
import { qrImageUrl } from '../lib/qr-image';
import { PortalView } from './portal-view';

@customElement('portal-booking-card')
export class PortalBookingCard extends PortalView {
  static override styles = [
    ...PortalView.styles,
    css`
      .code {
        font-size: 2rem;
        font-weight: 800;
        letter-spacing: 0.08em;
        margin: 0.25rem 0;
      }
      img {
        display: block;
        width: min(70vw, 260px);
        height: auto;
        margin: 0.5rem auto;
        image-rendering: pixelated;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 0.25rem 0.75rem;
      }
      dt {
        font-weight: 600;
      }
      dd {
        margin: 0;
      }
    `,
  ];

  @property() code = '';
  @property() qr = '';
  @property() start = '';
  @property() officeName = '';
  @property() serviceName = '';
  @property() timeZone = 'America/Bogota';
  @state() private qrUrl = '';

  protected override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('qr') && this.qr) void qrImageUrl(this.qr).then((url) => (this.qrUrl = url));
  }

  override render() {
    return html`<div class="card">
      <p>${t('booking.codeLabel')}</p>
      <p class="code" data-testid="booking-code">${this.code}</p>
      ${this.qrUrl ? html`<img data-testid="booking-qr" src=${this.qrUrl} alt=${t('booking.qrAlt', { code: this.code })} width="260" height="260" />` : nothing}
      <p class="hint">${t('booking.qrHint')}</p>
      <dl>
        ${this.officeName ? html`<dt>${t('booking.office')}</dt><dd>${this.officeName}</dd>` : nothing}
        ${this.serviceName ? html`<dt>${t('booking.service')}</dt><dd>${this.serviceName}</dd>` : nothing}
        <dt>${t('booking.when')}</dt>
        <dd data-testid="booking-when">${formatDate(this.start, this.timeZone)}, ${formatTime(this.start, this.timeZone)}</dd>
      </dl>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'portal-booking-card': PortalBookingCard;
  }
}
