/**
 * <portal-booking>: the page the confirmation message links to (#/booking/<code>): the
 * booking's code, QR, place and time; cancel it (asked twice) or move it to another free slot.
 */
import { html, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { PublicBooking, PublicOffice } from '@turnero/contract/portal';
import { t } from '@turnero/web-client/i18n';
import { DEFAULT_TIME_ZONE } from '../lib/days';
import { errorText } from '../lib/errors';
import { cancelBooking, fetchBooking, fetchOffice, moveBooking } from '../lib/portal-api';
import { PortalView } from './portal-view';
import './portal-booking-card';
import './portal-slot-picker';

type Mode = 'view' | 'confirmCancel' | 'move';

@customElement('portal-booking')
export class PortalBooking extends PortalView {
  @property() code = '';
  @state() private booking: PublicBooking | null | undefined = undefined;
  @state() private office: PublicOffice | null = null;
  @state() private mode: Mode = 'view';
  @state() private moveTo: string | null = null;
  @state() private busy = false;
  @state() private error = '';
  @state() private notice = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.booking = await fetchBooking(this.code);
      this.office = await fetchOffice(this.booking.officeCode).catch(() => null);
    } catch (e) {
      this.booking = null;
      this.error = errorText(e);
    }
  }

  private get timeZone(): string {
    return this.office?.timeZone ?? DEFAULT_TIME_ZONE;
  }

  private async act(action: () => Promise<PublicBooking>, noticeKey: string): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.error = '';
    try {
      this.booking = await action();
      this.mode = 'view';
      this.notice = t(noticeKey);
    } catch (e) {
      this.error = errorText(e);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const heading = html`<h1 tabindex="-1">${t('booking.title')}</h1>`;
    if (this.booking === undefined) return html`${heading}<p role="status">${t('app.loading')}</p>`;
    if (this.booking === null) return html`${heading}<p class="alert" role="alert">${this.error}</p>`;
    const b = this.booking;
    return html`
      ${heading}
      <p role="status" class=${this.notice ? 'ok' : 'visually-hidden'} data-testid="notice">${this.notice}</p>
      <p data-testid="status" data-status=${b.status}>${t(`booking.status.${b.status}`)}</p>
      ${b.status === 'cancelled'
        ? nothing
        : html`<portal-booking-card
            .code=${b.code}
            .qr=${b.qr}
            .start=${b.start}
            .officeName=${b.officeName}
            .serviceName=${b.serviceName}
            .timeZone=${this.timeZone}
          ></portal-booking-card>`}
      ${this.error ? html`<p class="alert" role="alert" data-testid="error">${this.error}</p>` : nothing}
      ${b.status === 'booked' ? this.renderActions(b) : nothing}
    `;
  }

  private renderActions(b: PublicBooking) {
    switch (this.mode) {
      case 'view':
        return html`<div class="actions">
          <button class="secondary" data-testid="move" @click=${() => ((this.mode = 'move'), (this.moveTo = null))}>${t('booking.move')}</button>
          <button class="danger" data-testid="cancel" @click=${() => (this.mode = 'confirmCancel')}>${t('booking.cancel')}</button>
        </div>`;
      case 'confirmCancel':
        return html`<div class="card" role="group" aria-labelledby="cancel-q">
          <p id="cancel-q">${t('booking.cancelQuestion')}</p>
          <div class="actions">
            <button class="danger" data-testid="confirm-cancel" ?disabled=${this.busy} @click=${() => void this.act(() => cancelBooking(b.code), 'booking.cancelled')}>
              ${t('booking.cancelYes')}
            </button>
            <button class="secondary" @click=${() => (this.mode = 'view')}>${t('booking.keep')}</button>
          </div>
        </div>`;
      case 'move':
        return html`<div class="card">
          <h2>${t('booking.moveTitle')}</h2>
          <portal-slot-picker
            .officeCode=${b.officeCode}
            .serviceCode=${b.serviceCode}
            .timeZone=${this.timeZone}
            @portal-slot-change=${(e: CustomEvent<string | null>) => (this.moveTo = e.detail)}
          ></portal-slot-picker>
          <div class="actions">
            <button data-testid="confirm-move" ?disabled=${this.busy || !this.moveTo} @click=${() => this.moveTo && void this.act(() => moveBooking(b.code, this.moveTo!), 'booking.moved')}>
              ${t('booking.moveYes')}
            </button>
            <button class="secondary" @click=${() => (this.mode = 'view')}>${t('app.back')}</button>
          </div>
        </div>`;
    }
  }
}
